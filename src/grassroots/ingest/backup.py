"""``grassroots backup DIR``: a consistent copy of a data directory, taken while no one writes it.

The copy is made holding the writer lock (writers fail at once meanwhile; readers carry on), so the
lake file is whole and the SQLite store is copied with SQLite's online backup. The secret goes with
it: without it no e-mail hash in the store can be matched again. Restore by copying the directory
back (``docs/operations.md``). A backup holds people erased later: replay those erasures after a
restore.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.errors import InvalidInput, NotFound
from grassroots.lake import LOCK_FILE, snapshot_path, writer_lock

__all__ = ["BackupReport", "backup"]


@dataclass(frozen=True)
class BackupReport:
    """Where the backup is, how many files and bytes it holds, and whether the store is in it."""

    directory: Path
    files: int
    bytes: int
    store_included: bool


def _skipped(path: Path, settings: Settings, store_file: Path | None) -> bool:
    """The lock, the reader snapshot, half-written files, and the store (copied by SQLite itself)."""
    name = path.name
    if name == LOCK_FILE or name.startswith(snapshot_path(settings.lake_path).name):
        return True
    if name.endswith((".partial", ".compact")):
        return True
    return (
        store_file is not None
        and path.absolute().parent == store_file.parent
        and name.startswith(store_file.name)
    )


def backup(settings: Settings, target: Path) -> BackupReport:
    """Copy the data directory to ``target`` (new or empty, outside the data directory); modes 0700/0600."""
    data = settings.data_dir
    if not settings.lake_path.exists():
        raise NotFound(f"{data}: not initialised; nothing to back up")
    target = target.absolute()
    if target == data.absolute() or data.absolute() in target.parents:
        raise InvalidInput(f"target={str(target)!r}: must be outside the data directory {data}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInput(f"target={str(target)!r}: exists and is not an empty directory")
    from grassroots.store import Store, sqlite_file

    store_file = sqlite_file(settings.database_url)
    with writer_lock(settings.lake_path, command="grassroots backup"):
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        copied = _copy_files(settings, target, store_file)
        store_copy = target / (store_file.name if store_file else "grassroots.db")
        with Store(settings.database_url) as store:
            included = store.backup_to(store_copy)
        if included:
            os.chmod(store_copy, 0o600)
            copied.append(store_copy)
    return BackupReport(target, len(copied), sum(p.stat().st_size for p in copied), included)


def _copy_files(settings: Settings, target: Path, store_file: Path | None) -> list[Path]:
    copied = []
    for path in sorted(settings.data_dir.rglob("*")):
        if _skipped(path, settings, store_file):
            continue
        copy = target / path.relative_to(settings.data_dir)
        if path.is_dir():
            copy.mkdir(mode=0o700, exist_ok=True)
        else:
            shutil.copyfile(path, copy)
            os.chmod(copy, 0o600)
            copied.append(copy)
    return copied
