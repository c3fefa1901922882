"""The screens in-process (no browser): each page renders the small world's numbers, lists export
CSV, scores link to their explanation, forms refuse a missing CSRF token and a viewer's write."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.web.screens_world import PASSWORD, World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field in the page"
    return found.group(1)


def _login(client: TestClient, name: str) -> TestClient:
    token = _token(client.get("/login").text)
    done = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return client


@pytest.fixture
def client(screens_world: World) -> Iterator[TestClient]:
    app = create_app(WebSettings(core=screens_world.settings))
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_pages_need_a_login(client: TestClient, screens_world: World) -> None:
    for path in (
        "/",
        f"/brands/{screens_world.brand}",
        "/network",
        "/alerts",
        f"/people/{screens_world.top}",
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code in (303, 307, 401), path
    assert client.get("/vendor/plotly.min.js").status_code == 200  # a static asset: public


def test_overview_shows_the_workspace_numbers(client: TestClient, screens_world: World) -> None:
    _login(client, "vic")
    ws = Workspace(settings=screens_world.settings)
    view = ws.overview(screens_world.brand)
    assert client.get("/", follow_redirects=False).headers["location"] == f"/brands/{screens_world.brand}"
    page = client.get(f"/brands/{screens_world.brand}")
    assert page.status_code == 200
    assert "<script>" not in page.text and "onclick" not in page.text.lower()
    own = sum(p.mentions for p in view.weeks if p.subject == screens_world.brand)
    assert f"<td>{own}</td>" in page.text
    data = client.get(f"/brands/{screens_world.brand}/overview.json").json()
    assert data["series"][0]["subject"] == screens_world.brand
    assert sum(data["series"][0]["mentions"]) == own
    rows = _csv(client.get(f"/brands/{screens_world.brand}/weeks.csv").text)
    assert sum(int(r["mentions"]) for r in rows if r["subject"] == screens_world.brand) == own


def test_advocates_sort_filter_page_and_csv(client: TestClient, screens_world: World) -> None:
    _login(client, "vic")
    base = f"/brands/{screens_world.brand}/advocates"
    everyone = Workspace(settings=screens_world.settings).advocate_rows(screens_world.brand)
    full = client.get(base)
    assert full.status_code == 200 and 'id="advocates-table"' in full.text
    part = client.get(f"{base}?sort=followers&desc=true", headers={"HX-Request": "true"})
    assert "<html" not in part.text  # htmx gets the table only
    handles = re.findall(r">@([^<]+)</a>", part.text)
    by_followers = sorted(everyone, key=lambda r: (r.followers, r.rank), reverse=True)
    assert handles == [r.handle for r in by_followers[:20]]
    one = everyone[0]
    filtered = client.get(f"{base}?q={one.handle}", headers={"HX-Request": "true"}).text
    assert f"@{one.handle}<" in filtered
    rows = _csv(client.get(f"{base}.csv?sort=score&desc=true").text)
    assert len(rows) == len(everyone)
    assert [float(r["score"]) for r in rows] == sorted((r.score for r in everyone), reverse=True)
    # every model score links to its explanation
    assert f'href="{base}/{one.account_id}"' in full.text


def test_explanation_drawer(client: TestClient, screens_world: World) -> None:
    _login(client, "vic")
    detail = Workspace(settings=screens_world.settings).advocate_detail(
        screens_world.brand, screens_world.top
    )
    drawer = client.get(
        f"/brands/{screens_world.brand}/advocates/{screens_world.top}", headers={"HX-Request": "true"}
    )
    assert drawer.status_code == 200
    assert f"Why @{detail.row.handle} ranks #{detail.row.rank}" in drawer.text
    assert detail.posts and all(str(p["post_id"]) for p in detail.posts)
    if detail.audience_score is not None:
        assert f"{detail.audience_score:.0f} / 100" in drawer.text


def test_shortlist_needs_analyst_and_csrf(client: TestClient, screens_world: World) -> None:
    brand, top = screens_world.brand, screens_world.top
    ws = Workspace(settings=screens_world.settings)
    platform = next(r.platform for r in ws.advocate_rows(brand) if r.account_id == top)
    form = {"account_id": top, "platform": platform, "action": "add"}
    _login(client, "vic")
    token = _token(client.get(f"/brands/{brand}/advocates").text)
    assert client.post(f"/brands/{brand}/shortlist", data=form | {"csrf_token": token}).status_code == 403
    client.cookies.clear()
    _login(client, "ada")
    token = _token(client.get(f"/brands/{brand}/advocates").text)
    assert client.post(f"/brands/{brand}/shortlist", data=form).status_code == 403  # no CSRF token
    done = client.post(
        f"/brands/{brand}/shortlist", data=form | {"csrf_token": token}, headers={"HX-Request": "true"}
    )
    assert done.status_code == 200 and "Listed" in done.text
    assert [e.account_id for e in ws.shortlist(brand)] == [top]
    rows = _csv(client.get(f"/brands/{brand}/shortlist.csv").text)
    assert [r["account_id"] for r in rows] == [top] and rows[0]["added_by"] == "ada"
    undo = form | {"action": "remove", "csrf_token": token}
    assert client.post(f"/brands/{brand}/shortlist", data=undo).status_code in (200, 303)
    assert ws.shortlist(brand) == ()


def test_person_page(client: TestClient, screens_world: World) -> None:
    _login(client, "vic")
    view = Workspace(settings=screens_world.settings).person(screens_world.top, brand=screens_world.brand)
    page = client.get(f"/people/{screens_world.top}?brand={screens_world.brand}")
    assert page.status_code == 200
    for section in ("audience", "fake", "disclosures", "pods", "safety", "network", "posts"):
        assert f'id="{section}"' in page.text
    assert view.position is not None
    assert f"{view.position.community} of {view.position.communities}" in page.text
    assert f"rank {view.position.pagerank_rank} of" in page.text
    rows = _csv(client.get(f"/people/{screens_world.top}/posts.csv?brand={screens_world.brand}").text)
    assert len(rows) == len(view.brand_posts)
    assert client.get("/people/no-such-account").status_code == 404


def test_alerts_status_form(client: TestClient, screens_world: World) -> None:
    ws = Workspace(settings=screens_world.settings)
    alert = ws.alerts(status="open")[0]
    _login(client, "ada")
    page = client.get("/alerts?status=open")
    assert page.status_code == 200 and f'id="alert-{alert.id}"' in page.text
    token = _token(page.text)
    assert client.post(f"/alerts/{alert.id}", data={"status": "handled"}).status_code == 403
    done = client.post(
        f"/alerts/{alert.id}", data={"status": "handled", "csrf_token": token}, headers={"HX-Request": "true"}
    )
    assert done.status_code == 200 and "ada" in done.text
    after = next(a for a in ws.alerts() if a.id == alert.id)
    assert (after.status, after.handled_by) == ("handled", "ada")
    rows = _csv(client.get("/alerts.csv?status=handled").text)
    assert any(r["id"] == str(alert.id) and r["handled_by"] == "ada" for r in rows)
    ws.set_alert(alert.id, status="open", by="test")


def test_network_page_and_plan_job(client: TestClient, screens_world: World) -> None:
    _login(client, "ada")
    page = client.get("/network")
    assert page.status_code == 200 and "communities" in page.text
    # the newest stored plan (the demo's 5 seeds, or one a test made from the form): one plan, ranks 1..n
    stored = _csv(client.get("/network/seeds.csv").text)
    assert stored and len({r["plan_id"] for r in stored}) == 1
    assert [int(r["rank"]) for r in stored] == list(range(1, len(stored) + 1))
    token = _token(page.text)
    started = client.post(
        "/network/plan",
        data={"k": "3", "budget": "", "cost": "uniform", "community": "1", "csrf_token": token},
    )
    assert started.status_code == 202
    job = re.search(r'hx-get="/network/jobs/([0-9a-f]+)"', started.text)
    assert job, started.text
    client.app.state.jobs._pool.shutdown(wait=True)  # type: ignore[attr-defined]  # wait for the job
    done = client.get(f"/network/jobs/{job.group(1)}")
    assert "Celebrity" in done.text and "PageRank" in done.text, done.text
    rows = _csv(client.get(f"/network/jobs/{job.group(1)}/seeds.csv").text)
    assert {r["method"] for r in rows} == {"opim", "celebrity", "pagerank"}
    assert sum(r["method"] == "opim" for r in rows) <= 3
