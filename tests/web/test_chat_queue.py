"""The assistant's web side: the public chat by signed link (tampered, expired, CSRF, rate limit,
sources quoted, hand-over), the staff hand-over queue (roles per brand, CSRF, assign to a user of the
brand, answer into the chat, audit, CSV) and the feedback screen (masked verbatim, weekly counts),
plus the CLI's chat link. Retention and log masking are checked for chats started from the page."""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from grassroots.config import Settings
from grassroots.demo_world import knowledge_base_files
from grassroots.engage import make_chat_link
from grassroots.engage.links import make_token
from grassroots.errors import InvalidInput
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, tables
from grassroots.web.app import create_app
from grassroots.web.pages.chat import PER_LINK
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.conftest import run_cli
from tests.web.conftest import PASSWORD, Site, form_token

BRANDS = {"lumen.yaml": "name: Lumen Tea\nhandles: ['@lumentea']\n", "brewly.yaml": "name: Brewly\n"}
ANSWERABLE = "how many days until my parcel arrives in Germany?"
OUT_OF_SCOPE = "set an alarm for 7 am"
HX = {"HX-Request": "true"}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir made once: two brands, the demo knowledge base; ada analyst and vic viewer for Lumen
    Tea, bob analyst for Brewly."""
    root = tmp_path_factory.mktemp("chat-queue")
    ws = Workspace(settings=Settings(data_dir=root / "data"), actor="test")
    ws.init()
    for name, text in BRANDS.items():
        (root / name).write_text(text, encoding="utf-8")
        ws.add_brand(root / name)
    for name, text in knowledge_base_files().items():
        (root / name).write_text(text, encoding="utf-8")
        ws.assistant_kb_add(root / name)
    ws.add_user("ada", password=PASSWORD, role="analyst", brand="Lumen Tea")
    ws.add_user("vic", password=PASSWORD, role="viewer", brand="Lumen Tea")
    ws.add_user("bob", password=PASSWORD, role="analyst", brand="Brewly")
    return root / "data"


@pytest.fixture
def site(prepared: Path, tmp_path: Path) -> Iterator[Site]:
    """A copy of the prepared data dir, served by a new app (its own rate limits)."""
    data = tmp_path / "data"
    shutil.copytree(prepared, data)
    settings = Settings(data_dir=data)
    app = create_app(WebSettings(core=settings))
    with TestClient(app, base_url="http://testserver") as client:
        yield Site(client, Workspace(settings=settings, actor="test"), {})


def _path(url: str) -> str:
    return "/chat/" + url.rsplit("/chat/", 1)[1]


def _send(client: TestClient, path: str, text: str, *, htmx: bool = True, csrf: str | None = None) -> Any:
    """Send ``text`` as the page's form does (its CSRF token, and with htmx the newest turn it has)."""
    page = client.get(path).text
    token = csrf if csrf is not None else _field(page, "chat_csrf")
    data = {"text": text, "chat_csrf": token}
    if htmx:
        data["after"] = _field(page, "after")
    return client.post(f"{path}/messages", data=data, headers=HX if htmx else {}, follow_redirects=False)


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field"
    return found.group(1)


def _login(site: Site, name: str) -> TestClient:
    site.client.cookies.clear()
    return site.login(name)


def test_chat_link_answers_with_sources_and_hands_over(site: Site) -> None:
    link = site.workspace.assistant_chat_link(brand="Lumen Tea", days=7)
    path, client = _path(link.url), site.client
    page = client.get(path)
    assert page.status_code == 200 and "Ask Lumen Tea" in page.text
    assert "<script>" not in page.text and 'src="/static/chat.js"' in page.text
    answered = _send(client, path, ANSWERABLE)
    assert answered.status_code == 200
    body = answered.text
    assert "Source: " in body and "lumenleaf-faq.md" in body and "<blockquote" in body
    assert "Handed over" not in body and 'id="chat-more"' in body
    handed = _send(client, path, OUT_OF_SCOPE).text
    assert "Handed over to a person" in handed and ANSWERABLE not in handed  # only the new turns
    (item,) = site.workspace.assistant_queue(brand="Lumen Tea")
    assert item.question == OUT_OF_SCOPE and item.brand == "lumentea" and item.session_id == link.session_id
    assert site.workspace.assistant_queue(brand="Brewly") == []
    # without htmx the form posts and comes back to the page, which shows the whole conversation
    done = _send(client, path, "thank you", htmx=False)
    assert done.status_code == 303 and done.headers["location"] == path
    assert client.get(path).text.count('class="turn turn-user"') == 3


