"""Campaign records in the store: campaigns, participants and their state log, offers, addresses.

The randomised assignment is written once: :func:`save_assignment` inserts every participant and
stamps ``campaigns.assigned_at`` in one transaction, and refuses when the campaign already has one,
so arms, strata and assignment times are never changed afterwards. State changes update only the
state columns and append a ``campaign_events`` row in the same transaction (the audit trail).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, NotFound, StoreError
from grassroots.store.db import Store, _now
from grassroots.store.tables import (
    PARTICIPANT_STATES,
    brands,
    campaign_addresses,
    campaign_events,
    campaign_offers,
    campaign_participants,
    campaigns,
)

__all__ = [
    "CampaignRow",
    "address_rows",
    "campaign_row",
    "campaign_rows",
    "close_campaign",
    "insert_campaign",
    "move_states",
    "offer_rows",
    "participant_rows",
    "save_addresses",
    "save_assignment",
    "save_offers",
]


@dataclass(frozen=True)
class CampaignRow:
    """One stored campaign: its brief (as the mapping it was created from) and assignment facts."""

    id: int
    slug: str
    name: str
    brand: str
    status: str
    brief: dict[str, Any]
    design: str | None
    seed: int | None
    assigned_at: datetime | None
    closed_at: datetime | None
    created_at: datetime


def _fail(what: str, exc: SQLAlchemyError) -> StoreError:
    return StoreError(
        f"cannot {what} (run `grassroots init`?): {str(getattr(exc, 'orig', exc)).splitlines()[0]}"
    )


def insert_campaign(
    store: Store,
    *,
    slug: str,
    name: str,
    brand_slug: str,
    brief: Mapping[str, Any],
    window: tuple[datetime, datetime],
    actor: str,
) -> int:
    """Store a new campaign of a configured brand; refuses a slug already used. Returns its id."""
    try:
        with store.engine.begin() as conn:
            brand_id = conn.scalar(select(brands.c.id).where(brands.c.slug == brand_slug))
            if brand_id is None:
                raise NotFound(f"brand={brand_slug!r}: not configured; add it with `grassroots brand add`")
            if conn.scalar(select(campaigns.c.id).where(campaigns.c.slug == slug)) is not None:
                raise InvalidInput(f"name={name!r}: a campaign {slug!r} exists already")
            values = {"brand_id": brand_id, "name": name, "slug": slug, "status": "draft"}
            values |= {"brief": json.dumps(dict(brief), sort_keys=True, default=str), "created_at": _now()}
            values |= {"starts_at": window[0], "ends_at": window[1]}
            new_id = int(
                conn.execute(insert(campaigns).values(**values).returning(campaigns.c.id)).scalar_one()
            )
            store._audit(conn, actor, "campaign_create", slug, {"campaign": new_id})
    except SQLAlchemyError as exc:
        raise _fail("store the campaign", exc) from exc
    return new_id


def _campaign_query() -> Any:
    return select(campaigns, brands.c.name.label("brand_name")).join(
        brands, brands.c.id == campaigns.c.brand_id
    )


def _to_row(r: Any) -> CampaignRow:
    m = r._mapping
    return CampaignRow(
        m["id"], m["slug"] or "", m["name"], m["brand_name"], m["status"], json.loads(m["brief"] or "{}"),
        m["design"], m["seed"], m["assigned_at"], m["closed_at"], m["created_at"],
    )  # fmt: skip


def campaign_row(store: Store, slug: str) -> CampaignRow:
    """The campaign with ``slug``; raises NotFound naming it."""
    try:
        with store.engine.connect() as conn:
            row = conn.execute(_campaign_query().where(campaigns.c.slug == slug)).first()
    except SQLAlchemyError as exc:
        raise _fail("read campaigns", exc) from exc
    if row is None:
        raise NotFound(f"campaign={slug!r}: no such campaign; create it with `grassroots campaign create`")
    return _to_row(row)


def campaign_rows(store: Store) -> list[CampaignRow]:
    """Every campaign, newest first."""
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(_campaign_query().order_by(campaigns.c.created_at.desc())).all()
    except SQLAlchemyError as exc:
        raise _fail("read campaigns", exc) from exc
    return [_to_row(r) for r in rows]


def save_assignment(
    store: Store,
    campaign_id: int,
    rows: Sequence[Mapping[str, Any]],
    *,
    design: str,
    seed: int,
    at: datetime,
    actor: str,
) -> bool:
    """Write the randomised assignment once; False (nothing written) when one exists already.

    The guard is the ``UPDATE ... WHERE assigned_at IS NULL`` in the same transaction as the
    inserts: two concurrent assigns cannot both write.
    """
    try:
        with store.engine.begin() as conn:
            stamp = (
                update(campaigns)
                .where(campaigns.c.id == campaign_id, campaigns.c.assigned_at.is_(None))
                .values(assigned_at=at, design=design, seed=seed, status="assigned")
            )
            if not conn.execute(stamp).rowcount:
                return False
            base = {"campaign_id": campaign_id, "assigned_at": at, "state": None}
            if rows:
                conn.execute(insert(campaign_participants), [{**base, **dict(r)} for r in rows])
            store._audit(
                conn, actor, "campaign_assign", str(campaign_id), {"people": len(rows), "seed": seed}
            )
    except SQLAlchemyError as exc:
        raise _fail("store the assignment", exc) from exc
    return True


def participant_rows(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """The campaign's participants, by person id."""
    query = select(campaign_participants).where(campaign_participants.c.campaign_id == campaign_id)
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.order_by(campaign_participants.c.person_id))]
    except SQLAlchemyError as exc:
        raise _fail("read participants", exc) from exc


