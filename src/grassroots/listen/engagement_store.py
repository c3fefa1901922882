"""Engagement over the lake: read posts / accounts / comments, compute profiles, store ``engagement``.

Rows are keyed on (brand, platform, account_id); the brand's previous rows are replaced, so a
re-run gives the same rows, and a ``runs`` row named ``account_engagement`` is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from grassroots.lake import Lake, TableSpec
from grassroots.listen.brands import Brand
from grassroots.listen.engagement import EngagementProfile, account_engagement, profiles_table

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
    lake: Lake, brand: Brand, *, category_terms: Sequence[str] = (), tier_system: str | None = None
) -> list[EngagementProfile]:
    """Engagement profile of every account with posts in the lake; stored in the ``engagement`` table."""
    posts = lake.scan("posts")
    accounts = lake.scan("accounts", columns=["platform", "id", "handle", "followers"])
    comments = lake.scan("comments", columns=["post_id", "author"])
    profiles = account_engagement(
        posts,
        accounts,
        brand=brand,
        comments=comments,
        category_terms=category_terms,
        tier_system=tier_system,
    )
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
    return profiles
