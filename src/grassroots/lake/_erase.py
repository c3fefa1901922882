"""Erasing one person from the lake file: find their rows, delete them, redact mentions, rebuild the file.

Deleting rows is not enough: DuckDB marks them deleted and later frees their blocks, but freed blocks
are not overwritten, so the bytes stay in ``lake.duckdb`` (a checkpoint does not help).
:func:`compact_lake` therefore copies the live rows into a new file and renames it over the old one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from grassroots.lake.schema import check_identifier

__all__ = [
    "PersonRows",
    "clear_references",
    "compact_lake",
    "find_person",
    "person_columns",
    "person_rows",
    "redact_mentions",
    "reference_columns",
]

#: Columns naming a person, by the kind of id they hold.
ACCOUNT_COLUMNS = ("account_id", "author")
CUSTOMER_COLUMNS = ("customer_id",)
#: Free-text columns of any table in which other people may mention the person's handle.
TEXT_COLUMNS = ("text", "bio", "evidence", "explanation", "query")
REDACTED = "@[erased]"

PersonRows = tuple[list[str], list[str], int]


def find_person(con: duckdb.DuckDBPyConnection, person: str, customer_ids: Sequence[str]) -> PersonRows:
    """``(account ids, handles, rows naming them)`` for an account id or handle (with or without ``@``).

    Handles compare case-insensitively, as platforms treat them. The ids are those of matching
    ``accounts`` rows, plus the given id itself when rows name it without an account (posts by an
    author never ingested as an account). ``customer_ids`` (from the store) find result rows linked
    to a shop customer.
    """
    bare = person.removeprefix("@")
    rows = con.execute(
        "SELECT DISTINCT id, handle FROM accounts WHERE id = ? OR lower(handle) = lower(?)", [person, bare]
    ).fetchall()
    accounts = {str(r[0]) for r in rows}
    handles = sorted({str(r[1]) for r in rows if r[1]})
    columns = person_columns(con, exclude=set()) + reference_columns(con)
    by_id = [(t, c) for t, c in columns if c not in CUSTOMER_COLUMNS]
    given = [i for i in dict.fromkeys([person, bare]) if i not in accounts]
    ids = sorted(accounts | {i for i in given if any(_count_in(con, t, c, [i]) for t, c in by_id)})
    found = 0
    for table, column in columns:
        found += _count_in(con, table, column, list(customer_ids) if column in CUSTOMER_COLUMNS else ids)
    return ids, handles, found


def person_rows(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], customer_ids: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Every row of the file naming the person (the rows :func:`find_person` counts as theirs), by
    table: what a subject-access export (GDPR art. 15) hands over. Other people's rows that only
    point at them (``reply_to_author``) are not theirs and are left out."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table, column in person_columns(con, exclude=set()):
        values = list(customer_ids) if column in CUSTOMER_COLUMNS else list(ids)
        if not values:
            continue
        marks = ", ".join("?" for _ in values)
        sql = f"SELECT * FROM {check_identifier(table)} WHERE {check_identifier(column)} IN ({marks})"
        cursor = con.execute(sql, values)
        names = [d[0] for d in cursor.description or ()]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if rows:
            seen = out.setdefault(table, [])
            seen.extend(r for r in rows if r not in seen)
    return out


def person_columns(con: duckdb.DuckDBPyConnection, *, exclude: set[str]) -> list[tuple[str, str]]:
    """(table, column) of every table in the file naming a person: account, author or customer ids."""
    wanted = ", ".join(f"'{c}'" for c in (*ACCOUNT_COLUMNS, *CUSTOMER_COLUMNS))
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        f"AND (column_name IN ({wanted}) OR (table_name = 'follows' AND column_name IN ('src', 'dst')) "
        "OR (table_name = 'accounts' AND column_name = 'id')) ORDER BY 1, 2"
    ).fetchall()
    return [(str(t), str(c)) for t, c in rows if t not in exclude and not str(t).startswith("_")]


def reference_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(table, column) of columns pointing at a person from someone else's row (``reply_to_author``)."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND data_type = 'VARCHAR' "
        "AND (column_name LIKE '%\\_author' ESCAPE '\\' OR column_name LIKE '%\\_account\\_id' ESCAPE '\\') "
        "ORDER BY 1, 2"
    ).fetchall()
    return [(str(t), str(c)) for t, c in rows if not str(t).startswith("_")]


def post_rows(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[tuple[str, str, list[str]]]:
    """(table, ``post_id``, the person's post ids) for tables keyed by post without naming its author
    (``post_labels``): their rows about the person's posts go with the posts."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    posts = [
        str(r[0])
        for r in con.execute(f"SELECT id FROM posts WHERE author IN ({marks})", list(ids)).fetchall()
    ]
    rows = con.execute(
        "SELECT table_name, list(column_name) FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_catalog = current_database() GROUP BY table_name ORDER BY table_name"
    ).fetchall()
    named = {*ACCOUNT_COLUMNS, *CUSTOMER_COLUMNS}
    return [
        (str(t), "post_id", posts)
        for t, columns in rows
        if posts and "post_id" in columns and not named & set(columns) and not str(t).startswith("_")
    ]


def clear_references(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> int:
    """Set :func:`reference_columns` naming the person to NULL (the other person's row stays)."""
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    changed = 0
    for table, column in reference_columns(con):
        t, c = check_identifier(table), check_identifier(column)
        changed += _count(
            con.execute(f"UPDATE {t} SET {c} = NULL WHERE {c} IN ({marks})", list(ids)).fetchall()
        )
    return changed


def _count_in(con: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str]) -> int:
    if not values:
        return 0
    marks = ", ".join("?" for _ in values)
    sql = f"SELECT count(*) FROM {check_identifier(table)} WHERE {check_identifier(column)} IN ({marks})"
    row = con.execute(sql, list(values)).fetchall()
    return int(row[0][0]) if row else 0


def redact_mentions(con: duckdb.DuckDBPyConnection, handles: Sequence[str], ids: Sequence[str] = ()) -> int:
    """Redact the person in other people's rows; returns the values changed.

    ``@handle`` in free text (posts, comments, bios, evidence) becomes ``@[erased]``, and their id as
    a quoted JSON string in any text column (a pod's members, a community listing) becomes
    ``"[erased]"``.
    """
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND data_type = 'VARCHAR'"
    ).fetchall()
    changed = 0
    for table, column in ((str(t), str(c)) for t, c in rows if not str(t).startswith("_")):
        t, c = check_identifier(table), check_identifier(column)
        patterns = [_handle_pattern(h) for h in handles] if c in TEXT_COLUMNS else []
        for pattern in patterns:
            sql = f"UPDATE {t} SET {c} = regexp_replace({c}, ?, ?, 'gi') WHERE regexp_matches({c}, ?, 'i')"
            changed += _count(con.execute(sql, [pattern, REDACTED, pattern]).fetchall())
        for quoted in (json.dumps(value) for value in ids):
            sql = f"UPDATE {t} SET {c} = replace({c}, ?, ?) WHERE contains({c}, ?)"
            changed += _count(con.execute(sql, [quoted, '"[erased]"', quoted]).fetchall())
    return changed


def _handle_pattern(handle: str) -> str:
    """A regular expression for ``@handle`` as a whole word (RE2 syntax)."""
    return "@" + "".join(ch if ch.isalnum() or ch == "_" else "\\" + ch for ch in handle) + r"\b"


def _count(rows: list[Any]) -> int:
    return int(rows[0][0]) if rows else 0


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
