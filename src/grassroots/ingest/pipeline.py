"""Ingest one file into one lake table: read (streaming) -> normalise (pure) -> validate -> upsert.

The whole file is one transaction. By default the first bad record raises
``InvalidRecord`` (``FILE:LINE: field: problem``) and nothing of the file is written; with
``skip_invalid`` good rows are written and each bad line goes to a rejects file with its reason.
Clean JSONL files take a fast path (DuckDB reads and validates them in bulk); anything the fast path
would not accept is re-read line by line, so the result and errors are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from grassroots.errors import InvalidRecord, SourceError
from grassroots.ingest.normalise import ALIASES, FieldProblem, date_guesses, normalise_row
from grassroots.ingest.read import Format, RawRecord, iter_records, resolve_format
from grassroots.ingest.rejects import RejectsWriter
from grassroots.lake import TABLES, DuckDBLake, Reject, TableSpec, UpsertCounts, arrow_schema
from grassroots.records import ProgressFn, no_progress

__all__ = [
    "BATCH_ROWS",
    "IngestReport",
    "ingest_file",
    "ingest_records",
    "summarise_warnings",
    "warn_date_guesses",
]

BATCH_ROWS = 50_000
_MAX_WARNINGS = 20


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: the table, the counts, warnings, the rejects file, and which path ran."""

    table: str
    path: Path
    counts: UpsertCounts
    warnings: tuple[str, ...] = ()
    rejects_path: Path | None = None
    fast_path: bool = False
    extra: Mapping[str, UpsertCounts] = field(default_factory=dict)

    @property
    def all_rejected(self) -> bool:
        """Every record was rejected (``--skip-invalid``): nothing of the file is stored."""
        c = self.counts
        return c.rejected > 0 and c.inserted + c.updated + c.unchanged == 0

    def summary(self) -> dict[str, Any]:
        """A flat, JSON-ready summary (what the CLI prints)."""
        c = self.counts
        out: dict[str, Any] = {"table": self.table, "file": str(self.path), "read": c.read}
        out |= {
            "inserted": c.inserted,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "rejected": c.rejected,
        }
        out["rejects_file"] = str(self.rejects_path) if self.rejects_path else None
        for name, extra in self.extra.items():
            out[name] = {"inserted": extra.inserted, "updated": extra.updated, "unchanged": extra.unchanged}
        return out


def ingest_file(
    lake: DuckDBLake,
    path: Path,
    table: str,
    *,
    fmt: str | None = None,
    platform: str | None = None,
    skip_invalid: bool = False,
    encoding: str | None = None,
    rejects_dir: Path | None = None,
    progress: ProgressFn = no_progress,
) -> IngestReport:
    """Ingest ``path`` into lake ``table`` (accounts, account_snapshots, posts, comments, follows)."""
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    spec = TABLES[table]
    kind = resolve_format(path, fmt)
    params = {"path": str(path), "format": kind, "platform": platform, "skip_invalid": skip_invalid}
    params |= {"encoding": encoding}
    step = f"ingest:{table}"
    if kind == "jsonl" and encoding in (None, "utf-8", "utf8") and path.suffix.lower() != ".gz":
        progress(step, 0, 1)
        counts = lake.upsert_json_lines(table, path, platform=platform, step=step, parameters=params)
        if counts is not None:
            progress(step, 1, 1)
            empty = () if counts.read else (f"{path}: no records (empty file)",)
            return IngestReport(table, path, counts, empty, fast_path=True)
    warnings: list[str] = []
    records = iter_records(path, kind, encoding=encoding, warnings=warnings)
    return ingest_records(
        lake, spec, records, path=path, fmt=kind, platform=platform, skip_invalid=skip_invalid,
        rejects_dir=rejects_dir, warnings=warnings, parameters=params, progress=progress,
    )  # fmt: skip


def ingest_records(
    lake: DuckDBLake,
    spec: TableSpec,
    records: Iterator[RawRecord],
    *,
    path: Path,
    fmt: Format | str,
    platform: str | None,
    skip_invalid: bool,
    rejects_dir: Path | None,
    warnings: list[str],
    parameters: Mapping[str, Any],
    progress: ProgressFn = no_progress,
) -> IngestReport:
    """The exact path: normalise and validate each record, then upsert all of them in one transaction."""
    rejects = RejectsWriter((rejects_dir or path.parent) / f"{path.name}.rejects.csv", path)
    step = f"ingest:{spec.name}"
    try:
        batches = _batches(
            spec, records, path, platform, rejects if skip_invalid else None, warnings, progress
        )
        counts = lake.upsert(
            spec.name, batches, step=step, parameters=dict(parameters), source=str(path),
            skip_duplicates=skip_invalid, rejected=lambda: rejects.count,
        )  # fmt: skip
        for reject in counts.rejects:
            rejects.add(reject)
    finally:
        rejects.close()
    if not counts.read and not warnings:
        warnings.append(f"{path}: no records (empty file)")
    return IngestReport(spec.name, path, counts, summarise_warnings(warnings), rejects.written, extra={})


def _batches(
    spec: TableSpec,
    records: Iterator[RawRecord],
    path: Path,
    platform: str | None,
    rejects: RejectsWriter | None,
    warnings: list[str],
    progress: ProgressFn,
) -> Iterator[pa.RecordBatch]:
    schema = arrow_schema(spec, with_line=True)
    chunk: list[dict[str, Any]] = []
    first = True
    for record in records:
        if first and record.values is not None:
            _warn_unknown(spec, record.values, path, warnings)
            warn_date_guesses(spec, record.values, f"{path}:{record.line}", warnings)
            first = False
        try:
            if record.values is None:
                raise FieldProblem("", record.error or "unreadable record")
            row = normalise_row(spec, record.values, platform=platform)
        except FieldProblem as problem:
            if rejects is None:
                raise InvalidRecord(str(path), record.line, problem.field or None, problem.problem) from None
            rejects.add(Reject(record.line, problem.field or None, problem.problem, record.raw))
            continue
        row["_line"] = record.line
        chunk.append(row)
        if len(chunk) >= BATCH_ROWS:
            progress(f"ingest:{spec.name}", record.line, None)
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def _warn_unknown(spec: TableSpec, values: Mapping[str, Any], path: Path, warnings: list[str]) -> None:
    known = set(spec.columns) | {a for names in ALIASES.get(spec.name, {}).values() for a in names}
    unknown = sorted(set(values) - known)
    if unknown:
        warnings.append(f"{path}: fields ignored (not {spec.name} columns): {', '.join(unknown[:10])}")


def warn_date_guesses(
    spec: TableSpec, values: Mapping[str, Any], where: str, warnings: list[str], *, date_format: str = "auto"
) -> None:
    """Say how numeric dates of the first record are read (serial days, epoch seconds or ms)."""
    for column, reading in date_guesses(spec, values, date_format=date_format).items():
        warnings.append(f"{where}: {column}: numbers read as {reading} (pass --date-format to choose)")


def summarise_warnings(warnings: list[str]) -> tuple[str, ...]:
    if len(warnings) <= _MAX_WARNINGS:
        return tuple(warnings)
    return (*warnings[:_MAX_WARNINGS], f"... and {len(warnings) - _MAX_WARNINGS} more warnings")
