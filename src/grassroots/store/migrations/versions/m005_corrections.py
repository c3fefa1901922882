"""m005_corrections: the ``corrections`` table (a person marks a score wrong; applied on every later run).

One row per (kind, platform, subject, brand): a newer correction of the same thing replaces the older.
``account_id`` names the person the correction is about, so erasure finds it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m005_corrections"
down_revision = (
    "m004_campaigns"  # chained at integration: m003_web -> m004_campaigns -> m005_corrections -> m006_engage
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("platform", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("brand", sa.String(200), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("account_id", sa.String(200), index=True),
        sa.Column("note", sa.Text),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint(
            "kind", "platform", "subject", "brand", name="uq_corrections_kind_platform_subject_brand"
        ),
    )


def downgrade() -> None:
    op.drop_table("corrections")
