"""The DuckDB lake: one database file holding accounts, snapshots, posts, comments, follows and runs.

Every write is an idempotent upsert on the table's natural key, inside ONE transaction with its
``runs`` row: if anything fails (or the process is killed) nothing of that write is visible.
Every value reaches DuckDB as a bound parameter or through Arrow; table and column names come only
from :data:`~grassroots.lake.schema.TABLES` or pass :func:`check_identifier`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from grassroots.errors import InvalidInput, InvalidRecord, NotFound, StoreError
from grassroots.lake import _erase, _merge
from grassroots.lake._connect import check_size, connect
from grassroots.lake._erase import PersonRows
from grassroots.lake.runs import RunRecord, UpsertCounts, git_sha, package_version
from grassroots.lake.schema import RUNS_DDL, TABLES, TableSpec, check_identifier
from grassroots.lake.versions import lake_version, migrate_lake, require_current
from grassroots.lake.writer import writer_lock

_log = logging.getLogger(__name__)

__all__ = ["BulkWrite", "DuckDBLake", "batches_of"]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class DuckDBLake:
    """The lake on one DuckDB file. Use as a context manager, or call :meth:`close`.

    >>> with DuckDBLake(":memory:") as lake:
    ...     lake.upsert("follows", [pa.table({"platform": ["x"], "src": ["a"], "dst": ["b"]})]).inserted
    1
    """

    def __init__(
        self,
        path: Path | str,
        *,
        memory_limit: str = "1GB",
        threads: int | None = None,
        read_only: bool = False,
        command: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = contextlib.ExitStack()
        if not read_only and self.path != ":memory:":
            self._lock.enter_context(writer_lock(Path(self.path), command=command))
        try:
            self._con = connect(self.path, read_only=read_only)
            self._con.execute("SET TimeZone = 'UTC'")
            self._con.execute(f"SET memory_limit = '{check_size(memory_limit)}'")
            self._con.execute("SET preserve_insertion_order = false")
            if threads is not None:
                self._con.execute(f"SET threads = {int(threads)}").fetchall()
            self.specs: dict[str, TableSpec] = dict(TABLES)
            if read_only:
                require_current(self._con, self.path)
            else:
                migrate_lake(self._con, self.path)
                self.create_tables()
        except BaseException:
            if hasattr(self, "_con"):
                self._con.close()
            self._lock.close()
            raise

    @classmethod
    def over(
        cls, con: duckdb.DuckDBPyConnection, *, path: str, specs: Mapping[str, TableSpec] | None = None
    ) -> DuckDBLake:
        """A read-only lake on a connection (or cursor) opened elsewhere, e.g. by
        :class:`~grassroots.lake.reader.LakeReader`; :meth:`close` closes only that connection."""
        lake = cls.__new__(cls)
        lake.path = path
        lake.read_only = True
        lake._lock = contextlib.ExitStack()
        lake._con = con
        lake.specs = dict(TABLES if specs is None else specs)
        return lake

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> DuckDBLake:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Checkpoint and close the database file, then let go of the writer lock."""
        try:
            self._con.close()
        finally:
            self._lock.close()

    def version(self) -> tuple[int, str]:
        """``(schema version, migration name)`` of this lake (see :mod:`grassroots.lake.versions`)."""
        return lake_version(self._con)

    def create_tables(self) -> None:
        """Create every known table (idempotent)."""
        for spec in self.specs.values():
            self._con.execute(spec.ddl()).fetchall()
        self._con.execute(RUNS_DDL).fetchall()

    def register_table(self, spec: TableSpec) -> None:
        """Add a table (e.g. scores written by a later stage) and create it if missing.

        A table written by an older version gets the columns added since (NULL in its old rows), so
        a result table can grow a column without breaking an existing lake. A reader cannot create
        tables in the file: a table it lacks is read as an empty temporary one.
        """
        self.specs[check_identifier(spec.name)] = spec
        if not self.read_only:
            self._con.execute(spec.ddl()).fetchall()
        elif spec.name not in self._file_tables():
            self._con.execute(spec.ddl().replace("CREATE TABLE", "CREATE TEMP TABLE", 1)).fetchall()
            return
        found = self._con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ?",
            [spec.name],
        ).fetchall()
        have = {name for (name,) in found}
        for column, kind in spec.columns.items():
            if column not in have and not self.read_only:
                self._con.execute(
                    f"ALTER TABLE {spec.name} ADD COLUMN {check_identifier(column)} {kind}"
                ).fetchall()

    def _spec(self, table: str) -> TableSpec:
        try:
            return self.specs[table]
        except KeyError:
            raise NotFound(f"no lake table {table!r}; known: {', '.join(sorted(self.specs))}") from None

    # -- writes ----------------------------------------------------------------------------------
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
    ) -> UpsertCounts:
        """Insert new keys and update changed rows of ``table`` from Arrow ``batches``, in one transaction.

        ``replace_where=(column, values)`` first deletes the rows whose ``column`` is one of
        ``values``, in the same transaction, so a result set (one brand's advocates) is swapped whole
        or not at all.

        Batches carry the table's columns (missing ones are NULL) and may carry ``_line``, the input
        line of each row, used to name conflicting duplicates. Rows repeating a key with identical
        values collapse to one; a key repeated with different values raises :class:`InvalidRecord`
        at the later line, or (``skip_duplicates``) keeps the first and reports the others as rejects.
        A ``runs`` row named ``step`` (default ``upsert:<table>``) is written in the same transaction;
        ``rejected`` (a count, or a function called once the batches are consumed) adds rows the caller
        rejected before staging to its counts.
        """
        spec = self._spec(table)
        started = _now()
        self._begin()
        try:
            if replace_where is not None:
                self.delete_where(table, *replace_where)
            _merge.create_stage(self._con, spec)
            for batch in batches:
                _merge.append_stage(self._con, spec, batch)
            skipped = rejected() if callable(rejected) else rejected
            counts = self._merge_and_record(spec, started, step, parameters, source, skip_duplicates, skipped)
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: could not write {table}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._con.execute("COMMIT").fetchall()
        return counts

    @contextmanager
    def bulk(
        self,
        *,
        step: str,
        parameters: Mapping[str, Any] | None = None,
        source: str = "<batches>",
        skip_duplicates: bool = False,
    ) -> Iterator[BulkWrite]:
        """Stage rows of several tables, then merge them all in ONE transaction (one runs row per table).

        Use when one source file fills several tables (a dump with profiles, posts and edges): nothing
        of the file is visible unless all of it is written. Counts end up in ``write.counts``.
        """
        started = _now()
        self._begin()
        write = BulkWrite(self._con, self.specs)
        try:
            yield write
            for table in write.tables:
                spec = self.specs[table]
                name = f"{step}:{table}"
                write.counts[table] = self._merge_and_record(
                    spec, started, name, parameters, source, skip_duplicates, 0
                )
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: could not write {', '.join(write.tables)}: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._con.execute("COMMIT").fetchall()

    def upsert_json_lines(
        self, table: str, path: Path, *, platform: str | None, step: str, parameters: Mapping[str, Any]
    ) -> UpsertCounts | None:
        """Fast path: let DuckDB read and validate a JSONL file itself, then merge like :meth:`upsert`.

        Returns None, having written nothing, when any row needs the exact per-line path (a parse
        error, a bad value, a conflicting duplicate): the caller then reads the file line by line to
        report ``FILE:LINE: field: problem`` or to write rejects.
        """
        spec = self._spec(table)
        started = _now()
        self._begin()
        try:
            if not _merge.stage_json_lines(self._con, spec, path, platform):
                self._rollback()
                return None
            counts = self._merge_and_record(spec, started, step, parameters, str(path), False, 0)
        except (InvalidRecord, duckdb.Error):
            self._rollback()
            return None
        except BaseException:
            self._rollback()
            raise
        self._con.execute("COMMIT").fetchall()
        return counts

    def _merge_and_record(
        self,
        spec: TableSpec,
        started: datetime,
        step: str | None,
        parameters: Mapping[str, Any] | None,
        source: str,
        skip_duplicates: bool,
        rejected: int,
    ) -> UpsertCounts:
        read, staged, rejects = _merge.dedupe_stage(self._con, spec, source, skip_duplicates)
        inserted, updated = _merge.merge_stage(self._con, spec)
        counts = UpsertCounts(
            read=read + rejected,
            inserted=inserted,
            updated=updated,
            unchanged=staged - inserted - updated,
            rejected=rejected + len(rejects),
            rejects=tuple(rejects),
        )
        run_id = self._insert_run(step or f"upsert:{spec.name}", started, counts, parameters or {})
        _merge.drop_stage(self._con, spec)
        return UpsertCounts(**{**counts.__dict__, "run_id": run_id})

    def record_run(
        self,
        step: str,
        *,
        started: datetime,
        counts: UpsertCounts | None = None,
        parameters: Mapping[str, Any] | None = None,
        status: str = "ok",
    ) -> str:
        """Record a pipeline step that wrote its rows some other way; returns the run id."""
        return self._insert_run(step, started, counts or UpsertCounts(0, 0, 0, 0), parameters or {}, status)

    def _insert_run(
        self,
        step: str,
        started: datetime,
        counts: UpsertCounts,
        parameters: Mapping[str, Any],
        status: str = "ok",
    ) -> str:
        run_id = uuid.uuid4().hex
        _log.info(
            "run %s (%s): read %d, inserted %d, updated %d, unchanged %d, rejected %d",
            step, status, counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected,
        )  # fmt: skip
        self._con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                step,
                started,
                _now(),
                status,
                counts.read,
                counts.inserted,
                counts.updated,
                counts.unchanged,
                counts.rejected,
                json.dumps(dict(parameters), sort_keys=True, default=str),
                package_version(),
                git_sha(),
            ],
        ).fetchall()
        return run_id

    def delete_where(self, table: str, column: str, values: Sequence[str]) -> int:
        """Delete rows of ``table`` whose ``column`` is one of ``values``; returns the count deleted."""
        self._spec(table)
        return self._delete_in(table, column, values)

    def _delete_in(self, table: str, column: str, values: Sequence[str]) -> int:
        """``delete_where`` without the registered-table check (derived tables of another process)."""
        if not values:
            return 0
        marks = ", ".join("?" for _ in values)
        sql = f"DELETE FROM {check_identifier(table)} WHERE {check_identifier(column)} IN ({marks})"
        row = self._con.execute(sql, list(values)).fetchall()[0]
        return int(row[0]) if row else 0

    def find_person(self, person: str, *, customer_ids: Sequence[str] = ()) -> PersonRows:
        """``(account ids, handles, rows naming them)`` for an account id or handle (``@`` optional)."""
        return _erase.find_person(self._con, person, customer_ids)

    def person_rows(
        self, ids: Sequence[str], *, customer_ids: Sequence[str] = ()
    ) -> dict[str, list[dict[str, Any]]]:
        """Every row naming the account ``ids`` (or shop ``customer_ids``), by table (subject access)."""
        return _erase.person_rows(self._con, ids, customer_ids)

    def erase_person(self, person: str, *, customer_ids: Sequence[str] = ()) -> dict[str, int]:
        """Delete an account (by id or handle, any platform) and everything naming it, in one transaction.

        Removes its accounts rows, snapshots, posts and comments it wrote (and rows keyed by those posts
        only, such as ``post_labels``), follow edges touching it,
        its rows in every derived table of the file (any table with an ``account_id`` or ``author``
        column, registered in this process or not; ``customer_id`` columns by ``customer_ids``), and
        in other people's rows sets columns pointing at them (``reply_to_author``) to NULL
        (``references_cleared``) and redacts ``@handle`` and their quoted id (``mentions_redacted``). Returns
        rows deleted per table. The bytes stay in the file until :func:`compact_lake` rebuilds it.
        """
        ids, handles, _ = self.find_person(person, customer_ids=customer_ids)
        self._begin()
        try:
            removed: dict[str, int] = {}
            for table, column, posts in _erase.post_rows(self._con, ids):
                removed[table] = self._delete_in(table, column, posts)
            for table, column in _erase.person_columns(self._con, exclude={"runs"}):
                values = list(customer_ids) if column in _erase.CUSTOMER_COLUMNS else ids
                removed[table] = removed.get(table, 0) + self._delete_in(table, column, values)
            removed["references_cleared"] = _erase.clear_references(self._con, ids)
            removed["mentions_redacted"] = _erase.redact_mentions(self._con, handles, ids)
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: could not erase: {exc}") from exc
        except BaseException:
            self._rollback()
            raise
        self._con.execute("COMMIT").fetchall()
        return removed

    def _begin(self) -> None:
        try:
            self._con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot start a transaction: {exc}") from exc

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self._con.execute("ROLLBACK")

    # -- reads -----------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row count of every table, runs included, then the derived tables of the file (advocates, ...)."""
        out: dict[str, int] = {}
        for name in self._table_names():
            row = self._con.execute(f"SELECT count(*) FROM {check_identifier(name)}").fetchall()[0]
            out[name] = int(row[0]) if row else 0
        return out

    def file_tables(self) -> list[str]:
        """Tables stored in the file (not temporary ones), sorted."""
        return self._file_tables()

    def _file_tables(self) -> list[str]:
        """Tables stored in the file (not temporary ones), sorted."""
        found = self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database() ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in found]

    def _table_names(self) -> list[str]:
        """Registered tables, ``runs``, then every other table in the file (staging tables left out)."""
        found = self._file_tables()
        derived = [name for name in found if name not in self.specs and not name.startswith("_")]
        return list(dict.fromkeys([*self.specs, "runs", *derived]))

    def runs(self, *, limit: int = 10, step: str | None = None) -> list[RunRecord]:
        """The last ``limit`` runs (only those of ``step`` when given), newest first."""
        where, params = ("WHERE step = ? ", [step]) if step is not None else ("", [])
        rows = self._con.execute(
            f"SELECT * FROM runs {where}ORDER BY started DESC, finished DESC LIMIT ?", [*params, limit]
        ).fetchall()
        return [RunRecord.from_row(r) for r in rows]

    def scan(
        self, table: str, *, columns: Sequence[str] | None = None, where: Mapping[str, object] | None = None
    ) -> pa.Table:
        """Rows of ``table`` as Arrow, optionally only ``columns`` and rows equal to ``where`` values."""
        return self.iter_batches(table, columns=columns, where=where).read_all()

    def iter_batches(
        self,
        table: str,
        *,
        columns: Sequence[str] | None = None,
        where: Mapping[str, object] | None = None,
        batch_size: int = 65_536,
    ) -> pa.RecordBatchReader:
        """Stream ``table`` as Arrow record batches (bounded memory for large tables)."""
        self._spec(table)
        cols = ", ".join(check_identifier(c) for c in columns) if columns else "*"
        filters = [f"{check_identifier(k)} = ?" for k in (where or {})]
        clause = f" WHERE {' AND '.join(filters)}" if filters else ""
        sql = f"SELECT {cols} FROM {check_identifier(table)}{clause}"
        relation = self._con.sql(sql, params=list((where or {}).values()))
        reader: pa.RecordBatchReader = relation.to_arrow_reader(batch_size)
        return reader

    def export_parquet(self, directory: Path, *, tables: Sequence[str] | None = None) -> list[Path]:
        """Write each table (default: every table in the file, runs and result tables included) to
        ``directory/<table>.parquet``, streaming; each file appears whole or not at all."""
        known = self._table_names()
        for name in tables or ():
            if name not in known:
                raise NotFound(f"lake table {name!r} does not exist; tables: {', '.join(known)}")
        if directory.exists() and not directory.is_dir():
            raise InvalidInput(f"{directory}: is a file; export writes into a directory")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(f"{directory}: cannot create the directory: {exc.strerror or exc}") from None
        written = []
        for name in tables or known:
            target = directory / f"{check_identifier(name)}.parquet"
            partial = target.with_name(target.name + ".partial")
            reader = self._con.sql(f"SELECT * FROM {check_identifier(name)}").to_arrow_reader(65_536)
            try:
                with pq.ParquetWriter(partial, reader.schema) as writer:
                    for batch in reader:
                        writer.write_batch(batch)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            written.append(target)
        return written


class BulkWrite:
    """Rows staged for several tables inside one :meth:`DuckDBLake.bulk` transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, specs: Mapping[str, TableSpec]) -> None:
        self._con = con
        self._specs = specs
        self.tables: list[str] = []
        self.counts: dict[str, UpsertCounts] = {}

    def append(self, table: str, batch: pa.RecordBatch | pa.Table) -> None:
        """Stage ``batch`` for ``table`` (created on first use)."""
        if table not in self._specs:
            raise NotFound(f"no lake table {table!r}; known: {', '.join(sorted(self._specs))}")
        if table not in self.tables:
            _merge.create_stage(self._con, self._specs[table])
            self.tables.append(table)
        _merge.append_stage(self._con, self._specs[table], batch)


def batches_of(rows: Iterator[dict[str, Any]], schema: pa.Schema, size: int) -> Iterator[pa.RecordBatch]:
    """Group dict rows into Arrow batches of ``size`` rows with ``schema``."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)
