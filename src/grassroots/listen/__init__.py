"""listen domain: brand mentions, brand-targeted sentiment, engagement, advocates."""

from __future__ import annotations

from grassroots.listen.advocates import Advocate, AdvocateOptions, link_customers, rank_advocates
from grassroots.listen.advocates_store import discover_advocates, read_shop_customers
from grassroots.listen.brands import Brand, BrandBook, brand_from_mapping, brand_to_mapping, load_brand
from grassroots.listen.engagement import EngagementProfile, account_engagement, load_tiers
from grassroots.listen.engagement_store import engagement_from_lake
from grassroots.listen.mentions import Mention, MentionKind, find_mentions

__all__: list[str] = []
__all__ += ["Brand", "BrandBook", "brand_from_mapping", "brand_to_mapping", "load_brand"]
__all__ += ["Mention", "MentionKind", "find_mentions"]
__all__ += ["EngagementProfile", "account_engagement", "engagement_from_lake", "load_tiers"]
__all__ += ["Advocate", "AdvocateOptions", "discover_advocates", "link_customers", "rank_advocates"]
__all__ += ["read_shop_customers"]
