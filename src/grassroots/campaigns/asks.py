"""Fair and lawful asks, and the participant lifecycle.

An ask is **refused** when it requires a positive opinion (the FTC's 2024 rule on consumer reviews
and testimonials, 16 CFR Part 465, bans buying reviews that express a particular sentiment) or asks
for reviews on a marketplace whose rules forbid incentivised reviews. An ask gets a **warning**
when the effort asked (``minutes`` at ``hourly_rate``) is worth more than the gift.

>>> from decimal import Decimal
>>> check_ask("Please leave a 5-star review", platforms=(), minutes=10, gift=Decimal(20), rate=Decimal(20))
Traceback (most recent call last):
grassroots.errors.InvalidInput: ask.text: requires a positive opinion ('5-star'); ask for an honest one
>>> check_ask("Post your honest opinion", platforms=(), minutes=120, gift=Decimal(10), rate=Decimal(20))
['ask.minutes: the effort asked (120 min, about 40.00 at 20.00/hour) outweighs the gift (10.00)']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from grassroots.errors import InvalidInput

__all__ = ["INCENTIVE_BANNED", "STATES", "TRANSITIONS", "check_ask"]

#: Marketplaces whose review rules forbid reviews given in exchange for a free product or discount.
INCENTIVE_BANNED = (
    "amazon",
    "walmart",
    "etsy",
    "ebay",
    "trustpilot",
    "google reviews",
    "yelp",
    "tripadvisor",
)
_POSITIVE = re.compile(
    r"\b(?:\d|five|5)[- ]stars?\b|\bpositive (?:review|opinion|post|feedback)s?\b|\bonly (?:positive|good)\b"
    r"|\bmust (?:love|recommend|praise)\b|\bsay (?:you love|good things)\b|\brave reviews?\b|\bglowing\b",
    re.IGNORECASE,
)

#: Participant states in lifecycle order, and the moves allowed from each (None: assigned, not yet invited).
STATES = ("invited", "accepted", "declined", "shipped", "delivered", "posted", "redeemed")
TRANSITIONS: dict[str | None, tuple[str, ...]] = {
    None: ("invited",),
    "invited": ("accepted", "declined"),
    "accepted": ("shipped", "declined", "posted", "redeemed"),
    "shipped": ("delivered", "posted", "redeemed"),
    "delivered": ("posted", "redeemed"),
    "posted": ("redeemed",),
    "declined": (),
    "redeemed": ("posted",),
}


def check_ask(
    text: str, *, platforms: Sequence[str], minutes: int, gift: Decimal, rate: Decimal
) -> list[str]:
    """Refuse an unlawful ask (InvalidInput naming the field); return warnings about an unfair one."""
    found = _POSITIVE.search(text)
    if found:
        raise InvalidInput(
            f"ask.text: requires a positive opinion ({found.group(0)!r}); ask for an honest one"
        )
    asked_for_reviews = re.search(r"\breview", text, re.IGNORECASE) is not None
    named = [p.lower() for p in platforms]
    for market in INCENTIVE_BANNED:
        in_text = re.search(rf"\b{re.escape(market)}\b", text, re.IGNORECASE) is not None
        if market in named or (in_text and asked_for_reviews):
            raise InvalidInput(
                f"ask: asks for {market} reviews, whose rules forbid incentivised reviews; "
                "ask for posts instead"
            )
    effort = (Decimal(minutes) / 60 * rate).quantize(Decimal("0.01"))
    warnings = []
    if effort > gift:
        warnings.append(
            f"ask.minutes: the effort asked ({minutes} min, about {effort} at {rate:.2f}/hour) "
            f"outweighs the gift ({gift:.2f})"
        )
    return warnings
