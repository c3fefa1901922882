"""The disclosure rule table: what counts as an adequate or ambiguous disclosure, and why.

Every rule also names the relationship it shows (``commercial``: paid, gifted or affiliate), so the
disclosure verdict and the commercial label come from the same table (see :mod:`grassroots.rules.disclosure`).

Grounded in the FTC's Endorsement Guides (16 CFR 255), their FAQ, and "Disclosures 101 for Social
Media Influencers" (2019): clear words such as "#ad", "Sponsored", "paid partnership with" or
"thanks @brand for the free ..." are adequate; "#sp", "#spon", "#collab", "#ambassador", "#gifted"
alone are ambiguous ("#thanks" too, but alone it is no sign of a relationship: on real airline tweets it
only ever thanked staff, so it is not a rule); a bare "affiliate link" may not tell people the creator is paid
(FTC FAQ), so it is ambiguous unless the payment is explained ("I earn a commission"). The
multilingual tags follow the national advertising rules (DE #werbung / #anzeige, ES/PT #publi /
#publicidad, FR #pub / #sponsorisé, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["ADEQUATE", "AMBIGUOUS", "INFO", "NEGATION", "Level", "Relationship", "Rule"]

Level = Literal["adequate", "ambiguous", "info"]
#: the relationship a rule shows; ``None`` for signals that show none (a negation, a brand name)
Relationship = Literal["paid", "gifted", "affiliate"]
_F = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    """A named pattern; ``kind`` is hashtag / phrase / marker / code / link (for people reading);
    ``commercial`` is the relationship a match shows."""

    name: str
    kind: str
    level: Level
    pattern: re.Pattern[str]
    commercial: Relationship


def _rule(name: str, kind: str, level: Level, regex: str, commercial: Relationship = "paid") -> Rule:
    return Rule(name, kind, level, re.compile(regex, _F), commercial)


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
# what a shop or an airline gives every customer: thanking for it is service talk, not a gift for a post
_SERVICE_PERK = (
    r"(?:wi-?fi|fly-?fi|internet|upgrades?|shipping|delivery|returns?|drinks?|snacks?|refills?|"
    r"beverages?|bags?|checked\s+bags?|seat|tv|movies|parking|samples?\s+in\s+store)\b"
)
_FAMILY = (
    r"(?:my|our)\s+(?:mom|mum|mother|dad|father|parents|family|wife|husband|self|grandma|grandpa)|myself"
)

# what a creator is paid for a sale, and the words that soften it ("a little bit of money", "a few pennies")
_PAYMENT = (
    r"(?:commissions?|commision|commisson|percentage|cut|kickback|pennies|cents|fees?|payment|"
    r"(?:little|small|tiny)\s+(?:bit\s+of\s+|amount\s+of\s+)?money)\b"
)
_SMALL = r"(?:small|tiny|little|few|bit|of|some|affiliate|amazon|referral)"

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
        rf"(?:\w+\s+)?(?:free|complimentary)\b(?!\s+(?:\w+\s+)?{_SERVICE_PERK})",
        "gifted",
    ),
    _rule(
        "affiliate_explained",
        "phrase",
        "adequate",
        r"\baffiliat\w*\b[^\n]{0,120}?\b(?:commission|i\s+earn|we\s+earn|earn\s+(?:a|from|money)|"
        r"get\s+paid|am\s+paid|compensat\w+|small\s+fee|percentage|kickback)\b"
        r"|\b(?:commission|i\s+earn|we\s+earn)\b[^\n]{0,120}?\baffiliat\w*\b"
        r"|\bamazon\s+associate\b[^\n]{0,60}?\bearn\b",
        "affiliate",
    ),
    _rule(
        "commission_explained",
        "phrase",
        "adequate",
        rf"\b(?:i|we)(?:['’](?:ll|d))?\s+(?:(?:may|might|will|would|do|can|could|also)\s+)*"
        rf"(?:get|make|earn|receive)\s+(?:an?\s+)?(?:{_SMALL}\s+)*{_PAYMENT}"
        rf"|\bhelp\s+(?:me|us)\s+(?:earn|get|make)\s+(?:an?\s+)?(?:{_SMALL}\s+)*{_PAYMENT}",
        "affiliate",
    ),
    # "<channel> earns a small commission on each sale": the payment stated in the third person
    _rule(
        "commission_third_person",
        "phrase",
        "adequate",
        rf"\b(?:earns|gets|receives|makes)\s+(?:an?\s+)?(?:{_SMALL}\s+)*(?:commission|commision|percentage\s+of)",
        "affiliate",
    ),
    # "a small portion of the sales will go toward helping me fund this channel", "a small percentage of
    # commission will be paid towards <channel>": payment for purchases without the usual words
    _rule(
        "share_of_sales",
        "phrase",
        "adequate",
        r"\b(?:portion|percentage|part|share|cut)\s+of\s+(?:the\s+|each\s+|every\s+)?"
        r"(?:sales?|purchases?|commis+i?on|revenue)\b[^.\n]{0,80}?"
        r"\b(?:me|us|my|our|this\s+channel|paid\s+to(?:wards?)?)\b",
        "affiliate",
    ),
    # the associates-programme notice ("... designed to provide a means for sites to earn advertising fees")
    _rule(
        "associates_notice",
        "phrase",
        "adequate",
        r"\bassociates?\s+program(?:me)?s?\b[^\n]{0,200}?\bearn\s+(?:advertising\s+)?fees\b",
        "affiliate",
    ),
    _rule(
        "money_tie",
        "phrase",
        "adequate",
        r"\b(?:monetary|financial)\s+(?:affiliation|relationship)\b"
        r"|\bearning\s+(?:money|income|commissions?)\s+(?:via|through|from)\s+(?:our\s+|my\s+|the\s+)?affiliat",
        "affiliate",
    ),
)

# "#pr" right after another short tag or a place (#jfk #pr, #PRbound, San Juan) is Puerto Rico, not PR
_NOT_PLACE_PR = r"(?<!#[a-z]{3}\s)(?![^\n]*\b(?:puerto\s+rico|san\s+juan|vieques)\b)"

AMBIGUOUS: tuple[Rule, ...] = (
    _rule(
        "ambiguous_hashtag",
        "hashtag",
        "ambiguous",
        rf"{_NOT_TAGGED}#(?:sp|spon|collab|collaboration|ambassador|\w+ambassador|partner|"
        rf"partnership|samarbeid|samarbete|kooperation|\w+influencer){_TAG_END}",
    ),
    _rule(
        "ambiguous_hashtag",
        "hashtag",
        "ambiguous",
        rf"{_NOT_TAGGED}#(?:gifted|gift|prsample|prgift|freebie){_TAG_END}|{_NOT_PLACE_PR}{_NOT_TAGGED}#pr{_TAG_END}",
        "gifted",
    ),
    _rule(
        "ambiguous_hashtag",
        "hashtag",
        "ambiguous",
        rf"{_NOT_TAGGED}#(?:affiliate|afflink|aff|affiliatelink){_TAG_END}",
        "affiliate",
    ),
    _rule("gifted_marker", "marker", "ambiguous", r"(?:\(|\[)\s*gifted\s*[)\]]", "gifted"),
    _rule(
        "affiliate_mention",
        "phrase",
        "ambiguous",
        r"(?<![/?&=.\w])affiliat(?:e|ed|es)\b(?!\s+marketing)|\bamazon\s+associates?\b"
        r"|\bpartner\s*(?:net|program(?:me)?)\b",
        "affiliate",
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
        r"|\bsent\s+(?:to\s+)?(?:me|us)?\s*for\s+free\b|\bc/o\s+@?\w+|\bthanks?\b[^.!?\n]{0,40}?\bfor\s+gifting\b",
        "gifted",
    ),
    _rule("sponsors_mention", "phrase", "ambiguous", r"\b(?:the|our|my|today's)\s+sponsors?\b(?!\s+of\b)"),
    _rule("sponsored_by_other", "phrase", "ambiguous", rf"\bsponsored\s+by\s+(?!{_FAMILY})\S"),
)

# a code is a token of capitals / digits or one with a digit (GLOW15, glow15), not a word ("promo code last
# month", "code share")
_CODE = r"""[\"'“‘«]*(?:(?-i:[A-Z0-9][A-Z0-9_-]{2,})|(?=[\w-]*\d)[A-Za-z0-9_-]{3,})\b"""
# booking, airport, error and points codes are customer talk
_NOT_BOOKING = "".join(
    rf"(?<!{word}\s)"
    for word in (
        "confirmation",
        "conf",
        "booking",
        "reservation",
        "locator",
        "airport",
        "error",
        "file",
        "gate",
    )
)

#: Signals of a commercial relationship that are not disclosures: they never raise the verdict, but
#: they make a post commercial (a personal code is how brands pay and track creators; "link in bio",
#: "shop my ..." and tracked shop links send followers to a shop). Affiliate URLs are matched
#: separately (:mod:`grassroots.rules.affiliate`).
INFO: tuple[Rule, ...] = (
    _rule(
        "discount_code",
        "code",
        "info",
        rf"\b(?:use|enter|with|using)\s+(?:my\s+|our\s+|the\s+)?(?:promo\s+|coupon\s+|discount\s+)?code\s*[:\-]?\s*{_CODE}"
        rf"|\b(?:promo|coupon|discount)\s+code\s*[:\-]?\s*{_CODE}"
        rf"|{_NOT_BOOKING}\bcode\s*[:\-]?\s*{_CODE}",
    ),
    _rule("link_in_bio", "phrase", "info", r"\blink\s+(?:is\s+)?in\s+(?:my\s+|the\s+|our\s+)?bio\b"),
    _rule("shop_call", "phrase", "info", r"\bshop\s+(?:it|my|the\s+look)\b|\bswipe\s+up\b"),
    _rule(
        "tracked_link",
        "link",
        "info",
        r"[?&](?:ref|aff|affid|aff_id|affiliate|affiliateid|paffiliateid|a_aid|ref_id|refby)=[\w.-]+",
        "affiliate",
    ),
    # ``utm_`` parameters are analytics (where a click came from), not a payment: only a discount parameter
    # shows a commercial tie
    _rule("tracked_link", "link", "info", r"[?&]discount=[\w.-]+"),
    _rule("referral_link", "link", "info", r"\breferral\s+(?:link|code)s?\b", "affiliate"),
)

NEGATION = re.compile(
    r"\b(?:not|isn'?t|wasn'?t|aren'?t|never|no)\b[^.!?\n]{0,40}?\b(?:sponsor\w*|paid|compensat\w*|endorsed)\b"
    r"(?:(?!\bbut\b|\bhowever\b)[^.!?\n])*"
    r"|\bunsponsored\b|\bnon-sponsored\b",
    _F,
)
