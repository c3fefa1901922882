"""The operational store: SQLAlchemy 2 on SQLite (default) or PostgreSQL, schema by Alembic migrations.

>>> import tempfile, pathlib
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> migrate(url) == head_revision()
True
>>> with Store(url) as store:
...     store.counts()["customers"]
0
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, MissingDependency, StoreError
from grassroots.store.tables import audit_log, customers, metadata, orders

__all__ = [
    "BACKENDS",
    "Store",
    "StoreCounts",
    "check_url",
    "current_revision",
    "head_revision",
    "migrate",
    "sqlite_file",
]

_MIGRATIONS = Path(__file__).parent / "migrations"
_CHUNK = 500


#: Database back-ends the store supports (SQLAlchemy dialect names).
BACKENDS = ("sqlite", "postgresql")


def check_url(url: str) -> None:
    """Raise unless ``url`` names a supported back-end whose driver is installed (connects to nothing).

    >>> check_url("mysql://u@h/db")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    grassroots.errors.InvalidInput: database URL scheme 'mysql' is not supported; expected one of ...
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise InvalidInput(f"cannot use database URL: {exc}") from exc
    if backend not in BACKENDS:
        raise InvalidInput(
            f"database URL scheme {backend!r} is not supported; expected one of {', '.join(BACKENDS)}"
        )
    _engine(url).dispose()


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store URL (absolute), or None for another back-end."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).absolute()


def _engine(url: str) -> Engine:
    try:
        # hide_parameters: an error message never carries row values (names, e-mails) to logs.
        return create_engine(url, future=True, hide_parameters=True)
    except ModuleNotFoundError as exc:
        raise MissingDependency(exc.name or "psycopg", "postgres") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot use database URL: {exc}") from exc


