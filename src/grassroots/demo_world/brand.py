"""The demo brand: Lumenleaf, a fictional natural skincare and soap maker, and its competitors.

This is what a marketer would type into ``brand.yaml`` (names, handles, products, competitors);
it is user configuration, not planted truth, so listening code may read it. Real-world decoys
share names with the competitors and other brands in the world: Dove (soap) vs the bird, Apple
(the company) vs the fruit.

>>> DEMO_BRAND["name"], DEMO_BRAND["handles"][0]
('Lumenleaf', 'lumenleaf')
>>> "Dove" in DEMO_BRAND["competitors"]
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["BRAND_KEY", "COMPETITORS", "DEMO_BRAND", "DEMO_BRIEF", "PRODUCTS"]

#: The key used for the demo brand in truth files (``brand_target``).
BRAND_KEY = "lumenleaf"

#: (name, SKU, price in USD) of the brand's products.
PRODUCTS: tuple[tuple[str, str, float], ...] = (
    ("Glow Serum", "LL-GS-30", 38.00),
    ("Oat Milk Bar", "LL-OMB-1", 9.50),
    ("Cloud Cream", "LL-CC-50", 29.00),
    ("Rose Clay Mask", "LL-RCM-75", 24.00),
    ("Night Balm", "LL-NB-30", 32.00),
    ("Daily SPF 30", "LL-SPF-50", 26.00),
)

#: Competitors: key -> (display name, products). Dove is a real soap brand and a bird; Verdance is fictional.
COMPETITORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dove": ("Dove", ("Beauty Bar", "body wash", "Deep Moisture lotion")),
    "verdance": ("Verdance", ("Hydra Gel", "Vitamin C Drops", "Clay Cleanser")),
}

DEMO_BRAND: dict[str, Any] = {
    "name": "Lumenleaf",
    "aliases": ["Lumen Leaf", "Lumenlief", "Lumenleef"],
    "handles": ["lumenleaf", "lumenleafskin"],
    "hashtags": ["lumenleaf", "lumenleafglow", "lumenleafpartner"],
    "products": [f"Lumenleaf {name}" for name, _, _ in PRODUCTS],
    "competitors": [name for name, _ in COMPETITORS.values()],
    "domains": ["lumenleaf.example"],
    "languages": ["en", "de"],
    "company_cues": ["soap", "skincare", "serum", "cream"],
}

#: The demo brand's matching brief (``brief.yaml`` in a world; docs/match.md): what its marketer looks for.
DEMO_BRIEF: dict[str, Any] = {
    "name": "Lumenleaf spring",
    "brand": "Lumenleaf",
    "text": {
        "values": "gentle, natural ingredients and taking time for yourself",
        "lifestyle": "unhurried self-care rituals, morning routines and wellbeing",
        "product": "a nourishing face cream and soap for sensitive skin",
        "tone": "warm, honest and calm",
    },
    "filters": {"languages": ["en"], "tiers": ["nano", "micro", "mid"], "no_competitor_paid_days": 90},
    "preferences": {"text": 1.0, "interests": 0.3, "audience_quality": 0.2, "small_audience": 0.1},
}
