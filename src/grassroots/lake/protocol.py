"""The lake's interface: what stages may ask of any engine (DuckDB today, another engine later)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from grassroots.lake.runs import RunRecord, UpsertCounts
from grassroots.lake.schema import TableSpec

__all__ = ["Lake"]


class Lake(Protocol):
    """Reads and idempotent writes of lake tables, as Arrow data; every write records a run."""

    def upsert(
        self,
        table: str,
        batches: Iterable[pa.RecordBatch | pa.Table],
        *,
        step: str | None = None,
        parameters: Mapping[str, Any] | None = None,
        source: str = "<batches>",
        skip_duplicates: bool = False,
        rejected: int | Callable[[], int] = 0,
        replace_where: tuple[str, Sequence[str]] | None = None,
    ) -> UpsertCounts: ...

    def register_table(self, spec: TableSpec) -> None: ...

    def record_run(
        self,
        step: str,
        *,
        started: datetime,
        counts: UpsertCounts | None = None,
        parameters: Mapping[str, Any] | None = None,
        status: str = "ok",
    ) -> str: ...

    def delete_where(self, table: str, column: str, values: Sequence[str]) -> int: ...

    def erase_person(self, person: str, *, customer_ids: Sequence[str] = ()) -> dict[str, int]: ...

    def counts(self) -> dict[str, int]: ...

    def runs(self, *, limit: int = 10, step: str | None = None) -> list[RunRecord]: ...

    def scan(
        self, table: str, *, columns: Sequence[str] | None = None, where: Mapping[str, object] | None = None
    ) -> pa.Table: ...

    def iter_batches(
        self,
        table: str,
        *,
        columns: Sequence[str] | None = None,
        where: Mapping[str, object] | None = None,
        batch_size: int = 65_536,
    ) -> pa.RecordBatchReader: ...

    def export_parquet(self, directory: Path, *, tables: Sequence[str] | None = None) -> list[Path]: ...

    def close(self) -> None: ...
