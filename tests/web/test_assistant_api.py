"""``POST /api/v1/assistant/messages`` answers from the knowledge base or hands over; the queue routes."""

from __future__ import annotations

from pathlib import Path

from grassroots.demo_world import knowledge_base_files

from .conftest import Site


def test_ask_answer_and_work_the_queue(any_site: Site, tmp_path: Path) -> None:
    site = any_site
    faq = tmp_path / "lumenleaf-faq.md"
    faq.write_text(knowledge_base_files()["lumenleaf-faq.md"], encoding="utf-8")
    site.workspace.assistant_kb_add(faq)
    client = site.client
    answered = client.post(
        "/api/v1/assistant/messages",
        json={"text": "how many days until my parcel arrives in Germany?"},
        headers=site.auth("write"),
    )
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert body["handover"] is False and body["sources"][0]["document"] == "lumenleaf-faq.md"
    assert body["answer"] == body["sources"][0]["quote"]
    handed = client.post(
        "/api/v1/assistant/messages", json={"text": "set an alarm for 7 am"}, headers=site.auth("write")
    ).json()
    assert handed["handover"] is True and handed["queue_item"]
    queue = client.get("/api/v1/assistant/queue?status=open", headers=site.auth("read")).json()
    assert [i["id"] for i in queue["items"]] == [handed["queue_item"]]
    item = handed["queue_item"]
    done = client.post(
        f"/api/v1/assistant/queue/{item}/answer",
        json={"answer": "Done.", "by": "ann"},
        headers=site.auth("write"),
    )
    assert done.status_code == 200 and done.json()["status"] == "answered"


def test_the_routes_need_the_right_scope_and_valid_input(site: Site) -> None:
    client = site.client
    assert client.post("/api/v1/assistant/messages", json={"text": "hi"}).status_code == 401
    read_only = client.post("/api/v1/assistant/messages", json={"text": "hi"}, headers=site.auth("read"))
    assert read_only.status_code == 403
    empty = client.post("/api/v1/assistant/messages", json={"text": ""}, headers=site.auth("write"))
    assert empty.status_code == 422
    missing = client.post(
        "/api/v1/assistant/queue/999/assign", json={"to": "ann"}, headers=site.auth("write")
    )
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(
        "application/problem+json"
    )
