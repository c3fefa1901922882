"""The lake's schema version: an ordered list of named migrations, applied by writers when they open it.

Tables declared in :data:`~grassroots.lake.schema.TABLES` (and result tables registered by stages) are
created with ``CREATE TABLE IF NOT EXISTS``, so adding a table needs no migration. Anything else (a
renamed table or column, a new column on an existing table, a rewritten value) is a migration: a
function of the open connection, appended to :data:`MIGRATIONS` as ``mNNN_what_it_does``, never edited
once released. Each one runs in its own transaction with its ``schema_version`` row, before the
tables are created, so a migration sees the lake as the previous version left it.

A lake written before versioning existed has no ``schema_version`` table: ``m001_baseline`` marks it
(and a new lake) as version 1. A lake newer than this code is refused, naming both versions; a
reader meeting an older lake is told to let a writer (``grassroots init``) upgrade it.

>>> [m.name for m in MIGRATIONS][:1]
['m001_baseline']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from grassroots.errors import StoreError

__all__ = ["MIGRATIONS", "Migration", "lake_version", "migrate_lake", "require_current"]

VERSION_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
    "applied_at TIMESTAMP NOT NULL)"
)


@dataclass(frozen=True)
class Migration:
    """One step of the lake schema: ``name`` (``mNNN_...``) and the function that applies it."""

    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _baseline(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1: the tables of :data:`TABLES` as they were when versioning began (created on open)."""


MIGRATIONS: tuple[Migration, ...] = (Migration("m001_baseline", _baseline),)


def lake_version(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """``(version, migration name)`` of the open lake; ``(0, "")`` before versioning."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_name = 'schema_version'"
    ).fetchall()
    if not found or not found[0][0]:
        return 0, ""
    row = con.execute("SELECT version, name FROM schema_version ORDER BY version DESC LIMIT 1").fetchall()
    return (int(row[0][0]), str(row[0][1])) if row else (0, "")


def migrate_lake(
    con: duckdb.DuckDBPyConnection, path: str, *, migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Apply the pending ``migrations`` to the open lake, each in one transaction; returns their names."""
    con.execute(VERSION_DDL).fetchall()
    version, name = lake_version(con)
    if version > len(migrations):
        raise StoreError(_too_new(path, version, name, migrations))
    applied = []
    for number, migration in enumerate(migrations[version:], start=version + 1):
        con.execute("BEGIN TRANSACTION")
        try:
            migration.apply(con)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [number, migration.name, datetime.now(UTC).replace(tzinfo=None)],
            ).fetchall()
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{path}: lake migration {migration.name} failed: {exc}") from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT").fetchall()
        applied.append(migration.name)
    return applied


def require_current(
    con: duckdb.DuckDBPyConnection, path: str, *, migrations: Sequence[Migration] = MIGRATIONS
) -> None:
    """For readers (who cannot migrate): raise unless the lake is at this code's version."""
    version, name = lake_version(con)
    if version > len(migrations):
        raise StoreError(_too_new(path, version, name, migrations))
    if version < len(migrations):
        have = name or "unversioned"
        raise StoreError(
            f"{path}: the lake is at schema {version} ({have}), this grassroots needs "
            f"{len(migrations)} ({migrations[-1].name}); run `grassroots init` to upgrade it"
        )


def _too_new(path: str, version: int, name: str, migrations: Sequence[Migration]) -> str:
    return (
        f"{path}: the lake is at schema {version} ({name}), newer than this grassroots knows "
        f"({len(migrations)}, {migrations[-1].name}); upgrade grassroots to open it"
    )
