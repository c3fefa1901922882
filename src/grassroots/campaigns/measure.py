"""Measure a campaign: attribute orders, find participants' mentions, check disclosures, estimate lift.

Lift compares each treated arm with the holdout on the like-for-like outcomes of
:mod:`grassroots.campaigns.outcomes`, by arm (intent to treat: everyone randomised into the arm
counts, offered or not), post-stratified by the assignment's strata, with
:func:`grassroots.campaigns.neyman_lift`. The window is the brief's ``starts`` to its fixed
``analysis_date`` (inclusive), set at launch: the intervals are valid for that one look.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from grassroots.campaigns.compliance import CampaignPost, compliance_alerts
from grassroots.campaigns.lifecycle import _assigned, funnel
from grassroots.campaigns.outcomes import OUTCOMES, OrderFact, Participant, person_outcomes
from grassroots.campaigns.stats import neyman_lift
from grassroots.errors import InvalidInput
from grassroots.store import AlertDraft, Store, offer_rows, tables

if TYPE_CHECKING:
    from grassroots.campaigns.cascade_data import CampaignCascades
    from grassroots.lake import Lake
    from grassroots.listen import Brand

__all__ = ["CampaignMeasure", "attribute_campaign_orders", "find_cascades", "measure_campaign", "read_posts"]


@dataclass(frozen=True)
class CampaignMeasure:
    """Everything the campaign report shows (``to_dict`` is its JSON) and the alerts it raises."""

    report: dict[str, Any]
    alerts: tuple[AlertDraft, ...]


def _window(brief_starts: Any, analysis: Any) -> tuple[datetime, datetime]:
    return datetime.combine(brief_starts, time.min), datetime.combine(analysis, time.min) + timedelta(days=1)


def _email_hashes(store: Store, people: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """person_id -> e-mail hash of their linked shop customer (by Shopify id or ``email:`` id)."""
    out: dict[str, str] = {}
    for p in people:
        cid = p["customer_id"]
        if not cid:
            continue
        if str(cid).startswith("email:"):
            out[p["person_id"]] = str(cid).removeprefix("email:")
            continue
        found = store.rows(tables.customers, shop_customer_id=str(cid)) or store.rows(
            tables.customers, id=str(cid)
        )
        if found and found[0]["email_hash"]:
            out[p["person_id"]] = str(found[0]["email_hash"])
    return out


def _orders(store: Store) -> list[OrderFact]:
    return [
        OrderFact(str(o["id"]), o["email_hash"], o["discount_code"], o["created_at"], float(o["total"] or 0))
        for o in store.rows(tables.orders)
    ]


def read_posts(lake: Lake, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Posts in ``[start, end)`` (platform, id, author, text, created_at)."""
    import pyarrow.compute as pc

    table = lake.scan("posts", columns=["platform", "id", "author", "text", "created_at"])
    inside = pc.and_(pc.greater_equal(table["created_at"], start), pc.less(table["created_at"], end))
    rows: list[dict[str, Any]] = table.filter(inside).to_pylist()
    return rows


def _mentions(
    posts: Sequence[Mapping[str, Any]], brand: Brand, people: set[str]
) -> tuple[dict[str, list[Mapping[str, Any]]], int]:
    """Participants' posts naming the brand, by person; and how many such posts others wrote."""
    from grassroots.listen import find_mentions

    mine: dict[str, list[Mapping[str, Any]]] = {}
    others = 0
    for post in posts:
        if not find_mentions(str(post["text"] or ""), brand):
            continue
        author = str(post["author"])
        if author in people:
            mine.setdefault(author, []).append(post)
        else:
            others += 1
    return mine, others


