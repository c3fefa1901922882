"""The operational store on SQLite and PostgreSQL: migrations, idempotent upserts, erase with audit."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, inspect

from grassroots.store import Store, current_revision, head_revision, migrate, tables


def test_migrations_create_the_declared_tables_and_are_idempotent(store_url: str) -> None:
    assert migrate(store_url) == head_revision()
    engine = create_engine(store_url)
    try:
        assert current_revision(engine) == head_revision()
        found = inspect(engine)
        for table in tables.metadata.sorted_tables:
            assert {c["name"] for c in found.get_columns(table.name)} == set(table.columns.keys())
    finally:
        engine.dispose()


def test_upsert_counts_inserts_updates_and_unchanged(store_url: str) -> None:
    row = {
        "id": "#1001",
        "email_hash": "ab" * 32,
        "total": Decimal("12.50"),
        "created_at": datetime(2024, 1, 2),
    }
    with Store(store_url) as store:
        first = store.upsert(tables.orders, [row, {**row, "id": "#1002"}])
        again = store.upsert(tables.orders, [row, {**row, "id": "#1002"}])
        edited = store.upsert(tables.orders, [{**row, "total": Decimal("13.00")}])
        assert (first.inserted, again.unchanged, edited.updated) == (2, 2, 1)
        assert store.rows(tables.orders, id="#1001")[0]["total"] == Decimal("13.00")


def test_a_brand_named_like_sql_is_just_a_name(store_url: str) -> None:
    evil = "'); DROP TABLE posts;--"
    with Store(store_url) as store:
        store.upsert(tables.brands, [{"id": 1, "name": evil, "created_at": datetime(2024, 1, 1)}])
        assert store.rows(tables.brands, name=evil)[0]["id"] == 1
        assert store.counts()["brands"] == 1


def test_delete_person_removes_rows_and_writes_one_audit_row(store_url: str) -> None:
    with Store(store_url) as store:
        store.upsert(
            tables.customers, [{"id": "email:x", "email_hash": "x"}, {"id": "email:y", "email_hash": "y"}]
        )
        store.upsert(
            tables.orders, [{"id": "#1", "customer_id": "email:x"}, {"id": "#2", "customer_id": "email:y"}]
        )
        targets = [(tables.customers, "id", "email:x"), (tables.orders, "customer_id", "email:x")]
        removed = store.delete_person(targets, actor="test", subject="hmac:abc")
        assert removed == {"customers": 1, "orders": 1}
        assert [r["id"] for r in store.rows(tables.customers)] == ["email:y"]
        (audit,) = store.rows(tables.audit_log)
        assert (audit["action"], audit["subject"]) == ("erase", "hmac:abc")
        assert json.loads(audit["details"])["store"] == removed


def test_a_store_from_an_older_release_is_brought_up_to_date_when_opened(tmp_path: Path) -> None:
    """A data dir initialised before the web tables existed: opening it migrates it (once), so
    `users add` and every other command work, not only those that migrate by themselves."""
    from alembic import command
    from alembic.config import Config

    from grassroots.store import accounts, db

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config()
    config.set_main_option("script_location", str(db._MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "m002_alerts_brand_config")
    assert current_revision(engine) == "m002_alerts_brand_config"
    assert "users" not in inspect(engine).get_table_names()
    with Store(url) as store:
        assert accounts.list_users(store) == []
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_opening_a_store_never_creates_one(tmp_path: Path) -> None:
    """Before `grassroots init` there is no database file, and opening a Store does not make one."""
    path = tmp_path / "none.db"
    Store(f"sqlite:///{path}").close()
    assert not path.exists()
