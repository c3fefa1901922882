"""Attribution of orders and the like-for-like outcomes lift is measured on.

Orders are attributed two ways. **By code**: the order's discount code is a campaign offer, so the
order belongs to that offer's participant (only treated people have codes: redemptions are a
funnel number, never compared with the holdout). **By linked customer**: the order's e-mail hash is
a participant's linked shop customer; this is observed the same way in every arm, so it is what
lift compares:

- ``orders``: orders by the person's linked customer in the campaign window;
- ``revenue``: their order totals (refunds negative);
- ``new_customer``: 1 when the person had no order before the window and one in it;
- ``mentions``: the person's posts naming the brand in the window (found by listening).

People without a linked customer count 0 orders (the same in every arm, since arms are random).

>>> from datetime import datetime as dt
>>> people = [Participant("a", "h1", "treatment"), Participant("b", None, "holdout")]
>>> orders = [OrderFact("#1", "h1", "SPRING-X", dt(2026, 3, 2), 30.0)]
>>> got = person_outcomes(people, orders, {"SPRING-X": "a"}, {}, start=dt(2026, 3, 1), end=dt(2026, 4, 1))
>>> got["a"], got["b"]["orders"]
({'orders': 1.0, 'revenue': 30.0, 'new_customer': 1.0, 'mentions': 0.0, 'redemptions': 1.0}, 0.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

__all__ = ["OUTCOMES", "OrderFact", "Participant", "attribute_orders", "person_outcomes"]

#: The outcomes compared across arms, each measured the same way in every arm.
OUTCOMES = ("orders", "revenue", "new_customer", "mentions")


@dataclass(frozen=True)
class Participant:
    """A participant as measurement sees them: id, linked customer's e-mail hash, arm, stratum."""

    person_id: str
    email_hash: str | None
    arm: str
    stratum: str = "all"


@dataclass(frozen=True)
class OrderFact:
    """One order: id, the buyer's e-mail hash, the discount code used, when, total."""

    order_id: str
    email_hash: str | None
    discount_code: str | None
    created_at: datetime | None
    total: float


def attribute_orders(
    orders: Sequence[OrderFact], codes: Mapping[str, str], linked: Mapping[str, str]
) -> dict[str, tuple[str, str]]:
    """Order id -> (person_id, ``code`` or ``customer``): the code wins when both point at someone."""
    out: dict[str, tuple[str, str]] = {}
    for order in orders:
        code = (order.discount_code or "").strip().upper()
        if code in codes:
            out[order.order_id] = (codes[code], "code")
        elif order.email_hash and order.email_hash in linked:
            out[order.order_id] = (linked[order.email_hash], "customer")
    return out


def person_outcomes(
    people: Sequence[Participant],
    orders: Sequence[OrderFact],
    codes: Mapping[str, str],
    mentions: Mapping[str, int],
    *,
    start: datetime,
    end: datetime,
) -> dict[str, dict[str, float]]:
    """Every participant's outcomes (``OUTCOMES`` plus ``redemptions``) in ``[start, end)``."""
    by_hash = {p.email_hash: p.person_id for p in people if p.email_hash}
    out = {p.person_id: {"orders": 0.0, "revenue": 0.0, "new_customer": 0.0, "mentions": 0.0} for p in people}
    for person in out:
        out[person]["mentions"] = float(mentions.get(person, 0))
        out[person]["redemptions"] = 0.0
    before: set[str] = set()
    codes_upper = {c.upper(): p for c, p in codes.items()}
    for order in orders:
        when = order.created_at
        if when is None:
            continue
        if when < start:
            if order.email_hash in by_hash:
                before.add(by_hash[order.email_hash])
            continue
        if when >= end:
            continue
        code = (order.discount_code or "").strip().upper()
        if code in codes_upper:
            out[codes_upper[code]]["redemptions"] += 1
        buyer = by_hash.get(order.email_hash) if order.email_hash else None
        if buyer is not None:
            out[buyer]["orders"] += 1
            out[buyer]["revenue"] += order.total
    for person, values in out.items():
        values["new_customer"] = 1.0 if values["orders"] > 0 and person not in before else 0.0
    return out
