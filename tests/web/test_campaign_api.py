"""The campaign API routes on a copy of the small world with a consented shortlist: list, create
(the brief's validator behind a 422 naming the field), draw the arms once (409 after), status with
the funnel per arm, measure, the report with lift intervals, the campaign's alerts; writes audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select

from grassroots.store import tables
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.web.campaign_world import CampaignWorld, campaign_world
from tests.web.screens_world import World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here


@pytest.fixture(scope="module")
def cworld(screens_world: World, tmp_path_factory: pytest.TempPathFactory) -> CampaignWorld:
    return campaign_world(screens_world, tmp_path_factory.mktemp("campaign-api") / "data")


@pytest.fixture(scope="module")
def keys(cworld: CampaignWorld) -> dict[str, str]:
    ws = Workspace(settings=cworld.settings, actor="test")
    return {scope: ws.create_key(f"campaign-{scope}", scope=scope) for scope in ("read", "write")}


@pytest.fixture
def api(cworld: CampaignWorld) -> Iterator[TestClient]:
    app = create_app(WebSettings(core=cworld.settings))
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def _audit_rows(cworld: CampaignWorld) -> list[dict[str, Any]]:
    engine = create_engine(cworld.settings.database_url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(tables.audit_log))]
    finally:
        engine.dispose()


def _auth(keys: dict[str, str], scope: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys[scope]}"}


def _brief(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "goal": "Honest reviews",
        "shop": "acme.example",
        "products": [{"handle": "glow-serum", "name": "Glow serum", "unit_cost": 12.5}],
        "budget": 400,
        "starts": "2000-01-01",
        "ends": "2030-12-31",
        "disclosure": "#ad",
        "ask": {"text": "Try it and post your honest opinion", "posts": 1, "minutes": 20},
        "offer": {"type": "percentage", "value": 15},
        "design": {"arms": "two", "holdout": 0.5, "seed": 3, "strata": ["tier"]},
    }


def test_create_assign_status_report_alerts(
    api: TestClient, cworld: CampaignWorld, keys: dict[str, str]
) -> None:
    write, read = _auth(keys, "write"), _auth(keys, "read")
    base = f"/api/v1/brands/{cworld.brand}/campaigns"
    assert api.post(base, json={"brief": _brief("Api one")}, headers=read).status_code == 403
    made = api.post(base, json={"brief": _brief("Api one")}, headers=write)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/api/v1/campaigns/api-one"
    assert made.json()["state"] == "draft" and made.json()["pool"] == len(cworld.shortlisted)
    listed = api.get(base, headers=read).json()["items"]
    assert [c["campaign"] for c in listed] == ["api-one"] and listed[0]["participants"] == 0

    assert api.get("/api/v1/campaigns/api-one/report", headers=read).status_code == 404  # not measured
    drawn = api.post("/api/v1/campaigns/api-one/assignment", headers=write)
    assert drawn.status_code == 200, drawn.text
    arms = drawn.json()["counts"]["arms"]
    assert sum(arms.values()) == len(cworld.shortlisted) and drawn.json()["counts"]["seed"] == 3
    again = api.post("/api/v1/campaigns/api-one/assignment", headers=write)
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
    status = api.get("/api/v1/campaigns/api-one", headers=read).json()
    assert status["state"] == "assigned" and status["arms"] == arms
    assert {arm: f["assigned"] for arm, f in status["funnel"].items()} == arms
    assert status["states"] == [
        "invited",
        "accepted",
        "declined",
        "shipped",
        "delivered",
        "posted",
        "redeemed",
    ]

    measured = api.post("/api/v1/campaigns/api-one/report", headers=write)
    assert measured.status_code == 200
    report = api.get("/api/v1/campaigns/api-one/report", headers=read).json()
    assert report == measured.json()
    assert set(report["lift"]["treatment"]) == {"orders", "revenue", "new_customer", "mentions"}
    for row in report["lift_rows"]:
        found = report["lift"][row["arm"]][row["outcome"]]
        assert [row["low"], row["high"]] == found["ci"] and row["low"] <= row["lift"] <= row["high"]
        assert row["meaning"] == report["outcomes"][row["outcome"]]
    alerts = api.get("/api/v1/campaigns/api-one/alerts", headers=read).json()["items"]
    assert alerts and {a["kind"] for a in alerts} == {"campaign_compliance"}
    assert {a["evidence"]["campaign"] for a in alerts} == {"api-one"}

    done = {(r["actor"], r["action"]) for r in _audit_rows(cworld)}
    for action in ("create_campaign", "assign", "measure"):
        assert ("key:campaign-write", f"api POST {action}") in done
    failed = [r for r in _audit_rows(cworld) if r["action"] == "api POST assign"]
    assert len(failed) == 1  # the refused second draw wrote no audit row


def test_a_bad_brief_is_a_422_naming_the_field(
    api: TestClient, cworld: CampaignWorld, keys: dict[str, str]
) -> None:
    write = _auth(keys, "write")
    base = f"/api/v1/brands/{cworld.brand}/campaigns"
    brief = _brief("Api bad") | {"products": [{"handle": "glow-serum", "unit_cost": "cheap"}]}
    bad = api.post(base, json={"brief": brief}, headers=write)
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    problem = bad.json()
    assert problem["errors"] == [
        {"loc": ["body", "brief", "products[0]", "unit_cost"], "msg": "expected an amount, got 'cheap'"}
    ]
    with_brand = api.post(base, json={"brief": _brief("Api bad") | {"brand": "Other"}}, headers=write)
    assert with_brand.status_code == 422 and with_brand.json()["errors"][0]["loc"] == [
        "body",
        "brief",
        "brand",
    ]
    unlawful = _brief("Api bad") | {"ask": {"text": "Leave a 5-star review"}}
    refused = api.post(base, json={"brief": unlawful}, headers=write)
    assert refused.status_code == 422 and "positive opinion" in refused.json()["detail"]
    assert (
        api.post("/api/v1/brands/Nobody/campaigns", json={"brief": _brief("X")}, headers=write).status_code
        == 404
    )
    assert api.get("/api/v1/campaigns/api-bad", headers=write).status_code == 404  # nothing was created
    assert api.post("/api/v1/campaigns/nope/assignment", headers=write).status_code == 404


def test_erase_removes_a_person_from_the_saved_pool(
    api: TestClient, cworld: CampaignWorld, keys: dict[str, str]
) -> None:
    """The pool file a campaign saves at creation is under ``results/``: erasure purges the person's line."""
    made = api.post(
        f"/api/v1/brands/{cworld.brand}/campaigns",
        json={"brief": _brief("Api erase")},
        headers=_auth(keys, "write"),
    )
    assert made.status_code == 201
    pool = cworld.settings.data_dir / "results/campaigns/api-erase/pool.csv"
    person = cworld.shortlisted[0]
    assert person in pool.read_text(encoding="utf-8")
    Workspace(settings=cworld.settings, actor="test").erase(person)
    text = pool.read_text(encoding="utf-8")
    assert person not in text and len(text.splitlines()) == len(cworld.shortlisted)  # header + the others
