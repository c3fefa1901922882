"""Every route in the API schema refuses a missing, wrong, revoked or under-scoped key.

The walk is driven by the OpenAPI schema itself, and the schema is checked to list every ``/api/v1``
route the app serves, so a new route is walked the day it is added. Only the schema is public.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute

from tests.web.conftest import Site

#: routes that change data need write; per-person export and erasure need admin; the rest read
WRITE = {
    ("PATCH", "/api/v1/alerts/{alert_id}"),
    ("POST", "/api/v1/jobs"),
    ("POST", "/api/v1/assistant/messages"),
    ("POST", "/api/v1/assistant/queue/{item}/assign"),
    ("POST", "/api/v1/assistant/queue/{item}/answer"),
    ("POST", "/api/v1/brands/{brand}/campaigns"),
    ("POST", "/api/v1/campaigns/{campaign}/assignment"),
    ("POST", "/api/v1/campaigns/{campaign}/report"),
    ("POST", "/api/v1/matches/brief"),
    ("POST", "/api/v1/matches/search"),
    ("POST", "/api/v1/matches/roster"),
}
#: the campaign routes: each is walked like every other (a test below checks they are all listed)
CAMPAIGNS = {
    ("GET", "/api/v1/brands/{brand}/campaigns"),
    ("POST", "/api/v1/brands/{brand}/campaigns"),
    ("POST", "/api/v1/campaigns/{campaign}/assignment"),
    ("GET", "/api/v1/campaigns/{campaign}"),
    ("GET", "/api/v1/campaigns/{campaign}/report"),
    ("POST", "/api/v1/campaigns/{campaign}/report"),
    ("GET", "/api/v1/campaigns/{campaign}/alerts"),
}
ADMIN = {("GET", "/api/v1/people/{person}/export"), ("DELETE", "/api/v1/people/{person}")}
BODIES = {("PATCH", "/api/v1/alerts/{alert_id}"): {"status": "handled"}}


def _operations(site: Site) -> list[tuple[str, str]]:
    schema = site.client.get("/api/v1/openapi.json")
    assert schema.status_code == 200  # public: no key
    paths: dict[str, dict[str, Any]] = schema.json()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops)


def _url(path: str) -> str:
    return re.sub(r"\{alert_id\}", "1", re.sub(r"\{[a-z_]+\}", "someone", path))


def _call(site: Site, method: str, path: str, key: str | None) -> int:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    body = BODIES.get((method, path))
    return site.client.request(method, _url(path), headers=headers, json=body).status_code


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute of the API router, however deeply included."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # FastAPI keeps included routers as branches
            yield from _api_routes(route.original_router.routes)


def test_the_schema_lists_every_api_route(site: Site) -> None:
    from grassroots.web import api

    served = {
        (method, "/api/v1" + route.path)
        for route in _api_routes(api.router.routes)
        for method in route.methods
    }
    assert served == set(_operations(site))
    writes = {(m, p) for m, p in served if m in ("POST", "PUT", "PATCH", "DELETE")}
    assert writes <= WRITE | ADMIN, "a write route must need the write or admin scope"
    assert len(served) >= 15
    assert served >= CAMPAIGNS, "every campaign route is in the schema, so every walk below covers it"


def test_every_route_refuses_missing_wrong_and_revoked_keys(site: Site) -> None:
    revoked = site.workspace.create_key("gone", scope="admin")
    site.workspace.revoke_key("gone")
    wrong = "gr_" + "x" * 43
    for method, path in _operations(site):
        for key in (None, "", wrong, revoked, site.keys["admin"][:-1], "Basic abc"):
            status = _call(site, method, path, key)
            assert status == 401, f"{method} {path} with key {key!r:.12}: {status}"
        missing = site.client.request(method, _url(path))
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert missing.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("scope", ["read", "write"])
def test_every_route_refuses_a_key_without_its_scope(site: Site, scope: str) -> None:
    needs = {op: "admin" if op in ADMIN else "write" if op in WRITE else "read" for op in _operations(site)}
    order = ["read", "write", "admin"]
    for (method, path), needed in needs.items():
        status = _call(site, method, path, site.keys[scope])
        if order.index(scope) < order.index(needed):
            assert status == 403, f"{method} {path} with a {scope} key: {status}"
        else:
            assert status not in (401, 403), f"{method} {path} with a {scope} key: {status}"


def test_an_admin_key_passes_every_route(site: Site) -> None:
    for method, path in _operations(site):
        assert _call(site, method, path, site.keys["admin"]) not in (401, 403), f"{method} {path}"


def test_pages_need_a_session_and_the_health_check_does_not(site: Site) -> None:
    assert site.client.get("/health").status_code == 200
    key = {"Authorization": f"Bearer {site.keys['admin']}"}
    page = site.client.get("/", headers=key, follow_redirects=False)
    assert page.status_code == 303  # an API key is not a login
