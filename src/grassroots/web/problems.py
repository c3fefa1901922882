"""Errors as RFC 9457 problem details (``application/problem+json``) for the API, pages for people.

Domain errors map to statuses here and nowhere else: bad input 422 (400 for a malformed request),
not found 404, a writer already busy 503 with ``Retry-After``, a conflict 409.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from grassroots.errors import Busy, GrassrootsError, InvalidInput, MissingDependency, NotFound

__all__ = ["Conflict", "LoginRequired", "Problem", "install_handlers", "problem_response"]

PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    """An API error with its status, a short title and a detail for the client."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


class Conflict(Problem):
    def __init__(self, detail: str) -> None:
        super().__init__(409, detail)


class LoginRequired(Exception):
    """A page needs a logged-in user: the browser is sent to the login page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def problem_response(
    request: Request, status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    """A problem+json response for ``status``; ``instance`` is the request path."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _status(exc: GrassrootsError) -> tuple[int, dict[str, str]]:
    if isinstance(exc, InvalidInput):
        return 422, {}
    if isinstance(exc, NotFound):
        return 404, {}
    if isinstance(exc, Busy | MissingDependency):
        return 503, {"Retry-After": "30"}
    return 503, {"Retry-After": "30"}


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _page(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    from grassroots.web.templating import render

    return render(
        request, "error.html", {"status": status, "detail": detail}, status_code=status, headers=headers
    )


def install_handlers(app: FastAPI) -> None:
    """Route every error through problem+json (API) or the error page (pages)."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        if _wants_page(request):
            return _page(request, exc.status, exc.detail, exc.headers)
        return problem_response(request, exc.status, exc.detail, headers=exc.headers)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        headers = dict(exc.headers or {})
        if _wants_page(request):
            return _page(request, exc.status_code, detail, headers)
        return problem_response(request, exc.status_code, detail, headers=headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid request"
        if _wants_page(request):
            return _page(request, 422, detail)
        return problem_response(request, 422, detail, errors=errors)

    async def on_domain(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, GrassrootsError)
        status, headers = _status(exc)
        if _wants_page(request):
            return _page(request, status, str(exc), headers)
        return problem_response(request, status, str(exc), headers=headers)

    async def on_login(request: Request, exc: Exception) -> Response:
        from urllib.parse import quote

        from fastapi.responses import RedirectResponse

        assert isinstance(exc, LoginRequired)
        return RedirectResponse(f"/login?next={quote(exc.next_path, safe='/')}", status_code=303)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(GrassrootsError, on_domain)
    app.add_exception_handler(LoginRequired, on_login)
