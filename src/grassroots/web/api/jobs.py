"""Long steps as background jobs: ``POST /jobs`` answers 202 with a status resource to poll.

Kinds: ``listen_scan`` (score every lake post about a brand and its competitors) and ``seed_plan``
(choose seeds on the follows graph against the celebrity and PageRank baselines).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from grassroots.web.api._common import Page, PageParams, page_of, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import audited, require_scope
from grassroots.web.jobs import JobRunner
from grassroots.workspace import Workspace

__all__ = ["router"]

router = APIRouter(tags=["jobs"])


class ListenScan(BaseModel):
    """Score every lake post about ``brand`` (and its competitors) toward it; raises spike alerts."""

    kind: Literal["listen_scan"]
    brand: str = Field(min_length=1, max_length=200)
    path: Literal["fast", "accurate"] = "fast"


class SeedPlan(BaseModel):
    """Choose up to ``k`` seeds (within ``budget``), simulated against the baselines."""

    kind: Literal["seed_plan"]
    k: int = Field(10, ge=1, le=500)
    budget: float | None = Field(None, gt=0, le=1e9)
    cost: Literal["uniform", "followers"] = "uniform"
    community: int | None = Field(None, ge=1, le=100_000)
    runs: int = Field(200, ge=10, le=10_000)
    exclude_fakes: bool = True
    seed: int = Field(0, ge=0, le=2**31 - 1)


class JobRequest(BaseModel):
    job: Annotated[ListenScan | SeedPlan, Field(discriminator="kind")]


def _work(workspace: Workspace, job: ListenScan | SeedPlan) -> Mapping[str, Any]:
    if isinstance(job, ListenScan):
        scan = workspace.listen_scan(job.brand, path=job.path)
        return {"brand": scan.brand, "posts": len(scan.posts), "run_id": scan.run_id, "alerts": scan.alerts}
    plan = workspace.plan_seeds(
        k=job.k,
        budget=job.budget,
        cost=job.cost,
        community=job.community,
        exclude_fakes=job.exclude_fakes,
        runs=job.runs,
        seed=job.seed,
    )
    return dict(plain(plan))


@router.post("/jobs", status_code=202, dependencies=[Depends(require_scope("write")), Depends(audited)])
def submit(request: Request, body: JobRequest) -> JSONResponse:
    """Start a job; 202 with its status resource (also in `Location`). Poll it until `succeeded` or
    `failed`."""
    workspace = get_workspace(request)
    if isinstance(body.job, ListenScan):
        body = JobRequest(
            job=body.job.model_copy(update={"brand": workspace.configured_brand(body.job.brand).name})
        )
    runner: JobRunner = request.app.state.jobs
    job = runner.submit(
        body.job.kind, body.job.model_dump(), workspace.actor, lambda: _work(workspace, body.job)
    )
    location = f"/api/v1/jobs/{job.id}"
    return JSONResponse(plain(job.to_dict()), status_code=202, headers={"Location": location})


@router.get("/jobs", dependencies=[Depends(require_scope("read"))])
def list_jobs(request: Request, page: Annotated[PageParams, Depends()]) -> Page:
    """Jobs since the server started, newest first."""
    runner: JobRunner = request.app.state.jobs
    return page_of([plain(j.to_dict()) for j in runner.list()], page)


@router.get("/jobs/{job_id}", dependencies=[Depends(require_scope("read"))])
def get_job(request: Request, job_id: Annotated[str, Path(max_length=32)]) -> dict[str, Any]:
    """A job's state (`queued`, `running`, `succeeded`, `failed`), its result or error."""
    runner: JobRunner = request.app.state.jobs
    result: dict[str, Any] = plain(runner.get(job_id).to_dict())
    return result
