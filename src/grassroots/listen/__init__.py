"""listen domain: brand mentions, brand-targeted sentiment, engagement, advocates."""

from __future__ import annotations

from grassroots.listen.brands import Brand, BrandBook, brand_from_mapping, brand_to_mapping, load_brand
from grassroots.listen.mentions import Mention, MentionKind, find_mentions

__all__: list[str] = []
__all__ += ["Brand", "BrandBook", "brand_from_mapping", "brand_to_mapping", "load_brand"]
__all__ += ["Mention", "MentionKind", "find_mentions"]
