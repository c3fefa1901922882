"""What an outreach template may say about a person: their own evidence, the offer and their links.

A template's context (``docs/outreach.md`` lists every name) is built from the person's own data only:
the brand post where they praised the product (listen's best organic post of theirs, from the lake table
``advocates``), their interests (matching's ``profiles``, when built), the campaign's offer and their
code, and two signed links of :mod:`grassroots.engage.links` under the ``base_url`` setting: the portal
(``kind="portal"``, valid until 90 days after the campaign ends or was assigned, whichever is later)
and unsubscribe (``kind="unsubscribe"``, never expires). Tokens are HMACs without randomness, so the
same person gets the same links in a preview and in the send that follows it (the preview's hash must
match).

>>> from decimal import Decimal
>>> offer_text("percentage", Decimal("20")), offer_text("fixed_amount", Decimal("5"))
('20% off', '5.00 off')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from grassroots.campaigns import Brief, discount_link
from grassroots.engage.links import link_url, make_token

__all__ = [
    "PORTAL_DAYS",
    "Evidence",
    "LinkSettings",
    "codes_of",
    "offer_text",
    "person_context",
    "read_evidence",
]

#: a portal link stays valid this many days after the campaign ends (or after its assignment, when
#: that was later: a campaign replayed after its dates, as in the demo)
PORTAL_DAYS = 90


@dataclass(frozen=True)
class Evidence:
    """One person's own data a template may use."""

    handle: str
    platform: str
    post: str
    post_date: str
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkSettings:
    """The installation secret, the web app's address and the brand, for the person's links."""

    secret: bytes
    base_url: str
    brand: str


def offer_text(kind: str, value: Decimal) -> str:
    """The offer in words (empty for a free product: the product is the offer)."""
    if kind == "percentage":
        return f"{value.normalize():f}% off"
    if kind == "fixed_amount":
        return f"{value:.2f} off"
    return ""


def read_evidence(lake: Any, brand: str, person_ids: Iterable[str]) -> dict[str, Evidence]:
    """Each person's handle, platform, best brand post (advocates) and interests (profiles, if built)."""
    from grassroots.listen import ADVOCATES_TABLE
    from grassroots.match import PROFILES_TABLE

    wanted = set(person_ids)
    lake.register_table(ADVOCATES_TABLE)
    lake.register_table(PROFILES_TABLE)
    columns = ["account_id", "handle", "platform", "posts"]
    rows = [r for r in lake.scan("advocates", columns=columns, where={"brand": brand}).to_pylist()]
    interests = {
        str(r["account_id"]): tuple(json.loads(r["interests"] or "[]"))
        for r in lake.scan("profiles", columns=["account_id", "interests"]).to_pylist()
        if str(r["account_id"]) in wanted
    }
    out = {}
    for r in rows:
        person = str(r["account_id"])
        if person not in wanted:
            continue
        posts = json.loads(r["posts"] or "[]")
        best = posts[0] if posts else {}
        out[person] = Evidence(
            str(r["handle"] or person), str(r["platform"] or ""), str(best.get("text") or ""),
            str(best.get("created_at") or "")[:10], interests.get(person, ()),
        )  # fmt: skip
    return out


def person_context(
    person_id: str,
    *,
    brief: Brief,
    campaign: str,
    evidence: Evidence | None,
    code: str | None,
    links: LinkSettings,
    assigned_at: datetime,
) -> dict[str, Any]:
    """The template context of one person (names documented in ``docs/outreach.md``)."""
    product = brief.products[0]
    last = max(brief.ends, assigned_at.date())
    expires = datetime.combine(last + timedelta(days=PORTAL_DAYS), time.min, tzinfo=UTC)
    brand, secret = links.brand, links.secret
    portal = make_token(
        secret, kind="portal", brand=brand, person_id=person_id, campaign_id=campaign, expires_at=expires
    )
    unsubscribe = make_token(
        secret, kind="unsubscribe", brand=brand, person_id=person_id, campaign_id=campaign
    )
    seen = evidence or Evidence(person_id, "", "", "")
    return {
        "handle": seen.handle,
        "platform": seen.platform,
        "post": seen.post,
        "post_date": seen.post_date,
        "interests": list(seen.interests),
        "brand": links.brand,
        "campaign": brief.name,
        "product": product.name,
        "offer": offer_text(brief.offer.type, brief.offer.value) if code else "",
        "code": code or "",
        "discount_url": discount_link(brief.shop, code, product.handle) if code else "",
        "ask": brief.ask.text,
        "disclosure": brief.disclosure,
        "portal_url": link_url(links.base_url, "portal", portal),
        "unsubscribe_url": link_url(links.base_url, "unsubscribe", unsubscribe),
    }


def codes_of(offers: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Person id -> their code."""
    return {str(o["person_id"]): str(o["code"]) for o in offers}
