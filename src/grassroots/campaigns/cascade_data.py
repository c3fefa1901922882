"""Referral chains and the exposure mapping of one campaign, from the store (orders, codes, people)
and the lake (posts, comments, follows, accounts); and the lake table the chains are kept in.

Who is who. A person is an account id. A shop customer is tied to an account when the campaign's
participant row links them, or when :func:`grassroots.listen.link_customers` does (the same handle in
the customer's tags, or the same keyed e-mail hash); an order by a customer tied to no account is the
person ``customer:ID`` (it can be referred by a code, never refer anyone). Everything is counted
inside the campaign window (``starts`` to the analysis date). The rules that turn these facts into
chains are in :mod:`grassroots.campaigns.cascades`.

The table ``campaign_cascades`` (key ``campaign, account_id``; swapped per campaign) holds one row
per referred person: ``account_id`` (the referred person), ``customer_id`` (their shop customer),
``referrer_account_id``, ``root_account_id``, ``hops``, ``kind``, ``exposed_at``, ``orders``,
``revenue``, ``mentions``, ``window_days``. ``erase`` deletes the row of an erased referred person
(``account_id`` / ``customer_id``) and blanks them where they are a referrer or root (``*_account_id``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from grassroots.campaigns.cascades import (
    Exposure,
    ExposureKind,
    Outcome,
    Referral,
    build_cascades,
    referral_summary,
)
from grassroots.campaigns.spillover import spillover_lift
from grassroots.errors import InvalidInput
from grassroots.lake import TableSpec, UpsertCounts, arrow_schema
from grassroots.store import Store, offer_rows, tables

if TYPE_CHECKING:
    from grassroots.lake import Lake
    from grassroots.listen import Brand

__all__ = ["CASCADES_TABLE", "CampaignCascades", "campaign_cascades", "store_cascades"]

CASCADES_TABLE = TableSpec(
    name="campaign_cascades",
    columns={
        "campaign": "VARCHAR",
        "account_id": "VARCHAR",
        "customer_id": "VARCHAR",
        "referrer_account_id": "VARCHAR",
        "root_account_id": "VARCHAR",
        "hops": "BIGINT",
        "kind": "VARCHAR",
        "exposed_at": "TIMESTAMP",
        "orders": "BIGINT",
        "revenue": "DOUBLE",
        "mentions": "BIGINT",
        "window_days": "BIGINT",
    },
    key=("campaign", "account_id"),
    required=("campaign", "account_id"),
)

EXPOSURE_METHOD = (
    "single-contact friends: people outside the pool who follow exactly one eligible person take that "
    "person's arm (network and followers arms count as treated); friends of both arms are excluded and "
    "counted, as are friends of several people of one arm; outcome: 1 when the friend ordered (linked shop "
    "customer) or posted about the brand in the window, else 0; cluster-robust normal interval"
)


@dataclass(frozen=True)
class CampaignCascades:
    """The chains of one campaign, each referred person's shop customer, and the report's object."""

    referrals: tuple[Referral, ...]
    customers: Mapping[str, str]
    report: dict[str, Any]


def _posts(lake: Lake, start: datetime, end: datetime) -> list[dict[str, Any]]:
    import pyarrow.compute as pc

    columns = ["platform", "id", "author", "text", "created_at", "reply_to_id", "quote_of_id"]
    table = lake.scan("posts", columns=columns)
    inside = pc.and_(pc.greater_equal(table["created_at"], start), pc.less(table["created_at"], end))
    rows: list[dict[str, Any]] = table.filter(inside).to_pylist()
    return rows


def _scan_in(
    lake: Lake, table: str, columns: list[str], column: str, values: set[str]
) -> list[dict[str, Any]]:
    import pyarrow.compute as pc

    data = lake.scan(table, columns=columns)
    rows: list[dict[str, Any]] = data.filter(pc.is_in(data[column], pa.array(sorted(values)))).to_pylist()
    return rows


def _linked_accounts(store: Store, lake: Lake, hashes: Mapping[str, str]) -> dict[str, str]:
    """E-mail hash -> account id: participants' links first, then the shop's customers linked by handle."""
    from grassroots.listen import handles_in_note, link_customers

    customers = [
        {"customer_id": str(c["id"]), "email_hash": c["email_hash"], "handles": handles_in_note(c["tags"])}
        for c in store.rows(tables.customers)
    ]
    out = {h: p for p, h in hashes.items()}
    if customers:
        hash_of = {c["customer_id"]: c["email_hash"] for c in customers}
        for account, cid in sorted(
            link_customers(lake.scan("accounts", columns=["id", "handle"]), customers).items()
        ):
            if hash_of.get(cid):
                out.setdefault(str(hash_of[cid]), account)
    return out


def _order_facts(
    store: Store, by_hash: Mapping[str, str], start: datetime, end: datetime
) -> tuple[list[tuple[str, dict[str, Any]]], dict[str, str]]:
    """Orders in the window with their buyer (account or ``customer:ID``); buyer -> customer id."""
    hash_customer = {
        str(c["email_hash"]): str(c["id"]) for c in store.rows(tables.customers) if c["email_hash"]
    }
    out: list[tuple[str, dict[str, Any]]] = []
    customers: dict[str, str] = {}
    for o in store.rows(tables.orders):
        if o["created_at"] is None or not start <= o["created_at"] < end:
            continue
        h = o["email_hash"]
        cid = o["customer_id"] or (hash_customer.get(str(h)) if h else None) or (f"email:{h}" if h else None)
        buyer = by_hash.get(str(h)) if h else None
        buyer = buyer or (f"customer:{cid}" if cid else f"order:{o['id']}")
        if cid:
            customers.setdefault(buyer, str(cid))
        out.append((buyer, o))
    return out, customers


def _social_exposures(
    lake: Lake, posts: Sequence[Mapping[str, Any]], brand: Brand, buyers: set[str]
) -> tuple[list[Exposure], list[Outcome], set[str]]:
    """Replies, quotes, comments and follows of brand posts; brand posts as mentions; their authors.
    Follows count only for followers with an outcome (``buyers`` or brand posters): nobody else can be
    referred, and a popular author's followers would otherwise all be listed."""
    from grassroots.listen import find_mentions

    mentions = [p for p in posts if p["author"] and find_mentions(str(p["text"] or ""), brand)]
    by_post = {(str(p["platform"]), str(p["id"])): p for p in mentions}
    outcomes = [Outcome(str(p["author"]), p["created_at"], "mention") for p in mentions]
    exposures = []
    for p in posts:
        pairs: tuple[tuple[str, ExposureKind], ...] = (("reply_to_id", "reply"), ("quote_of_id", "quote"))
        for column, kind in pairs:
            target = by_post.get((str(p["platform"]), str(p[column])))
            if p[column] and p["author"] and target is not None:
                exposures.append(Exposure(str(target["author"]), str(p["author"]), p["created_at"], kind))
    if by_post:
        for c in _scan_in(lake, "comments", ["platform", "post_id", "author", "created_at"], "post_id",
                          {k[1] for k in by_post}):  # fmt: skip
            target = by_post.get((str(c["platform"]), str(c["post_id"])))
            if target is not None and c["author"] and c["created_at"] is not None:
                exposures.append(
                    Exposure(str(target["author"]), str(c["author"]), c["created_at"], "comment")
                )
    authors = {str(p["author"]) for p in mentions}
    posted: dict[str, list[datetime]] = defaultdict(list)
    for p in mentions:
        posted[str(p["author"])].append(p["created_at"])
    for f in _scan_in(lake, "follows", ["src", "dst"], "dst", authors) if authors else []:
        if str(f["src"]) not in buyers and str(f["src"]) not in authors:
            continue
        for at in posted[str(f["dst"])]:
            exposures.append(Exposure(str(f["dst"]), str(f["src"]), at, "follow"))
    return exposures, outcomes, authors