def _reason(exc: SQLAlchemyError) -> str:
    """The database's own first line (``UNIQUE constraint failed: customers.id``): no SQL, no values."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


#: Alembic's ``context`` is one module-level proxy: two threads migrating at once (a web server's
#: concurrent requests each opening the store) clobber each other's configuration
_MIGRATING = threading.Lock()


def migrate(url: str) -> str:
    """Apply every pending migration to the database at ``url``; returns the revision reached."""
    with _MIGRATING:
        return _migrate(url)


def _migrate(url: str) -> str:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    engine = _engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return current_revision(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the store: {exc}") from exc
    finally:
        engine.dispose()


#: URLs whose schema this process has seen at head (checked once per process, not per open)
_CURRENT: set[str] = set()


def _bring_up_to_date(url: str, engine: Engine) -> None:
    """Migrate a store that was initialised by an older release (any revision but head) when it is
    first opened, so every command works on an old data dir, not only those that migrate themselves.
    A store never migrated (no ``grassroots init`` yet) is left alone: ``init`` creates it."""
    local = sqlite_file(url)
    if url in _CURRENT or (local is not None and not local.exists()):
        return
    try:
        revision = current_revision(engine)
    except SQLAlchemyError:
        return  # no database (yet): the caller's own error says so
    if revision and revision != head_revision():
        migrate(url)
    if revision:
        _CURRENT.add(url)


def current_revision(engine: Engine) -> str:
    """The Alembic revision the database is at ('' when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() or ""


def head_revision() -> str:
    """The newest migration this code ships (what ``migrate`` brings a store to)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


@dataclass(frozen=True)
class StoreCounts:
    """Rows read, inserted, updated and unchanged by one store upsert."""

    read: int
    inserted: int
    updated: int
    unchanged: int


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """One operational store. Use as a context manager; each write method is one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        _bring_up_to_date(url, self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        try:
            with self.engine.connect() as conn:
                return {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()}
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store (run `grassroots init`?): {exc}") from exc

    def backup_to(self, target: Path) -> bool:
        """Copy a SQLite store to ``target`` with SQLite's online backup (consistent while readers
        read); returns False, copying nothing, for PostgreSQL (use ``pg_dump``)."""
        if self.engine.dialect.name != "sqlite":
            return False
        import sqlite3

        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot back up the store to {target}: {exc}") from exc
        finally:
            raw.close()
        return True

    def revision(self) -> str:
        """The migration this store is at ('' when never migrated)."""
        try:
            return current_revision(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store: {_first_line(exc)}") from exc

    def hashed_rows(self) -> int:
        """Rows holding an e-mail HMAC (customers, orders): data that only the current secret matches.

        0 for a store that does not exist yet or was never migrated.
        """
        try:
            with self.engine.connect() as conn:
                return sum(
                    int(conn.scalar(select(func.count()).where(t.c.email_hash.is_not(None))) or 0)
                    for t in (customers, orders)
                )
        except SQLAlchemyError:
            return 0

    def upsert(self, table: Table, rows: Iterable[Mapping[str, Any]], *, key: str = "id") -> StoreCounts:
        """Insert new rows and update changed ones of ``table``, keyed on ``key``, in one transaction."""
        read = inserted = updated = 0
        try:
            with self.engine.begin() as conn:
                for chunk in _chunks(rows, _CHUNK):
                    read += len(chunk)
                    new, changed = _split_changes(conn, table, key, chunk)
                    if new:
                        conn.execute(insert(table), new)
                    for row in changed:
                        conn.execute(update(table).where(table.c[key] == row[key]).values(**row))
                    inserted, updated = inserted + len(new), updated + len(changed)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write {table.name}: {_reason(exc)}") from exc
        return StoreCounts(read, inserted, updated, read - inserted - updated)

    def rows(self, table: Table, **equal: object) -> list[dict[str, Any]]:
        """Rows of ``table`` whose columns equal the given values."""
        query = select(table).where(*(table.c[k] == v for k, v in equal.items()))
        try:
            with self.engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read {table.name}: {_first_line(exc)}") from exc

    def delete_rows(self, targets: Sequence[tuple[Table, str, str]]) -> dict[str, int]:
        """Delete rows where ``table.column == value`` for each target, in one transaction.

        On SQLite the deleted content is overwritten (``secure_delete``), so the person's bytes do
        not stay in free pages of the file; rows removed per table.
        """
        try:
            with self.engine.begin() as conn:
                removed = self._delete(conn, targets)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot erase: {_first_line(exc)}") from exc
        return removed

    def delete_person(
        self,
        targets: Sequence[tuple[Table, str, str]],
        *,
        actor: str,
        subject: str,
        details: Mapping[str, Any] | None = None,
    ) -> dict[str, int]:
        """Delete rows where ``table.column == value`` for each target; audit it in the same transaction."""
        try:
            with self.engine.begin() as conn:
                removed = self._delete(conn, targets)
                self._audit(conn, actor, "erase", subject, {**(details or {}), "store": removed})
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot erase: {_first_line(exc)}") from exc
        return removed

    def _delete(self, conn: Connection, targets: Sequence[tuple[Table, str, str]]) -> dict[str, int]:
        if self.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        removed: dict[str, int] = {}
        for table, column, value in targets:
            result = conn.execute(delete(table).where(table.c[column] == value))
            removed[table.name] = removed.get(table.name, 0) + int(result.rowcount or 0)
        return removed

    def audit(self, actor: str, action: str, subject: str | None, details: Mapping[str, Any]) -> None:
        """Append one audit row."""
        try:
            with self.engine.begin() as conn:
                self._audit(conn, actor, action, subject, details)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the audit log: {_first_line(exc)}") from exc

    @staticmethod
    def _audit(
        conn: Connection, actor: str, action: str, subject: str | None, details: Mapping[str, Any]
    ) -> None:
        values = {"at": _now(), "actor": actor, "action": action, "subject": subject}
        conn.execute(insert(audit_log).values(**values, details=json.dumps(dict(details), sort_keys=True)))


def _first_line(exc: SQLAlchemyError) -> str:
    """The database's own message, without the SQL and its parameters (they may be personal data)."""
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _tables() -> list[Table]:
    return list(metadata.sorted_tables)


def _chunks(rows: Iterable[Mapping[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(dict(row))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _split_changes(
    conn: Connection, table: Table, key: str, chunk: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    keys = [row[key] for row in chunk]
    existing = {
        r._mapping[key]: dict(r._mapping) for r in conn.execute(select(table).where(table.c[key].in_(keys)))
    }
    new, changed = [], []
    for row in chunk:
        old = existing.get(row[key])
        if old is None:
            new.append(row)
        elif any(_differs(old.get(c), v) for c, v in row.items()):
            changed.append(row)
    return new, changed


def _differs(old: object, new: object) -> bool:
    if old is None or new is None:
        return old is not new
    try:
        return bool(old != type(old)(new))  # type: ignore[call-arg]
    except (TypeError, ValueError, ArithmeticError):
        return old != new
