"""One person: audience quality with its parts, fake-follower score and reasons, disclosures, pods,
brand-safety flags, network position (community, PageRank, k-core) and posts about the brand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from grassroots.store import User
from grassroots.web.pages._common import Viewer, WorkspaceDep, csv_response
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter()

Brand = Annotated[str, Query(max_length=200)]


@router.get("/people/{account_id}")
def person(
    request: Request, account_id: str, ws: WorkspaceDep, brand: Brand = "", user: User = Viewer
) -> Response:
    view = ws.person(account_id, brand=brand or None)
    return render(request, "screens/person.html", {"p": view, "brand": brand or None})


@router.get("/people/{account_id}/posts.csv")
def person_posts_csv(account_id: str, ws: WorkspaceDep, brand: Brand = "", user: User = Viewer) -> Response:
    view = ws.person(account_id, brand=brand or None)
    header = [
        "brand",
        "subject",
        "platform",
        "post_id",
        "created_at",
        "label",
        "score",
        "disclosure",
        "commercial",
    ]
    rows = [[m.get(h) for h in header] for m in view.brand_posts]
    return csv_response(f"{account_id}-posts.csv", header, rows)
