"""Set up an installation (data dir, secret, lake, operational store) and report what is stored."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.errors import InvalidInput, NotFound, SourceError, StoreError
from grassroots.lake import RunRecord, open_lake, writer_lock
from grassroots.rules import require_at_least

__all__ = [
    "InitReport",
    "Status",
    "initialise",
    "load_secret",
    "restrict_modes",
    "secret_fingerprint",
    "status",
]

_SECRET_BYTES = 32


@dataclass(frozen=True)
class InitReport:
    """Where the installation lives and what ``init`` created (False: it already existed)."""

    data_dir: Path
    created_secret: bool
    lake_path: Path
    database_url: str


@dataclass(frozen=True)
class Status:
    """Row counts of the lake and the store, and the last runs."""

    lake_counts: dict[str, int]
    store_counts: dict[str, int]
    runs: list[RunRecord]


def initialise(settings: Settings, *, actor: str = "system") -> InitReport:
    """Create the data dir, the per-installation HMAC secret, the lake tables and the store schema.

    Idempotent: re-running keeps the secret and the data and applies pending migrations (store and
    lake) only. Checks come first, so a refused ``init`` leaves nothing behind: the database URL
    must name a supported back-end, ``data_dir`` must be a directory, and a missing secret is not
    replaced while the store holds e-mail hashes made with the lost one (restore it from a backup).
    Everything created is readable by its owner only (directories 0700, files 0600).
    """
    from grassroots.store import Store, check_url, migrate

    check_url(settings.database_url)
    data_dir = settings.data_dir
    if data_dir.exists() and not data_dir.is_dir():
        raise InvalidInput(f"data_dir={str(data_dir)!r}: exists and is not a directory")
    if not settings.secret_path.exists():
        with Store(settings.database_url) as store:
            hashed = store.hashed_rows()
        if hashed:
            raise StoreError(
                f"{settings.secret_path}: missing, but the store holds {hashed:,} e-mail hashes made "
                "with it; restore secret.key from your backup (a new secret would match none of them)"
            )
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{data_dir}: cannot create the data directory: {exc.strerror}") from exc
    with writer_lock(settings.lake_path, command="grassroots init"):
        created = _ensure_secret(settings.secret_path)
        with open_lake(settings.lake_path):
            pass
        migrate(settings.database_url)
        if created:
            with Store(settings.database_url) as store:
                store.audit(
                    actor, "secret-created", None, {"fingerprint": secret_fingerprint(load_secret(settings))}
                )
        restrict_modes(settings)
    return InitReport(settings.data_dir, created, settings.lake_path, _redact(settings.database_url))


def secret_fingerprint(secret: bytes) -> str:
    """A short HMAC of a fixed label: tells whether two secrets are the same without revealing either."""
    return hmac.new(secret, b"grassroots secret fingerprint", hashlib.sha256).hexdigest()[:16]


def restrict_modes(settings: Settings) -> list[Path]:
    """Make the data directory 0700 and what Grassroots keeps in it 0600; returns what was changed."""
    changed = []
    for path in [settings.data_dir, *sorted(settings.data_dir.rglob("*"))]:
        if path.is_symlink():
            continue
        want = 0o700 if path.is_dir() else 0o600
        if path.stat().st_mode & 0o777 != want:
            path.chmod(want)
            changed.append(path)
    return changed


def _ensure_secret(path: Path) -> bool:
    if path.exists():
        return False
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(_SECRET_BYTES) + "\n")
    return True


def load_secret(settings: Settings) -> bytes:
    """The installation's HMAC secret (created by ``grassroots init``)."""
    try:
        text = settings.secret_path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise NotFound(f"{settings.secret_path}: no secret; run `grassroots init` first") from None
    except OSError as exc:
        raise SourceError(f"{settings.secret_path}: cannot read: {exc}") from exc
    return bytes.fromhex(text)


def status(settings: Settings, *, runs: int = 10) -> Status:
    """What is stored: counts per lake table and store table, and the last ``runs`` runs."""
    require_at_least(runs, 0, name="runs")  # 0: the counts only
    if not settings.lake_path.exists():
        raise NotFound(f"{settings.data_dir}: not initialised; run `grassroots init`")
    with open_lake(settings.lake_path, read_only=True) as lake:
        lake_counts, last = lake.counts(), lake.runs(limit=runs)
    from grassroots.store import Store

    with Store(settings.database_url) as store:
        store_counts = store.counts()
    return Status(lake_counts, store_counts, last)


def _redact(url: str) -> str:
    """Hide a password in a database URL.

    >>> _redact("postgresql+psycopg://u:pw@h/db")
    'postgresql+psycopg://u:***@h/db'
    """
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url
