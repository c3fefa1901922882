"""Set up an installation (data dir, secret, lake, operational store) and report what is stored."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.errors import NotFound, SourceError
from grassroots.lake import RunRecord, open_lake

__all__ = ["InitReport", "Status", "initialise", "load_secret", "status"]

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


def initialise(settings: Settings) -> InitReport:
    """Create the data dir, the per-installation HMAC secret, the lake tables and the store schema.

    Idempotent: re-running keeps the secret and the data and applies pending migrations only.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    created = _ensure_secret(settings.secret_path)
    with open_lake(settings.lake_path):
        pass
    from grassroots.store import migrate

    migrate(settings.database_url)
    return InitReport(settings.data_dir, created, settings.lake_path, _redact(settings.database_url))


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
    if not settings.lake_path.exists():
        raise NotFound(f"{settings.data_dir}: not initialised; run `grassroots init`")
    with open_lake(settings.lake_path) as lake:
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
