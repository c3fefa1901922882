"""The lake's schema is versioned: a lake made before versioning upgrades when a writer opens it, a newer
lake is refused by name, readers are told how to upgrade, and a later migration (a column added)
runs once, in order."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from grassroots.errors import StoreError
from grassroots.lake import MIGRATIONS, TABLES, Migration, open_lake
from grassroots.lake.versions import lake_version, migrate_lake


def _old_lake(path: Path) -> None:
    """A lake as the previous version wrote it: the tables, a row, no ``schema_version`` table."""
    con = duckdb.connect(str(path))
    for spec in TABLES.values():
        con.execute(spec.ddl())
    con.execute("INSERT INTO accounts (platform, id, handle) VALUES ('x', '1', 'ann')")
    con.close()


def test_a_lake_from_before_versioning_is_upgraded_by_the_first_writer(tmp_path: Path) -> None:
    path = tmp_path / "lake.duckdb"
    _old_lake(path)
    with pytest.raises(StoreError, match=r"schema 0 \(unversioned\).*run `grassroots init` to upgrade"):
        open_lake(path, read_only=True)
    with open_lake(path) as lake:
        assert lake.version() == (len(MIGRATIONS), MIGRATIONS[-1].name)
        assert lake.counts()["accounts"] == 1
    with open_lake(path, read_only=True) as lake:
        assert lake.version() == (1, "m001_baseline")


def test_a_lake_newer_than_the_code_is_refused_by_readers_and_writers(tmp_path: Path) -> None:
    path = tmp_path / "lake.duckdb"
    with open_lake(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (7, 'm007_future', now())")
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match=r"schema 7 \(m007_future\), newer than this grassroots knows"):
            open_lake(path, read_only=read_only)


def _add_language_column(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("ALTER TABLE accounts ADD COLUMN IF NOT EXISTS display_lang VARCHAR")
    con.execute("UPDATE accounts SET display_lang = lang")


def test_a_later_migration_runs_once_on_an_old_lake_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "lake.duckdb"
    _old_lake(path)
    steps = (*MIGRATIONS, Migration("m002_display_lang", _add_language_column))
    con = duckdb.connect(str(path))
    assert migrate_lake(con, str(path), migrations=steps) == ["m001_baseline", "m002_display_lang"]
    assert migrate_lake(con, str(path), migrations=steps) == []
    assert lake_version(con) == (2, "m002_display_lang")
    assert con.execute("SELECT id, display_lang FROM accounts").fetchall() == [("1", None)]
    con.close()


def test_a_failing_migration_leaves_the_lake_at_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "lake.duckdb"
    _old_lake(path)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE accounts ADD COLUMN extra VARCHAR")
        con.execute("SELECT * FROM no_such_table")

    con = duckdb.connect(str(path))
    with pytest.raises(StoreError, match="lake migration m002_broken failed"):
        migrate_lake(con, str(path), migrations=(*MIGRATIONS, Migration("m002_broken", broken)))
    assert lake_version(con) == (1, "m001_baseline")
    columns = [r[0] for r in con.execute("DESCRIBE accounts").fetchall()]
    assert "extra" not in columns
    con.close()
