"""m006_engage: the feedback assistant's chats, feedback records and hand-over queue.

``assistant_messages`` keeps each chat turn (deleted after the retention limit in settings);
``assistant_feedback`` the structured feedback read from a message; ``assistant_queue`` the
questions a person must answer (assign, answer, ``due_at`` = the SLA). ``person_id`` (who asked, when
known) is what erasure deletes by.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m006_engage"
down_revision = "m005_corrections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assistant_messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(100), nullable=False, index=True),
        sa.Column("person_id", sa.String(320), index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("intent", sa.String(100)),
        sa.Column("confidence", sa.Numeric(6, 4)),
        sa.Column("handover", sa.Boolean, nullable=False),
        sa.Column("sources", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "assistant_feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Integer, nullable=False, index=True),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("person_id", sa.String(320), index=True),
        sa.Column("product", sa.String(200)),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("sentiment", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    )
    op.create_table(
        "assistant_queue",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Integer, nullable=False, index=True),
        sa.Column("session_id", sa.String(100), nullable=False),
        sa.Column("person_id", sa.String(320), index=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("assigned_to", sa.String(200)),
        sa.Column("answer", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("assigned_at", sa.DateTime),
        sa.Column("answered_at", sa.DateTime),
    )


def downgrade() -> None:
    op.drop_table("assistant_queue")
    op.drop_table("assistant_feedback")
    op.drop_table("assistant_messages")
