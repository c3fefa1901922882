"""m004_campaigns: the campaign lifecycle (participants, offers, consent, contact log, ledger, events).

``campaigns`` gains its brief (JSON), the assignment design, seed and time, and when it closed.
``consent`` gains the consent text, the channel and ``withdrawn_at``. New tables:

- ``campaign_participants``: one row per eligible person; ``arm``, ``stratum`` and ``assigned_at``
  are written once by the randomisation and never updated; ``state`` and its timestamps move on;
- ``campaign_events``: the append-only log of every participant state change;
- ``campaign_offers``: one unguessable discount code per treated participant;
- ``campaign_addresses``: shipping addresses (only with consent; deleted when the campaign closes);
- ``contact_log``: every contact, for frequency limits across campaigns;
- ``ledger_entries`` / ``ledger_postings``: the double-entry rewards ledger.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m004_campaigns"
down_revision = "m003_web"
branch_labels = None
depends_on = None

_STATES = ("invited", "accepted", "declined", "shipped", "delivered", "posted", "redeemed")


def upgrade() -> None:
    with op.batch_alter_table("campaigns") as batch:
        batch.add_column(sa.Column("slug", sa.String(200)))
        batch.add_column(sa.Column("brief", sa.Text))
        batch.add_column(sa.Column("design", sa.String(20)))
        batch.add_column(sa.Column("seed", sa.Integer))
        batch.add_column(sa.Column("assigned_at", sa.DateTime))
        batch.add_column(sa.Column("closed_at", sa.DateTime))
        batch.create_index("ix_campaigns_slug", ["slug"], unique=True)
    with op.batch_alter_table("consent") as batch:
        batch.add_column(sa.Column("text", sa.Text))
        batch.add_column(sa.Column("channel", sa.String(40)))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime))
    op.create_table(
        "campaign_participants",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("customer_id", sa.String(100)),
        sa.Column("arm", sa.String(20), nullable=False),
        sa.Column("stratum", sa.String(300), nullable=False),
        sa.Column("selected", sa.Boolean, nullable=False),
        sa.Column("assigned_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(20)),
        *(sa.Column(f"{state}_at", sa.DateTime) for state in _STATES),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_participants_campaign_person"),
    )
    op.create_index("ix_campaign_participants_person_id", "campaign_participants", ["person_id"])
    op.create_table(
        "campaign_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("from_state", sa.String(20)),
        sa.Column("to_state", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
    )
    op.create_index("ix_campaign_events_person_id", "campaign_events", ["person_id"])
    op.create_table(
        "campaign_offers",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("value", sa.Numeric(14, 2), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("starts_at", sa.DateTime, nullable=False),
        sa.Column("ends_at", sa.DateTime, nullable=False),
        sa.Column("usage_limit", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_offers_campaign_person"),
    )
    op.create_index("ix_campaign_offers_person_id", "campaign_offers", ["person_id"])
    op.create_table(
        "campaign_addresses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_addresses_campaign_person"),
    )
    op.create_index("ix_campaign_addresses_person_id", "campaign_addresses", ["person_id"])
    op.create_table(
        "contact_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(200), nullable=False),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id")),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_contact_log_person_id", "contact_log", ["person_id"])
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("external_key", sa.String(64), nullable=False, unique=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id")),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "ledger_postings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("ledger_entries.id"), nullable=False),
        sa.Column("account", sa.String(300), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
    )
    op.create_index("ix_ledger_postings_account", "ledger_postings", ["account"])


def downgrade() -> None:
    for table in ("ledger_postings", "ledger_entries", "contact_log", "campaign_addresses"):
        op.drop_table(table)
    for table in ("campaign_offers", "campaign_events", "campaign_participants"):
        op.drop_table(table)
    with op.batch_alter_table("consent") as batch:
        batch.drop_column("withdrawn_at")
        batch.drop_column("channel")
        batch.drop_column("text")
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_index("ix_campaigns_slug")
        for column in ("closed_at", "assigned_at", "seed", "design", "brief", "slug"):
            batch.drop_column(column)