def campaign_cascades(
    store: Store,
    lake: Lake,
    *,
    rows: Sequence[Mapping[str, Any]],
    campaign_id: int,
    hashes: Mapping[str, str],
    brand: Brand,
    start: datetime,
    end: datetime,
    window: timedelta,
    confidence: float = 0.9,
) -> CampaignCascades:
    """Referral chains and the exposure mapping of a campaign's participants ``rows`` in ``[start, end)``."""
    by_hash = _linked_accounts(store, lake, hashes)
    orders, customers = _order_facts(store, by_hash, start, end)
    codes = {str(o["code"]).upper(): str(o["person_id"]) for o in offer_rows(store, campaign_id)}
    posts = _posts(lake, start, end)
    exposures, outcomes, _ = _social_exposures(lake, posts, brand, {buyer for buyer, _ in orders})
    for buyer, o in orders:
        outcomes.append(Outcome(buyer, o["created_at"], "order", float(o["total"] or 0)))
        owner = codes.get(str(o["discount_code"] or "").strip().upper())
        # only when the owner's own customer is known can another buyer be told apart from them
        if owner is not None and owner != buyer and owner in hashes:
            exposures.append(Exposure(owner, buyer, o["created_at"], "code"))
    pool = [str(r["person_id"]) for r in rows]
    roots = [str(r["person_id"]) for r in rows if r["selected"]]
    referrals = build_cascades(roots, exposures, outcomes, window=window, pool=pool)
    arms = {str(r["person_id"]): "holdout" if r["arm"] == "holdout" else "treatment" for r in rows}
    exposure = _exposure(lake, arms, {o.person for o in outcomes}, confidence)
    report = {"exposure": exposure, "referrals": referral_summary(referrals) if referrals else None}
    return CampaignCascades(
        tuple(referrals), {r.person_id: customers.get(r.person_id, "") for r in referrals}, report
    )


