"""One-click unsubscribe in the web app (RFC 8058): GET confirms and changes nothing, POST with
``List-Unsubscribe=One-Click`` (no login, no CSRF token: a mail client has neither) withdraws the
person's contact consent everywhere, audited; a changed token is refused."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from grassroots.engage.links import make_token
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, consenting, tables
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from tests.engage.outreach_world import build


def test_one_click_unsubscribe_withdraws_consent_everywhere(tmp_path: Path) -> None:
    world = build(tmp_path)
    token = make_token(load_secret(world.settings), kind="unsubscribe", brand="Acme", person_id="ig:4")
    app = create_app(WebSettings(core=world.settings))
    with TestClient(app, base_url="http://testserver") as client, Store(world.settings.database_url) as store:
        page = client.get(f"/u/{token}")
        assert page.status_code == 200 and "Unsubscribe from Acme" in page.text
        assert 'name="List-Unsubscribe" value="One-Click"' in page.text
        assert consenting(store, ["ig:4"], "contact") == {"ig:4"}  # a GET (a mail scanner) changes nothing

        assert client.post(f"/u/{token}", data={}).status_code == 400
        assert client.post(f"/u/{token[:-2]}xx", data={"List-Unsubscribe": "One-Click"}).status_code >= 400
        assert consenting(store, ["ig:4"], "contact") == {"ig:4"}

        done = client.post(f"/u/{token}", content=b"List-Unsubscribe=One-Click",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
        assert done.status_code == 200 and "You are unsubscribed" in done.text
        assert consenting(store, ["ig:1", "ig:2", "ig:4"], "contact") == {"ig:1", "ig:2"}
        status = {r["email"]: r["status"] for r in store.rows(tables.contact_addresses)}
        assert status["dee@example.com"] == "opted-out"  # the linked shop customer's address too
        withdrawn = [r for r in store.rows(tables.consent, person_id="ig:4") if r["withdrawn_at"] is not None]
        assert withdrawn and all(r["text"] for r in withdrawn)
        audit = [json.loads(r["details"]) for r in store.rows(tables.audit_log, action="consent")]
        assert audit and audit[-1]["records"] >= 2
        assert (
            client.post(f"/u/{token}", data={"List-Unsubscribe": "One-Click"}).status_code == 200
        )  # again: ok
    assert world.ws.outreach_preview(world.slug, step="invite").counts["skipped"].get("no-consent") == 1
