"""Shared plumbing for sources that fill several lake tables from one file (Twitter, TwiBot, SXSW).

A source yields ``(line, table, raw values)``; each row is normalised for its table and streamed in
batches into ONE lake transaction, so a bad record leaves nothing of the file behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from grassroots.errors import InvalidRecord
from grassroots.ingest.normalise import FieldProblem, normalise_row
from grassroots.ingest.pipeline import BATCH_ROWS, IngestReport, summarise_warnings
from grassroots.ingest.rejects import RejectsWriter
from grassroots.lake import TABLES, BulkWrite, DuckDBLake, Reject, UpsertCounts, arrow_schema
from grassroots.records import ProgressFn

__all__ = ["Row", "ingest_rows"]

#: ``(line, table, raw values, raw text for the rejects file)``; a None table reports ``values["error"]``.
Row = tuple[int, str | None, Mapping[str, Any], str]


class _Batcher:
    def __init__(
        self, bulk: BulkWrite, path: Path, platform: str | None, rejects: RejectsWriter | None
    ) -> None:
        self.bulk, self.path, self.platform, self.rejects = bulk, path, platform, rejects
        self.chunks: dict[str, list[dict[str, Any]]] = {}

    def add(self, line: int, table: str | None, values: Mapping[str, Any], raw: str) -> None:
        try:
            if table is None:
                raise FieldProblem(str(values.get("field") or ""), str(values.get("error")))
            row = normalise_row(TABLES[table], values, platform=self.platform)
        except FieldProblem as problem:
            if self.rejects is None:
                raise InvalidRecord(str(self.path), line, problem.field or None, problem.problem) from None
            self.rejects.add(Reject(line, problem.field or None, problem.problem, raw))
            return
        row["_line"] = line
        chunk = self.chunks.setdefault(table, [])
        chunk.append(row)
        if len(chunk) >= BATCH_ROWS:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows = self.chunks.pop(table, [])
        if rows:
            schema = arrow_schema(TABLES[table], with_line=True)
            self.bulk.append(table, pa.RecordBatch.from_pylist(rows, schema=schema))


def ingest_rows(
    lake: DuckDBLake,
    path: Path,
    rows: Iterator[Row],
    *,
    source: str,
    main_table: str,
    platform: str | None,
    skip_invalid: bool,
    rejects_dir: Path | None,
    warnings: list[str],
    progress: ProgressFn,
    parameters: Mapping[str, Any],
) -> IngestReport:
    """Normalise and write every row of one source file in one transaction; report per table."""
    rejects = RejectsWriter((rejects_dir or path.parent) / f"{path.name}.rejects.csv", path)
    step = f"ingest:{source}"
    try:
        with lake.bulk(
            step=step, parameters=parameters, source=str(path), skip_duplicates=skip_invalid
        ) as bulk:
            batcher = _Batcher(bulk, path, platform, rejects if skip_invalid else None)
            for count, (line, table, values, raw) in enumerate(rows, start=1):
                batcher.add(line, table, values, raw)
                if count % BATCH_ROWS == 0:
                    progress(step, count, None)
            for table in list(batcher.chunks):
                batcher.flush(table)
            before_merge = rejects.count
        for counts in bulk.counts.values():
            for reject in counts.rejects:
                rejects.add(reject)
    finally:
        rejects.close()
    main = bulk.counts.get(main_table, UpsertCounts(0, 0, 0, 0))
    extra = {t: c for t, c in bulk.counts.items() if t != main_table}
    if rejects.count:
        read = main.read + before_merge
        main = UpsertCounts(read, main.inserted, main.updated, main.unchanged, rejects.count, main.run_id)
    return IngestReport(main_table, path, main, summarise_warnings(warnings), rejects.written, extra=extra)