def _lifts(
    people: Sequence[Participant],
    values: Mapping[str, Mapping[str, float]],
    arms: Sequence[str],
    confidence: float,
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for arm in arms:
        pair = [p for p in people if p.arm in (arm, "holdout")]
        labels = ["treatment" if p.arm == arm else "holdout" for p in pair]
        strata = [p.stratum for p in pair]
        out[arm] = {}
        for outcome in OUTCOMES:
            ys = [values[p.person_id][outcome] for p in pair]
            try:
                out[arm][outcome] = neyman_lift(ys, labels, strata=strata, confidence=confidence).to_dict()
            except InvalidInput as exc:
                out[arm][outcome] = {"error": str(exc)}
    return out


def measure_campaign(
    store: Store, lake: Lake, slug: str, *, brand: Brand, confidence: float = 0.9, window_days: int = 14
) -> CampaignMeasure:
    """Measure campaign ``slug`` (see the module docstring); the report and the compliance alerts.

    The report's ``cascades`` are the exposure mapping and the referral chains
    (:mod:`grassroots.campaigns.cascade_data`), ``window_days`` from exposure to outcome."""
    from grassroots.campaigns.cascade_data import campaign_cascades
    from grassroots.campaigns.cascades import check_window

    window = check_window(window_days)
    row, brief, rows = _assigned(store, slug)
    start, end = _window(brief.starts, brief.analysis_date)
    hashes = _email_hashes(store, rows)
    people = [Participant(r["person_id"], hashes.get(r["person_id"]), r["arm"], r["stratum"]) for r in rows]
    offers = offer_rows(store, row.id)
    codes = {str(o["code"]): str(o["person_id"]) for o in offers}
    mine, others = _mentions(read_posts(lake, start, end), brand, {p.person_id for p in people})
    values = person_outcomes(
        people, _orders(store), codes, {p: len(v) for p, v in mine.items()}, start=start, end=end
    )
    arms = sorted({p.arm for p in people} - {"holdout"})
    lifts = _lifts(people, values, arms, confidence)
    offered = {r["person_id"] for r in rows if r["selected"]}
    posts = [
        CampaignPost(str(p["platform"]), str(p["id"]), person, str(p["text"] or ""))
        for person, found in sorted(mine.items())
        if person in offered
        for p in found
    ]
    alerts = compliance_alerts(posts, brand=brand.name, campaign=slug, wording=brief.disclosure)
    cascades = campaign_cascades(
        store, lake, rows=rows, campaign_id=row.id, hashes=hashes, brand=brand, start=start, end=end,
        window=window, confidence=confidence,
    )  # fmt: skip
    report = {
        "campaign": slug,
        "name": brief.name,
        "brand": brand.name,
        "window": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "analysis_date": brief.analysis_date.isoformat(),
        },
        "funnel": funnel(store, slug),
        "redemptions": int(sum(v["redemptions"] for v in values.values())),
        "linked_customers": len(hashes),
        "mentions": {"participants": sum(len(v) for v in mine.values()), "others": others},
        "compliance": {"posts_checked": len(posts), "alerts": len(alerts)},
        "lift": lifts,
        "cost_per_arm": _costs(rows, brief.gift_value),
        "incremental_orders_per_cost": _per_cost(rows, lifts, brief.gift_value),
        "cascades": cascades.report,
        "outcomes": {
            "orders": "orders by the person's linked shop customer in the window (e-mail hash)",
            "revenue": "order totals of the linked customer in the window (refunds negative)",
            "new_customer": "1 when the linked customer's first order is in the window",
            "mentions": "the person's posts naming the brand in the window (listen's mention finder)",
        },
    }
    return CampaignMeasure(report, tuple(alerts))


def _costs(rows: Sequence[Mapping[str, Any]], gift: Decimal) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in rows:
        if r["selected"]:
            out[r["arm"]] = out.get(r["arm"], 0.0) + float(gift)
    return out


def _per_cost(
    rows: Sequence[Mapping[str, Any]], lifts: Mapping[str, Mapping[str, Any]], gift: Decimal
) -> dict[str, float | None]:
    """Incremental orders per unit of cost, by arm: lift in orders x people in the arm / gift cost."""
    out: dict[str, float | None] = {}
    for arm, by_outcome in lifts.items():
        size = sum(1 for r in rows if r["arm"] == arm)
        cost = sum(float(gift) for r in rows if r["arm"] == arm and r["selected"])
        lift = by_outcome.get("orders", {}).get("lift")
        out[arm] = None if lift is None or cost == 0 else lift * size / cost
    return out


def attribute_campaign_orders(store: Store, slug: str, *, actor: str) -> dict[str, int]:
    """Attribute the store's orders to the campaign's participants; code users reach ``redeemed``.

    Returns orders attributed by code and by linked customer, and participants moved to redeemed
    (people whose state cannot move there, e.g. never invited, keep theirs).
    """
    from grassroots.campaigns.asks import TRANSITIONS
    from grassroots.campaigns.outcomes import attribute_orders
    from grassroots.store import move_states

    row, _, rows = _assigned(store, slug)
    hashes = _email_hashes(store, rows)
    codes = {str(o["code"]).upper(): str(o["person_id"]) for o in offer_rows(store, row.id)}
    orders = _orders(store)
    found = attribute_orders(orders, codes, {h: p for p, h in hashes.items()})
    when = {o.order_id: o.created_at for o in orders}
    state = {r["person_id"]: r["state"] for r in rows}
    moves: dict[str, datetime] = {}
    for order_id, (person, how) in sorted(found.items()):
        at = when[order_id]
        if how == "code" and at is not None and "redeemed" in TRANSITIONS.get(state[person], ()):
            moves[person] = min(moves.get(person, at), at)
    moved = move_states(
        store,
        row.id,
        [(p, "redeemed", at) for p, at in sorted(moves.items())],
        allowed=TRANSITIONS,
        actor=actor,
    )
    by = [how for _, how in found.values()]
    return {"by_code": by.count("code"), "by_customer": by.count("customer"), "redeemed": moved}


def find_cascades(
    store: Store, lake: Lake, slug: str, *, brand: Brand, window_days: int = 14, confidence: float = 0.9
) -> CampaignCascades:
    """The referral chains and exposure mapping of campaign ``slug`` (``campaign cascades``)."""
    from grassroots.campaigns.cascade_data import campaign_cascades
    from grassroots.campaigns.cascades import check_window

    window = check_window(window_days)
    row, brief, rows = _assigned(store, slug)
    start, end = _window(brief.starts, brief.analysis_date)
    return campaign_cascades(
        store, lake, rows=rows, campaign_id=row.id, hashes=_email_hashes(store, rows), brand=brand,
        start=start, end=end, window=window, confidence=confidence,
    )  # fmt: skip
