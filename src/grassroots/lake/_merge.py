"""Staging and merging for lake upserts (used only by :mod:`grassroots.lake.duck`).

A write goes to a ``_stage_<table>`` table (table columns + ``_line`` + ``_bad``) inside the caller's
transaction, is de-duplicated on the natural key, then merged: UPDATE rows whose values differ,
INSERT keys not yet present. Identifiers come from :class:`TableSpec`; values are bound or Arrow.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from grassroots.errors import InvalidRecord
from grassroots.lake.runs import Reject
from grassroots.lake.schema import POST_KINDS, TableSpec

__all__ = [
    "append_stage",
    "create_stage",
    "dedupe_stage",
    "drop_stage",
    "merge_stage",
    "stage_json_lines",
    "stage_name",
]

#: Columns kept exactly as given (free text); every other string is trimmed and '' becomes NULL.
VERBATIM = frozenset({"text", "bio", "name"})


def stage_name(spec: TableSpec) -> str:
    """The staging table of ``spec`` (one per table, so one transaction can stage several tables)."""
    return f"_stage_{spec.name}"


def drop_stage(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> None:
    con.execute(f"DROP TABLE IF EXISTS {stage_name(spec)}").fetchall()


def create_stage(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> None:
    stage = stage_name(spec)
    cols = ", ".join(f"{c} {t}" for c, t in spec.columns.items())
    con.execute(f"DROP TABLE IF EXISTS {stage}").fetchall()
    con.execute(f"CREATE TABLE {stage} ({cols}, _line BIGINT, _bad BOOLEAN)").fetchall()


def append_stage(con: duckdb.DuckDBPyConnection, spec: TableSpec, batch: pa.RecordBatch | pa.Table) -> None:
    """Append one Arrow batch (a subset of the stage's columns, by name) to the stage."""
    stage = stage_name(spec)
    con.register("_batch", batch)
    try:
        names = ", ".join(batch.schema.names)
        con.execute(f"INSERT INTO {stage} ({names}) SELECT {names} FROM _batch").fetchall()
    finally:
        con.unregister("_batch")


#: Column types read as text; the others are read as JSON and their JSON type is checked.
_AS_TEXT = ("VARCHAR", "TIMESTAMP", "BIGINT")
#: JSON value types the fast path takes for the other column types; any other non-null value marks
#: the row bad, so the exact per-line path (which also accepts e.g. "12" for a count) decides.
_PLAIN = {
    "DOUBLE": ("BIGINT", "UBIGINT", "DOUBLE"),
    "BOOLEAN": ("BOOLEAN",),
    "VARCHAR[]": ("ARRAY",),
}


#: Count text the fast path casts itself: digits and an all-zero fraction, spaces around.
_PLAIN_COUNT = r"\s*[0-9]+(\.0*)?\s*"


def _read_type(sql_type: str) -> str:
    return "VARCHAR" if sql_type in _AS_TEXT else "JSON"


def _raw(column: str, sql_type: str) -> tuple[str, str]:
    """The column's value as read, and the condition that it needs the exact path."""
    if sql_type in _AS_TEXT:
        # Read as VARCHAR (parsing text as JSON twice is slow). DuckDB turns an object, array,
        # boolean or float into text the exact path refuses or writes differently: those go there.
        # A timestamp that is not text fails its cast later, which marks the row bad anyway.
        number = f"try_cast({column} AS DOUBLE) IS NOT NULL AND try_cast({column} AS BIGINT) IS NULL"
        odd = (
            f"(CASE WHEN left({column}, 1) IN ('{{', '[', 't', 'f') THEN {column}[1] IN ('{{', '[') "
            f"OR {column} IN ('true', 'false') WHEN {column} SIMILAR TO '-?[0-9][0-9.eE+-]*' THEN {number} "
            "ELSE false END)"
        )
        if sql_type == "BIGINT":
            # Only plain digits (JSON 12, "12", 3.0 as DuckDB writes it "3.0") are cast here, where
            # DuckDB reads them as grassroots.rules.parse_count does. Everything else goes to the exact
            # path, which decides: "1,234" and "1e3" (read there), 3.5, -3, 1e30, "0x10", "1_000"
            # (DuckDB would read those two; the shared table refuses them), true, "many".
            value = f"try_cast({column} AS BIGINT)"
            plain = f"regexp_full_match({column}, '{_PLAIN_COUNT}')"
            return value, f"(nullif(trim({column}), '') IS NOT NULL AND (NOT {plain} OR {value} IS NULL))"
        return column, "false" if sql_type == "TIMESTAMP" else odd
    kinds = ", ".join(f"'{k}'" for k in _PLAIN[sql_type])
    odd = f"({column} IS NOT NULL AND json_type({column}) NOT IN ('NULL', {kinds}))"
    if sql_type == "VARCHAR[]":
        items = f"json_extract({column}, '$[*]')"
        odd = f"({odd} OR len(list_filter({items}, lambda x: json_type(x) <> 'VARCHAR')) > 0)"
        value = f"list_filter(list_transform({items}, lambda x: trim(x ->> '$')), lambda x: x <> '')"
        return f"(CASE WHEN json_type({column}) = 'ARRAY' THEN {value} END)", odd
    value = f"try_cast(({column} ->> '$') AS {sql_type})"
    if sql_type == "DOUBLE":  # JSON NaN and 1e400 read as numbers here: the exact path refuses them
        odd = f"({odd} OR NOT isfinite(coalesce({value}, 0)))"
    return value, odd


def _expr(spec: TableSpec, column: str, sql_type: str) -> tuple[str, str | None]:
    """SQL for one normalised column (from ``raw_<column>``) and the condition that makes its row bad."""
    required = column in spec.required
    raw = f"raw_{column}"
    if sql_type == "TIMESTAMP":
        value = f"(try_cast(nullif(trim({raw}), '') AS TIMESTAMPTZ) AT TIME ZONE 'UTC')"
        bad = f"(nullif(trim({raw}), '') IS NOT NULL AND {value} IS NULL)"
        return value, f"({bad} OR {value} IS NULL)" if required else bad
    if sql_type == "VARCHAR":
        if column == "platform":
            return f"coalesce(nullif(trim({raw}), ''), $platform)", f"{raw} IS NULL AND $platform IS NULL"
        if column == "kind":
            value = f"coalesce(lower(nullif(trim({raw}), '')), 'post')"
            return value, f"{value} NOT IN ({', '.join(repr(k) for k in POST_KINDS)})"
        if column in VERBATIM:
            blank = f"({raw} IS NULL OR trim({raw}) = '')"
            return f"(CASE WHEN trim({raw}) = '' THEN NULL ELSE {raw} END)", blank if required else None
        value = f"nullif(trim({raw}), '')"
        return value, f"{value} IS NULL" if required else None
    if sql_type == "BIGINT":
        return raw, f"({raw} < 0 OR {raw} IS NULL)" if required else f"{raw} < 0"
    return raw, f"{raw} IS NULL" if required else None


def stage_json_lines(
    con: duckdb.DuckDBPyConnection, spec: TableSpec, path: Path, platform: str | None
) -> bool:
    """Stage a JSONL file read by DuckDB; False when any row is bad (the caller rolls back)."""
    stage = stage_name(spec)
    create_stage(con, spec)
    columns = "{" + ", ".join(f"'{c}': '{_read_type(t)}'" for c, t in spec.columns.items()) + "}"
    raws, exprs, bads = [], [], []
    for column, sql_type in spec.columns.items():
        raw, odd = _raw(column, sql_type)
        raws.append(f"{raw} AS raw_{column}, {odd} AS odd_{column}")
        value, bad = _expr(spec, column, sql_type)
        exprs.append(f"{value} AS {column}")
        bads.extend([f"odd_{column}", *([bad] if bad else [])])
    flag = " OR ".join(f"coalesce({b}, false)" for b in bads)
    names = ", ".join(spec.columns)
    sql = (
        f"INSERT INTO {stage} ({names}, _bad) SELECT {', '.join(exprs)}, {flag} "
        f"FROM (SELECT {', '.join(raws)} "
        f"FROM read_json($path, format = 'newline_delimited', columns = {columns}))"
    )
    con.execute(sql, {"path": str(path), "platform": platform}).fetchall()
    row = con.execute(f"SELECT count(*) FROM {stage} WHERE _bad").fetchall()[0]
    return bool(row and row[0] == 0)


def dedupe_stage(
    con: duckdb.DuckDBPyConnection, spec: TableSpec, source: str, skip: bool
) -> tuple[int, int, list[Reject]]:
    """Collapse identical rows; a key repeated with other values raises or (``skip``) is rejected.

    Returns ``(rows read, rows left, rejects)``.
    """
    stage = stage_name(spec)
    keys = ", ".join(spec.key)
    row = con.execute(f"SELECT count(*), count(DISTINCT ({keys})) FROM {stage}").fetchall()[0]
    read, distinct = (int(row[0]), int(row[1])) if row else (0, 0)
    if read == distinct:
        return read, read, []
    cols = ", ".join(spec.columns)
    con.execute(
        f"CREATE TABLE {stage}_2 AS "
        f"SELECT {cols}, min(_line) AS _line, false AS _bad FROM {stage} GROUP BY ALL"
    ).fetchall()
    conflicts = con.execute(
        f"SELECT {keys}, list(_line ORDER BY _line) FROM {stage}_2 GROUP BY {keys} HAVING count(*) > 1 "
        f"ORDER BY list(_line ORDER BY _line)[2] NULLS FIRST"
    ).fetchall()
    rejects = []
    for conflict in conflicts:
        lines: list[int | None] = conflict[-1]
        key_text = ", ".join(f"{k}={v!r}" for k, v in zip(spec.key, conflict[:-1], strict=False))
        for later in lines[1:]:
            problem = f"duplicate key ({key_text}) with different values; first on line {lines[0]}"
            if not skip or later is None:
                raise InvalidRecord(source, later, spec.key[-1], problem)
            rejects.append(Reject(int(later), spec.key[-1], problem))
    if rejects:
        con.executemany(f"DELETE FROM {stage}_2 WHERE _line = ?", [[r.line] for r in rejects])
    con.execute(f"DROP TABLE {stage}").fetchall()
    con.execute(f"ALTER TABLE {stage}_2 RENAME TO {stage}").fetchall()
    left = con.execute(f"SELECT count(*) FROM {stage}").fetchall()[0]
    return read, int(left[0]) if left else 0, rejects


def merge_stage(con: duckdb.DuckDBPyConnection, spec: TableSpec) -> tuple[int, int]:
    """Update rows whose values changed, insert new keys; returns ``(inserted, updated)``."""
    stage, table = stage_name(spec), spec.name
    match = " AND ".join(f"t.{k} = s.{k}" for k in spec.key)
    others = [c for c in spec.columns if c not in spec.key]
    updated = 0
    if others:
        sets = ", ".join(f"{c} = s.{c}" for c in others)
        differs = " OR ".join(f"t.{c} IS DISTINCT FROM s.{c}" for c in others)
        sql = f"UPDATE {table} AS t SET {sets} FROM {stage} AS s WHERE {match} AND ({differs})"
        updated = int(con.execute(sql).fetchall()[0][0])
    cols = ", ".join(spec.columns)
    sql = (
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage} AS s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {match})"
    )
    return int(con.execute(sql).fetchall()[0][0]), updated
