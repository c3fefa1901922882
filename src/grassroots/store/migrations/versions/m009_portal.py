"""m009_portal: the advocate portal's per-participant choices and the campaign surveys' answers.

``portal_profiles`` keeps, per campaign and person, the product and variant chosen on the portal and
the gamification opt-in with the display name the person typed (off by default); ``survey_answers``
one row per question answered (re-answering replaces it). Both are keyed by ``person_id``, which is
what erasure deletes by.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "m009_portal"
down_revision = "m008_outreach"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_profiles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("product", sa.String(200)),
        sa.Column("variant", sa.String(200)),
        sa.Column("chosen_at", sa.DateTime),
        sa.Column("gamification", sa.Boolean, nullable=False),
        sa.Column("display_name", sa.String(60)),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("campaign_id", "person_id", name="uq_portal_profiles_campaign_person"),
    )
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id"), nullable=False),
        sa.Column("person_id", sa.String(200), nullable=False, index=True),
        sa.Column("question", sa.String(60), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint(
            "campaign_id", "person_id", "question", name="uq_survey_answers_campaign_person_question"
        ),
    )


def downgrade() -> None:
    op.drop_table("survey_answers")
    op.drop_table("portal_profiles")
