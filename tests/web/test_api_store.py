"""The store-backed parts of the web app on SQLite and PostgreSQL: brands, alerts (list, set status,
audited), API keys, sessions. (Lake-backed routes read DuckDB whatever the store; see test_api.py.)"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select

from grassroots.store import AlertDraft, Store, raise_alerts, tables
from tests.web.conftest import Site

BRAND = """name: Lumen Tea
handles: ["@lumentea"]
hashtags: ["#lumentea"]
competitors: ["Brewly"]
"""


def test_brands_alerts_and_audit_on_each_store(any_site: Site, tmp_path: Path) -> None:
    ws = any_site.workspace
    brand_file = tmp_path / "brand.yaml"
    brand_file.write_text(BRAND, encoding="utf-8")
    ws.add_brand(brand_file)
    with Store(ws.settings.database_url) as store:
        drafts = [
            AlertDraft("sentiment_spike", f"2026-W0{i}", brand="Lumen Tea", evidence={"n": i})
            for i in (1, 2, 3)
        ]
        raise_alerts(store, drafts)
    client, read, write = any_site.client, any_site.auth("read"), any_site.auth("write")
    (brand,) = client.get("/api/v1/brands", headers=read).json()["items"]
    assert (brand["name"], brand["competitors"]) == ("Lumen Tea", ["Brewly"])
    assert client.get("/api/v1/brands/lumen-tea", headers=read).json()["name"] == "Lumen Tea"
    first = client.get("/api/v1/alerts", params={"brand": "Lumen Tea", "limit": 2}, headers=read).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get(
        "/api/v1/alerts", params={"limit": 2, "cursor": first["next_cursor"]}, headers=read
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    target = first["items"][0]["id"]
    assert (
        client.patch(f"/api/v1/alerts/{target}", json={"status": "handled"}, headers=read).status_code == 403
    )
    done = client.patch(f"/api/v1/alerts/{target}", json={"status": "dismissed", "by": "Ann"}, headers=write)
    assert done.status_code == 200 and (done.json()["status"], done.json()["handled_by"]) == (
        "dismissed",
        "Ann",
    )
    still_open = client.get("/api/v1/alerts", params={"status": "open"}, headers=read).json()["items"]
    assert target not in {a["id"] for a in still_open} and len(still_open) == 2
    engine = create_engine(ws.settings.database_url)
    try:
        with engine.connect() as conn:
            audit = [dict(r._mapping) for r in conn.execute(select(tables.audit_log))]
            sessions = conn.execute(select(tables.web_sessions)).all()
    finally:
        engine.dispose()
    assert any(r["actor"] == "key:key-write" and r["action"] == "api PATCH set_alert" for r in audit)
    assert not sessions
    any_site.login("ann")
    assert any_site.client.get("/").status_code == 200


def test_keys_and_users_store_only_hashes_on_each_store(any_site: Site) -> None:
    engine = create_engine(any_site.workspace.settings.database_url)
    try:
        with engine.connect() as conn:
            keys = [dict(r._mapping) for r in conn.execute(select(tables.api_keys))]
            users = [dict(r._mapping) for r in conn.execute(select(tables.users))]
    finally:
        engine.dispose()
    stored = repr(keys)
    assert all(key not in stored and key[8:] not in stored for key in any_site.keys.values())
    assert all(u["password_hash"].startswith("$argon2id$") for u in users)
    assert any_site.client.get("/api/v1/brands", headers=any_site.auth("read")).status_code == 200
    listed = {k.name: k for k in any_site.workspace.api_keys()}
    assert set(listed) == {"key-read", "key-write", "key-admin"}
    assert listed["key-read"].last_used_at is not None and listed["key-admin"].last_used_at is None
