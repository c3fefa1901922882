"""The campaign lifecycle over the store: create, assign, codes, invite, states, fulfilment, close.

Consent is checked wherever a person would be contacted or their data used: the pool is only people
with a standing ``contact`` consent (never guessed), an invitation re-checks it (a withdrawal since
assignment is honoured) and the frequency limit across campaigns, and a shipping address is kept
only with ``shipping_address`` consent and deleted when the campaign closes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from grassroots.campaigns.asks import TRANSITIONS, check_ask
from grassroots.campaigns.assignment import ArmAssignment, Candidate, NetworkChooser, assign
from grassroots.campaigns.brief import Brief, brief_from_mapping
from grassroots.campaigns.offers import make_offers
from grassroots.errors import InvalidInput
from grassroots.store import (
    CampaignRow,
    Store,
    address_rows,
    campaign_row,
    close_campaign,
    consenting,
    contacts_since,
    insert_campaign,
    log_contacts,
    move_states,
    offer_rows,
    participant_rows,
    post_entry,
    save_addresses,
    save_assignment,
    save_offers,
)

__all__ = [
    "FULFILMENT_COLUMNS",
    "AssignReport",
    "InviteReport",
    "assign_campaign",
    "close",
    "create_campaign",
    "fulfilment_rows",
    "funnel",
    "invite",
    "issue_codes",
    "load_campaign",
    "points_account",
    "store_addresses",
    "update_states",
]

FULFILMENT_COLUMNS = ("person_id", "code", "product", "variants", "address", "state")


@dataclass(frozen=True)
class AssignReport:
    """What an assignment did: people per arm, those left out for lack of consent, the strata."""

    campaign: str
    assigned_at: datetime
    arms: dict[str, int]
    offered: int
    no_consent: int
    strata: dict[str, int]
    seed: int
    design: str


@dataclass(frozen=True)
class InviteReport:
    """Who was invited now, and who was not: no standing consent, or contacted too often lately."""

    invited: int
    no_consent: int
    too_often: int


def points_account(person_id: str) -> str:
    """The ledger account holding a person's reward points."""
    return f"person:{person_id}:points"


def create_campaign(
    store: Store, brief: Brief, *, brand_slug: str, actor: str
) -> tuple[CampaignRow, list[str]]:
    """Store a new campaign from a checked brief; refuses an unlawful ask, returns fair-ask warnings."""
    warnings = check_ask(
        brief.ask.text, platforms=brief.ask.platforms, minutes=brief.ask.minutes,
        gift=brief.gift_value, rate=brief.hourly_rate,
    )  # fmt: skip
    raw = json.loads(json.dumps(brief.raw, default=str))
    window = (datetime.combine(brief.starts, time.min), datetime.combine(brief.ends, time(23, 59, 59)))
    insert_campaign(
        store, slug=brief.slug, name=brief.name, brand_slug=brand_slug, brief=raw, window=window, actor=actor
    )
    return campaign_row(store, brief.slug), warnings


def load_campaign(store: Store, slug: str) -> tuple[CampaignRow, Brief]:
    """A stored campaign and its brief."""
    row = campaign_row(store, slug)
    return row, brief_from_mapping(row.brief, source=f"campaign {slug!r} brief")


def assign_campaign(
    store: Store,
    slug: str,
    pool: Sequence[Candidate],
    *,
    at: datetime,
    actor: str,
    network_chooser: NetworkChooser | None = None,
) -> AssignReport:
    """Randomise the consenting pool into arms, once; refuses a campaign already assigned."""
    row, brief = load_campaign(store, slug)
    if row.assigned_at is not None:
        raise InvalidInput(
            f"campaign={slug!r}: assigned at {row.assigned_at:%Y-%m-%d %H:%M:%S} (seed {row.seed}); "
            "an assignment is never changed, create a new campaign to assign again"
        )
    allowed = consenting(store, (p.person_id for p in pool), "contact")
    eligible = [p for p in pool if p.person_id in allowed]
    made = assign(
        eligible, design=brief.design, budget=brief.budget, gift_value=brief.gift_value,
        network_chooser=network_chooser,
    )  # fmt: skip
    rows = [asdict(a) for a in made]
    if not save_assignment(
        store, row.id, rows, design=brief.design.arms, seed=brief.design.seed, at=at, actor=actor
    ):
        raise InvalidInput(f"campaign={slug!r}: assigned meanwhile by another process; nothing changed")
    return _assign_report(slug, at, made, len(pool) - len(eligible), brief)


def _assign_report(
    slug: str, at: datetime, made: list[ArmAssignment], missing: int, brief: Brief
) -> AssignReport:
    arms: dict[str, int] = {}
    strata: dict[str, int] = {}
    for a in made:
        arms[a.arm] = arms.get(a.arm, 0) + 1
        strata[a.stratum] = strata.get(a.stratum, 0) + 1
    offered = sum(a.selected for a in made)
    return AssignReport(slug, at, arms, offered, missing, strata, brief.design.seed, brief.design.arms)


