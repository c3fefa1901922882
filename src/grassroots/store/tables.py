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

__all__ = [
    "PARTICIPANT_STATES",
    "alerts",
    "api_keys",
    "assistant_feedback",
    "assistant_messages",
    "assistant_queue",
    "audit_log",
    "brands",
    "campaign_addresses",
    "campaign_events",
    "campaign_offers",
    "campaign_participants",
    "campaigns",
    "consent",
    "contact_addresses",
    "contact_log",
    "corrections",
    "customers",
    "ledger_entries",
    "ledger_postings",
    "metadata",
    "orders",
    "outreach_previews",
    "outreach_replies",
    "outreach_sends",
    "portal_profiles",
    "survey_answers",
    "user_roles",
    "users",
    "web_sessions",
]

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
    Column("slug", String(200), unique=True, index=True),
    Column("brief", Text),
    Column("design", String(20)),
    Column("seed", Integer),
    Column("assigned_at", DateTime),
    Column("closed_at", DateTime),
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
    Column("text", Text),
    Column("channel", String(40)),
    Column("withdrawn_at", DateTime),
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

# -- engage: the feedback assistant (m006_engage) -------------------------------------------------

assistant_messages = Table(
    "assistant_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(100), nullable=False, index=True),
    Column("person_id", String(320), index=True),
    Column("role", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("intent", String(100)),
    Column("confidence", Numeric(6, 4)),
    Column("handover", Boolean, nullable=False),
    Column("sources", Text),
    Column("created_at", DateTime, nullable=False, index=True),
)

assistant_feedback = Table(
    "assistant_feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Integer, nullable=False, index=True),
    Column("session_id", String(100), nullable=False),
    Column("person_id", String(320), index=True),
    Column("product", String(200)),
    Column("topic", String(200), nullable=False),
    Column("sentiment", String(20), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("brand", String(200), index=True),  # m010_queue
)

assistant_queue = Table(
    "assistant_queue",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Integer, nullable=False, index=True),
    Column("session_id", String(100), nullable=False),
    Column("person_id", String(320), index=True),
    Column("question", Text, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("assigned_to", String(200)),
    Column("answer", Text),
    Column("created_at", DateTime, nullable=False),
    Column("due_at", DateTime, nullable=False),
    Column("assigned_at", DateTime),
    Column("answered_at", DateTime),
    Column("brand", String(200), index=True),  # m010_queue
)

# m003_web: the web app's accounts. Operators' names, never data subjects (no person's data here).
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("disabled", Boolean, nullable=False),
)

user_roles = Table(
    "user_roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("brand", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    UniqueConstraint("user_id", "brand", name="uq_user_roles_user_brand"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("scope", String(20), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    Column("last_used_at", DateTime),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

# -- corrections (m005): a person's word over a score ---------------------------------------------

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

# -- campaigns (m004): participants, their state log, offers, addresses, contacts, rewards ledger ------

#: A participant's states, in lifecycle order (each has a ``<state>_at`` column).
PARTICIPANT_STATES = ("invited", "accepted", "declined", "shipped", "delivered", "posted", "redeemed")

campaign_participants = Table(
    "campaign_participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("customer_id", String(100)),
    Column("arm", String(20), nullable=False),
    Column("stratum", String(300), nullable=False),
    Column("selected", Boolean, nullable=False),
    Column("assigned_at", DateTime, nullable=False),
    Column("state", String(20)),
    *(Column(f"{state}_at", DateTime) for state in PARTICIPANT_STATES),
    UniqueConstraint("campaign_id", "person_id", name="uq_participants_campaign_person"),
)

campaign_events = Table(
    "campaign_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("from_state", String(20)),
    Column("to_state", String(20), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
)

campaign_offers = Table(
    "campaign_offers",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("value", Numeric(14, 2), nullable=False),
    Column("type", String(20), nullable=False),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime, nullable=False),
    Column("usage_limit", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("campaign_id", "person_id", name="uq_offers_campaign_person"),
)

campaign_addresses = Table(
    "campaign_addresses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("address", Text, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    UniqueConstraint("campaign_id", "person_id", name="uq_addresses_campaign_person"),
)

contact_log = Table(
    "contact_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(200), nullable=False, index=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id")),
    Column("channel", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("at", DateTime, nullable=False),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("external_key", String(64), nullable=False, unique=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id")),
    Column("kind", String(40), nullable=False),
    Column("at", DateTime, nullable=False),
)

ledger_postings = Table(
    "ledger_postings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", Integer, ForeignKey("ledger_entries.id"), nullable=False),
    Column("account", String(300), nullable=False, index=True),
    Column("amount", Numeric(14, 2), nullable=False),
)

#: outreach (m008): e-mail addresses given with consent to contact, in clear only for these people
contact_addresses = Table(
    "contact_addresses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(200), nullable=False, index=True),
    Column("email", String(320), nullable=False),
    Column("email_hash", String(64), nullable=False, index=True),
    Column("source", String(20), nullable=False),
    Column("consent_text", Text),
    Column("time_zone", String(64)),
    Column("status", String(20), nullable=False),
    Column("status_reason", Text),
    Column("recorded_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("person_id", "email_hash", name="uq_contact_addresses_person_email"),
)

outreach_previews = Table(
    "outreach_previews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("step", String(20), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("content_hash", String(64), nullable=False),
    Column("previewed_at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
)

outreach_sends = Table(
    "outreach_sends",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("step", String(20), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("status", String(30), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("message_id", String(300)),
    Column("content_hash", String(64)),
    Column("error", Text),
    Column("at", DateTime, nullable=False),
)

outreach_replies = Table(
    "outreach_replies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("person_id", String(200), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("campaign_id", Integer, ForeignKey("campaigns.id")),
    Column("in_reply_to", String(300)),
    Column("received_at", DateTime, nullable=False),
)

# -- advocate portal (m009): a participant's choices on the portal, and their survey answers ---------

portal_profiles = Table(
    "portal_profiles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("product", String(200)),
    Column("variant", String(200)),
    Column("chosen_at", DateTime),
    Column("gamification", Boolean, nullable=False),
    Column("display_name", String(60)),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("campaign_id", "person_id", name="uq_portal_profiles_campaign_person"),
)

survey_answers = Table(
    "survey_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", Integer, ForeignKey("campaigns.id"), nullable=False),
    Column("person_id", String(200), nullable=False, index=True),
    Column("question", String(60), nullable=False),
    Column("answer", Text, nullable=False),
    Column("answered_at", DateTime, nullable=False),
    UniqueConstraint(
        "campaign_id", "person_id", "question", name="uq_survey_answers_campaign_person_question"
    ),
)
