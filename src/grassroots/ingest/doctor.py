"""``grassroots doctor``: is this data directory sound? Each check says what it found and how to fix it.

Checks never write and never wait for a writer: the data directory (exists, writable, modes), the
secret (present, well-formed, the one the store's e-mail hashes were made with), the lake's and the
store's schema versions, who holds the writer lock, a snapshot a killed writer left, and erases
that stopped part-way.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Literal

from grassroots.config import Settings
from grassroots.errors import GrassrootsError
from grassroots.ingest.erasure import unfinished_erasures
from grassroots.ingest.setup import load_secret, secret_fingerprint
from grassroots.lake import MIGRATIONS, lock_holder, open_lake, snapshot_path

__all__ = ["Check", "CheckStatus", "doctor"]

CheckStatus = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Check:
    """One finding: ``name``, ``status`` and a sentence saying what was found (and the fix)."""

    name: str
    status: CheckStatus
    detail: str


def doctor(settings: Settings) -> list[Check]:
    """Run every check on the installation ``settings`` names; stops early when there is no data dir."""
    data_dir = settings.data_dir
    if not data_dir.is_dir():
        what = "is not a directory" if data_dir.exists() else "does not exist"
        return [Check("data_dir", "fail", f"{data_dir} {what}; run `grassroots init`")]
    checks = [_data_dir(settings), _modes(settings), _secret(settings), _lake(settings), _store(settings)]
    return [*checks, _writer(settings), _snapshot(settings), _erasures(settings)]


def _data_dir(settings: Settings) -> Check:
    read_only = bool(os.statvfs(settings.data_dir).f_flag & os.ST_RDONLY)
    if read_only or not os.access(settings.data_dir, os.W_OK):
        return Check("data_dir", "warn", f"{settings.data_dir} is read-only: reads work, writes are refused")
    return Check("data_dir", "ok", f"{settings.data_dir} exists and is writable")


def _modes(settings: Settings) -> Check:
    loose = []
    for path in [settings.data_dir, *settings.data_dir.rglob("*")]:
        if not path.is_symlink() and path.stat().st_mode & 0o077:
            loose.append(path)
    if loose:
        names = ", ".join(str(p.relative_to(settings.data_dir)) or "." for p in loose[:5])
        more = f" and {len(loose) - 5} more" if len(loose) > 5 else ""
        return Check(
            "modes", "fail", f"readable by others: {names}{more}; `grassroots init` makes them 0600/0700"
        )
    return Check("modes", "ok", "everything is readable by its owner only")


def _secret(settings: Settings) -> Check:
    from grassroots.store import Store, tables

    try:
        secret = load_secret(settings)
        if len(secret) != 32:
            raise ValueError("not 32 bytes")
    except GrassrootsError as exc:
        return Check("secret", "fail", f"{exc}; restore secret.key from your backup")
    except ValueError as exc:
        return Check(
            "secret", "fail", f"{settings.secret_path}: malformed ({exc}); restore it from your backup"
        )
    try:
        with Store(settings.database_url) as store:
            made = store.rows(tables.audit_log, action="secret-created")
            hashed = store.hashed_rows()
    except GrassrootsError as exc:
        return Check("secret", "warn", f"present; cannot compare with the store: {exc}")
    if not made:
        state = f"{hashed:,} e-mail hashes cannot be checked" if hashed else "no e-mail hashes yet"
        return Check("secret", "warn" if hashed else "ok", f"present; no fingerprint recorded ({state})")
    recorded = json.loads(max(made, key=lambda r: r["id"])["details"]).get("fingerprint")
    if recorded != secret_fingerprint(secret):
        return Check(
            "secret",
            "fail",
            f"{settings.secret_path} is not the secret the store's {hashed:,} e-mail hashes were made with; "
            "restore the original from your backup",
        )
    return Check("secret", "ok", f"present and matches the store ({hashed:,} e-mail hashes)")


def _lake(settings: Settings) -> Check:
    want = f"{len(MIGRATIONS)} ({MIGRATIONS[-1].name})"
    if not settings.lake_path.exists():
        return Check("lake", "fail", f"{settings.lake_path} does not exist; run `grassroots init`")
    try:
        with open_lake(settings.lake_path, read_only=True) as lake:
            version, name = lake.version()
    except GrassrootsError as exc:
        return Check("lake", "fail", str(exc))
    return Check("lake", "ok", f"schema {version} ({name}), current is {want}")


def _store(settings: Settings) -> Check:
    from grassroots.store import Store, head_revision

    try:
        with Store(settings.database_url) as store:
            revision = store.revision()
    except GrassrootsError as exc:
        return Check("store", "fail", f"cannot reach the store: {exc}")
    head = head_revision()
    if revision != head:
        have = revision or "never migrated"
        return Check("store", "fail", f"store at {have}, current is {head}; run `grassroots init` to upgrade")
    return Check("store", "ok", f"store at {revision} (current)")


def _writer(settings: Settings) -> Check:
    holder = lock_holder(settings.data_dir)
    if holder is None:
        return Check("writer", "ok", "nobody is writing")
    return Check("writer", "ok", f"being written by {holder.describe()}; readers use the snapshot")


def _snapshot(settings: Settings) -> Check:
    snap = snapshot_path(settings.lake_path)
    if snap.exists() and lock_holder(settings.data_dir) is None:
        return Check(
            "snapshot",
            "fail",
            f"{snap} was left by a killed writer (it may hold erased data); the next write removes it, "
            "or delete it",
        )
    return Check("snapshot", "ok", "no stale snapshot")


def _erasures(settings: Settings) -> Check:
    try:
        open_ones = unfinished_erasures(settings.data_dir)
    except (OSError, ValueError) as exc:
        return Check("erasures", "fail", f"cannot read {settings.data_dir / 'erasures'}: {exc}")
    if not open_ones:
        return Check("erasures", "ok", "no unfinished erase")
    listed = "; ".join(f"{j.subject[:21]}... done {list(j.done)} left {list(j.left)}" for j in open_ones)
    return Check("erasures", "fail", f"unfinished: {listed}; erase the same person again to finish")
