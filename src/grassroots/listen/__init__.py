"""listen domain: brand mentions, brand-targeted sentiment, engagement, advocates, sentence embeddings.

Brands and mentions load eagerly (they are light); engagement and advocates (numpy, pyarrow, the
lake) load on first use, so ``grassroots listen sentiment`` does not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from grassroots.listen.brands import Brand, brand_from_mapping, brand_to_mapping, load_brand
from grassroots.listen.mentions import Mention, MentionKind, find_mentions

if TYPE_CHECKING:
    from grassroots.listen.advocates import (
        SENTIMENT_NAMES,
        Advocate,
        AdvocateOptions,
        SentimentFn,
        SentimentName,
        model_sentiment,
        rank_advocates,
        sentiment_by_name,
        vader_sentiment,
    )
    from grassroots.listen.advocates_customers import handles_in_note, link_customers
    from grassroots.listen.advocates_store import (
        ADVOCATES_TABLE,
        discover_advocates,
        read_fake_scores,
        read_shop_customers,
    )
    from grassroots.listen.brand_book import BrandBook, brand_to_yaml, edit_brand
    from grassroots.listen.embedding import embed
    from grassroots.listen.engagement import EngagementProfile, Tier, account_engagement, load_tiers, tier_for
    from grassroots.listen.engagement_store import ENGAGEMENT_TABLE, engagement_from_lake
    from grassroots.listen.label_check import EVAL_PATHS, EvalPath, LabelCheck, evaluate_labels
    from grassroots.listen.scan import (
        BRAND_MENTIONS_TABLE,
        SUMMARY_VIEWS,
        SummaryView,
        check_view,
        read_brand_mentions,
        scan_brand,
        summarise,
    )
    from grassroots.listen.sentiment import (
        SENTIMENT_PATHS,
        SentimentPath,
        SentimentResult,
        load_scorer,
        score_texts,
    )
    from grassroots.listen.spikes import sentiment_spike_alerts
    from grassroots.listen.theming import Theme, themes

#: public names loaded on first use -> the module defining them
_LAZY = {
    "BrandBook": "brand_book",
    "brand_to_yaml": "brand_book",
    "edit_brand": "brand_book",
    "SENTIMENT_PATHS": "sentiment",
    "SentimentPath": "sentiment",
    "SENTIMENT_NAMES": "advocates",
    "SentimentName": "advocates",
    "SentimentFn": "advocates",
    "SUMMARY_VIEWS": "scan",
    "SummaryView": "scan",
    "check_view": "scan",
    "SentimentResult": "sentiment",
    "load_scorer": "sentiment",
    "score_texts": "sentiment",
    "Advocate": "advocates",
    "AdvocateOptions": "advocates",
    "link_customers": "advocates_customers",
    "handles_in_note": "advocates_customers",
    "rank_advocates": "advocates",
    "vader_sentiment": "advocates",
    "model_sentiment": "advocates",
    "sentiment_by_name": "advocates",
    "read_fake_scores": "advocates_store",
    "discover_advocates": "advocates_store",
    "ADVOCATES_TABLE": "advocates_store",
    "read_shop_customers": "advocates_store",
    "EngagementProfile": "engagement",
    "account_engagement": "engagement",
    "load_tiers": "engagement",
    "Tier": "engagement",
    "tier_for": "engagement",
    "engagement_from_lake": "engagement_store",
    "ENGAGEMENT_TABLE": "engagement_store",
    "scan_brand": "scan",
    "summarise": "scan",
    "read_brand_mentions": "scan",
    "sentiment_spike_alerts": "spikes",
    "Theme": "theming",
    "EVAL_PATHS": "label_check",
    "EvalPath": "label_check",
    "LabelCheck": "label_check",
    "evaluate_labels": "label_check",
    "themes": "theming",
    "embed": "embedding",
    "BRAND_MENTIONS_TABLE": "scan",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"grassroots.listen.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'grassroots.listen' has no attribute {name!r}")


__all__: list[str] = []
__all__ += ["Brand", "BrandBook", "brand_from_mapping", "brand_to_mapping", "brand_to_yaml", "edit_brand"]
__all__ += ["load_brand"]
__all__ += ["Mention", "MentionKind", "find_mentions"]
__all__ += [
    "EngagementProfile",
    "Tier",
    "account_engagement",
    "engagement_from_lake",
    "load_tiers",
    "tier_for",
]
__all__ += ["Advocate", "AdvocateOptions", "discover_advocates", "link_customers", "rank_advocates"]
__all__ += ["model_sentiment", "read_fake_scores", "read_shop_customers", "sentiment_by_name"]
__all__ += ["handles_in_note", "vader_sentiment"]
__all__ += ["SENTIMENT_NAMES", "SENTIMENT_PATHS", "SentimentFn", "SentimentName", "SentimentPath"]
__all__ += ["SentimentResult", "load_scorer", "score_texts"]
__all__ += ["SUMMARY_VIEWS", "SummaryView", "Theme", "check_view", "read_brand_mentions", "scan_brand"]
__all__ += ["sentiment_spike_alerts", "summarise", "themes"]
__all__ += ["EVAL_PATHS", "EvalPath", "LabelCheck", "evaluate_labels"]
__all__ += ["embed"]
__all__ += ["ADVOCATES_TABLE", "BRAND_MENTIONS_TABLE", "ENGAGEMENT_TABLE"]
