"""API routes of matching: saved matches (read), and brief / search / roster runs as jobs (write).

A run answers **202** with the job's status resource (``/api/v1/jobs/{id}``, as ``POST /jobs``); its
``result`` is what the screens show (the ranking with explanations, people and posts found, the roster
against its baselines), and the result is saved in the lake like the CLI's. A brief is the brief YAML's
object as JSON; an invalid one is a 422 whose ``errors`` name each field as the YAML validator does.
"""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from grassroots.web.api._common import NAME, Page, PageParams, page_of, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import audited, require_scope
from grassroots.web.problems import problem_response

__all__ = ["router"]

router = APIRouter(tags=["match"])
Read = [Depends(require_scope("read"))]
Write = [Depends(require_scope("write")), Depends(audited)]


@router.get("/matches", dependencies=Read)
def matches(request: Request, page: Annotated[PageParams, Depends()]) -> Page:
    """Saved matches: brief rankings and like / search / overlap / roster results, with how many people
    each holds as a campaign pool."""
    return page_of(get_workspace(request).saved_matches(), page)


@router.get("/matches/{match_id}", dependencies=Read)
def saved_match(request: Request, match_id: NAME) -> dict[str, Any]:
    """One saved result as stored (`kind`, `rows`: a ranking's explanations, people and posts found,
    overlapping pairs, roster members by strategy)."""
    found: dict[str, Any] = plain(get_workspace(request).saved_match(match_id))
    return found


@router.get("/matches/{match_id}/pool", dependencies=Read)
def pool(request: Request, match_id: NAME, page: Annotated[PageParams, Depends()]) -> Page:
    """A saved match's people in rank order (`person_id` first): a campaign pool."""
    return page_of(get_workspace(request).match_pool(match_id), page)


class BriefRun(BaseModel):
    """Rank people for ``brief`` (the brief YAML's fields as JSON; docs/match.md)."""

    brief: dict[str, Any]
    limit: int = Field(20, ge=1, le=500)
    why: str | None = Field(None, min_length=1, max_length=200)


class SearchRun(BaseModel):
    """People and posts whose text means the most like ``text`` (English)."""

    text: str = Field(min_length=1, max_length=500, pattern=r"\S")
    limit: int = Field(10, ge=1, le=100)


class RosterRun(BaseModel):
    """K of the brief's best candidates for the most distinct engaged followers (within ``budget``
    given ``costs``: account id or handle -> cost), beside top-K by fit and by followers."""

    brief: dict[str, Any]
    k: int = Field(5, ge=1, le=100)
    budget: float | None = Field(None, gt=0, le=1e12)
    costs: dict[str, Annotated[float, Field(gt=0, le=1e12)]] | None = None


def _parsed(request: Request, data: dict[str, Any]) -> Any:
    """The parsed brief, or a 422 problem naming each bad field."""
    from grassroots.match import brief_errors, parse_brief

    errors = brief_errors(data, source="request body")
    if errors:
        detail = "; ".join(f"{k}: {v}" for k, v in errors.items())
        fields = [{"loc": ["body", "brief", *k.split(".")], "msg": v} for k, v in errors.items()]
        return problem_response(request, 422, detail, errors=fields)
    return parse_brief(yaml.safe_dump(data, sort_keys=False), source="request body", name="api-brief")


def _accepted(request: Request, kind: str, params: dict[str, Any], work: Any) -> JSONResponse:
    ws = get_workspace(request)
    job = request.app.state.jobs.submit(kind, params, ws.actor, lambda: plain(work()))
    location = f"/api/v1/jobs/{job.id}"
    return JSONResponse(plain(job.to_dict()), status_code=202, headers={"Location": location})


@router.post("/matches/brief", status_code=202, dependencies=Write)
def run_brief(request: Request, body: BriefRun) -> Response:
    """Rank people for a brief as a job (202; poll `/api/v1/jobs/{id}`); saved as the brief's name."""
    brief = _parsed(request, body.brief)
    if isinstance(brief, Response):
        return brief
    ws = get_workspace(request)

    def work() -> dict[str, Any]:
        done = ws.match_brief(brief, limit=body.limit, why=body.why)
        return {"match_id": done.match_id, "matches": [m.to_json() for m in done.run.matches],
                "why": done.run.why, "considered": done.run.considered, "excluded": done.run.excluded,
                "not_english": done.run.not_english}  # fmt: skip

    return _accepted(request, "match_brief", {"limit": body.limit}, work)


@router.post("/matches/search", status_code=202, dependencies=Write)
def run_search(request: Request, body: SearchRun) -> Response:
    """Search people and posts as a job (202); saved as `search-` and a hash of the text."""
    ws = get_workspace(request)

    def work() -> dict[str, Any]:
        found = ws.match_search(body.text, limit=body.limit)
        return {"result_id": found.result_id, "people": [p.to_json() for p in found.people],
                "posts": [p.to_json() for p in found.posts]}  # fmt: skip

    return _accepted(request, "match_search", {"limit": body.limit}, work)


@router.post("/matches/roster", status_code=202, dependencies=Write)
def run_roster(request: Request, body: RosterRun) -> Response:
    """Build a roster as a job (202); saved as `roster-BRIEF-kK`. Budget and costs go together."""
    if (body.budget is None) != (body.costs is None):
        return problem_response(request, 422, "budget and costs go together: give both or neither")
    brief = _parsed(request, body.brief)
    if isinstance(brief, Response):
        return brief
    ws = get_workspace(request)
    costs = {k.removeprefix("@"): v for k, v in (body.costs or {}).items()} if body.costs else None

    def work() -> dict[str, Any]:
        done = ws.match_roster(brief, k=body.k, budget=body.budget, costs=costs)
        return {"result_id": done.result_id, "basis": done.basis, "choices": plain(done.choices)}

    return _accepted(request, "match_roster", {"k": body.k, "budget": body.budget}, work)
