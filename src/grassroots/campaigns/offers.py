"""Offers: one unique, unguessable discount code per treated participant, its link and its CSV export.

A code is the campaign's short prefix and 12 characters drawn by :mod:`secrets` from 31 letters and
digits that cannot be misread (no ``0 O 1 I L``): 31**12, about 7.9e17 codes, so a code cannot be
guessed from another. Shopify's orders export carries the code an order used, so orders attribute
by code; the shareable link ``https://SHOP/discount/CODE?redirect=/products/HANDLE`` applies it.

>>> discount_link("acme.example", "SPRING-ABCDEFGHJKMN", "glow-serum")
'https://acme.example/discount/SPRING-ABCDEFGHJKMN?redirect=/products/glow-serum'
>>> len(new_code("SPRING")), new_code("SPRING") != new_code("SPRING")
(19, True)
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any
from urllib.parse import quote

from grassroots.campaigns.brief import Brief

__all__ = [
    "CODE_ALPHABET",
    "CODE_COLUMNS",
    "codes_csv",
    "discount_link",
    "make_offers",
    "new_code",
    "prefix_of",
]

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: The columns of the codes export (``docs/formats.md``), in order.
CODE_COLUMNS = ("code", "person_id", "value", "type", "starts_at", "ends_at", "usage_limit")


def prefix_of(slug: str) -> str:
    """The code prefix of a campaign: its slug's first letters and digits, upper case, at most 6."""
    return (re.sub(r"[^A-Za-z0-9]", "", slug).upper()[:6]) or "GR"


def new_code(prefix: str) -> str:
    """A fresh random code ``PREFIX-XXXXXXXXXXXX``."""
    return f"{prefix}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


def discount_link(shop: str, code: str, handle: str) -> str:
    """The shareable link that applies ``code`` and lands on the product page."""
    return f"https://{shop}/discount/{quote(code)}?redirect=/products/{quote(handle)}"


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _end(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59))


def make_offers(
    brief: Brief, campaign_id: int, slug: str, people: Iterable[str], *, taken: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """One offer row per person (for ``campaign_offers``), codes unique against ``taken``."""
    used, prefix, rows = set(taken), prefix_of(slug), []
    for person in people:
        code = new_code(prefix)
        while code in used:  # pragma: no cover - 7.9e17 codes; kept so a collision can never store twice
            code = new_code(prefix)
        used.add(code)
        rows.append(
            {
                "code": code,
                "campaign_id": campaign_id,
                "person_id": person,
                "value": brief.offer.value,
                "type": brief.offer.type,
                "starts_at": _start(brief.starts),
                "ends_at": _end(brief.ends),
                "usage_limit": brief.offer.usage_limit,
            }
        )
    return rows


def codes_csv(offers: Sequence[Mapping[str, Any]]) -> str:
    """The codes export: ``code,person_id,value,type,starts_at,ends_at,usage_limit`` (ISO times)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODE_COLUMNS)
    for offer in offers:
        row = [offer[c].isoformat() if isinstance(offer[c], datetime) else offer[c] for c in CODE_COLUMNS]
        writer.writerow(row)
    return out.getvalue()
