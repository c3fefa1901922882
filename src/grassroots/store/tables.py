"""The operational store's tables (SQLAlchemy Core), matching the latest migration.

Migrations in ``migrations/versions`` create these; this module is what queries use. A test checks
the two agree on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["alerts", "audit_log", "brands", "campaigns", "consent", "customers", "metadata", "orders"]

metadata = MetaData()

brands = Table(
    "brands",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("slug", String(200), unique=True, index=True),
    Column("config", Text),
    Column("updated_at", DateTime),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("brand_id", Integer, ForeignKey("brands.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("starts_at", DateTime),
    Column("ends_at", DateTime),
    Column("created_at", DateTime, nullable=False),
)

customers = Table(
    "customers",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("shop_customer_id", String(64)),
    Column("email_hash", String(64), index=True),
    Column("email", String(320)),
    Column("first_name", String(200)),
    Column("last_name", String(200)),
    Column("phone", String(64)),
    Column("address", Text),
    Column("accepts_marketing", Boolean),
    Column("total_spent", Numeric(14, 2)),
    Column("total_orders", Integer),
    Column("tags", Text),
    Column("created_at", DateTime),
)

orders = Table(
    "orders",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("customer_id", String(100), index=True),
    Column("email_hash", String(64), index=True),
    Column("email", String(320)),
    Column("created_at", DateTime),
    Column("financial_status", String(40)),
    Column("currency", String(8)),
    Column("subtotal", Numeric(14, 2)),
    Column("total", Numeric(14, 2)),
    Column("discount_code", String(200), index=True),
    Column("discount_amount", Numeric(14, 2)),
)

consent = Table(
    "consent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(100), nullable=False, index=True),
    Column("purpose", String(100), nullable=False),
    Column("granted", Boolean, nullable=False),
    Column("source", String(200)),
    Column("recorded_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("subject", String(200)),
    Column("details", Text),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("brand", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("account_id", String(200), index=True),
    Column("evidence", Text, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("handled_by", String(200)),
    Column("handled_at", DateTime),
    UniqueConstraint("kind", "subject", "brand", name="uq_alerts_kind_subject_brand"),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("platform", String(40), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("brand", String(200), nullable=False),
    Column("value", String(40), nullable=False),
    Column("account_id", String(200), index=True),
    Column("note", Text),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint(
        "kind", "platform", "subject", "brand", name="uq_corrections_kind_platform_subject_brand"
    ),
)
