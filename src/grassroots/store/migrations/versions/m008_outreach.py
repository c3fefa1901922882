"""m008_outreach: contact channels and outreach sequences.

``contact_addresses`` keeps an e-mail address in clear only for people who gave it with consent to
contact (through the portal or an addresses file, or shop customers who accepted marketing), with its
status (``ok``, ``undeliverable`` after a bounce, ``opted-out``); ``outreach_previews`` the hash of
each previewed message (nothing is sent without one for exactly that content); ``outreach_sends``
the send log; ``outreach_replies`` bounces, replies and unsubscribe replies read from a mailbox.
``person_id`` is what erasure deletes by (and ``email_hash`` for addresses).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m008_outreach"
down_revision = "m006_engage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_addresses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_hash", sa.String(64), nullable=False, index=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("consent_text", sa.Text),
        sa.Column("time_zone", sa.String(64)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_reason", sa.Text),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("person_id", "email_hash", name="uq_contact_addresses_person_email"),
    )
    op.create_table(
        "outreach_previews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("previewed_at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
    )
    op.create_table(
        "outreach_sends",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("message_id", sa.String(300)),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("error", sa.Text),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "outreach_replies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id")),
        sa.Column("in_reply_to", sa.String(300)),
        sa.Column("received_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("outreach_replies")
    op.drop_table("outreach_sends")
    op.drop_table("outreach_previews")
    op.drop_table("contact_addresses")