def test_tampered_expired_and_foreign_links_get_a_clear_page(site: Site) -> None:
    ws, client = site.workspace, site.client
    good = _path(ws.assistant_chat_link(brand="Lumen Tea", days=1).url)
    body, _, signature = good.removeprefix("/chat/").partition(".")
    tampered = f"/chat/{body[:-2]}{'A' if body[-2] != 'A' else 'B'}{body[-1]}.{signature}"
    for path in (tampered, "/chat/nonsense", "/chat/" + "x" * 3000):
        page = client.get(path)
        assert page.status_code == 404 and "This chat link is not valid" in page.text, path
        assert client.post(f"{path}/messages", data={"text": "hi"}).status_code == 404
    secret = load_secret(ws.settings)
    then = datetime.now(UTC) - timedelta(days=40)
    old = make_chat_link(secret, "http://x", brand="Lumen Tea", person=None, days=30, now=then)
    page = client.get(_path(old.url))
    assert page.status_code == 410 and "expired on" in page.text
    portal = make_token(
        secret, kind="portal", brand="Lumen Tea", person_id="p1", expires_at=then + timedelta(days=90)
    )
    assert client.get(f"/chat/{portal}").status_code == 404  # another kind of link never opens a chat
    assert not ws.assistant_transcript(old.session_id)


def test_chat_csrf_is_bound_to_the_link_and_sending_is_rate_limited(site: Site) -> None:
    ws, client = site.workspace, site.client
    one = _path(ws.assistant_chat_link(brand="Lumen Tea", days=1).url)
    other = _path(ws.assistant_chat_link(brand="Lumen Tea", days=1).url)
    other_csrf = _field(client.get(other).text, "chat_csrf")
    for csrf in ("", "0" * 32, other_csrf):
        refused = _send(client, one, "hello", csrf=csrf, htmx=False)
        assert refused.status_code == 403 and "reload it" in refused.text
    assert ws.assistant_transcript(ws.assistant_chat(one.removeprefix("/chat/")).session_id) == []
    for _ in range(PER_LINK - 3):
        assert _send(client, one, "hello", csrf="bad").status_code == 403
    limited = _send(client, one, "hello")
    assert limited.status_code == 429 and "wait a minute" in limited.text
    assert _send(client, other, "hello").status_code == 200


