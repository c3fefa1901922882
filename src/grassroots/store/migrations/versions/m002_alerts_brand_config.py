"""m002_alerts_brand_config: the ``alerts`` table, and full brand configurations in ``brands``.

``brands`` gains ``slug`` (the case- and punctuation-free name, unique: "Dove" and "dove" are one
brand), ``config`` (the brand's names, handles, hashtags, ... as JSON) and ``updated_at``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m002_alerts_brand_config"
down_revision = "m001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("brands") as batch:
        batch.add_column(sa.Column("slug", sa.String(200)))
        batch.add_column(sa.Column("config", sa.Text))
        batch.add_column(sa.Column("updated_at", sa.DateTime))
        batch.create_index("ix_brands_slug", ["slug"], unique=True)
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("brand", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("account_id", sa.String(200), index=True),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("handled_by", sa.String(200)),
        sa.Column("handled_at", sa.DateTime),
        sa.UniqueConstraint("kind", "subject", "brand", name="uq_alerts_kind_subject_brand"),
    )
    op.create_index("ix_alerts_status", "alerts", ["status"])


def downgrade() -> None:
    op.drop_index("ix_alerts_status", table_name="alerts")
    op.drop_table("alerts")
    with op.batch_alter_table("brands") as batch:
        batch.drop_index("ix_brands_slug")
        batch.drop_column("updated_at")
        batch.drop_column("config")
        batch.drop_column("slug")