def _assigned(store: Store, slug: str) -> tuple[CampaignRow, Brief, list[dict[str, Any]]]:
    row, brief = load_campaign(store, slug)
    if row.assigned_at is None:
        raise InvalidInput(f"campaign={slug!r}: not assigned yet; run `grassroots campaign assign` first")
    return row, brief, participant_rows(store, row.id)


def issue_codes(store: Store, slug: str, *, actor: str) -> list[dict[str, Any]]:
    """A code for every offered participant who has none (re-running adds none); all the offers."""
    row, brief, people = _assigned(store, slug)
    taken = {o["code"] for o in offer_rows(store)}
    offered = [p["person_id"] for p in people if p["selected"]]
    save_offers(store, make_offers(brief, row.id, slug, offered, taken=taken), actor=actor)
    return offer_rows(store, row.id)


def invite(store: Store, slug: str, *, at: datetime, actor: str, channel: str = "email") -> InviteReport:
    """Invite offered participants not yet invited: only with standing consent and under the
    frequency limit (contacts in the last 30 days, across campaigns)."""
    row, brief, people = _assigned(store, slug)
    waiting = [p["person_id"] for p in people if p["selected"] and p["state"] is None]
    allowed = consenting(store, waiting, "contact")
    recent = contacts_since(store, waiting, at - timedelta(days=30))
    ok = [p for p in waiting if p in allowed and recent[p] < brief.contacts_per_30_days]
    log_contacts(
        store,
        [{"person_id": p, "campaign_id": row.id, "channel": channel, "kind": "invite", "at": at} for p in ok],
    )
    move_states(store, row.id, [(p, "invited", at) for p in ok], allowed=TRANSITIONS, actor=actor)
    too_often = sum(1 for p in waiting if p in allowed and recent[p] >= brief.contacts_per_30_days)
    return InviteReport(len(ok), len(waiting) - len(allowed & set(waiting)), too_often)


def update_states(store: Store, slug: str, moves: Sequence[tuple[str, str, datetime]], *, actor: str) -> int:
    """Move participants along the lifecycle (all or nothing); credits reward points on ``posted``."""
    row, brief, _ = _assigned(store, slug)
    made = move_states(store, row.id, moves, allowed=TRANSITIONS, actor=actor)
    points = Decimal(brief.offer.reward_points)
    if points > 0:
        for person, state, at in moves:
            if state == "posted":
                postings = {f"equity:campaign:{slug}": -points, points_account(person): points}
                post_entry(
                    store, f"{slug}:posted:{person}", postings, kind="reward", at=at, campaign_id=row.id
                )
    return made


def funnel(store: Store, slug: str) -> dict[str, Any]:
    """People per arm and per state (a state counts everyone who reached it), codes issued."""
    row, _, people = _assigned(store, slug)
    arms: dict[str, int] = {}
    for p in people:
        arms[p["arm"]] = arms.get(p["arm"], 0) + 1
    reached = {s: sum(1 for p in people if p[f"{s}_at"] is not None) for s in TRANSITIONS if s}
    return {
        "campaign": slug,
        "status": row.status,
        "assigned_at": row.assigned_at.isoformat() if row.assigned_at else None,
        "design": row.design,
        "seed": row.seed,
        "arms": arms,
        "offered": sum(bool(p["selected"]) for p in people),
        "codes": len(offer_rows(store, row.id)),
        "states": reached,
    }


def store_addresses(store: Store, slug: str, addresses: Mapping[str, str]) -> tuple[int, int]:
    """Keep participants' shipping addresses, only with ``shipping_address`` consent; (kept, refused)."""
    row, _, people = _assigned(store, slug)
    mine = {p["person_id"] for p in people if p["selected"]}
    allowed = consenting(store, [p for p in addresses if p in mine], "shipping_address")
    kept = {p: a for p, a in addresses.items() if p in allowed}
    save_addresses(store, row.id, kept)
    return len(kept), len(addresses) - len(kept)


def fulfilment_rows(store: Store, slug: str) -> list[dict[str, Any]]:
    """What the warehouse ships: accepted participants, their code, products and (consented) address."""
    row, brief, people = _assigned(store, slug)
    codes = {o["person_id"]: o["code"] for o in offer_rows(store, row.id)}
    addresses = address_rows(store, row.id)
    withdrawn = {p["person_id"] for p in people} - consenting(store, addresses, "shipping_address")
    products = ";".join(p.handle for p in brief.products)
    variants = ";".join(v for p in brief.products for v in p.variants)
    return [
        {
            "person_id": p["person_id"],
            "code": codes.get(p["person_id"], ""),
            "product": products,
            "variants": variants,
            "address": "" if p["person_id"] in withdrawn else addresses.get(p["person_id"], ""),
            "state": p["state"],
        }
        for p in people
        if p["state"] == "accepted"
    ]


def close(store: Store, slug: str, *, actor: str) -> int:
    """Close the campaign: its shipping addresses are deleted; returns how many."""
    row, _ = load_campaign(store, slug)
    return close_campaign(store, row.id, actor=actor)
