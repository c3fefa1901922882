"""``/login`` and ``/logout``: session cookies for people, rate-limited, CSRF-protected.

The login form is protected before any session exists by a double-submit token: a random value in a
short-lived cookie and in the form's hidden ``csrf_token`` field, which must match.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from grassroots.web.app import get_workspace
from grassroots.web.auth import SESSION_COOKIE, csrf_protect
from grassroots.web.security import LoginLimiter
from grassroots.web.settings import WebSettings
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "gr_login_csrf"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (``/x``), never ``//evil`` or ``https://evil``: no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _form(request: Request, *, status: int = 200, error: str | None = None, next_path: str = "/") -> Response:
    token = secrets.token_urlsafe(32)
    context = {"login_csrf": token, "error": error, "next": _safe_next(next_path)}
    response = render(request, "login.html", context, status_code=status)
    secure = request.app.state.web_settings.cookies_secure
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=3600, httponly=True, samesite="strict", secure=secure, path="/login"
    )
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    """The login form."""
    return _form(request, next_path=next)


@router.post("/login")
def login(
    request: Request,
    username: str = Form(..., max_length=200),
    password: str = Form(..., max_length=1000),
    csrf_token: str = Form("", max_length=100),
    next: str = Form("/", max_length=2000),
) -> Response:
    """Check the password; on success set the session cookie and go to ``next`` (a local path)."""
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return _form(request, status=403, error="The form expired; please try again.", next_path=next)
    limiter: LoginLimiter = request.app.state.login_limiter
    address = request.client.host if request.client else "unknown"
    if limiter.blocked(username, address):
        response = _form(request, status=429, error="Too many failed logins; wait a minute.", next_path=next)
        response.headers["Retry-After"] = "60"
        return response
    ttl: timedelta = request.app.state.session_ttl
    found = get_workspace(request).login(username, password, ttl=ttl)
    if found is None:
        limiter.failed(username, address)
        return _form(request, status=401, error="Wrong name or password.", next_path=next)
    _, token, _ = found
    settings: WebSettings = request.app.state.web_settings
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(ttl.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.cookies_secure,
        path="/",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", dependencies=[Depends(csrf_protect)])
def logout(request: Request) -> Response:
    """End the session (server side too) and go back to the login page."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        get_workspace(request).logout(token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
