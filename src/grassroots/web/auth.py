"""Who is asking: sessions for people (pages), API keys for programs (``/api/v1``), CSRF on forms.

Use as FastAPI dependencies:

* ``Depends(current_user)``: the logged-in :class:`~grassroots.store.accounts.User`; a browser without
  a live session is sent to ``/login`` (303), other clients get 401;
* ``Depends(require_role("analyst"))``: the user holds that role or above, for the brand the request
  names (path or query parameter ``brand``), else 403;
* ``Depends(require_scope("write"))``: an ``Authorization: Bearer gr_...`` key with that scope or
  above; missing, wrong or revoked key 401, a key without the scope 403;
* ``Depends(csrf_protect)`` on every POST form: the hidden field ``csrf_token`` (or the
  ``X-CSRF-Token`` header htmx sends) must equal the session's token, else 403.

Each sets ``request.state.actor`` (the user's name, or ``key:NAME``), which :func:`get_workspace`
passes to the workspace, so the audit log says who did what.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from grassroots.store import ROLES, SCOPES, ApiKey, User
from grassroots.web.problems import LoginRequired, Problem

__all__ = [
    "SESSION_COOKIE",
    "Admin",
    "Analyst",
    "LoggedIn",
    "Viewer",
    "csrf_protect",
    "csrf_token",
    "current_user",
    "require_role",
    "require_scope",
]

SESSION_COOKIE = "gr_session"


async def current_user(request: Request) -> User:
    """The user of the request's session cookie (see the module docstring)."""
    from grassroots.web.app import get_workspace

    cached = getattr(request.state, "user", None)
    if isinstance(cached, User):
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    found = get_workspace(request).session(token) if token else None
    if found is None:
        if "text/html" in request.headers.get("accept", "") or request.method == "GET":
            path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            raise LoginRequired(path)
        raise Problem(401, "log in first")
    request.state.user, request.state.csrf = found
    request.state.actor = found[0].name
    return found[0]


def require_role(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency: the user holds ``role`` (viewer, analyst, admin) or above for the request's brand."""
    if role not in ROLES:
        raise ValueError(f"role={role!r}: expected one of {', '.join(ROLES)}")

    async def dependency(request: Request, user: Annotated[User, Depends(current_user)]) -> User:
        from grassroots.web.app import get_workspace

        brand = request.path_params.get("brand") or request.query_params.get("brand")
        slug = get_workspace(request).brand(str(brand)).slug if brand else None
        if not user.allows(role, slug):
            where = f" for brand {brand!r}" if brand else ""
            raise Problem(403, f"{user.name} is not {role}{where}")
        return user

    return dependency


def require_scope(scope: str) -> Callable[..., Awaitable[ApiKey]]:
    """A dependency: the request's bearer key has ``scope`` (read, write, admin) or above."""
    if scope not in SCOPES:
        raise ValueError(f"scope={scope!r}: expected one of {', '.join(SCOPES)}")

    async def dependency(request: Request) -> ApiKey:
        from grassroots.web.app import get_workspace

        challenge = {"WWW-Authenticate": 'Bearer realm="grassroots"'}
        header = request.headers.get("authorization", "")
        kind, _, key = header.partition(" ")
        if kind.lower() != "bearer" or not key.strip():
            raise Problem(401, "send an API key: Authorization: Bearer gr_...", headers=challenge)
        found = get_workspace(request).check_key(key.strip())
        if found is None:
            raise Problem(401, "unknown or revoked API key", headers=challenge)
        if not found.allows(scope):
            raise Problem(403, f"key {found.name!r} has scope {found.scope}; this needs {scope}")
        request.state.actor = f"key:{found.name}"
        return found

    return dependency


def csrf_token(request: Request) -> str | None:
    """The session's CSRF token (for templates that do not go through ``render``)."""
    token = getattr(request.state, "csrf", None)
    return token if isinstance(token, str) else None


async def csrf_protect(request: Request, user: Annotated[User, Depends(current_user)]) -> None:
    """Refuse (403) a state-changing request whose CSRF token is not the session's."""
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = csrf_token(request) or ""
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise Problem(403, "the form is stale or forged (CSRF token missing or wrong); reload the page")


#: Parameter annotations for pages: ``def page(request: Request, user: Viewer) -> Response``.
LoggedIn = Annotated[User, Depends(current_user)]
Viewer = Annotated[User, Depends(require_role("viewer"))]
Analyst = Annotated[User, Depends(require_role("analyst"))]
Admin = Annotated[User, Depends(require_role("admin"))]
