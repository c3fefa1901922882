"""API routes over stored results: people, creator reports, seed plans, network profiles, runs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from grassroots.web.api._common import NAME, Page, PageParams, known_brand, page_of, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import require_scope

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require_scope("read"))])
Filter = Annotated[str | None, Query(min_length=1, max_length=200)]


@router.get("/people/{person}", tags=["people"])
def person(request: Request, person: NAME, brand: Filter = None) -> dict[str, Any]:
    """One account (by id): profile, fake-follower score and reasons, creator report, disclosures, network
    position (community, PageRank, k-core), posts about the brand, alerts."""
    found: dict[str, Any] = plain(get_workspace(request).person(person, brand=known_brand(request, brand)))
    return found


@router.get("/trust/reports", tags=["trust"])
def trust_reports(
    request: Request, page: Annotated[PageParams, Depends()], brand: Filter = None, account_id: Filter = None
) -> Page:
    """Stored creator reports: audience quality with its parts, disclosures, pods, brand safety."""
    return page_of(
        get_workspace(request).trust_reports(brand=known_brand(request, brand), account_id=account_id), page
    )


@router.get("/seed-plans", tags=["network"])
def seed_plans(request: Request, page: Annotated[PageParams, Depends()]) -> Page:
    """Stored seed plans: size, model, expected spread with its 95% interval, the seeds in order."""
    return page_of(get_workspace(request).seed_plans(), page)


@router.get("/network/profiles", tags=["network"])
def network_profiles(request: Request, page: Annotated[PageParams, Depends()]) -> Page:
    """Stored graph profiles: communities, modularity, reciprocity, clustering, k-core, top PageRank."""
    return page_of(get_workspace(request).network_profiles(), page)


@router.get("/runs", tags=["runs"])
def runs(
    request: Request,
    page: Annotated[PageParams, Depends()],
    step: Filter = None,
) -> Page:
    """Pipeline runs, newest first (the lake's `runs` table): step, status, row counts, parameters."""
    return page_of(get_workspace(request).runs(limit=10_000, step=step), page)
