"""m010_queue: the brand of each hand-over queue item and feedback record.

The queue and feedback screens are per brand (a user's role is per brand), so ``assistant_queue`` and
``assistant_feedback`` name the brand (its slug) the message was asked of: a chat link carries it, the
CLI and API record it when the installation has one brand. Rows from before stay ``NULL`` (unbranded).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m010_queue"
down_revision = "m009_portal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("assistant_queue", "assistant_feedback"):
        op.add_column(table, sa.Column("brand", sa.String(200)))
        op.create_index(f"ix_{table}_brand", table, ["brand"])


def downgrade() -> None:
    for table in ("assistant_feedback", "assistant_queue"):
        op.drop_index(f"ix_{table}_brand", table_name=table)
        op.drop_column(table, "brand")
