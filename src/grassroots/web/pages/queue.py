"""The assistant's hand-over queue screen: the questions it could not answer, oldest due first, each
with its SLA timer (due ``GRASSROOTS_ASSISTANT_SLA_HOURS`` after it was asked); analysts of the brand
assign an item to a user of the brand and answer it (the answer reaches the chat it came from),
viewers read. Forms carry the session's CSRF token; every change is audited by the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from grassroots.store import QueueItem, User
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response, is_htmx
from grassroots.web.templating import render
from grassroots.workspace import Workspace

__all__ = ["Timer", "router", "sla_timer"]

router = APIRouter()

Status = Literal["open", "assigned", "answered"]
_HEADER = ["id", "status", "question", "created_at", "due_at", "sla", "assigned_to", "answer", "answered_at"]


@dataclass(frozen=True)
class Timer:
    """An item's SLA timer as shown: ``state`` (answered, ok, soon, overdue), its text, the due time."""

    state: str
    text: str
    due: str  # ISO time in UTC with ``Z``: what ``assistant.js`` counts down to


def _span(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def sla_timer(item: QueueItem, *, now: datetime | None = None) -> Timer:
    """Time left before ``item`` is due, or how long it is overdue (stored times are naive UTC).

    >>> from datetime import timedelta
    >>> t0 = datetime(2026, 12, 2, 12, 0)
    >>> item = QueueItem(1, "s", "q", "open", None, None, t0, t0 + timedelta(hours=24), None, None)
    >>> sla_timer(item, now=t0 + timedelta(hours=1)).text
    '23 h 00 min left'
    >>> sla_timer(item, now=t0 + timedelta(hours=25, minutes=5)).text
    'overdue by 1 h 05 min'
    """
    current = now or datetime.now(UTC).replace(tzinfo=None)
    due = item.due_at.isoformat(timespec="seconds") + "Z"
    if item.status == "answered":
        late = item.answered_at is not None and item.answered_at > item.due_at
        return Timer("answered", "answered late" if late else "answered in time", due)
    left = (item.due_at - current).total_seconds()
    if left < 0:
        return Timer("overdue", f"overdue by {_span(left)}", due)
    return Timer("soon" if left < 3600 else "ok", f"{_span(left)} left", due)


def _context(ws: Workspace, brand: str, user: User, items: list[QueueItem]) -> dict[str, object]:
    found = ws.configured_brand(brand)
    can_edit = user.allows("analyst", found.slug)
    return {
        "brand": found.name,
        "items": [(i, sla_timer(i)) for i in items],
        "can_edit": can_edit,
        "staff": ws.assistant_staff(found.name) if can_edit else [],
        "sla_hours": ws.settings.assistant_sla_hours,
        "active": "assistant",
    }


@router.get("/brands/{brand}/assistant/queue")
def queue(
    request: Request, brand: str, ws: WorkspaceDep, status: Status | None = None, user: User = Viewer
) -> Response:
    """The queue (one status, or every item), oldest due first."""
    items = ws.assistant_queue(status=status, brand=brand)
    context = _context(ws, brand, user, items) | {"status": status}
    return render(request, "assistant/queue.html", context)


@router.get("/brands/{brand}/assistant/queue.csv")
def queue_csv(brand: str, ws: WorkspaceDep, status: Status | None = None, user: User = Viewer) -> Response:
    """Every item the screen lists, in its order, with the SLA state."""
    items = ws.assistant_queue(status=status, brand=brand)
    rows = [
        [i.id, i.status, i.question, i.created_at, i.due_at, sla_timer(i).text, i.assigned_to, i.answer,
         i.answered_at]
        for i in items
    ]  # fmt: skip
    return csv_response(f"{ws.configured_brand(brand).name}-assistant-queue.csv", _HEADER, rows)


def _item(ws: Workspace, brand: str, item: int) -> QueueItem:
    """The brand's queue item ``item``; another brand's item is as unknown as a missing one."""
    from grassroots.errors import NotFound

    found = next((i for i in ws.assistant_queue(brand=brand) if i.id == item), None)
    if found is None:
        raise NotFound(f"item={item}: no such queue item for brand {brand!r}")
    return found


def _row(request: Request, ws: WorkspaceDep, brand: str, user: User, item: QueueItem) -> Response:
    if is_htmx(request):
        context = _context(ws, brand, user, [item])
        return render(
            request, "assistant/_queue_row.html", context | {"item": item, "timer": sla_timer(item)}
        )
    return RedirectResponse(f"/brands/{brand}/assistant/queue", status_code=303)


@router.post("/brands/{brand}/assistant/queue/{item}/assign", dependencies=[Csrf])
def assign(
    request: Request,
    brand: str,
    item: int,
    ws: WorkspaceDep,
    to: Annotated[str, Form(min_length=1, max_length=200)],
    user: User = Analyst,
) -> Response:
    """Give the item to a user who may answer for the brand (analyst or above); audited."""
    from grassroots.errors import InvalidInput

    _item(ws, brand, item)
    if to not in ws.assistant_staff(brand):
        raise InvalidInput(f"to={to!r}: expected a user who is analyst for brand {brand!r}")
    return _row(request, ws, brand, user, ws.assistant_assign(item, to=to))


@router.post("/brands/{brand}/assistant/queue/{item}/answer", dependencies=[Csrf])
def answer(
    request: Request,
    brand: str,
    item: int,
    ws: WorkspaceDep,
    text: Annotated[str, Form(min_length=1, max_length=5000)],
    user: User = Analyst,
) -> Response:
    """Answer the item as the logged-in user; the answer joins the person's chat; audited."""
    _item(ws, brand, item)
    return _row(request, ws, brand, user, ws.assistant_answer(item, answer=text, by=user.name))
