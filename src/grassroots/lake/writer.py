"""One writer per data directory: a lock file every writer holds, and a snapshot readers use meanwhile.

DuckDB lets one process open a database file for writing, and while it does no other process may
open the file at all, not even read-only (measured with DuckDB 2.0: ``Could not set lock on file``).
So Grassroots settles who writes before DuckDB is asked:

* every writer (``open_lake`` for writing, ``erase``, a long-running server for its lifetime) takes an
  exclusive ``flock`` on ``DATA_DIR/writer.lock`` and writes who it is into that file (pid, command,
  host, start time). A second writer fails at once with :class:`~grassroots.errors.Busy` naming the
  holder; the lock is released by the kernel when the process dies, so a killed writer never leaves
  the directory locked;
* on taking the lock, the writer copies the lake (and its WAL, if a killed writer left one) to
  ``lake.snapshot.duckdb``, and deletes that copy when it lets go. A reader that finds the lock held
  opens the snapshot read-only: it sees the lake as it was before the write began and never waits for
  the writer. A reader that finds the lock free opens the lake itself read-only; a writer arriving
  meanwhile retries for a few seconds, then fails naming the reader;
* the lock is re-entrant within one process (``demo`` runs many steps, ``erase`` opens the lake
  several times, a server holds a :class:`WriterLock` and runs jobs), so code running while this
  process holds it may open the lake again freely.

A server that owns the writer calls :meth:`WriterLock.refresh_snapshot` after each job so readers
see its results; CLI writes meant for it are to be sent to it as jobs (the protocol is in
``docs/operations.md``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from grassroots.errors import Busy, NotFound, StoreError

__all__ = ["LOCK_FILE", "LockHolder", "WriterLock", "lock_holder", "snapshot_path", "writer_lock"]

LOCK_FILE = "writer.lock"
_REGISTRY: dict[str, tuple[WriterLock, int]] = {}
_REGISTRY_LOCK = threading.Lock()


@dataclass(frozen=True)
class LockHolder:
    """Who holds a data directory's writer lock, as it wrote into the lock file."""

    pid: int | None
    command: str
    host: str
    started: str

    def describe(self) -> str:
        """One phrase naming the holder, e.g. "`grassroots serve` (pid 12 on h, since 2026-...)"."""
        if self.pid is None:
            return "another process (writer.lock names nobody: a backup holding it with flock?)"
        return f"`{self.command}` (pid {self.pid} on {self.host}, since {self.started})"


def snapshot_path(lake_path: Path) -> Path:
    """Where readers find the lake while a writer holds the lock: ``lake.snapshot.duckdb``."""
    return lake_path.with_name(f"{lake_path.stem}.snapshot{lake_path.suffix}")


def _default_command() -> str:
    """``grassroots`` and at most two sub-command words, never an option value (it may be personal)."""
    words: list[str] = []
    for word in sys.argv[1:]:
        if word.startswith("-") or len(words) == 2:
            break
        words.append(word)
    return " ".join(["grassroots", *words])


def _read_holder(fd: int) -> LockHolder:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096).decode("utf-8", "replace")
    try:
        body = json.loads(raw)
        return LockHolder(int(body["pid"]), str(body["command"]), str(body["host"]), str(body["started"]))
    except (ValueError, KeyError, TypeError):
        return LockHolder(None, "", "", "")


def lock_holder(data_dir: Path) -> LockHolder | None:
    """The process writing ``data_dir`` now, or None when nobody is (never waits, never creates files)."""
    with _REGISTRY_LOCK:
        held = _REGISTRY.get(str(data_dir.resolve()))
    if held is not None:
        return held[0].holder
    try:
        fd = os.open(data_dir / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _read_holder(fd)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def holds_lock(data_dir: Path) -> bool:
    """True when this process holds ``data_dir``'s writer lock."""
    with _REGISTRY_LOCK:
        return str(data_dir.resolve()) in _REGISTRY


class WriterLock:
    """The exclusive right to write one data directory (its lake, store and files).

    ``lake_path`` is the lake inside the data directory (its parent); ``command`` names the holder in
    the message other writers get. Use as a context manager, or :meth:`acquire` / :meth:`release`.
    """

    def __init__(self, lake_path: Path, *, command: str | None = None) -> None:
        self.lake_path = lake_path
        self.data_dir = lake_path.parent
        self._key = str(self.data_dir.resolve())
        self.command = command or _default_command()
        self.holder: LockHolder | None = None
        self._fd: int | None = None
        self._umask: int | None = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> WriterLock:
        """Take the lock or raise :class:`Busy` at once; then snapshot the lake for readers."""
        if not self.data_dir.is_dir():
            raise NotFound(f"{self.data_dir}: no such data directory; run `grassroots init` first")
        fd = self._open_lock_file()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise Busy(
                f"{self.data_dir} is being written by {holder.describe()}; wait for it to finish "
                "(reads such as status and export still work)"
            ) from None
        self._fd = fd
        self.holder = LockHolder(
            os.getpid(), self.command, socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds")
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(self.holder.__dict__).encode("utf-8"), 0)
        os.fsync(fd)
        self._umask = os.umask(0o077)
        with _REGISTRY_LOCK:
            _REGISTRY[self._key] = (self, 1)
        try:
            self.refresh_snapshot()
        except BaseException:
            self.release()
            raise
        return self

    def _open_lock_file(self) -> int:
        try:
            return os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StoreError(
                    f"{self.data_dir}: the data directory is read-only, so nothing can be written "
                    "(reads such as status and export work)"
                ) from None
            raise StoreError(f"{self.data_dir / LOCK_FILE}: cannot open the writer lock: {exc}") from exc

    def refresh_snapshot(self) -> None:
        """Copy the lake (and a WAL left by a killed writer) to the snapshot readers open meanwhile.

        The copy is written aside and renamed, so a reader sees the old snapshot or the new one. A
        server holding the lock calls this after each job it ran, between transactions.
        """
        target = snapshot_path(self.lake_path)
        _remove_snapshot(target)
        if not self.lake_path.exists():
            return
        wal = Path(f"{self.lake_path}.wal")
        if wal.exists():
            shutil.copyfile(wal, f"{target}.wal.partial")
            os.replace(f"{target}.wal.partial", f"{target}.wal")
        shutil.copyfile(self.lake_path, f"{target}.partial")
        os.replace(f"{target}.partial", target)

    def release(self) -> None:
        """Delete the snapshot and let go of the lock (idempotent)."""
        if self._fd is None:
            return
        with _REGISTRY_LOCK:
            _REGISTRY.pop(self._key, None)
        try:
            _remove_snapshot(snapshot_path(self.lake_path))
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
            if self._umask is not None:
                os.umask(self._umask)
                self._umask = None


def _remove_snapshot(target: Path) -> None:
    for path in (target, Path(f"{target}.wal"), Path(f"{target}.partial"), Path(f"{target}.wal.partial")):
        path.unlink(missing_ok=True)


@contextmanager
def writer_lock(lake_path: Path, *, command: str | None = None) -> Iterator[WriterLock]:
    """Hold the writer lock of ``lake_path``'s data directory; re-entrant within this process."""
    key = str(lake_path.parent.resolve())
    with _REGISTRY_LOCK:
        held = _REGISTRY.get(key)
        if held is not None:
            _REGISTRY[key] = (held[0], held[1] + 1)
    if held is None:
        lock = WriterLock(lake_path, command=command).acquire()
        try:
            yield lock
        finally:
            lock.release()
        return
    try:
        yield held[0]
    finally:
        with _REGISTRY_LOCK:
            _REGISTRY[key] = (held[0], _REGISTRY[key][1] - 1)
