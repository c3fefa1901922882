"""What every group of Workspace methods shares: settings, who acts, progress, the lake, run rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grassroots.config import Settings
from grassroots.errors import NotFound, StoreError
from grassroots.records import ProgressFn, no_progress

if TYPE_CHECKING:
    from grassroots.lake import DuckDBLake
    from grassroots.listen import Brand, BrandBook
    from grassroots.store import AlertDraft, StoreCounts

__all__ = ["WorkspaceBase", "now"]


def now() -> datetime:
    """UTC now without a time zone (how the ``runs`` table stores times)."""
    return datetime.now(UTC).replace(tzinfo=None)


class WorkspaceBase:
    """One installation (data dir, lake, store) and the person or program acting on it."""

    def __init__(
        self,
        data_dir: Path | str | None = None,
        *,
        settings: Settings | None = None,
        actor: str = "python",
        progress: ProgressFn = no_progress,
    ) -> None:
        base = settings if settings is not None else Settings()
        self.settings = base if data_dir is None else replace(base, data_dir=Path(data_dir))
        self.actor = actor
        self.progress = progress

    def __repr__(self) -> str:
        return f"Workspace(data_dir={str(self.settings.data_dir)!r}, actor={self.actor!r})"

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def initialised(self) -> bool:
        """True once ``init`` has created the lake."""
        return self.settings.lake_path.exists()

    @contextmanager
    def _lake(self, **options: Any) -> Iterator[DuckDBLake]:
        """The lake, opened for this call only (DuckDB allows one writing process)."""
        from grassroots.lake import open_lake

        if not self.initialised:
            raise NotFound(f"{self.data_dir}: not initialised; run `grassroots init` (Workspace.init())")
        with open_lake(self.settings.lake_path, **options) as lake:
            yield lake

    @contextmanager
    def writing(self, command: str) -> Iterator[None]:
        """Hold the data directory's writer lock across several calls (``demo`` runs every stage as
        one writer): other writers fail at once naming ``command``; readers use the snapshot."""
        from grassroots.lake import writer_lock

        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with writer_lock(self.settings.lake_path, command=command):
            yield

    def _book(self) -> BrandBook:
        """The brands in the store (old YAML brand files of the data dir imported on first use)."""
        from grassroots.listen import BrandBook

        return BrandBook.of(self.settings, actor=self.actor)

    def _brand(self, brand: str | Brand) -> Brand:
        """A configured brand by name, a brand YAML file, or a bare name (see ``BrandBook.resolve``)."""
        from grassroots.listen import Brand

        return brand if isinstance(brand, Brand) else self._book().resolve(brand)

    @staticmethod
    def _last_run(lake: DuckDBLake, step: str, since: datetime) -> str:
        """The id of the ``step`` run a domain call just recorded (at or after ``since``)."""
        found = lake.runs(limit=1, step=step)
        if not found or found[0].started < since:
            raise StoreError(f"step {step!r} recorded no run")
        return found[0].id

    def _record(
        self,
        step: str,
        *,
        started: datetime,
        read: int,
        parameters: Mapping[str, Any],
    ) -> str | None:
        """Record a run of a step that scores a file (nothing upserted); None before ``init``."""
        if not self.initialised:
            return None
        from grassroots.lake import UpsertCounts

        counts = UpsertCounts(read=read, inserted=0, updated=0, unchanged=0)
        params = {**parameters, "actor": self.actor}
        with self._lake() as lake:
            return lake.record_run(step, started=started, counts=counts, parameters=params)

    def _raise_alerts(self, drafts: Iterable[AlertDraft]) -> StoreCounts:
        """Store alert drafts (idempotent on kind, subject and brand); see ``grassroots alerts``."""
        from grassroots.store import Store, raise_alerts

        with Store(self.settings.database_url) as store:
            return raise_alerts(store, drafts)

    def _results_file(self, name: str) -> Path:
        """``DATA_DIR/results/NAME``: where stage exports go."""
        return self.data_dir / "results" / name
