"""The campaign screens in-process (no browser) on a copy of the small world with a shortlist: the
list, the create form checked by the brief's validator (errors at their field, nothing created), the
assignment drawn once, the funnel per arm, lift with intervals, cascades from the report, compliance
alerts, every list's CSV twin, roles and CSRF."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.web.campaign_world import CampaignWorld, brief_fields, campaign_world
from tests.web.screens_world import PASSWORD, World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here


@pytest.fixture(scope="module")
def cworld(screens_world: World, tmp_path_factory: pytest.TempPathFactory) -> CampaignWorld:
    return campaign_world(screens_world, tmp_path_factory.mktemp("campaigns") / "data")


@pytest.fixture
def client(cworld: CampaignWorld) -> Iterator[TestClient]:
    app = create_app(WebSettings(core=cworld.settings))
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field in the page"
    return found.group(1)


def _login(client: TestClient, name: str) -> str:
    """Log in; the session's CSRF token."""
    token = _token(client.get("/login").text)
    done = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return _token(client.get("/alerts").text)


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _create(client: TestClient, cw: CampaignWorld, token: str, **fields: str) -> Any:
    data = brief_fields() | {"csrf_token": token} | fields
    return client.post(f"/brands/{cw.brand}/campaigns", data=data, follow_redirects=False)


def test_pages_need_a_login_and_writes_need_an_analyst(client: TestClient, cworld: CampaignWorld) -> None:
    base = f"/brands/{cworld.brand}/campaigns"
    for path in (base, base + ".csv", base + "/new"):
        assert client.get(path, follow_redirects=False).status_code in (303, 401), path
    token = _login(client, "vic")  # a viewer reads the list but cannot create
    assert client.get(base).status_code == 200
    assert client.get(base + "/new").status_code == 403
    assert _create(client, cworld, token, name="Viewer made").status_code == 403
    assert "viewer-made" not in client.get(base + ".csv").text
    for action in ("assign", "report"):  # nor draw the arms or measure
        assert client.post(f"{base}/any/{action}", data={"csrf_token": token}).status_code == 403


def test_create_checks_the_brief_and_shows_the_field(client: TestClient, cworld: CampaignWorld) -> None:
    token = _login(client, "ada")
    base = f"/brands/{cworld.brand}/campaigns"
    page = client.get(base + "/new")
    assert page.status_code == 200 and "<script>" not in page.text
    for account in cworld.shortlisted:
        assert account in page.text  # the pool: the shortlist
    cases = {
        "products[0].unit_cost": (
            {"products[0].unit_cost": "cheap"},
            "expected an amount, got &#39;cheap&#39;",
        ),
        "design.holdout": ({"design.holdout": "0.99"}, "expected a share in [0.05, 0.95]"),
        "ends": ({"ends": "1999-01-01"}, "is before starts"),
        "name": ({"name": " "}, "required: a non-empty text"),
    }
    for field, (change, problem) in cases.items():
        answer = _create(client, cworld, token, **change)
        assert answer.status_code == 422, field
        fid = "f-" + field.replace(".", "-").replace("[", "-").replace("]", "")
        assert f'id="{fid}-error"' in answer.text, field  # the problem is shown at its field
        assert problem in answer.text, (field, answer.text[:2000])
        assert f'aria-invalid="true" aria-describedby="{fid}-error"' in answer.text
    for ask, problem in (
        ("Post a 5-star review", "ask.text: requires a positive opinion"),  # the FTC rule: refused
        ("Review it on Amazon", "ask: asks for amazon reviews"),
    ):
        answer = _create(client, cworld, token, **{"ask.text": ask})
        assert answer.status_code == 422 and 'id="form-errors"' in answer.text
        assert problem in answer.text
    missing = _create(client, cworld, token, csrf_token="")
    assert missing.status_code == 403
    assert _csv(client.get(base + ".csv").text) == []  # nothing was created


def test_create_assign_once_and_the_funnel(client: TestClient, cworld: CampaignWorld) -> None:
    token = _login(client, "ada")
    made = _create(client, cworld, token, name="Assign once")
    assert made.status_code == 303
    page_path = made.headers["location"].split("?")[0]
    assert page_path == f"/brands/{cworld.brand}/campaigns/assign-once"
    page = client.get(page_path)
    assert (
        "Not drawn yet" in page.text
        and f"the shortlist saved at creation ({len(cworld.shortlisted)} people)" in page.text
    )
    listed = [
        r
        for r in _csv(client.get(f"/brands/{cworld.brand}/campaigns.csv").text)
        if r["campaign"] == "assign-once"
    ]
    assert listed[0]["state"] == "draft" and listed[0]["participants"] == "0"

    assert (
        client.post(page_path + "/assign", data={"csrf_token": token}, follow_redirects=False).status_code
        == 303
    )
    ws = Workspace(settings=cworld.settings)
    status = ws.campaign_status("assign-once")
    assert sum(status["arms"].values()) == len(cworld.shortlisted)  # every shortlisted person consented
    page = client.get(page_path)
    assert "The assignment is fixed" in page.text and 'id="assign-form"' not in page.text
    again = client.post(page_path + "/assign", data={"csrf_token": token}, follow_redirects=False)
    assert again.status_code == 409
    assert ws.campaign_status("assign-once") == status  # nothing changed
    funnel = {r["arm"]: r for r in _csv(client.get(page_path + "/funnel.csv").text)}
    assert {arm: int(r["assigned"]) for arm, r in funnel.items()} == status["arms"]
    assert all(r["invited"] == "0" for r in funnel.values())
    for arm, n in status["arms"].items():
        assert f'<th scope="row">{arm}</th><td>{n}</td>' in page.text
    listed = [
        r
        for r in _csv(client.get(f"/brands/{cworld.brand}/campaigns.csv").text)
        if r["campaign"] == "assign-once"
    ]
    assert listed[0]["state"] == "assigned" and listed[0]["participants"] == str(len(cworld.shortlisted))


