"""The app factory: :func:`create_app` builds the whole web app from :class:`WebSettings`.

Routes: ``/health`` and ``/static`` (public), ``/login`` and ``/logout`` (:mod:`grassroots.web.login`),
the pages (:mod:`grassroots.web.pages`), and the API under ``/api/v1`` (:mod:`grassroots.web.api`,
its OpenAPI schema public at ``/api/v1/openapi.json``). Every request builds its own
:class:`~grassroots.Workspace` (:func:`get_workspace`), acting as the logged-in user or API key; under
``grassroots serve`` it reads the lake through the server's one :class:`~grassroots.lake.LakeReader`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from grassroots._version import __version__
from grassroots.web.security import LoginLimiter, SecurityHeaders
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace

__all__ = ["create_app", "get_workspace"]


def get_workspace(request: Request) -> Workspace:
    """The workspace for one request, acting as whoever the auth dependency found (else ``web``).

    One per request and actor (kept on ``request.state``), reading the lake through the server's
    long-lived reader when it has one, so a request resolves a brand once and opens no lake."""
    settings: WebSettings = request.app.state.web_settings
    actor = str(getattr(request.state, "actor", None) or "web")
    kept: dict[str, Workspace] | None = getattr(request.state, "workspaces", None)
    if kept is None:
        kept = request.state.workspaces = {}
    if actor not in kept:
        kept[actor] = Workspace(settings=settings.settings, actor=actor, reader=request.app.state.jobs.reader)
    return kept[actor]


def create_app(settings: WebSettings) -> FastAPI:
    """The web app for ``settings`` (no side effect until it serves; ``grassroots serve`` runs it)."""
    from grassroots.web import api, login, pages
    from grassroots.web.jobs import JobRunner
    from grassroots.web.problems import install_handlers
    from grassroots.web.templating import STATIC_DIR
    from grassroots.web.webhooks import Webhooks

    hooks = Webhooks(settings.webhook_url, settings.webhook_secret)
    runner = JobRunner(settings.settings, on_done=lambda job: hooks.send("job.finished", job.to_dict()))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            runner.shutdown()
            hooks.join()

    app = FastAPI(
        title="Grassroots",
        version=__version__,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web_settings = settings
    app.state.session_ttl = timedelta(hours=settings.session_hours)
    app.state.login_limiter = LoginLimiter(limit=settings.login_failures_per_minute, window=60.0)
    app.state.jobs = runner
    app.state.webhooks = hooks
    install_handlers(app)
    app.add_middleware(SecurityHeaders, hsts=settings.cookies_secure)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        """Public liveness check: the server answers."""
        return {"status": "ok", "version": __version__}

    app.include_router(login.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    return app