def test_queue_roles_assign_answer_into_the_chat_audit_and_csv(site: Site) -> None:
    ws = site.workspace
    link = ws.assistant_chat_link(person="quill@example.org", brand="Lumen Tea", days=3)
    path = _path(link.url)
    _send(site.client, path, OUT_OF_SCOPE)
    (item,) = ws.assistant_queue(brand="Lumen Tea")
    queue = "/brands/Lumen Tea/assistant/queue"
    for staff_only in (queue, f"{queue}.csv", "/brands/Lumen Tea/assistant/feedback", f"{queue}/1/answer"):
        assert site.client.get(staff_only, follow_redirects=False).status_code in (303, 405), staff_only
    assert site.client.post(f"{queue}/{item.id}/answer", data={"text": "x"}).status_code in (303, 401)
    viewer = _login(site, "vic")
    page = viewer.get(queue)
    assert page.status_code == 200 and OUT_OF_SCOPE in page.text and 'class="sla sla-ok"' in page.text
    assert "left</span>" in page.text and f"/queue/{item.id}/answer" not in page.text  # viewers read
    token = form_token(page.text)
    assert (
        viewer.post(f"{queue}/{item.id}/assign", data={"to": "ada", "csrf_token": token}).status_code == 403
    )
    bob = _login(site, "bob")
    assert bob.get(queue).status_code == 403
    assert OUT_OF_SCOPE not in bob.get("/brands/Brewly/assistant/queue").text
    token = form_token(bob.get("/brands/Brewly/assistant/queue").text)
    stolen = bob.post(
        f"/brands/Brewly/assistant/queue/{item.id}/answer", data={"text": "x", "csrf_token": token}
    )
    assert stolen.status_code == 404  # another brand's item
    ada = _login(site, "ada")
    page = ada.get(queue)
    token = form_token(page.text)
    assert f"/queue/{item.id}/answer" in page.text
    assert ada.post(f"{queue}/{item.id}/assign", data={"to": "ada"}).status_code == 403  # no CSRF
    assert ada.post(f"{queue}/{item.id}/assign", data={"to": "bob", "csrf_token": token}).status_code == 422
    row = ada.post(f"{queue}/{item.id}/assign", data={"to": "ada", "csrf_token": token}, headers=HX)
    assert row.status_code == 200 and row.text.lstrip().startswith(f'<tr id="item-{item.id}"')
    answer = "Our team sets no alarms, but here is the help page."
    done = ada.post(
        f"{queue}/{item.id}/answer", data={"text": answer, "csrf_token": token}, follow_redirects=False
    )
    assert done.status_code == 303
    (answered,) = ws.assistant_queue(brand="Lumen Tea", status="answered")
    assert (answered.assigned_to, answered.answer) == ("ada", answer)
    with Store(ws.settings.database_url) as store:
        actions = {(r["actor"], r["action"]) for r in store.rows(tables.audit_log)}
    assert {("ada", "assistant-assign"), ("ada", "assistant-answer")} <= actions
    exported = ada.get(f"{queue}.csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["id"], r["status"], r["assigned_to"]) for r in rows] == [(str(item.id), "answered", "ada")]
    # the person sees the answer on the chat's next poll
    site.client.cookies.clear()
    last = max(t.id for t in ws.assistant_transcript(link.session_id) if t.role == "assistant")
    polled = site.client.get(f"{path}/messages", params={"after": last})
    assert polled.status_code == 200 and answer in polled.text and "Lumen Tea team" in polled.text
    newest = max(t.id for t in ws.assistant_transcript(link.session_id))
    assert site.client.get(f"{path}/messages", params={"after": newest}).status_code == 204


def test_web_chats_keep_the_retention_limit_and_mask_logs(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    ws = site.workspace
    link = ws.assistant_chat_link(brand="Lumen Tea", days=3)
    path = _path(link.url)
    with caplog.at_level(logging.INFO, logger="grassroots"):
        _send(
            site.client,
            path,
            "I am ann.lee@example.com, call +44 20 7946 0958, I'm @annlee: where is my order?",
        )
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert f"assistant {link.session_id}" in logged and "[email]" in logged and "[phone]" in logged
    assert "ann.lee" not in logged and "7946" not in logged and "@annlee" not in logged
    assert link.token not in logged
    old = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=ws.settings.assistant_retention_days + 1)
    with Store(ws.settings.database_url) as store, store.engine.begin() as conn:
        conn.execute(update(tables.assistant_messages).values(created_at=old))
    assert len(ws.assistant_transcript(link.session_id)) == 2
    _send(site.client, path, ANSWERABLE)
    turns = ws.assistant_transcript(link.session_id)
    assert len(turns) == 2 and turns[0].text == ANSWERABLE  # the old turns are gone
    page = site.client.get(path).text
    assert "ann.lee" not in page
    assert re.search(rf"deleted\s+{ws.settings.assistant_retention_days} days after", page)


def test_feedback_screen_masks_the_verbatim_and_counts_per_week(site: Site) -> None:
    ws = site.workspace
    path = _path(ws.assistant_chat_link(brand="Lumen Tea", days=3).url)
    for text in (
        "I hate the Glow Serum, the pump broke, email zed@example.com",
        "awful pump, the Cloud Cream pump broke again",
        "love the Oat Milk Bar, my skin is so soft",
    ):
        assert _send(site.client, path, text).status_code == 200
    ws.assistant_ask("the Night Balm is lovely", brand="Brewly")  # another brand's feedback
    client = _login(site, "vic")
    page = client.get("/brands/Lumen Tea/assistant/feedback")
    assert page.status_code == 200 and "3 feedback records" in page.text
    assert "zed@example.com" not in page.text and "[email]" in page.text and "Night Balm" not in page.text
    assert 'data-feedback-chart-url="/brands/Lumen Tea/assistant/feedback.json"' in page.text
    data = client.get("/brands/Lumen Tea/assistant/feedback.json").json()
    week = datetime.now(UTC).strftime("%G-W%V")
    assert data["weeks"] == [week]
    by = {s["sentiment"]: s["messages"] for s in data["series"]}
    assert by == {"negative": [2], "positive": [1]}
    records = list(csv.DictReader(io.StringIO(client.get("/brands/Lumen Tea/assistant/feedback.csv").text)))
    assert len(records) == 3 and not any("zed@" in r["text"] for r in records)
    assert client.get("/brands/Lumen Tea/assistant/themes.csv").text.startswith("week,sentiment,term")
    assert _login(site, "bob").get("/brands/Lumen Tea/assistant/feedback").status_code == 403


def test_cli_chat_link(site: Site) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(site.workspace.data_dir)}
    env["GRASSROOTS_BASE_URL"] = "https://chat.example.com"
    done = run_cli(
        "assistant", "chat-link", "--brand", "Lumen Tea", "--person", "p-42", "--days", "2", env=env
    )
    assert done.returncode == 0, done.stderr
    url = done.stdout.decode().strip()
    assert url.startswith("https://chat.example.com/chat/") and "\n" not in url
    access = site.workspace.assistant_chat(url.rsplit("/", 1)[1])
    assert (access.person_id, access.brand) == ("p-42", "Lumen Tea")
    assert timedelta(days=1) < access.expires_at - datetime.now(UTC) <= timedelta(days=2)
    failed = run_cli("assistant", "chat-link", env=env)  # two brands and none named
    assert failed.returncode == 2 and b"brand" in failed.stderr and b"Traceback" not in failed.stderr
    anonymous = site.workspace.assistant_chat_link(brand="Lumen Tea", days=1)
    opened = site.workspace.assistant_chat(anonymous.token)
    assert opened.person_id is None and opened.session_id == anonymous.session_id
    assert anonymous.session_id.startswith("anon-") and len(anonymous.session_id) == 21
    with pytest.raises(InvalidInput, match="days"):
        site.workspace.assistant_chat_link(brand="Lumen Tea", days=0)