def test_lift_with_intervals_and_alerts(client: TestClient, cworld: CampaignWorld) -> None:
    token = _login(client, "ada")
    page_path = _create(client, cworld, token, name="Measured").headers["location"].split("?")[0]
    assert 'id="measure-form"' not in client.get(page_path).text  # nothing to measure before the arms
    client.post(page_path + "/assign", data={"csrf_token": token})
    page = client.get(page_path).text
    assert 'id="no-report"' in page and 'id="measure-form"' in page
    assert client.get(page_path + "/lift.json").json()["rows"] == []
    done = client.post(page_path + "/report", data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    ws = Workspace(settings=cworld.settings)
    report = json.loads((cworld.settings.data_dir / "results/campaigns/measured/report.json").read_text())
    page = client.get(page_path).text
    rows = _csv(client.get(page_path + "/lift.csv").text)
    assert {r["outcome"] for r in rows} == {"orders", "revenue", "new_customer", "mentions"}
    for r in rows:
        found = report["lift"][r["arm"]][r["outcome"]]
        assert float(r["lift"]) == pytest.approx(found["lift"])
        assert [float(r["low"]), float(r["high"])] == pytest.approx(found["ci"])
        assert r["meaning"] == report["outcomes"][r["outcome"]]  # which outcome each number is
        assert f"[{found['ci'][0]:.3f}, {found['ci'][1]:.3f}]" in page
    mentions = next(r for r in rows if r["outcome"] == "mentions")
    assert float(mentions["low"]) < float(mentions["high"])  # a real interval, not a point
    chart = client.get(page_path + "/lift.json").json()
    assert len(chart["rows"]) == len(rows) and chart["confidence"] == 0.9
    assert 'data-lift-url="' in page and "<script>" not in page and "onclick" not in page.lower()

    alerts = ws.campaign_alerts("measured")
    exported = _csv(client.get(page_path + "/alerts.csv").text)
    assert [int(a["id"]) for a in exported] == [a.id for a in alerts]
    assert alerts and all(a.evidence["campaign"] == "measured" for a in alerts)
    assert all(r["suggested_fix"].startswith("put '#ad'") for r in exported)
    assert alerts[0].subject in page


def _cascades() -> dict[str, Any]:
    return {
        "exposure": {
            "method": "single-contact friends",
            "friends_of_treated": 41,
            "friends_of_holdout": 37,
            "friends_of_both": 9,
            "lift": 0.125,
            "ci": [-0.05, 0.3],
        },
        "referrals": {
            "chains": 3,
            "max_hops": 2,
            "by_hops": [
                {"hops": 1, "people": 5, "orders": 4, "revenue": 120.5, "mentions": 2},
                {"hops": 2, "people": 2, "orders": 1, "revenue": 30.0, "mentions": 0},
            ],
            "top_referrers": [{"person_id": "ref-person-1", "referred": 4, "orders": 3, "revenue": 99.0}],
        },
    }


def test_cascades_from_the_report(client: TestClient, cworld: CampaignWorld) -> None:
    token = _login(client, "ada")
    made = _create(client, cworld, token, name="Cascading", **{"ask.minutes": "600"})  # 200 of effort
    assert made.headers["location"].endswith("?warned=1")  # created, with the fair-ask warning shown
    assert "fair-ask warning" in client.get(made.headers["location"]).text
    page_path = made.headers["location"].split("?")[0]
    client.post(page_path + "/assign", data={"csrf_token": token})
    client.post(page_path + "/report", data={"csrf_token": token})
    path: Path = cworld.settings.data_dir / "results/campaigns/cascading/report.json"
    report = json.loads(path.read_text())
    assert set(report["cascades"]) == {"exposure", "referrals"}  # campaign report writes the section
    assert 'id="no-cascades"' not in client.get(page_path).text
    del report["cascades"]  # a report from before cascades existed
    path.write_text(json.dumps(report))
    assert 'id="no-cascades"' in client.get(page_path).text
    assert _csv(client.get(page_path + "/referrals.csv").text) == []
    report["cascades"] = _cascades()
    path.write_text(json.dumps(report))
    page = client.get(page_path).text
    assert 'id="no-cascades"' not in page
    assert "41 friends of treated" in page and "37 friends of holdout" in page
    assert "9 friends of both arms excluded" in page and "[-0.050, 0.300]" in page
    assert "3 referral chains, up to 2 hops" in page and "ref-person-1" in page
    hops = _csv(client.get(page_path + "/referrals.csv").text)
    assert [(h["hops"], h["people"], h["revenue"]) for h in hops] == [("1", "5", "120.5"), ("2", "2", "30.0")]
    top = _csv(client.get(page_path + "/referrers.csv").text)
    assert top == [{"person_id": "ref-person-1", "referred": "4", "orders": "3", "revenue": "99.0"}]
    report["cascades"] = {"exposure": None, "referrals": None}
    path.write_text(json.dumps(report))
    page = client.get(page_path).text
    assert "No exposure estimate in this report" in page and "No referral chains in this report" in page
