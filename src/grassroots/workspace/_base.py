"""What every group of Workspace methods shares: settings, who acts, progress, the lake, run rows."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from grassroots.config import Settings
from grassroots.errors import NotFound, StoreError
from grassroots.records import ProgressFn, no_progress

if TYPE_CHECKING:
    from grassroots.lake import DuckDBLake, LakeReader
    from grassroots.listen import Brand, BrandBook
    from grassroots.store import AlertDraft, StoreCounts

__all__ = ["WorkspaceBase", "now"]

_T = TypeVar("_T")


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
        reader: LakeReader | None = None,
    ) -> None:
        base = settings if settings is not None else Settings()
        self.settings = base if data_dir is None else replace(base, data_dir=Path(data_dir))
        self.actor = actor
        self.progress = progress
        #: where read-only lake calls go instead of opening the lake (a server's long-lived reader)
        self.reader = reader
        self._brands: dict[tuple[str, str], Brand] = {}

    def __repr__(self) -> str:
        return f"Workspace(data_dir={str(self.settings.data_dir)!r}, actor={self.actor!r})"

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def initialised(self) -> bool:
        """True once ``init`` has created the lake."""
        return self.settings.lake_path.exists()

    def lake_reader(self) -> LakeReader:
        """A long-lived reader of this data directory's snapshot, every result table registered once;
        for the process holding the writer lock (``grassroots serve`` passes it as ``reader=``)."""
        from grassroots.lake import LakeReader
        from grassroots.workspace._views import register_results

        return LakeReader(self.settings.lake_path, prepare=register_results)

    @contextmanager
    def _lake(self, **options: Any) -> Iterator[DuckDBLake]:
        """The lake, opened for this call only (DuckDB allows one writing process); a read-only call
        uses :attr:`reader` when the workspace has one."""
        from grassroots.lake import open_lake

        if not self.initialised:
            raise NotFound(f"{self.data_dir}: not initialised; run `grassroots init` (Workspace.init())")
        if self.reader is not None and options == {"read_only": True}:
            with self.reader.lake() as lake:
                yield lake
            return
        with open_lake(self.settings.lake_path, **options) as lake:
            yield lake

    def _read(self, key: Hashable, compute: Callable[[DuckDBLake], _T]) -> _T:
        """``compute`` on the lake opened read-only; with a :attr:`reader`, computed once per snapshot
        and shared (so ``compute`` returns something nobody modifies: tuples, frozen dataclasses)."""
        if self.reader is None or not self.initialised:
            with self._lake(read_only=True) as lake:
                return compute(lake)
        return self.reader.memo(key, compute)

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

        if isinstance(brand, Brand):
            return brand
        return self._remember_brand("resolve", brand, self._book().resolve)

    def _remember_brand(self, how: str, name: str, find: Callable[[str], Brand]) -> Brand:
        """``find(name)``, once per workspace when it has a :attr:`reader`: the web app builds one such
        workspace per request, so a request resolves each brand once (a brand edit is seen by the next
        request). Without a reader (CLI, Python API) every call reads the store."""
        if self.reader is None:
            return find(name)
        key = (how, name)
        if key not in self._brands:
            self._brands[key] = find(name)
        return self._brands[key]

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
