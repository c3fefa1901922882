"""GDPR per-person rights as API calls (admin scope): access (art. 15) and erasure (art. 17)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from grassroots.web.api._common import NAME, plain
from grassroots.web.app import get_workspace
from grassroots.web.auth import audited, require_scope
from grassroots.web.jobs import JobRunner

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require_scope("admin"))], tags=["privacy"])


@router.get("/people/{person}/export")
def export_person(request: Request, person: NAME) -> dict[str, Any]:
    """Everything held about a person (handle, account id, customer id or e-mail): their lake rows
    by table and store rows (customers, orders, consent, alerts). Audited under the person's HMAC."""
    found: dict[str, Any] = plain(get_workspace(request).export_person(person))
    return found


@router.delete("/people/{person}", dependencies=[Depends(audited)])
def erase_person(request: Request, person: NAME) -> dict[str, Any]:
    """Erase a person from lake, store and files (as `grassroots erase`); the report names them only
    by an HMAC. Audited."""
    workspace = get_workspace(request)
    runner: JobRunner = request.app.state.jobs
    found: dict[str, Any] = plain(runner.call(lambda: workspace.erase(person)).to_dict())
    return found
