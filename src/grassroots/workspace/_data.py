"""Workspace methods about the installation itself: init, demo world, ingest, status, export, erase,
backup and doctor."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase
from grassroots.workspace.results import (
    ErasureResult,
    ExportedTable,
    IngestResult,
    InitResult,
    WorldResult,
)

if TYPE_CHECKING:
    from grassroots.ingest import BackupReport, Check, ColumnMap, Format, Source, Status

__all__ = ["WORLD_INGEST_ORDER", "DataMethods"]

#: Demo world file role -> ingest source, in dependency order (accounts before what refers to them).
WORLD_INGEST_ORDER: tuple[tuple[str, Source], ...] = (
    ("accounts", "accounts"),
    ("account_snapshots", "account_snapshots"),
    ("follows", "follows"),
    ("posts", "posts"),
    ("comments", "comments"),
    ("shopify_customers", "shopify-customers"),
    ("shopify_orders", "shopify-orders"),
)


class DataMethods(WorkspaceBase):
    """Set up the installation, load files into it, and report, export or erase what it holds."""

    def init(self) -> InitResult:
        """Create the data dir, the per-installation secret, the lake and the store (idempotent)."""
        from grassroots.ingest import initialise

        report = initialise(self.settings, actor=self.actor)
        return InitResult(report.data_dir, report.lake_path, report.database_url, report.created_secret)

    def demo_world(
        self,
        *,
        seed: int = 0,
        people: int = 20_000,
        posts: int | None = None,
        hard: bool = False,
        out: Path | None = None,
    ) -> WorldResult:
        """Write the synthetic demo market and its truth (default: into ``DATA_DIR/demo-world``)."""
        from grassroots.demo_world import generate_world

        target = out if out is not None else self.data_dir / "demo-world"
        world = generate_world(
            target, seed=seed, people=people, posts=posts, hard=hard, progress=self.progress
        )
        return WorldResult(world, seed)

    def ingest(
        self,
        source: Source,
        path: Path,
        *,
        fmt: Format | None = None,
        platform: str | None = None,
        skip_invalid: bool = False,
        encoding: str | None = None,
        keep_contact: bool = False,
        column_map: ColumnMap | None = None,
    ) -> IngestResult:
        """Load one file as ``source`` (``posts``, ``follows``, ``twitter``, ``shopify-orders``, ...):
        validated, one transaction, idempotent upsert; the result names the ``runs`` row.
        ``column_map`` (generic lake sources) says which of the file's columns fills each field."""
        from grassroots.ingest import ingest_source

        report = ingest_source(
            self.settings, source, Path(path), progress=self.progress, fmt=fmt, platform=platform,
            skip_invalid=skip_invalid, encoding=encoding, keep_contact=keep_contact, column_map=column_map,
        )  # fmt: skip
        return IngestResult(source, report)

    def ingest_world(self, world: WorldResult | Path) -> tuple[IngestResult, ...]:
        """Ingest every file of a demo world (accounts, snapshots, follows, posts, comments, shop)."""
        from grassroots.demo_world import FILES

        directory = world.directory if isinstance(world, WorldResult) else Path(world)
        done = []
        for number, (role, source) in enumerate(WORLD_INGEST_ORDER, 1):
            done.append(self.ingest(source, directory / FILES[role]))
            self.progress("ingest", number, len(WORLD_INGEST_ORDER))
        return tuple(done)

    def status(self, *, runs: int = 10) -> Status:
        """Rows per lake and store table, and the last ``runs`` runs."""
        from grassroots.ingest import status

        return status(self.settings, runs=runs)

    def export(self, directory: Path, *, tables: Sequence[str] | None = None) -> tuple[ExportedTable, ...]:
        """Write lake tables (default: all, results and ``runs`` included) as ``DIR/<table>.parquet``,
        and the store's user ``corrections`` (the labels people gave) as ``DIR/corrections.parquet``
        (by default, or when ``corrections`` is among ``tables``)."""
        import pyarrow.parquet as pq

        wanted = list(tables) if tables else None
        lake_tables = [t for t in wanted if t != "corrections"] if wanted else None
        with self._lake(read_only=True) as lake:
            files = lake.export_parquet(Path(directory), tables=lake_tables) if lake_tables != [] else []
        if wanted is None or "corrections" in wanted:
            files.append(self._export_corrections(Path(directory)))
        return tuple(ExportedTable(p.stem, p, pq.ParquetFile(p).metadata.num_rows) for p in files)

    def _export_corrections(self, directory: Path) -> Path:
        """``DIR/corrections.parquet``: every stored correction (written aside, then renamed)."""
        import os

        import pyarrow as pa
        import pyarrow.parquet as pq

        from grassroots.store import Store, list_corrections

        with Store(self.settings.database_url) as store:
            rows = [c.to_dict() for c in list_corrections(store)]
        names = ("id", "kind", "platform", "subject", "brand", "value", "account_id", "note")
        columns = {n: [r[n] for r in rows] for n in (*names, "created_by", "created_at")}
        schema = pa.schema(
            [("id", pa.int64())] + [(n, pa.string()) for n in (*names[1:], "created_by", "created_at")]
        )
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / "corrections.parquet"
        partial = target.with_name(target.name + ".partial")
        pq.write_table(pa.table(columns, schema=schema), partial)
        os.replace(partial, target)
        return target

    def erase(self, person: str) -> ErasureResult:
        """Remove one person (account id or handle, customer id or e-mail) from lake and store; the
        audit row names this workspace's ``actor`` and the person only by an HMAC."""
        from grassroots.ingest import erase_person

        removed = erase_person(self.settings, person, actor=self.actor, progress=self.progress)
        return ErasureResult(removed)

    def backup(self, directory: Path) -> BackupReport:
        """Copy the data dir (lake, SQLite store, secret, files) into a new or empty ``directory``,
        holding the writer lock so the copy is consistent."""
        from grassroots.ingest import backup

        return backup(self.settings, Path(directory))

    def doctor(self) -> list[Check]:
        """Check the data dir, secret, lake and store versions, the writer lock and unfinished erases."""
        from grassroots.ingest import doctor

        return doctor(self.settings)
