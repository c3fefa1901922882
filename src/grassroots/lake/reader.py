"""One long-lived read connection on the writer's snapshot, shared by a server's request threads.

Opening DuckDB and registering the result tables costs about 100 ms; a server answering many reads a
second cannot pay that per request. A :class:`LakeReader` belongs to the process that holds the writer
lock (``grassroots serve``): it opens the snapshot readers use (:func:`~grassroots.lake.snapshot_path`)
once, runs ``prepare`` (register the result tables) once, and hands each request its own cursor
(DuckDB connections are not thread-safe; cursors are), wrapped as a :class:`DuckDBLake`.

The snapshot is only ever replaced whole (written aside and renamed), never changed in place, so a
reader never sees a half-written lake. When the writer refreshes it (after a job or an erase),
:meth:`LakeReader.reopen` opens the new file; the old connection is closed once the last request
using it is done. Each connection is a private in-memory DuckDB instance with the snapshot ATTACHed
read-only: ``duckdb.connect(path)`` would hand back the cached instance of the file that was renamed
over, i.e. the stale lake. A stat of the snapshot on every request also catches a refresh made
without :meth:`~LakeReader.reopen`. :meth:`LakeReader.memo` keeps what a read computed from one
snapshot until the next one (a snapshot never changes). Work on the writer's side (jobs, which read
what they wrote) runs inside :meth:`LakeReader.bypassed` and opens the lake itself as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from grassroots.errors import StoreError
from grassroots.lake._connect import check_size
from grassroots.lake.access import open_lake
from grassroots.lake.duck import DuckDBLake
from grassroots.lake.versions import require_current
from grassroots.lake.writer import snapshot_path

__all__ = ["LakeReader"]

_CATALOG = "lake"
_T = TypeVar("_T")
#: results kept per snapshot before the memo starts over (bounds memory)
MEMO_SIZE = 256


def _identity(path: Path) -> tuple[int, int, int] | None:
    """What tells one snapshot file from the next (None while the writer is replacing it)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class _Connection:
    """One opened snapshot: its connection, the registered table specs, and how many use it now."""

    def __init__(self, path: Path, *, memory_limit: str, prepare: Callable[[DuckDBLake], None]) -> None:
        self.identity = _identity(path)
        self.users = 0
        self.retired = False
        self.memo: dict[Hashable, Any] = {}
        con = duckdb.connect(":memory:")
        try:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(f"SET memory_limit = '{check_size(memory_limit)}'")
            quoted = "'" + str(path).replace("'", "''") + "'"
            con.execute(f"ATTACH {quoted} AS {_CATALOG} (READ_ONLY)")
            con.execute(f"USE {_CATALOG}")
            require_current(con, str(path))
            lake = DuckDBLake.over(con, path=str(path))
            prepare(lake)
            files = set(lake.file_tables())
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{path}: cannot open the lake snapshot: {exc}") from exc
        except BaseException:
            con.close()
            raise
        self.con = con
        self.path = str(path)
        self.specs = dict(lake.specs)
        # a table the snapshot lacks reads as an empty temporary one, which only its own cursor sees
        self.missing = [spec for name, spec in self.specs.items() if name not in files]

    def cursor(self) -> DuckDBLake:
        cur = self.con.cursor()
        try:
            cur.execute(f"USE {_CATALOG}")
            cur.execute("SET TimeZone = 'UTC'")
            for spec in self.missing:
                cur.execute(spec.ddl().replace("CREATE TABLE", "CREATE TEMP TABLE", 1)).fetchall()
        except BaseException:
            cur.close()
            raise
        return DuckDBLake.over(cur, path=self.path, specs=self.specs)

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.close()


class LakeReader:
    """Shared read access to ``lake_path``'s snapshot for a process holding the writer lock.

    ``prepare`` runs once per opened snapshot (e.g. registering result tables); ``memory_limit`` as
    for :class:`DuckDBLake`. Thread-safe: every :meth:`lake` is a cursor of its own.
    """

    def __init__(
        self,
        lake_path: Path,
        *,
        prepare: Callable[[DuckDBLake], None] = lambda lake: None,
        memory_limit: str = "1GB",
    ) -> None:
        self.lake_path = lake_path
        self.snapshot = snapshot_path(lake_path)
        self._prepare = prepare
        self._memory_limit = memory_limit
        self._lock = threading.Lock()
        self._current: _Connection | None = None
        self._local = threading.local()
        self.opened = 0  # how many snapshots were opened (for tests and the benchmark)

    @contextmanager
    def lake(self) -> Iterator[DuckDBLake]:
        """A read-only lake for one call: a cursor on the current snapshot (or, with no snapshot or
        inside :meth:`bypassed`, the lake opened as :func:`open_lake` would)."""
        conn = None if getattr(self._local, "bypass", 0) else self._acquire()
        if conn is None:
            with open_lake(self.lake_path, read_only=True) as lake:
                yield lake
            return
        try:
            with conn.cursor() as lake:
                yield lake
        finally:
            self._release(conn)

    def _acquire(self) -> _Connection | None:
        identity = _identity(self.snapshot)
        with self._lock:
            current = self._current
            if current is not None and (identity is None or identity == current.identity):
                current.users += 1
                return current
            if identity is None:
                return None
            fresh = _Connection(self.snapshot, memory_limit=self._memory_limit, prepare=self._prepare)
            self._swap(fresh)
            fresh.users += 1
            return fresh

    def _release(self, conn: _Connection) -> None:
        with self._lock:
            conn.users -= 1
            done = conn.retired and conn.users == 0
        if done:
            conn.close()

    def _swap(self, fresh: _Connection | None) -> None:
        """Make ``fresh`` current (caller holds ``_lock``); close the old one once nobody uses it."""
        old, self._current = self._current, fresh
        if fresh is not None:
            self.opened += 1
        if old is not None:
            old.retired = True
            if old.users == 0:
                old.close()

    def reopen(self) -> None:
        """Open the snapshot the writer just refreshed (now, so no request pays for it)."""
        identity = _identity(self.snapshot)
        with self._lock:
            if identity is None:
                self._swap(None)
            elif self._current is None or self._current.identity != identity:
                self._swap(_Connection(self.snapshot, memory_limit=self._memory_limit, prepare=self._prepare))

    def memo(self, key: Hashable, compute: Callable[[DuckDBLake], _T]) -> _T:
        """``compute(lake)``, computed once per snapshot for ``key`` and shared by every caller after
        (who must not modify it); computed afresh each time with no snapshot or inside :meth:`bypassed`."""
        conn = None if getattr(self._local, "bypass", 0) else self._acquire()
        if conn is None:
            with open_lake(self.lake_path, read_only=True) as lake:
                return compute(lake)
        try:
            if key in conn.memo:
                found: _T = conn.memo[key]
                return found
            with conn.cursor() as lake:
                value = compute(lake)
            if len(conn.memo) >= MEMO_SIZE:
                conn.memo.clear()
            conn.memo[key] = value
            return value
        finally:
            self._release(conn)

    @contextmanager
    def bypassed(self) -> Iterator[None]:
        """In this thread, :meth:`lake` opens the lake itself (a writer reads what it just wrote)."""
        self._local.bypass = getattr(self._local, "bypass", 0) + 1
        try:
            yield
        finally:
            self._local.bypass -= 1

    def close(self) -> None:
        """Close the current snapshot (once its last request is done); a later :meth:`lake` reopens."""
        with self._lock:
            self._swap(None)
