"""The lake: bulk social data (accounts, snapshots, posts, comments, follows, runs) in DuckDB + Parquet.

Public API (stable; other domains import only from here)::

    with open_lake(settings.lake_path) as lake:          # a DuckDBLake, which satisfies Lake
        counts = lake.upsert("posts", arrow_batches)     # idempotent on (platform, id), one transaction
        table = lake.scan("posts", columns=["id", "text"], where={"platform": "twitter"})
        for batch in lake.iter_batches("follows"): ...
        lake.register_table(TableSpec(...)); lake.record_run("score_mentions", started=...)

Queries live behind :class:`Lake` so another engine can implement the same surface later.
"""

from __future__ import annotations

from grassroots.lake.duck import BulkWrite, DuckDBLake, batches_of, open_lake
from grassroots.lake.protocol import Lake
from grassroots.lake.runs import Reject, RunRecord, UpsertCounts
from grassroots.lake.schema import POST_KINDS, TABLES, TableSpec, arrow_schema, check_identifier

__all__ = [
    "POST_KINDS",
    "TABLES",
    "BulkWrite",
    "DuckDBLake",
    "Lake",
    "Reject",
    "RunRecord",
    "TableSpec",
    "UpsertCounts",
    "arrow_schema",
    "batches_of",
    "check_identifier",
    "open_lake",
]
