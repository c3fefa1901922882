"""The match screens in-process (no browser) on the small session world: the brief form's errors
beside their fields (the YAML validator's words), a ranking with explanations and "why", search with
marked spans, the roster against its baselines, saved matches with their pool CSV; viewers read,
analysts run; and the API routes of the same (jobs with a status resource)."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient

from grassroots.match import brief_errors
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.web.screens_world import PASSWORD, World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here

BRIEF = {
    "name": "Screens calm",
    "text.values": "gentle, natural ingredients and taking time for yourself",
    "text.lifestyle": "unhurried self-care rituals and morning routines",
    "filters.languages": "en",
    "preferences.text": "1",
    "preferences.interests": "0.3",
}


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field in the page"
    return found.group(1)


def _login(client: TestClient, name: str) -> str:
    done = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": _token(client.get("/login").text)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return _token(client.get("/match/brief").text)


@pytest.fixture
def client(screens_world: World) -> Iterator[TestClient]:
    app = create_app(WebSettings(core=screens_world.settings))
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def _finished(client: TestClient, html: str, timeout: float = 120) -> str:
    """Poll the job named in ``html`` until it is done; its final fragment."""
    found = re.search(r'hx-get="/match/jobs/([0-9a-f]+)"', html)
    assert found, html
    deadline = time.monotonic() + timeout
    while True:
        page = client.get(f"/match/jobs/{found.group(1)}")
        if "Working" not in page.text or time.monotonic() > deadline:
            return page.text
        time.sleep(0.2)


def test_viewers_read_and_analysts_run(client: TestClient, screens_world: World) -> None:
    assert client.get("/match", follow_redirects=False).status_code in (303, 307, 401)
    token = _login(client, "vic")
    assert client.get("/match").status_code == 200
    brief = client.get("/match/brief")
    assert "needs the analyst role" in brief.text and 'id="brief-form"' not in brief.text
    data = {k.replace("_", "."): v for k, v in BRIEF.items()} | {"csrf_token": token}
    assert client.post("/match/brief", data=data).status_code == 403
    assert client.post("/match/search", data={"q": "coffee", "csrf_token": token}).status_code == 403


def test_the_brief_form_shows_each_fields_error_as_the_validator_words_it(client: TestClient) -> None:
    token = _login(client, "ada")
    bad = {"text.values": "", "filters.audience_quality_min": "high", "filters.no_competitor_paid_days": "-3",
           "preferences.text": "x", "limit": "0", "csrf_token": token}  # fmt: skip
    page = client.post("/match/brief", data=bad)
    assert page.status_code == 422
    expected = brief_errors(
        {
            "filters": {"audience_quality_min": "high", "no_competitor_paid_days": -3},
            "preferences": {"text": "x"},
        }
    )
    assert set(expected) == {
        "text",
        "filters.audience_quality_min",
        "filters.no_competitor_paid_days",
        "preferences.text",
    }
    html = unescape(page.text)
    for field, problem in expected.items():
        if field == "text":
            continue
        fid = "f-" + field.replace(".", "-")
        assert f'id="{fid}-error" role="alert">{field}: {problem}</p>' in html, field
        assert re.search(rf'id="{fid}"[^>]*aria-invalid="true"', html), field
    assert (
        "text: expected a mapping of values, lifestyle, product, tone to text" in html
    )  # no text part given
    assert "limit: expected a whole number from 1 to 500, got '0'" in html
    assert 'value="high"' in html  # what was typed comes back
    again = client.post("/match/brief", data=bad, headers={"HX-Request": "true"})
    assert again.status_code == 200 and "problem" in again.text  # htmx swaps only 2xx answers


def test_a_brief_ranks_with_explanations_and_is_saved_as_a_pool(
    client: TestClient, screens_world: World
) -> None:
    token = _login(client, "ada")
    ws = Workspace(settings=screens_world.settings)
    form = BRIEF | {"limit": "5", "why": "no.such.person", "csrf_token": token}
    started = client.post("/match/brief", data=form)
    assert started.status_code == 202
    done = _finished(client, started.text)
    assert 'id="match-done"' in done, done
    assert done.count('class="match"') == 5
    assert "Posts that matched each part of the brief" in done and "<mark>" in done
    assert "Score parts" in done and "profile_similarity" in done and "languages" in done
    assert "no.such.person: no profile" in done
    saved = {m.match_id: m for m in ws.saved_matches()}
    assert saved["screens-calm"].people == 5
    rows = list(csv.DictReader(io.StringIO(client.get("/match/saved/screens-calm.csv").text)))
    assert [r["person_id"] for r in rows] == [p["person_id"] for p in ws.match_pool("screens-calm")]
    page = client.get("/match/saved/screens-calm")
    assert page.status_code == 200 and page.text.count('class="match"') == 5 and "<mark>" in page.text
    listing = client.get("/match")
    assert 'href="/match/saved/screens-calm"' in listing.text
    assert any(
        r["match_id"] == "screens-calm"
        for r in csv.DictReader(io.StringIO(client.get("/match/saved.csv").text))
    )
    top = ws.match_pool("screens-calm")[0]
    why = client.post("/match/brief", data=form | {"why": str(top["handle"])})
    assert f"@{top['handle']}: ranked #1" in _finished(client, why.text)


def test_search_marks_spans_and_the_roster_is_compared(client: TestClient, screens_world: World) -> None:
    token = _login(client, "ada")
    Workspace(settings=screens_world.settings).match_profiles()
    started = client.post(
        "/match/search", data={"q": "a calm morning skincare routine", "limit": "3", "csrf_token": token}
    )
    assert started.status_code == 202
    done = _finished(client, started.text)
    assert "People" in done and "Posts" in done and done.count("<mark>") == 3
    bad = client.post("/match/roster", data=BRIEF | {"k": "3", "budget": "10", "csrf_token": token})
    assert bad.status_code == 422 and "costs: expected `id_or_handle cost` lines with the budget" in bad.text
    roster = client.post("/match/roster", data=BRIEF | {"k": "3", "csrf_token": token})
    assert roster.status_code == 202
    done = _finished(client, roster.text)
    for strategy in ("greedy max coverage (ours)", "top K by fit", "top K by followers"):
        assert f'<th scope="row">{strategy}</th>' in done
    page = client.get("/match/saved/roster-screens-calm-k3")
    assert page.status_code == 200 and "top K by followers" in page.text


def test_the_api_runs_a_brief_as_a_job_and_reads_saved_matches(
    client: TestClient, screens_world: World
) -> None:
    ws = Workspace(settings=screens_world.settings)
    write = {"Authorization": f"Bearer {ws.create_key(f'match-{time.time_ns()}', scope='write')}"}
    body = {"brief": {"name": "api calm", "text": {"lifestyle": "slow mornings and skincare"}}, "limit": 3}
    bad = client.post("/api/v1/matches/brief", json={"brief": {"text": {"vibes": "x"}}}, headers=write)
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "brief", "text", "vibes"]
    started = client.post("/api/v1/matches/brief", json=body, headers=write)
    assert started.status_code == 202 and started.headers["location"].startswith("/api/v1/jobs/")
    deadline = time.monotonic() + 120
    while (job := client.get(started.headers["location"], headers=write).json())["state"] in (
        "queued",
        "running",
    ):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert job["state"] == "succeeded", job
    assert [m["rank"] for m in job["result"]["matches"]] == [1, 2, 3]
    listed = client.get("/api/v1/matches?limit=500", headers=write).json()["items"]
    assert any(m["match_id"] == "api-calm" and m["people"] == 3 for m in listed)
    pool = client.get("/api/v1/matches/api-calm/pool", headers=write).json()["items"]
    assert [p["person_id"] for p in pool] == [m["account_id"] for m in job["result"]["matches"]]
    stored = client.get("/api/v1/matches/api-calm", headers=write).json()
    assert stored["kind"] == "brief" and stored["rows"][0]["explanation"][0]["span"]
    assert client.get("/api/v1/matches/nothing-here", headers=write).status_code == 404
