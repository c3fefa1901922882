"""The network screen: communities and the stored graph profile, the newest seed plan, and a form
that plans seeds (targeted at a community, budgeted by follower cost) against the celebrity and
PageRank baselines. Planning runs as a background job of the server's job runner; the page polls it."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from grassroots.store import User
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response
from grassroots.web.templating import render
from grassroots.workspace.views import SeedCost

__all__ = ["router"]

router = APIRouter()


@router.get("/network")
def network(request: Request, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.network_overview()
    return render(request, "screens/network.html", {"view": view, "can_edit": user.allows("analyst")})


@router.get("/network/seeds.csv")
def seeds_csv(ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The newest stored seed plan, one seed a row in choice order."""
    view = ws.network_overview()
    plan = view.plan or {}
    rows = [
        [rank, seed, plan.get("plan_id"), plan.get("expected_spread")]
        for rank, seed in enumerate(view.plan_seeds, 1)
    ]
    return csv_response("seed-plan.csv", ["rank", "account_id", "plan_id", "expected_spread"], rows)


@router.post("/network/plan", dependencies=[Csrf])
def plan(
    request: Request,
    ws: WorkspaceDep,
    k: Annotated[int, Form(ge=1, le=500)] = 10,
    budget: Annotated[str, Form(max_length=20)] = "",
    cost: Annotated[SeedCost, Form()] = "uniform",
    community: Annotated[str, Form(max_length=6)] = "",
    user: User = Analyst,
) -> Response:
    """Start planning as a job; answers with the job's status fragment (which polls itself)."""
    from grassroots.errors import InvalidInput

    try:
        limit = float(budget) if budget.strip() else None
        target = int(community) if community.strip() else None
    except ValueError as exc:
        raise InvalidInput(f"budget={budget!r}, community={community!r}: expected numbers") from exc
    params: dict[str, Any] = {"k": k, "budget": limit, "cost": cost, "community": target}

    def work() -> dict[str, Any]:
        return asdict(ws.plan_seeds(k=k, budget=limit, cost=cost, community=target))

    job = request.app.state.jobs.submit("seed_plan", params, ws.actor, work)
    return render(request, "screens/_plan_job.html", {"job": job}, status_code=202)


@router.get("/network/jobs/{job_id}")
def plan_job(request: Request, job_id: str, user: User = Viewer) -> Response:
    """The job's state; when it has succeeded, the plan against its baselines."""
    job = request.app.state.jobs.get(job_id)
    return render(request, "screens/_plan_job.html", {"job": job})


@router.get("/network/jobs/{job_id}/seeds.csv")
def plan_job_csv(request: Request, job_id: str, user: User = Viewer) -> Response:
    job = request.app.state.jobs.get(job_id)
    result = job.result or {}
    header = ["method", "rank", "account_id", "cost", "spread", "low", "high"]
    rows = [
        [p["method"], rank, seed, p["cost"], p["spread"], p["low"], p["high"]]
        for p in result.get("plans", [])
        for rank, seed in enumerate(p["seeds"], 1)
    ]
    return csv_response(f"seed-plan-{job_id}.csv", header, rows)
