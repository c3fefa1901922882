"""The disclosure rule table: what counts as an adequate or ambiguous disclosure, and why.

Grounded in the FTC's Endorsement Guides (16 CFR 255), their FAQ, and "Disclosures 101 for Social
Media Influencers" (2019): clear words such as "#ad", "Sponsored", "paid partnership with" or
"thanks @brand for the free ..." are adequate; "#sp", "#spon", "#collab", "#ambassador", "#gifted"
or "#thanks" alone are ambiguous; a bare "affiliate link" may not tell people the creator is paid
(FTC FAQ), so it is ambiguous unless the payment is explained ("I earn a commission"). The
multilingual tags follow the national advertising rules (DE #werbung / #anzeige, ES/PT #publi /
#publicidad, FR #pub / #sponsorisé, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["ADEQUATE", "AMBIGUOUS", "INFO", "NEGATION", "Level", "Rule"]

Level = Literal["adequate", "ambiguous", "info"]
_F = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """A named pattern; ``kind`` is hashtag / phrase / marker / code / link (for people reading)."""

    name: str
    kind: str
    level: Level
    pattern: re.Pattern[str]


def _rule(name: str, kind: str, level: Level, regex: str) -> Rule:
    return Rule(name, kind, level, re.compile(regex, _F))


_TAG_END = r"(?![\w])"
_NOT_TAGGED = r"(?<![\w#@/])"
_FOREIGN = (
    "werbung|anzeige|gesponsert|bezahltepartnerschaft|publi|publicidad|publicidade|pub|sponsoris[eé]|"
    "patrocinad[oa]|reklama|reklame|reklam|annonse|annonce|advertentie|pubblicit[aà]|publicit[eé]|광고|広告"
)
# "sponsored by" after an event or prize names that event's sponsor, not this post's
_NOT_AFTER_EVENT = "".join(
    rf"(?<!{word}\s)"
    for word in (
        "awards",
        "award",
        "event",
        "contest",
        "tournament",
        "match",
        "race",
        "league",
        "festival",
        "prize",
        "scholarship",
        "cup",
        "series",
        "conference",
        "competition",
        "concert",
        "show",
    )
)
_FAMILY = (
    r"(?:my|our)\s+(?:mom|mum|mother|dad|father|parents|family|wife|husband|self|grandma|grandpa)|myself"
)

ADEQUATE: tuple[Rule, ...] = (
    _rule(
        "ad_hashtag",
        "hashtag",
        "adequate",
        rf"{_NOT_TAGGED}#(?:ad|ads|advert|advertisement|advertising|paidad|paid|paidpartnership|"
        rf"paidpartner|sponsored|sponsoredpost|sponsor){_TAG_END}",
    ),
    _rule("foreign_ad_hashtag", "hashtag", "adequate", rf"{_NOT_TAGGED}#(?:{_FOREIGN}){_TAG_END}"),
    _rule("brand_partner_hashtag", "hashtag", "adequate", rf"{_NOT_TAGGED}#\w{{2,}}partner{_TAG_END}"),
    _rule(
        "ad_marker", "marker", "adequate", r"(?:(?<=\s)|^)(?:\*|\(|\[)\s*(?:ad|sponsored)\s*[)\]]?(?![\w])"
    ),
    _rule("ad_label", "marker", "adequate", r"^\s*(?:ad|advertisement|sponsored|anzeige|werbung)\s*[:|–—-]"),
    _rule("sponsor_label", "phrase", "adequate", r"\(\s*sponsor(?:ed)?\s*\)|\bsponsor(?:ed)?\s*(?:by)?\s*:"),
    _rule(
        "sponsored_by",
        "phrase",
        "adequate",
        rf"{_NOT_AFTER_EVENT}\bsponsored\s+by\s+(?!{_FAMILY})\S"
        r"|\b(?:our|my|today'?s|this\s+video'?s?)\s+sponsors?\s+(?:at|from|is|are|was|were)\s+@?[A-Z0-9]",
    ),
    _rule(
        "is_sponsored",
        "phrase",
        "adequate",
        rf"\b(?:this|today'?s|the|my)\s+(?:\w+\s+){{0,2}}(?:is|was)\s+(?:\w+\s+)?sponsored\b"
        rf"(?!\s+by\s+(?:{_FAMILY}))|\bsponsored\s+(?:video|post|content|episode|stream|review|collaboration)\b",
    ),
    _rule("thanks_for_sponsoring", "phrase", "adequate", r"\bthanks?\b[^.!?\n]{1,80}?\bfor\s+sponsoring\b"),
    _rule(
        "paid_partnership",
        "phrase",
        "adequate",
        r"\bpaid\s+(?:partnership|promotion|post|endorsement|collaboration|ad|advertisement|sponsorship|affiliate)\b"
        r"|\b(?:i|we)\s*(?:'m|'re|am|are|was|were|have\s+been|got|get)\s+paid\s+(?:by|to\s+(?:promote|post|review))",
    ),
    _rule(
        "thanks_for_free",
        "phrase",
        "adequate",
        r"\bthanks?\b[^.!?\n]{1,60}?\bfor\s+(?:the|my|this|these|sending(?:\s+me)?(?:\s+\w+)?)\s+"
        r"(?:\w+\s+)?(?:free|complimentary)\b",
    ),
    _rule(
        "affiliate_explained",
        "phrase",
        "adequate",
        r"\baffiliat\w*\b[^\n]{0,120}?\b(?:commission|i\s+earn|we\s+earn|earn\s+(?:a|from|money)|"
        r"get\s+paid|am\s+paid|compensat\w+|small\s+fee|percentage|kickback)\b"
        r"|\b(?:commission|i\s+earn|we\s+earn)\b[^\n]{0,120}?\baffiliat\w*\b"
        r"|\bamazon\s+associate\b[^\n]{0,60}?\bearn\b",
    ),
    _rule(
        "commission_explained",
        "phrase",
        "adequate",
        r"\b(?:i|we)\s+(?:may\s+|might\s+|will\s+|would\s+)?(?:get|make|earn|receive)\s+(?:a\s+)?"
        r"(?:small\s+|tiny\s+)?(?:commission|percentage|cut|kickback)\b",
    ),
)

AMBIGUOUS: tuple[Rule, ...] = (
    _rule(
        "ambiguous_hashtag",
        "hashtag",
        "ambiguous",
        rf"{_NOT_TAGGED}#(?:sp|spon|collab|collaboration|ambassador|\w+ambassador|gifted|gift|partner|"
        rf"partnership|affiliate|afflink|aff|affiliatelink|prsample|pr|freebie|thanks|samarbeid|"
        rf"samarbete|kooperation|\w+influencer){_TAG_END}",
    ),
    _rule(
        "affiliate_mention",
        "phrase",
        "ambiguous",
        r"(?<![/?&=.\w])affiliat(?:e|ed|es)\b(?!\s+marketing)|\bamazon\s+associates?\b"
        r"|\bpartner\s*(?:net|program(?:me)?)\b",
    ),
    _rule(
        "partner_mention",
        "phrase",
        "ambiguous",
        r"\bpartner(?:s|ed|ing)?\s+(?:with\s+)?@\w+|@\w+\s+for\s+being\s+(?:a|our|my)\s+partner\b"
        r"|\b(?:our|my)\s+(?:\w+\s+){0,3}partners?\s+@\w+|\bin\s+partnership\s+with\b",
    ),
    _rule("ambassador_mention", "phrase", "ambiguous", r"\bambassador\s+@\w+|\bbrand\s+ambassador\b"),
    _rule(
        "gifted_mention",
        "phrase",
        "ambiguous",
        r"\b(?:was|were|been|got)\s+gifted\b|\bgifted\s+by\b|\bpr\s+(?:package|sample)s?\b|\bpress\s+samples?\b"
        r"|\bsent\s+(?:to\s+)?(?:me|us)?\s*for\s+free\b|\bc/o\s+@?\w+",
    ),
    _rule("sponsors_mention", "phrase", "ambiguous", r"\b(?:the|our|my|today's)\s+sponsors?\b(?!\s+of\b)"),
    _rule("sponsored_by_other", "phrase", "ambiguous", rf"\bsponsored\s+by\s+(?!{_FAMILY})\S"),
)

INFO: tuple[Rule, ...] = (
    _rule(
        "discount_code",
        "code",
        "info",
        r"\b(?:use|enter|with|using)\s+(?:my\s+|our\s+|the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s*[:\-]?\s*"
        r"[\"'“‘«]*[A-Za-z0-9_-]{3,}|\b(?:promo|coupon|discount)\s+code\s*[:\-]?\s*[\"'“‘«]*[A-Za-z0-9_-]{3,}"
        r"|\bcode\s*:\s*[\"'“‘«]*[A-Za-z0-9_-]{3,}",
    ),
    _rule("link_in_bio", "phrase", "info", r"\blink\s+(?:is\s+)?in\s+(?:my\s+|the\s+|our\s+)?bio\b"),
)

NEGATION = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|aren'?t|never|no)\b[^.!?\n]{0,40}?\b(?:sponsor\w*|paid|compensated|endorsed)\b"
    r"(?:(?!\bbut\b|\bhowever\b)[^.!?\n])*"
    r"|\bunsponsored\b|\bnon-sponsored\b",
    _F,
)
