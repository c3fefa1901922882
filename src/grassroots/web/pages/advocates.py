"""The advocates screen: a sortable, filterable, paginated table (htmx swaps the table only), the
explanation drawer for one row, the shortlist (analysts add and remove), CSV exports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from grassroots.store import User
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response, is_htmx
from grassroots.web.templating import render
from grassroots.workspace import Workspace
from grassroots.workspace.views import AdvocateRow, AdvocateSort

__all__ = ["router"]

router = APIRouter()

PAGE = 20
_CSV_FIELDS = [f for f in AdvocateRow.__dataclass_fields__]


def _filters(
    sort: AdvocateSort = "rank",
    desc: bool = False,
    q: Annotated[str, Query(max_length=100)] = "",
    tier: Annotated[str, Query(max_length=40)] = "",
    customers: bool = False,
    shortlisted: bool = False,
) -> dict[str, Any]:
    return {
        "sort": sort,
        "desc": desc,
        "q": q,
        "tier": tier,
        "customers": customers,
        "shortlisted": shortlisted,
    }


@router.get("/brands/{brand}/advocates")
def advocates(
    request: Request,
    brand: str,
    ws: WorkspaceDep,
    sort: AdvocateSort = "rank",
    desc: bool = False,
    q: Annotated[str, Query(max_length=100)] = "",
    tier: Annotated[str, Query(max_length=40)] = "",
    customers: bool = False,
    shortlisted: bool = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    user: User = Viewer,
) -> Response:
    """The table (the whole page, or only the table when htmx asks)."""
    filters = _filters(sort, desc, q, tier, customers, shortlisted)
    found = ws.advocate_table(
        brand, sort=sort, descending=desc, query=q, tier=tier or None, customers_only=customers,
        shortlisted_only=shortlisted, offset=(page - 1) * PAGE, limit=PAGE,
    )  # fmt: skip
    tiers = sorted({r.tier for r in ws.advocate_rows(brand)})
    context = {"brand": found.brand, "page": found, "number": page, "pages": max(1, -(-found.total // PAGE))}
    context |= {"filters": filters, "tiers": tiers, "can_edit": _can(user, brand, ws)}
    template = "screens/_advocates_table.html" if is_htmx(request) else "screens/advocates.html"
    return render(request, template, context)


def _can(user: User, brand: str, ws: Workspace) -> bool:
    return user.allows("analyst", ws.brand(brand).slug)


@router.get("/brands/{brand}/advocates.csv")
def advocates_csv(
    brand: str,
    ws: WorkspaceDep,
    sort: AdvocateSort = "rank",
    desc: bool = False,
    q: Annotated[str, Query(max_length=100)] = "",
    tier: Annotated[str, Query(max_length=40)] = "",
    customers: bool = False,
    shortlisted: bool = False,
    user: User = Viewer,
) -> Response:
    """Every row the filters keep (not just one page), in the table's order."""
    found = ws.advocate_table(
        brand, sort=sort, descending=desc, query=q, tier=tier or None, customers_only=customers,
        shortlisted_only=shortlisted, limit=500,
    )  # fmt: skip
    rows = list(found.rows)
    while len(rows) < found.total:
        more = ws.advocate_table(
            brand, sort=sort, descending=desc, query=q, tier=tier or None, customers_only=customers,
            shortlisted_only=shortlisted, offset=len(rows), limit=500,
        )  # fmt: skip
        rows += more.rows
    data = [[asdict(r)[f] for f in _CSV_FIELDS] for r in rows]
    return csv_response(f"{found.brand}-advocates.csv", _CSV_FIELDS, data)


@router.get("/brands/{brand}/advocates/{account_id}")
def explanation(
    request: Request, brand: str, account_id: str, ws: WorkspaceDep, user: User = Viewer
) -> Response:
    """Why this account ranks where it does (the drawer; a whole page without htmx)."""
    detail = ws.advocate_detail(brand, account_id)
    context = {"brand": ws.brand(brand).name, "d": detail, "can_edit": _can(user, brand, ws)}
    template = "screens/_explanation.html" if is_htmx(request) else "screens/explanation.html"
    return render(request, template, context)


@router.post("/brands/{brand}/shortlist", dependencies=[Csrf])
def shortlist_set(
    request: Request,
    brand: str,
    ws: WorkspaceDep,
    account_id: Annotated[str, Form(max_length=200)],
    platform: Annotated[str, Form(max_length=50)],
    action: Annotated[Literal["add", "remove"], Form()],
    user: User = Analyst,
) -> Response:
    """Put an advocate on the shortlist or take them off; answers with the new button."""
    ws.shortlist_set(brand, account_id, platform=platform, listed=action == "add")
    listed = action == "add"
    context = {
        "brand": ws.brand(brand).name,
        "account_id": account_id,
        "platform": platform,
        "listed": listed,
    }
    if is_htmx(request):
        return render(request, "screens/_shortlist_button.html", context | {"can_edit": True})
    return Response(status_code=303, headers={"Location": f"/brands/{brand}/advocates?shortlisted=true"})


@router.get("/brands/{brand}/shortlist.csv")
def shortlist_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    entries = ws.shortlist(brand)
    rows = [[e.brand, e.platform, e.account_id, e.added_by] for e in entries]
    return csv_response(
        f"{ws.brand(brand).name}-shortlist.csv", ["brand", "platform", "account_id", "added_by"], rows
    )
