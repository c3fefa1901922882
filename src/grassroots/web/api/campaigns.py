"""API routes of campaigns: a brand's list, create from a brief (pool: the brand's shortlist or its
advocates), draw the arms once, status with the funnel per arm, the report (lift per outcome with its
interval, cascades), measuring now, and the campaign's compliance alerts.

The brief is the YAML brief's fields as JSON (without ``brand``: the path names it), checked by the
same validator; its first problem is a 422 whose ``errors`` names the field. Writes run on the
server's job thread, one at a time with the other jobs, and are audited.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from grassroots.errors import InvalidRecord, NotFound
from grassroots.web.api._common import NAME, Page, PageParams, known_brand, page_of, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import audited, require_scope
from grassroots.web.jobs import JobRunner
from grassroots.web.problems import Conflict

__all__ = ["router"]

router = APIRouter(tags=["campaigns"])
READ = [Depends(require_scope("read"))]
WRITE = [Depends(require_scope("write")), Depends(audited)]
#: a campaign's slug in a path (what ``grassroots campaign`` commands take)
SLUG = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class CampaignCreate(BaseModel):
    """A campaign brief: the fields of the brief YAML file (``docs/campaigns.md``), without ``brand``."""

    brief: dict[str, Any] = Field(
        description="name, goal, shop, products [{handle, name, unit_cost, variants}], budget, starts, ends, "
        "analysis_date, disclosure, ask {text, posts, minutes, platforms}, offer {type, value, usage_limit, "
        "reward_points}, design {arms, holdout, seed, strata}, limits, audience",
        json_schema_extra={"examples": [{"name": "Spring sampling", "shop": "acme.example", "budget": 500}]},
    )
    pool: Literal["shortlist", "advocates"] = Field(
        "shortlist",
        description="the eligible pool: the brand's shortlist (saved now) or its advocates at assignment",
    )


def _runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


@router.get("/brands/{brand}/campaigns", dependencies=READ)
def list_campaigns(request: Request, brand: NAME, page: Annotated[PageParams, Depends()]) -> Page:
    """The brand's campaigns, newest first: name, window, state, participants, people per arm."""
    found = get_workspace(request).campaign_list(str(known_brand(request, brand)))
    return page_of([c.to_dict() for c in found], page)


@router.post("/brands/{brand}/campaigns", status_code=201, dependencies=WRITE)
def create_campaign(request: Request, brand: NAME, body: CampaignCreate) -> Response:
    """Create a campaign from a brief, checked exactly as a brief file (422 naming the field); 201 with
    its status resource (also in `Location`) and any fair-ask `warnings`."""
    ws = get_workspace(request)
    name = str(known_brand(request, brand))
    try:
        made = _runner(request).call(
            lambda: ws.campaign_create_from(name, body.brief, pool=body.pool, source="body.brief")
        )
    except InvalidRecord as exc:  # the brief's problem, as FastAPI reports a body field's
        where = ("body", "brief", *(exc.field.split(".") if exc.field else ()))
        raise RequestValidationError([{"loc": where, "msg": exc.problem, "type": "value_error"}]) from None
    status = {**ws.campaign_view(made.campaign).to_dict(), "warnings": list(made.warnings)}
    location = f"/api/v1/campaigns/{made.campaign}"
    return JSONResponse(plain(status), status_code=201, headers={"Location": location})


@router.post("/campaigns/{campaign}/assignment", dependencies=WRITE)
def assign(request: Request, campaign: SLUG) -> dict[str, Any]:
    """Draw the arms from the pool saved at creation (else the brand's advocates), as the brief's
    `design` says (arms, holdout share, seed, strata): randomised, stratified, reproducible from the
    seed, stored with the time; 409 when already drawn (an assignment is never changed)."""
    ws = get_workspace(request)
    view = ws.campaign_view(campaign)
    if view.summary.assigned_at is not None:
        raise Conflict(f"campaign={campaign!r}: assigned at {view.summary.assigned_at}; never changed")
    done = _runner(request).call(lambda: ws.campaign_assign_saved(campaign))
    found: dict[str, Any] = plain(done.to_dict())
    return found


@router.get("/campaigns/{campaign}", dependencies=READ)
def get_campaign(request: Request, campaign: SLUG) -> dict[str, Any]:
    """Status and the funnel: state, window, assignment (time, design, seed), people per arm who
    reached each state (invited, accepted, declined, shipped, delivered, posted, redeemed), codes."""
    found: dict[str, Any] = plain(get_workspace(request).campaign_view(campaign).to_dict())
    return found


@router.get("/campaigns/{campaign}/report", dependencies=READ)
def get_report(request: Request, campaign: SLUG) -> dict[str, Any]:
    """The newest stored report: lift per arm and outcome with its interval (`lift`, and flattened in
    `lift_rows` with what each outcome is), funnel, compliance, `cascades` when measured; 404 before
    the first measurement (`POST /campaigns/{campaign}/report`)."""
    view = get_workspace(request).campaign_view(campaign)
    if view.report is None:
        raise NotFound(f"campaign={campaign!r}: not measured yet; POST /api/v1/campaigns/{campaign}/report")
    found: dict[str, Any] = plain({**view.report, "lift_rows": view.lift})
    return found


@router.post("/campaigns/{campaign}/report", dependencies=WRITE)
def measure(request: Request, campaign: SLUG) -> dict[str, Any]:
    """Measure now (as `grassroots campaign report`): rewrites the report, raises compliance alerts."""
    ws = get_workspace(request)
    ws.campaign_view(campaign)  # 404 before any work
    _runner(request).call(lambda: ws.campaign_measure(campaign))
    view = ws.campaign_view(campaign)
    found: dict[str, Any] = plain({**(view.report or {}), "lift_rows": view.lift})
    return found


@router.get("/campaigns/{campaign}/alerts", dependencies=READ)
def campaign_alerts(request: Request, campaign: SLUG, page: Annotated[PageParams, Depends()]) -> Page:
    """The campaign's compliance alerts: the post, the rule, the suggested fix, status, newest first."""
    view = get_workspace(request).campaign_view(campaign)
    return page_of([a.to_dict() for a in view.alerts], page)
