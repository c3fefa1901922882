"""API routes about one brand: what is said (overview, scanned mentions) and who says it (advocates)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from grassroots.web.api._common import NAME, Page, PageParams, known_brand, page_of, page_slice, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import require_scope

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require_scope("read"))], tags=["listen"])
Sort = Literal["rank", "score", "handle", "followers", "organic_positive", "engagement", "quality"]


@router.get("/brands/{brand}/overview")
def overview(request: Request, brand: NAME, themes: Annotated[int, Query(ge=0, le=50)] = 8) -> dict[str, Any]:
    """Mentions, net sentiment, paid vs organic per ISO week for the brand and its competitors, share of
    voice, themes per sentiment and open alerts (after `listen scan`)."""
    found = get_workspace(request).overview(str(known_brand(request, brand)), themes=themes)
    weeks = [{**plain(w), "organic": w.organic, "net_sentiment": w.net_sentiment} for w in found.weeks]
    return {**plain(found), "weeks": weeks, "share_of_voice": found.share_of_voice()}


@router.get("/brands/{brand}/mentions")
def mentions(
    request: Request,
    brand: NAME,
    page: Annotated[PageParams, Depends()],
    subject: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> Page:
    """The stored scan of posts about the brand (or the competitor ``subject``), newest first: label,
    sentiment, paid or organic, week."""
    rows = get_workspace(request).scanned_mentions(str(known_brand(request, brand)), subject=subject)
    return page_of(rows, page)


@router.get("/brands/{brand}/advocates")
def advocates(
    request: Request,
    brand: NAME,
    page: Annotated[PageParams, Depends()],
    sort: Sort = "rank",
    descending: bool = False,
    q: Annotated[str, Query(max_length=200, description="Handle or id contains this.")] = "",
    tier: Annotated[str | None, Query(max_length=40)] = None,
    customers_only: bool = False,
) -> Page:
    """The brand's ranked advocates (after `advocates`), sorted and filtered, with their scores."""
    found = get_workspace(request).advocate_table(
        str(known_brand(request, brand)),
        sort=sort,
        descending=descending,
        query=q,
        tier=tier,
        customers_only=customers_only,
        offset=page.offset,
        limit=page.limit,
    )
    return page_slice(plain(found.rows), page, found.total)


@router.get("/brands/{brand}/advocates/{account_id}")
def advocate(request: Request, brand: NAME, account_id: NAME) -> dict[str, Any]:
    """Why an advocate ranks where it does: posts with evidence, engagement, audience quality, fake
    probability, customer link."""
    result: dict[str, Any] = plain(
        get_workspace(request).advocate_detail(str(known_brand(request, brand)), account_id)
    )
    return result
