"""Engagement over the lake: read posts / accounts / comments, compute profiles, store ``engagement``.

Rows are keyed on (brand, platform, account_id); the brand's previous rows are replaced, so a
re-run gives the same rows, and a ``runs`` row named ``account_engagement`` is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from grassroots.lake import Lake, TableSpec
from grassroots.listen.brands import Brand
from grassroots.listen.engagement import EngagementProfile, account_engagement, profiles_table
from grassroots.records import ProgressFn, no_progress

__all__ = ["ENGAGEMENT_TABLE", "engagement_from_lake"]

ENGAGEMENT_TABLE = TableSpec(
    name="engagement",
    columns={
        "brand": "VARCHAR",
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "handle": "VARCHAR",
        "followers": "BIGINT",
        "tier": "VARCHAR",
        "posts": "BIGINT",
        "mean_rate": "DOUBLE",
        "median_rate": "DOUBLE",
        "tier_percentile": "DOUBLE",
        "reference_rate": "DOUBLE",
        "rate_vs_reference": "DOUBLE",
        "brand_posts": "BIGINT",
        "brand_share": "DOUBLE",
        "category_posts": "BIGINT",
        "category_share": "DOUBLE",
        "active_weeks": "BIGINT",
        "weeks_observed": "BIGINT",
        "consistency": "DOUBLE",
        "brand_weeks": "BIGINT",
        "conversations_started": "BIGINT",
    },
    key=("brand", "platform", "account_id"),
    required=("brand", "platform", "account_id"),
)


def engagement_from_lake(
    lake: Lake,
    brand: Brand,
    *,
    category_terms: Sequence[str] = (),
    tier_system: str | None = None,
    progress: ProgressFn = no_progress,
) -> list[EngagementProfile]:
    """Engagement profile of every account with posts in the lake; stored in the ``engagement`` table.

    ``progress`` is told as each of the three parts (read, compute, store) ends.
    """
    step = "brand engagement"
    progress(step, 0, 3)
    posts = lake.scan("posts")
    accounts = lake.scan("accounts", columns=["platform", "id", "handle", "followers"])
    comments = lake.scan("comments", columns=["post_id", "author"])
    progress(step, 1, 3)
    profiles = account_engagement(
        posts,
        accounts,
        brand=brand,
        comments=comments,
        category_terms=category_terms,
        tier_system=tier_system,
    )
    progress(step, 2, 3)
    lake.register_table(ENGAGEMENT_TABLE)
    table = profiles_table(profiles).select([c for c in ENGAGEMENT_TABLE.columns])
    params = {"brand": brand.name, "category_terms": list(category_terms), "tier_system": tier_system}
    lake.upsert(
        "engagement",
        [table],
        step="account_engagement",
        parameters=params,
        replace_where=("brand", [brand.name]),
    )
    progress(step, 3, 3)
    return profiles
