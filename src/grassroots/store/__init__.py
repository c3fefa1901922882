"""The operational store: brands, campaigns, customers, orders, consent, audit log (SQLAlchemy 2 + Alembic).

SQLite file by default, PostgreSQL when the database URL says so. The only package that speaks SQL
to the operational store.
"""

from __future__ import annotations

from grassroots.store import tables
from grassroots.store.db import (
    BACKENDS,
    Store,
    StoreCounts,
    check_url,
    current_revision,
    head_revision,
    migrate,
    sqlite_file,
)

__all__ = [
    "BACKENDS",
    "Store",
    "StoreCounts",
    "check_url",
    "current_revision",
    "head_revision",
    "migrate",
    "sqlite_file",
    "tables",
]
