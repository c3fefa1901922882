"""The alerts screen: the shared ``alerts`` table with status (open, handled, dismissed) and who
handled it; analysts set the status with a CSRF-protected form."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from grassroots.store import User
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response, is_htmx
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter()

Status = Literal["open", "handled", "dismissed"]
_HEADER = ["id", "brand", "kind", "subject", "account_id", "status", "created_at", "handled_by", "handled_at"]


@router.get("/alerts")
def alerts(
    request: Request,
    ws: WorkspaceDep,
    status: Status | None = None,
    brand: Annotated[str, Query(max_length=200)] = "",
    user: User = Viewer,
) -> Response:
    found = ws.alerts_for(brand=brand or None, status=status)
    return render(request, "screens/alerts.html", {"alerts": found, "status": status, "brand": brand or None})


@router.get("/alerts.csv")
def alerts_csv(
    ws: WorkspaceDep,
    status: Status | None = None,
    brand: Annotated[str, Query(max_length=200)] = "",
    user: User = Viewer,
) -> Response:
    found = ws.alerts_for(brand=brand or None, status=status)
    rows = [[getattr(a, h) for h in _HEADER] for a in found]
    return csv_response("alerts.csv", _HEADER, rows)


@router.post("/alerts/{alert_id}", dependencies=[Csrf])
def set_status(
    request: Request,
    alert_id: int,
    ws: WorkspaceDep,
    status: Annotated[Status, Form()],
    user: User = Analyst,
) -> Response:
    """Record the decision (who and when come from the session); htmx gets the new row. The user
    must be an analyst for the alert's brand."""
    from grassroots.errors import NotFound
    from grassroots.web.problems import Problem

    found = next((a for a in ws.alerts() if a.id == alert_id), None)
    if found is None:
        raise NotFound(f"alert {alert_id}: no such alert")
    if found.brand and not user.allows("analyst", ws.brand(found.brand).slug):
        raise Problem(403, f"{user.name} is not analyst for brand {found.brand!r}")
    alert = ws.set_alert(alert_id, status=status)
    if is_htmx(request):
        return render(request, "screens/_alert_row.html", {"a": alert})
    return RedirectResponse("/alerts", status_code=303)
