"""docs/formats.md documents every ingest source and every lake column (fails when one is added silently)."""

from __future__ import annotations

from pathlib import Path

from grassroots.ingest import SOURCES
from grassroots.lake import TABLES
from grassroots.store import tables

DOC = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")


def test_every_source_has_a_section() -> None:
    missing = [s for s in SOURCES if s != "account_snapshots" and f"`{s}`" not in DOC]
    assert missing == []


def test_every_lake_and_shop_column_is_documented() -> None:
    columns = {c for spec in TABLES.values() for c in spec.columns}
    columns |= set(tables.customers.columns.keys()) | set(tables.orders.columns.keys())
    assert sorted(c for c in columns if f"`{c}`" not in DOC) == []
