"""One entry point for every ``grassroots ingest SOURCE FILE``: pick the reader, open the stores, ingest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args

from grassroots.config import Settings
from grassroots.errors import InvalidInput
from grassroots.ingest.mapping import ColumnMap
from grassroots.ingest.pipeline import IngestReport, ingest_file
from grassroots.ingest.read import check_encoding
from grassroots.lake import DuckDBLake, open_lake, writer_lock
from grassroots.records import ProgressFn, no_progress

__all__ = ["LAKE_SOURCES", "SHAPE_TABLES", "SOURCES", "Source", "ingest_source"]

#: Generic sources and the lake table each one fills.
LAKE_SOURCES = {
    "posts": "posts",
    "accounts": "accounts",
    "snapshots": "account_snapshots",
    "account_snapshots": "account_snapshots",
    "comments": "comments",
    "follows": "follows",
}
#: DuckDB memory limit and threads while ingesting: a large file spills to disk instead of growing
#: the process, so peak memory hardly depends on file size (bench/ingest measures speed and peak RSS;
#: two threads need larger read buffers than 100 MB allows).
INGEST_MEMORY_LIMIT = "100MB"
INGEST_THREADS = 1
#: Real-world shapes and the table their report leads with.
SHAPE_TABLES = {"twitter": "posts", "twibot": "accounts", "sxsw": "posts"}
Source = Literal[
    "posts", "accounts", "snapshots", "account_snapshots", "comments", "follows",
    "twitter", "twibot", "sxsw", "shopify-customers", "shopify-orders",
]  # fmt: skip
SOURCES: tuple[Source, ...] = get_args(Source)


def ingest_source(
    settings: Settings,
    source: str,
    path: Path,
    *,
    progress: ProgressFn = no_progress,
    fmt: str | None = None,
    platform: str | None = None,
    skip_invalid: bool = False,
    encoding: str | None = None,
    keep_contact: bool = False,
    column_map: ColumnMap | None = None,
) -> IngestReport:
    """Ingest ``path`` as ``source`` (see :data:`SOURCES`) into this installation's lake or store.

    ``column_map`` (generic lake sources only) says which column fills each field, how dates are
    written, and where labels go (see :mod:`grassroots.ingest.mapping`).
    """
    check_encoding(encoding)
    if column_map is not None and source not in LAKE_SOURCES:
        raise InvalidInput(f"column_map: only for {', '.join(LAKE_SOURCES)}; {source!r} has a fixed layout")
    rejects_dir = settings.data_dir / "rejects"
    if source.startswith("shopify-"):
        from grassroots.ingest.shopify import ingest_shopify

        # one writer throughout: the store rows, then the run row in the lake
        with writer_lock(settings.lake_path, command=f"grassroots ingest {source}"):
            return ingest_shopify(
                settings, source, path, skip_invalid=skip_invalid, encoding=encoding,
                keep_contact=keep_contact, rejects_dir=rejects_dir,
            )  # fmt: skip
    options: dict[str, Any] = {"platform": platform, "skip_invalid": skip_invalid, "encoding": encoding}
    options |= {"rejects_dir": rejects_dir, "progress": progress}
    with open_lake(settings.lake_path, memory_limit=INGEST_MEMORY_LIMIT, threads=INGEST_THREADS) as lake:
        if source in LAKE_SOURCES and column_map is not None:
            from grassroots.ingest.mapped import ingest_mapped

            return ingest_mapped(lake, path, LAKE_SOURCES[source], column_map, fmt=fmt, **options)
        if source in LAKE_SOURCES:
            return ingest_file(lake, path, LAKE_SOURCES[source], fmt=fmt, **options)
        if source in SHAPE_TABLES:
            return _ingest_shape(lake, source, path, **options)
    raise InvalidInput(f"source={source!r}: expected one of {', '.join(SOURCES)}")


def _ingest_shape(
    lake: DuckDBLake,
    source: str,
    path: Path,
    *,
    platform: str | None,
    skip_invalid: bool,
    encoding: str | None,
    rejects_dir: Path,
    progress: ProgressFn,
) -> IngestReport:
    """Ingest a real-world shape (Twitter v1.1, TwiBot-20, SXSW) into its lake tables in one transaction."""
    from grassroots.ingest._multi import Row, ingest_rows

    platform = platform or "twitter"
    warnings: list[str] = []
    rows: Iterator[Row]
    if source == "twitter":
        from grassroots.ingest.twitter import twitter_rows

        rows = twitter_rows(path)
    elif source == "twibot":
        from grassroots.ingest.twibot import twibot_rows

        rows = twibot_rows(path)
    else:
        from grassroots.ingest.sxsw import sxsw_rows

        rows = sxsw_rows(path, platform, encoding, warnings)
    params = {"path": str(path), "source": source, "skip_invalid": skip_invalid, "encoding": encoding}
    return ingest_rows(
        lake, path, rows, source=source, main_table=SHAPE_TABLES[source], platform=platform,
        skip_invalid=skip_invalid, rejects_dir=rejects_dir, warnings=warnings, progress=progress,
        parameters=params,
    )  # fmt: skip
