"""Jinja2 templates (``templates/``, autoescaped) and :func:`render`, which every page uses.

``render`` passes the logged-in ``user`` and the session's ``csrf_token`` to the template, so every
form can carry ``<input type="hidden" name="csrf_token" value="{{ csrf_token }}">``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

__all__ = ["STATIC_DIR", "TEMPLATE_DIR", "render", "templates"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
templates = Jinja2Templates(directory=str(TEMPLATE_DIR))


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Render template ``name`` with ``context`` plus ``user`` and ``csrf_token`` (None when logged out)."""
    values = {
        "user": getattr(request.state, "user", None),
        "csrf_token": getattr(request.state, "csrf", None),
        **(context or {}),
    }
    return templates.TemplateResponse(
        request, name, values, status_code=status_code, headers=dict(headers) if headers else None
    )