def test_the_partial_renders_inside_another_page(site: Site) -> None:
    """What the portal does: include ``chat/_chat.html`` with only ``chat_token`` in its context."""
    from starlette.requests import Request

    from grassroots.web.templating import templates

    link = site.workspace.assistant_chat_link(brand="Lumen Tea", days=1)
    _send(site.client, _path(link.url), ANSWERABLE)
    request = Request({"type": "http", "app": site.client.app, "headers": [], "state": {}})
    page = templates.env.from_string(
        '<main>{% with chat_token = token %}{% include "chat/_chat.html" %}{% endwith %}</main>'
    )
    html = page.render(request=request, token=link.token)
    assert "Ask Lumen Tea" in html and ANSWERABLE in html and "lumenleaf-faq.md" in html
    assert f'name="chat_csrf" value="{site.workspace.assistant_chat_csrf(link.token)}"' in html
    assert "This chat link is not valid" in page.render(request=request, token="nonsense")


def test_erase_removes_a_persons_web_chat_and_the_answer_they_got(site: Site) -> None:
    ws, person = site.workspace, "quill.erase@example.org"
    link = ws.assistant_chat_link(person=person, brand="Lumen Tea", days=3)
    _send(site.client, _path(link.url), OUT_OF_SCOPE)
    (item,) = ws.assistant_queue(brand="Lumen Tea")
    ws.assistant_answer(item.id, answer="A person's answer about kiwi alarms", by="ada")
    assert [t.role for t in ws.assistant_transcript(link.session_id)] == ["user", "assistant", "staff"]
    ws.erase(person)
    assert ws.assistant_transcript(link.session_id) == [] and ws.assistant_queue(brand="Lumen Tea") == []
    for path in ws.data_dir.rglob("*"):
        if path.is_file():
            body = path.read_bytes()
            assert person.encode() not in body and b"kiwi alarms" not in body, path


def test_the_api_lists_one_brands_queue(site: Site) -> None:
    key = site.workspace.create_key("reader", scope="read")
    _send(site.client, _path(site.workspace.assistant_chat_link(brand="Brewly", days=1).url), OUT_OF_SCOPE)
    headers = {"Authorization": f"Bearer {key}"}
    mine = site.client.get("/api/v1/assistant/queue", params={"brand": "Brewly"}, headers=headers).json()
    assert [i["brand"] for i in mine["items"]] == ["brewly"]
    other = site.client.get("/api/v1/assistant/queue", params={"brand": "Lumen Tea"}, headers=headers).json()
    assert other["items"] == []
    unknown = site.client.get("/api/v1/assistant/queue", params={"brand": "Nope"}, headers=headers)
    assert unknown.status_code == 404