def save_offers(store: Store, rows: Iterable[Mapping[str, Any]], *, actor: str) -> int:
    """Insert offers for people who have none in their campaign (codes are never regenerated)."""
    made = 0
    try:
        with store.engine.begin() as conn:
            for row in rows:
                same = (campaign_offers.c.campaign_id == row["campaign_id"]) & (
                    campaign_offers.c.person_id == row["person_id"]
                )
                if conn.scalar(select(func.count()).where(same)):
                    continue
                conn.execute(insert(campaign_offers).values(**dict(row), created_at=_now()))
                made += 1
            if made:
                store._audit(conn, actor, "campaign_codes", None, {"codes": made})
    except SQLAlchemyError as exc:
        raise _fail("store offers", exc) from exc
    return made


def offer_rows(store: Store, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """Offers (of one campaign, or all), by code."""
    query = select(campaign_offers).order_by(campaign_offers.c.code)
    if campaign_id is not None:
        query = query.where(campaign_offers.c.campaign_id == campaign_id)
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
    except SQLAlchemyError as exc:
        raise _fail("read offers", exc) from exc


def move_states(
    store: Store,
    campaign_id: int,
    moves: Sequence[tuple[str, str, datetime]],
    *,
    allowed: Mapping[str | None, Sequence[str]],
    actor: str,
) -> int:
    """Move participants ``(person_id, to_state, at)``; each move must be in ``allowed[from]``.

    All or nothing: a refused move raises InvalidInput naming the person and leaves every state as it
    was. A move to a state the person has reached already is skipped (re-running is safe). Returns moves made.
    """
    made = 0
    table = campaign_participants
    try:
        with store.engine.begin() as conn:
            for person, to_state, at in moves:
                if to_state not in PARTICIPANT_STATES:
                    raise InvalidInput(f"state={to_state!r}: expected one of {', '.join(PARTICIPANT_STATES)}")
                mine = (table.c.campaign_id == campaign_id) & (table.c.person_id == person)
                current = conn.execute(select(table.c.state, table.c[f"{to_state}_at"]).where(mine)).first()
                if current is None:
                    raise NotFound(f"person={person!r}: not a participant of this campaign")
                if current.state == to_state or current[1] is not None:
                    continue  # reached already: re-running the same moves is safe
                if to_state not in allowed.get(current.state, ()):
                    raise InvalidInput(
                        f"person={person!r}: cannot move from {current.state or 'assigned'} to {to_state}"
                    )
                conn.execute(update(table).where(mine).values({"state": to_state, f"{to_state}_at": at}))
                event = {"campaign_id": campaign_id, "person_id": person, "from_state": current.state}
                conn.execute(insert(campaign_events).values(**event, to_state=to_state, at=at, actor=actor))
                made += 1
    except SQLAlchemyError as exc:
        raise _fail("change participant states", exc) from exc
    return made


def save_addresses(store: Store, campaign_id: int, addresses: Mapping[str, str]) -> int:
    """Store (or replace) shipping addresses of participants; the caller checked their consent."""
    now = _now()
    try:
        with store.engine.begin() as conn:
            for person, address in addresses.items():
                mine = (campaign_addresses.c.campaign_id == campaign_id) & (
                    campaign_addresses.c.person_id == person
                )
                conn.execute(delete(campaign_addresses).where(mine))
                values = {"campaign_id": campaign_id, "person_id": person, "address": address}
                conn.execute(insert(campaign_addresses).values(**values, recorded_at=now))
    except SQLAlchemyError as exc:
        raise _fail("store addresses", exc) from exc
    return len(addresses)


def address_rows(store: Store, campaign_id: int) -> dict[str, str]:
    """Shipping addresses of the campaign's participants, by person id."""
    query = select(campaign_addresses.c.person_id, campaign_addresses.c.address).where(
        campaign_addresses.c.campaign_id == campaign_id
    )
    try:
        with store.engine.connect() as conn:
            return {r.person_id: r.address for r in conn.execute(query)}
    except SQLAlchemyError as exc:
        raise _fail("read addresses", exc) from exc


def close_campaign(store: Store, campaign_id: int, *, actor: str) -> int:
    """Mark the campaign closed and delete its shipping addresses (overwritten on SQLite)."""
    try:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            gone = conn.execute(
                delete(campaign_addresses).where(campaign_addresses.c.campaign_id == campaign_id)
            )
            now = _now()
            conn.execute(
                update(campaigns).where(campaigns.c.id == campaign_id).values(status="closed", closed_at=now)
            )
            store._audit(conn, actor, "campaign_close", str(campaign_id), {"addresses": gone.rowcount})
    except SQLAlchemyError as exc:
        raise _fail("close the campaign", exc) from exc
    return int(gone.rowcount or 0)
