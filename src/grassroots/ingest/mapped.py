"""Ingest a user's file through a :class:`~grassroots.ingest.mapping.ColumnMap` (and its labels).

Each record is renamed by the map, normalised with the map's ``date_format`` and written to its
table; a mapped ``label`` adds a ``post_labels`` row for the same post, in the same transaction. A
post that is rejected takes its label with it, so no label points at a post that is not stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from grassroots.errors import SourceError
from grassroots.ingest._multi import Row, ingest_rows
from grassroots.ingest.mapping import LABEL_FIELDS, ColumnMap, apply_map, check_map, check_source_columns
from grassroots.ingest.normalise import ALIASES, FieldProblem, normalise_row
from grassroots.ingest.pipeline import IngestReport, warn_date_guesses
from grassroots.ingest.read import RawRecord, iter_records, resolve_format
from grassroots.lake import TABLES, DuckDBLake
from grassroots.records import ProgressFn, no_progress

__all__ = ["ingest_mapped"]


def ingest_mapped(
    lake: DuckDBLake,
    path: Path,
    table: str,
    cmap: ColumnMap,
    *,
    fmt: str | None = None,
    platform: str | None = None,
    skip_invalid: bool = False,
    encoding: str | None = None,
    rejects_dir: Path | None = None,
    progress: ProgressFn = no_progress,
) -> IngestReport:
    """Ingest ``path`` into ``table`` reading its columns through ``cmap``; labels to ``post_labels``."""
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    check_map(cmap, table)
    kind = resolve_format(path, fmt)
    warnings: list[str] = []
    records = iter_records(path, kind, encoding=encoding, warnings=warnings)
    label_source = cmap.label_source or path.stem
    rows = _mapped_rows(path, table, cmap, records, kind, platform, label_source, warnings)
    params: dict[str, Any] = {"path": str(path), "format": kind, "platform": platform, "encoding": encoding}
    params |= {"skip_invalid": skip_invalid, "map": dict(cmap.columns), "date_format": cmap.date_format}
    params |= {"label_source": label_source if cmap.has_labels else None}
    return ingest_rows(
        lake, path, rows, source=f"map:{table}", main_table=table, platform=platform,
        skip_invalid=skip_invalid, rejects_dir=rejects_dir, warnings=warnings, progress=progress,
        parameters=params,
    )  # fmt: skip


def _mapped_rows(
    path: Path,
    table: str,
    cmap: ColumnMap,
    records: Iterator[RawRecord],
    kind: str,
    platform: str | None,
    label_source: str,
    warnings: list[str],
) -> Iterator[Row]:
    spec = TABLES[table]
    first = True
    for record in records:
        if record.values is None:
            yield record.line, None, {"error": record.error}, record.raw
            continue
        if first:
            check_source_columns(cmap, path, 1 if kind in ("csv", "tsv") else record.line, record.values)
            _warn_unmapped(table, cmap, record.values, path, warnings)
        values = apply_map(cmap, record.values)
        if first:
            warn_date_guesses(spec, values, f"{path}:{record.line}", warnings, date_format=cmap.date_format)
            first = False
        try:
            row = normalise_row(spec, values, platform=platform, date_format=cmap.date_format)
        except FieldProblem as problem:
            yield record.line, None, {"field": problem.field, "error": problem.problem}, record.raw
            continue
        yield record.line, table, row, record.raw
        label = _label(values.get("label"))
        if cmap.has_labels and label is not None:
            target = values.get("target")
            label_row = {"platform": row["platform"], "post_id": row["id"], "label_source": label_source}
            label_row |= {"target": target, "label": label}
            yield record.line, "post_labels", label_row, record.raw


def _label(value: Any) -> str | None:
    """A label as stored: trimmed, lower case; empty means none."""
    text = "" if value is None else str(value).strip().lower()
    return text or None


def _warn_unmapped(
    table: str, cmap: ColumnMap, values: dict[str, Any], path: Path, warnings: list[str]
) -> None:
    known = set(TABLES[table].columns) | set(LABEL_FIELDS) | set(cmap.columns.values())
    known |= {a for names in ALIASES.get(table, {}).values() for a in names}
    unknown = [k for k in values if k not in known]
    if unknown:
        warnings.append(
            f"{path}: columns ignored (not mapped, not {table} fields): {', '.join(unknown[:10])}"
        )
