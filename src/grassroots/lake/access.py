"""Opening the lake as its one writer or as a reader that never waits (see :mod:`grassroots.lake.writer`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from grassroots.errors import Busy, NotFound, StoreError
from grassroots.lake.duck import DuckDBLake
from grassroots.lake.writer import holds_lock, lock_holder, snapshot_path

__all__ = ["open_lake"]


def open_lake(path: Path, *, read_only: bool = False, **options: Any) -> DuckDBLake:
    """Open the lake at ``path`` (its directory must exist).

    A writer (the default) takes the data directory's writer lock (:mod:`grassroots.lake.writer`),
    creates the file if needed and applies pending schema migrations. A reader (``read_only=True``)
    never waits and never writes: it opens the lake itself when nobody is writing, the snapshot the
    writer took when somebody is, and the lake as a writer would when this process holds the lock.
    """
    if str(path) != ":memory:" and not path.parent.is_dir():
        raise NotFound(f"{path.parent}: no such data directory; run `grassroots init` first")
    if not read_only or str(path) == ":memory:" or holds_lock(path.parent):
        return DuckDBLake(path, **options)
    for _ in range(50):
        holder = lock_holder(path.parent)
        if holder is None and not path.exists():
            raise NotFound(f"{path}: no lake yet; run `grassroots init` first")
        snapshot = snapshot_path(path)
        target = snapshot if holder is not None and snapshot.exists() else path
        try:
            return DuckDBLake(target, read_only=True, **options)
        except Busy:
            pass  # the writer has the lake open and its snapshot is not there yet
        except StoreError:
            if target.exists():
                raise
        time.sleep(0.1)
    raise Busy(f"{path}: being written by {holder.describe() if holder else 'another process'}; no snapshot")
