"""Erasing one person from the lake file: find their rows, delete them, redact mentions, rebuild the file.

Deleting rows is not enough: DuckDB marks them deleted and later frees their blocks, but freed blocks
are not overwritten, so the bytes stay in ``lake.duckdb`` (a checkpoint does not help).
:func:`compact_lake` therefore copies the live rows into a new file and renames it over the old one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from grassroots.lake.schema import check_identifier

__all__ = ["PersonRows", "compact_lake", "find_person", "person_columns", "redact_mentions"]

#: Columns naming a person, by the kind of id they hold.
ACCOUNT_COLUMNS = ("account_id", "author")
CUSTOMER_COLUMNS = ("customer_id",)
#: Free-text columns of any table in which other people may mention the person's handle.
TEXT_COLUMNS = ("text", "bio", "evidence", "explanation")
REDACTED = "@[erased]"

PersonRows = tuple[list[str], list[str], int]


def find_person(con: duckdb.DuckDBPyConnection, person: str, customer_ids: Sequence[str]) -> PersonRows:
    """``(account ids, handles, rows naming them)`` for an account id or handle (with or without ``@``).

    Handles compare case-insensitively, as platforms treat them. ``customer_ids`` (from the store)
    find result rows linked to a shop customer.
    """
    bare = person.removeprefix("@")
    rows = con.execute(
        "SELECT DISTINCT id, handle FROM accounts WHERE id = ? OR lower(handle) = lower(?)", [person, bare]
    ).fetchall()
    ids = sorted({str(r[0]) for r in rows} | {person, bare})
    handles = sorted({str(r[1]) for r in rows if r[1]})
    found = 0
    for table, column in person_columns(con, exclude=set()):
        found += _count_in(con, table, column, list(customer_ids) if column in CUSTOMER_COLUMNS else ids)
    return ids, handles, found


def person_columns(con: duckdb.DuckDBPyConnection, *, exclude: set[str]) -> list[tuple[str, str]]:
    """(table, column) of every table in the file naming a person: account, author or customer ids."""
    wanted = ", ".join(f"'{c}'" for c in (*ACCOUNT_COLUMNS, *CUSTOMER_COLUMNS))
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        f"AND (column_name IN ({wanted}) OR (table_name = 'follows' AND column_name IN ('src', 'dst')) "
        "OR (table_name = 'accounts' AND column_name = 'id')) ORDER BY 1, 2"
    ).fetchall()
    return [(str(t), str(c)) for t, c in rows if t not in exclude and not str(t).startswith("_")]


def _count_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> int:
    if not values:
        return 0
    marks = ", ".join("?" for _ in values)
    sql = f"SELECT count(*) FROM {check_identifier(table)} WHERE {check_identifier(column)} IN ({marks})"
    row = con.execute(sql, list(values)).fetchall()
    return int(row[0][0]) if row else 0


def redact_mentions(con: duckdb.DuckDBPyConnection, handles: Sequence[str]) -> int:
    """Replace ``@handle`` in other people's free text (posts, comments, bios, evidence) by ``@[erased]``."""
    if not handles:
        return 0
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND data_type = 'VARCHAR' AND column_name IN (" + ", ".join(f"'{c}'" for c in TEXT_COLUMNS) + ")"
    ).fetchall()
    changed = 0
    for handle in handles:
        pattern = "@" + "".join(ch if ch.isalnum() or ch == "_" else "\\" + ch for ch in handle) + r"\b"
        for table, column in rows:
            t, c = check_identifier(str(table)), check_identifier(str(column))
            result = con.execute(
                f"UPDATE {t} SET {c} = regexp_replace({c}, ?, ?, 'gi') WHERE regexp_matches({c}, ?, 'i')",
                [pattern, REDACTED, pattern],
            ).fetchall()
            changed += int(result[0][0]) if result else 0
    return changed


def compact_lake(path: Path, *, progress: Callable[[str], None] | None = None) -> int:
    """Rebuild the (closed) lake file from its live rows and rename it over the old one; returns bytes.

    The caller holds the writer lock and has closed every connection to ``path``. The new file is
    written aside (``.compact``) and renamed, so a crash leaves the old file or the new one, whole.
    """
    target = path.with_name(path.name + ".compact")
    for leftover in (target, Path(f"{target}.wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH {_literal(path)} AS src (READ_ONLY)")
        con.execute(f"ATTACH {_literal(target)} AS dst")
        con.execute("COPY FROM DATABASE src TO dst")
        con.execute("DETACH dst")
        con.execute("DETACH src")
    finally:
        con.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(target, path)
    Path(f"{path}.wal").unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return path.stat().st_size


def _literal(path: Path) -> str:
    """``path`` as a SQL string literal (ATTACH takes no bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"