def _exposure(
    lake: Lake, arms: Mapping[str, str], converted: set[str], confidence: float
) -> dict[str, Any] | None:
    """The report's ``cascades.exposure``: spillover on single-contact friends (null when it cannot be
    estimated: fewer than 2 eligible people of an arm with such friends)."""
    follows = _scan_in(lake, "follows", ["src", "dst"], "dst", set(arms)) if arms else []
    pairs = [(str(f["src"]), str(f["dst"])) for f in follows]
    try:
        r = spillover_lift(arms, pairs, dict.fromkeys(converted, 1.0), confidence=confidence)
    except InvalidInput:
        return None
    return {
        "method": EXPOSURE_METHOD,
        "friends_of_treated": r.n_exposed,
        "friends_of_holdout": r.n_control,
        "friends_of_both": r.excluded_both_arms,
        "lift": r.lift,
        "ci": [r.ci[0], r.ci[1]],
    }


def store_cascades(lake: Lake, slug: str, found: CampaignCascades, *, window_days: int) -> UpsertCounts:
    """Swap the campaign's rows of ``campaign_cascades`` (and record the ``campaign_cascades`` run)."""
    rows = [
        {
            "campaign": slug, "account_id": r.person_id,
            "customer_id": found.customers.get(r.person_id) or None,
            "referrer_account_id": r.referrer_id, "root_account_id": r.root_id, "hops": r.hops,
            "kind": r.kind, "exposed_at": r.exposed_at, "orders": r.orders, "revenue": r.revenue,
            "mentions": r.mentions, "window_days": window_days,
        }
        for r in found.referrals
    ]  # fmt: skip
    lake.register_table(CASCADES_TABLE)
    return lake.upsert(
        CASCADES_TABLE.name,
        [pa.Table.from_pylist(rows, schema=arrow_schema(CASCADES_TABLE))],
        step="campaign_cascades",
        parameters={"campaign": slug, "window_days": window_days},
        source=f"campaign:{slug}",
        replace_where=("campaign", [slug]),
    )
