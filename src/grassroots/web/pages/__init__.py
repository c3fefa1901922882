"""The HTML pages (Jinja2 + htmx, no inline script). ``router`` is included by ``create_app``.

Each page takes a user typed ``Viewer`` / ``Analyst`` / ``Admin`` (:mod:`grassroots.web.auth`), renders with
:func:`grassroots.web.templating.render`, and every form posts its ``csrf_token`` and depends on
:func:`grassroots.web.auth.csrf_protect`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from grassroots.web.auth import Viewer
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, user: Viewer) -> Response:
    """Placeholder home page (the screens replace it)."""
    return render(request, "home.html", {})
