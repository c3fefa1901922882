"""m001_initial: brands, campaigns, customers, orders, consent, audit_log."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brands",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("brand_id", sa.Integer, sa.ForeignKey("brands.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("starts_at", sa.DateTime),
        sa.Column("ends_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("shop_customer_id", sa.String(64)),
        sa.Column("email_hash", sa.String(64), index=True),
        sa.Column("email", sa.String(320)),
        sa.Column("first_name", sa.String(200)),
        sa.Column("last_name", sa.String(200)),
        sa.Column("phone", sa.String(64)),
        sa.Column("address", sa.Text),
        sa.Column("accepts_marketing", sa.Boolean),
        sa.Column("total_spent", sa.Numeric(14, 2)),
        sa.Column("total_orders", sa.Integer),
        sa.Column("tags", sa.Text),
        sa.Column("created_at", sa.DateTime),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("customer_id", sa.String(100), index=True),
        sa.Column("email_hash", sa.String(64), index=True),
        sa.Column("email", sa.String(320)),
        sa.Column("created_at", sa.DateTime),
        sa.Column("financial_status", sa.String(40)),
        sa.Column("currency", sa.String(8)),
        sa.Column("subtotal", sa.Numeric(14, 2)),
        sa.Column("total", sa.Numeric(14, 2)),
        sa.Column("discount_code", sa.String(200), index=True),
        sa.Column("discount_amount", sa.Numeric(14, 2)),
    )
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(100), nullable=False, index=True),
        sa.Column("purpose", sa.String(100), nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("source", sa.String(200)),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("details", sa.Text),
    )


def downgrade() -> None:
    for table in ("audit_log", "consent", "orders", "customers", "campaigns", "brands"):
        op.drop_table(table)
