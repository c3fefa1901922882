"""The lake: bulk social data (accounts, snapshots, posts, comments, follows, runs) in DuckDB + Parquet.

Public API (stable; other domains import only from here)::

    with open_lake(settings.lake_path) as lake:          # a DuckDBLake, which satisfies Lake
        counts = lake.upsert("posts", arrow_batches)     # idempotent on (platform, id), one transaction
        table = lake.scan("posts", columns=["id", "text"], where={"platform": "twitter"})
        for batch in lake.iter_batches("follows"): ...
        lake.register_table(TableSpec(...)); lake.record_run("score_mentions", started=...)
    with open_lake(settings.lake_path, read_only=True) as lake: ...  # never waits for a writer

One process writes a data directory at a time (:mod:`grassroots.lake.writer`): opening the lake for
writing takes ``DATA_DIR/writer.lock``; a server holds ``WriterLock`` for its lifetime. Writers apply
the lake's schema migrations (:mod:`grassroots.lake.versions`) when they open it.

Queries live behind :class:`Lake` so another engine can implement the same surface later.
"""

from __future__ import annotations

from grassroots.lake._erase import compact_lake
from grassroots.lake.access import open_lake
from grassroots.lake.duck import BulkWrite, DuckDBLake, batches_of
from grassroots.lake.protocol import Lake
from grassroots.lake.reader import LakeReader
from grassroots.lake.runs import Reject, RunRecord, UpsertCounts
from grassroots.lake.schema import POST_KINDS, TABLES, TableSpec, arrow_schema, check_identifier
from grassroots.lake.versions import MIGRATIONS, Migration
from grassroots.lake.writer import LOCK_FILE, LockHolder, WriterLock, lock_holder, snapshot_path, writer_lock

__all__ = [
    "LOCK_FILE",
    "MIGRATIONS",
    "POST_KINDS",
    "TABLES",
    "BulkWrite",
    "DuckDBLake",
    "Lake",
    "LakeReader",
    "LockHolder",
    "Migration",
    "Reject",
    "RunRecord",
    "TableSpec",
    "UpsertCounts",
    "WriterLock",
    "arrow_schema",
    "batches_of",
    "check_identifier",
    "compact_lake",
    "lock_holder",
    "open_lake",
    "snapshot_path",
    "writer_lock",
]
