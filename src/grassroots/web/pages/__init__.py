"""The HTML pages (Jinja2 + htmx, no inline script). ``router`` is included by ``create_app``.

One module per screen; each route reads one :class:`~grassroots.Workspace` view and renders it (no
domain logic here). Pages depend on :func:`grassroots.web.auth.require_role` (viewer to read,
analyst to change a shortlist, an alert or plan seeds); every form posts its ``csrf_token`` and
depends on :func:`grassroots.web.auth.csrf_protect`. Every list has a ``.csv`` twin.

* ``/``: the brands; ``/brands/{brand}``: overview (charts from ``/brands/{brand}/overview.json``);
* ``/brands/{brand}/advocates``: the sortable, filterable table, explanation drawer, shortlist;
* ``/people/{account_id}``: one person; ``/network``: communities and seed planning;
* ``/alerts``: alerts with their status; ``/vendor/plotly.min.js``: plotly from its package;
* ``/brands/{brand}/campaigns``: campaigns, created from the shortlist, assigned, measured;
* ``/match``: search, the brief form and its explanations, the roster builder, saved matches;
* ``/brands/{brand}/assistant/queue`` and ``/feedback``: the assistant's hand-over queue and feedback
  themes; ``/chat/{token}``: the public chat by signed link (no login);
* ``/u/{token}``: one-click unsubscribe (public, RFC 8058; :mod:`grassroots.web.pages.unsubscribe`);
* ``/p/{token}``: the advocate portal (a signed link, no login; :mod:`grassroots.web.pages.portal`).
"""

from __future__ import annotations

from fastapi import APIRouter

from grassroots.web.pages import (
    advocates,
    alerts,
    campaigns,
    chat,
    feedback,
    match,
    network,
    overview,
    person,
    portal,
    queue,
    unsubscribe,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
for module in (
    overview,
    advocates,
    person,
    network,
    alerts,
    campaigns,
    match,
    queue,
    feedback,
    chat,
    unsubscribe,
    portal,
):
    router.include_router(module.router)
