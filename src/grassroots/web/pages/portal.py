"""The advocate portal: ``/p/{token}``, a participant's page reached by their signed link (no login).

The page and every form answer for the one person and campaign the link names (``portal`` tokens of
:mod:`grassroots.engage.links`). A bad or tampered link gets a 404 page, an expired one a 410 page
saying so; never a traceback. The forms have no session: each carries ``csrf``, an HMAC of the link
under the installation secret (:meth:`Workspace.portal_csrf`), checked in constant time; posts are
rate-limited per link and per client address (``POSTS_PER_MINUTE``). Every form posts, then the
browser is redirected back to the page (post/redirect/get), so it works without JavaScript.

The public chat (engineer "queue") plugs into the ``chat`` block of ``portal.html``: it is included
when ``templates/chat/_chat.html`` exists, with ``chat_token`` (a ``chat`` link for the same person).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from grassroots.errors import InvalidInput, NotFound
from grassroots.web.pages._common import WorkspaceDep
from grassroots.web.security import LoginLimiter
from grassroots.web.templating import TEMPLATE_DIR, render
from grassroots.workspace import Workspace

__all__ = ["POSTS_PER_MINUTE", "router"]

router = APIRouter()
POSTS_PER_MINUTE = 20


def _limiter(request: Request) -> LoginLimiter:
    """The server's portal post limiter (created on first use, kept in the app's memory)."""
    found: LoginLimiter | None = getattr(request.app.state, "portal_limiter", None)
    if found is None:
        found = request.app.state.portal_limiter = LoginLimiter(limit=POSTS_PER_MINUTE, window=60.0)
    return found


def _error(request: Request, status: int, title: str, detail: str) -> Response:
    return render(request, "portal_error.html", {"title": title, "detail": detail}, status_code=status)


def _bad_link(request: Request, ws: Workspace, token: str) -> Response | None:
    """The page for a link that is not valid (404) or expired (410); None for a valid one."""
    state = ws.portal_link_state(token) if len(token) <= 2000 else "invalid"
    if state == "expired":
        return _error(
            request, 410, "This link has expired",
            "Your personal link is out of date. Ask the brand's team for a new one: they can send it again.",
        )  # fmt: skip
    if state == "invalid":
        return _error(
            request, 404, "Link not found", "This link is not valid. Check that it was copied whole."
        )
    return None


def _page(
    request: Request, ws: Workspace, token: str, *, error: str | None = None, section: str = ""
) -> Response:
    try:
        view = ws.portal_page(token)
    except NotFound:
        return _error(request, 404, "Link not found", "This link does not open a campaign any more.")
    chat = (TEMPLATE_DIR / "chat" / "_chat.html").exists()
    context: dict[str, Any] = {
        "v": view, "token": token, "csrf": ws.portal_csrf(token), "error": error, "error_section": section,
        "done": request.query_params.get("done", ""), "chat": chat,
        "chat_token": ws.portal_chat_token(token) if chat else None,
    }  # fmt: skip
    return render(request, "portal.html", context, status_code=422 if error else 200)


@router.get("/p/{token}")
def portal(request: Request, token: str, ws: WorkspaceDep) -> Response:
    """The participant's page."""
    return _bad_link(request, ws, token) or _page(request, ws, token)


def _guard(request: Request, ws: Workspace, token: str, csrf: str) -> Response | None:
    """Link, CSRF token and rate limit of a post; the refusal page, or None to go on."""
    bad = _bad_link(request, ws, token)
    if bad is not None:
        return bad
    if not hmac.compare_digest(csrf.encode("utf-8"), ws.portal_csrf(token).encode("utf-8")):
        return _error(request, 403, "Form expired", "Please reload the page and try again.")
    limiter, address = _limiter(request), request.client.host if request.client else "-"
    link = hashlib.sha256(token.encode("utf-8")).hexdigest()
    if limiter.blocked(link, address):
        return _error(request, 429, "Too many changes", "Please wait a minute, then try again.")
    limiter.failed(link, address)  # counts every post, not only failures
    return None


def _act(request: Request, ws: Workspace, token: str, section: str, action: Any) -> Response:
    """Run ``action``; back to the page at ``section`` (303), or the page with the problem (422)."""
    try:
        action()
    except NotFound:
        return _error(request, 404, "Link not found", "This link does not open a campaign any more.")
    except InvalidInput as exc:
        return _page(request, ws, token, error=str(exc), section=section)
    return RedirectResponse(f"/p/{token}?done={section}#{section}", status_code=303)


Csrf = Annotated[str, Form(max_length=200)]


@router.post("/p/{token}/respond")
def respond(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    answer: Annotated[Literal["accept", "decline"], Form()],
    csrf: Csrf = "",
) -> Response:
    """Accept or decline the invitation."""
    return _guard(request, ws, token, csrf) or _act(
        request, ws, token, "invitation", lambda: ws.portal_respond(token, answer)
    )


@router.post("/p/{token}/product")
def product(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    choice: Annotated[str, Form(max_length=500)] = "",
    csrf: Csrf = "",
) -> Response:
    """Choose a product (and variant): ``choice`` is ``HANDLE`` or ``HANDLE|VARIANT``."""
    handle, _, variant = choice.partition("|")
    return _guard(request, ws, token, csrf) or _act(
        request, ws, token, "product", lambda: ws.portal_choose(token, product=handle, variant=variant)
    )


@router.post("/p/{token}/address")
def address(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    address: Annotated[str, Form(max_length=2000)] = "",
    consent: Annotated[str, Form(max_length=10)] = "",
    csrf: Csrf = "",
) -> Response:
    """Give a shipping address; kept only with the consent box ticked."""
    return _guard(request, ws, token, csrf) or _act(
        request,
        ws,
        token,
        "address",
        lambda: ws.portal_address(token, address=address, consent=consent == "yes"),
    )


@router.post("/p/{token}/consent")
def consent(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    purpose: Annotated[Literal["shipping_address", "ugc_rights"], Form()],
    decision: Annotated[Literal["grant", "withdraw"], Form()],
    csrf: Csrf = "",
) -> Response:
    """Grant content-rights consent, or withdraw a consent."""
    section = "address" if purpose == "shipping_address" else "rights"
    return _guard(request, ws, token, csrf) or _act(
        request,
        ws,
        token,
        section,
        lambda: ws.portal_consent(token, purpose=purpose, grant=decision == "grant"),
    )


@router.post("/p/{token}/survey")
async def survey(request: Request, token: str, ws: WorkspaceDep) -> Response:
    """Answer the campaign's survey (the NPS question and the campaign's own)."""
    form = await request.form()
    answers = {str(k): str(v)[:2000] for k, v in form.items() if k != "csrf" and isinstance(v, str)}
    return _guard(request, ws, token, str(form.get("csrf", ""))) or _act(
        request, ws, token, "survey", lambda: ws.portal_survey(token, answers)
    )


@router.post("/p/{token}/gamification")
def gamification(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    join: Annotated[Literal["yes", "no"], Form()],
    display_name: Annotated[str, Form(max_length=200)] = "",
    csrf: Csrf = "",
) -> Response:
    """Opt in to levels, badges and the leaderboard under a display name, or opt out."""
    return _guard(request, ws, token, csrf) or _act(
        request, ws, token, "rewards",
        lambda: ws.portal_gamification(token, opt_in=join == "yes", display_name=display_name),
    )  # fmt: skip
