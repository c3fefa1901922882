"""The operational store: brands, campaigns, customers, orders, consent, audit log (SQLAlchemy 2 + Alembic).

SQLite file by default, PostgreSQL when the database URL says so. The only package that speaks SQL
to the operational store.
"""

from __future__ import annotations

from grassroots.store import tables
from grassroots.store.db import Store, StoreCounts, current_revision, migrate

__all__ = ["Store", "StoreCounts", "current_revision", "migrate", "tables"]
