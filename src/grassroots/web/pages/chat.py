"""The public chat reached by a signed link (``/chat/{token}``; no login): a mobile-first page whose
messages go to the assistant (the same :meth:`Workspace.assistant_ask` as the API), with the reply's
sources quoted, "handed over to a person" when a person must answer, and that person's answer once
they give it (the page polls for new turns).

The chat UI is the partial ``chat/_chat.html``: any page (the advocate portal) can include it given
``chat_token`` in its context; it calls the template global :func:`chat_view` for everything else.
Its form carries a CSRF token bound to the link token (:func:`grassroots.engage.chat_csrf`), and
sending is rate limited per link and per client address (:class:`RateLimit`).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from grassroots.errors import InvalidInput, NotFound
from grassroots.store import StoredTurn
from grassroots.web.app import get_workspace
from grassroots.web.pages._common import is_htmx
from grassroots.web.templating import render, templates

__all__ = ["PER_ADDRESS", "PER_LINK", "ChatPanel", "RateLimit", "chat_view", "router"]

router = APIRouter()

#: messages a minute one link may send, and one client address (over every link)
PER_LINK, PER_ADDRESS = 10, 30
MAX_TOKEN = 1000


@dataclass(frozen=True)
class ChatPanel:
    """What ``chat/_chat.html`` shows for one link: the turns, the form's CSRF token, or the problem
    (``status`` 404: not a chat link of ours; 410: expired) when the link does not open a chat."""

    token: str
    status: int
    problem: str | None
    brand: str = ""
    csrf: str = ""
    turns: tuple[StoredTurn, ...] = ()
    expires_at: datetime | None = None

    @property
    def last(self) -> int:
        """The newest turn's id (the page asks for turns after it)."""
        return self.turns[-1].id if self.turns else 0


def chat_view(request: Request, token: str, *, after: int = 0) -> ChatPanel:
    """The chat of link ``token`` (turns newer than ``after``); a template global for the partial."""
    ws = get_workspace(request)
    try:
        if len(token) > MAX_TOKEN:
            raise InvalidInput("token: too long")
        access = ws.assistant_chat(token)
    except (InvalidInput, NotFound):
        expired = ws.assistant_chat_expired(token) if len(token) <= MAX_TOKEN else None
        if expired is not None:
            when = f"{expired:%Y-%m-%d}"
            return ChatPanel(token, 410, f"This chat link expired on {when}. Ask us for a new one.")
        return ChatPanel(token, 404, "This chat link is not valid. Check that you copied all of it.")
    turns = tuple(t for t in ws.assistant_transcript(access.session_id) if t.id > after)
    csrf = ws.assistant_chat_csrf(token)
    return ChatPanel(token, 200, None, access.brand, csrf, turns, access.expires_at)


templates.env.globals["chat_view"] = chat_view


class RateLimit:
    """At most ``limit`` events per ``window`` seconds per key (kept in the server's memory).

    >>> limit = RateLimit(limit=2, window=60.0, clock=lambda: 0.0)
    >>> [limit.allow("link:a") for _ in range(3)], limit.allow("link:b")
    ([True, True, False], True)
    """

    def __init__(self, *, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self._clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; False (not counted) when the key has used up its window."""
        now = self._clock()
        with self._lock:
            times = self._events.setdefault(key, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True


_LIMITS_LOCK = threading.Lock()


def _limits(request: Request) -> tuple[RateLimit, RateLimit]:
    """The app's two limits (per link, per address), made on first use."""
    state = request.app.state
    with _LIMITS_LOCK:
        if not hasattr(state, "chat_limits"):
            state.chat_limits = (RateLimit(limit=PER_LINK), RateLimit(limit=PER_ADDRESS))
    found: tuple[RateLimit, RateLimit] = state.chat_limits
    return found


def _page(request: Request, panel: ChatPanel, *, notice: str | None = None, draft: str = "") -> Response:
    status = panel.status if panel.problem else 200
    template = "chat/invalid.html" if panel.problem else "chat/page.html"
    context = {"chat_token": panel.token, "chat_panel": panel, "notice": notice, "draft": draft}
    context["retention_days"] = get_workspace(request).settings.assistant_retention_days
    return render(request, template, context, status_code=status)


@router.get("/chat/{token}")
def chat_page(request: Request, token: str) -> Response:
    """The chat page (404 / 410 page with the reason when the link is not valid)."""
    return _page(request, chat_view(request, token))


@router.get("/chat/{token}/messages")
def chat_turns(request: Request, token: str, after: int = 0) -> Response:
    """The turns newer than ``after`` (the page polls this); 204 when there is none."""
    panel = chat_view(request, token, after=after)
    if panel.problem:
        return Response(panel.problem, status_code=panel.status, media_type="text/plain")
    if not panel.turns:
        return Response(status_code=204)
    return render(request, "chat/_turns.html", {"panel": panel, "chat_token": token})


def _refuse(request: Request, panel: ChatPanel, status: int, notice: str, draft: str) -> Response:
    if is_htmx(request):
        return Response(notice, status_code=status, media_type="text/plain")
    response = _page(request, panel, notice=notice, draft=draft)
    response.status_code = status
    return response


@router.post("/chat/{token}/messages")
def chat_send(
    request: Request,
    token: str,
    text: Annotated[str, Form(min_length=1, max_length=2000)],
    chat_csrf: Annotated[str, Form(max_length=100)] = "",
    after: Annotated[int, Form(ge=0)] = 0,
) -> Response:
    """Send a message to the assistant; htmx gets the new turns (the message and the reply)."""
    panel = chat_view(request, token, after=after)
    if panel.problem:
        return _refuse(request, panel, panel.status, panel.problem, text)
    per_link, per_address = _limits(request)
    address = request.client.host if request.client else "unknown"
    if not (per_link.allow(f"link:{panel.csrf}") and per_address.allow(f"address:{address}")):
        return _refuse(request, panel, 429, "Too many messages: wait a minute, then send again.", text)
    if not hmac.compare_digest(chat_csrf.encode(), panel.csrf.encode()):
        return _refuse(request, panel, 403, "This page is out of date: reload it, then send again.", text)
    access = get_workspace(request).assistant_chat(token)
    get_workspace(request).assistant_ask(
        text, session=access.session_id, person=access.person_id, brand=access.brand
    )
    if not is_htmx(request):
        return RedirectResponse(f"/chat/{token}", status_code=303)
    fresh = chat_view(request, token, after=after)
    return render(request, "chat/_turns.html", {"panel": fresh, "chat_token": token})
