"""The web app and REST API: one FastAPI app (``create_app``) served by ``grassroots serve``.

A thin edge over :class:`grassroots.Workspace`: pages (``grassroots.web.pages``, Jinja2 templates and
static files we serve ourselves, no inline script), the JSON API under ``/api/v1``
(``grassroots.web.api``), sessions and API keys (``grassroots.web.auth``), security headers and the
login rate limit (``grassroots.web.security``), and the job runner for long steps
(``grassroots.web.jobs``). No domain logic lives here.
"""

from __future__ import annotations

from grassroots.web.settings import WebSettings

__all__ = ["WebSettings"]
