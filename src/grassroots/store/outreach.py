"""Outreach records in the store: contact addresses, previews, the send log, replies (m008).

A clear e-mail address is kept only in ``contact_addresses``, and only for people who gave it with
consent to contact: through the portal or an addresses file, or shop customers who accepted
marketing. Its ``status`` is ``ok``, ``undeliverable`` (a bounce) or ``opted-out`` (unsubscribed); a
re-imported shop export never revives an address that bounced or opted out, a new grant through the
portal or a file (recorded after the status changed) does.

>>> import tempfile, pathlib
>>> from datetime import datetime
>>> from grassroots.store import Store, migrate
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> _ = migrate(url)
>>> with Store(url) as store:
...     row = {"person_id": "p1", "email": "ann@example.com", "email_hash": "h1", "source": "portal",
...            "consent_text": "Yes, e-mail me", "time_zone": None, "recorded_at": datetime(2026, 5, 1)}
...     _ = save_contact_addresses(store, [row], actor="test")
...     _ = set_address_status(store, "h1", "undeliverable", reason="550 no such user", actor="test")
...     contact_addresses_of(store, ["p1"])["p1"]["status"]
'undeliverable'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, StoreError
from grassroots.store.db import Store, _first_line, _now
from grassroots.store.tables import contact_addresses, outreach_previews, outreach_replies, outreach_sends

__all__ = [
    "ADDRESS_SOURCES",
    "ADDRESS_STATUSES",
    "AddressStatus",
    "contact_addresses_of",
    "drop_contact_addresses",
    "linked_people",
    "log_sends",
    "opt_out_addresses",
    "people_with_address",
    "previewed",
    "reply_keys",
    "same_customers",
    "save_contact_addresses",
    "save_previews",
    "save_replies",
    "send_rows",
    "sent_message",
    "set_address_status",
]

ADDRESS_SOURCES = ("portal", "shop", "file")
AddressStatus = Literal["ok", "undeliverable", "opted-out"]
ADDRESS_STATUSES: tuple[str, ...] = get_args(AddressStatus)


def _fail(what: str, exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"cannot {what} (run `grassroots init`?): {_first_line(exc)}")


def save_contact_addresses(store: Store, rows: Iterable[Mapping[str, Any]], *, actor: str) -> int:
    """Insert or refresh addresses (``person_id``, ``email``, ``email_hash``, ``source``, ``consent_text``,
    ``time_zone``, ``recorded_at``); returns rows written. See the module docstring for ``status``."""
    written, now = 0, _now()
    try:
        with store.engine.begin() as conn:
            for row in rows:
                if row["source"] not in ADDRESS_SOURCES:
                    raise InvalidInput(
                        f"source={row['source']!r}: expected one of {', '.join(ADDRESS_SOURCES)}"
                    )
                same = (contact_addresses.c.person_id == row["person_id"]) & (
                    contact_addresses.c.email_hash == row["email_hash"]
                )
                old = conn.execute(select(contact_addresses).where(same)).first()
                values = {
                    k: row.get(k) for k in ("email", "source", "consent_text", "time_zone", "recorded_at")
                }
                if old is None:
                    values |= {"person_id": row["person_id"], "email_hash": row["email_hash"]}
                    conn.execute(insert(contact_addresses).values(**values, status="ok", updated_at=now))
                else:
                    fresh = row["source"] != "shop" and row["recorded_at"] > old.updated_at
                    if fresh:
                        values |= {"status": "ok", "status_reason": None, "updated_at": now}
                    conn.execute(update(contact_addresses).where(same).values(**values))
                written += 1
            store._audit(conn, actor, "contact_addresses", None, {"rows": written})
    except SQLAlchemyError as exc:
        raise _fail("store contact addresses", exc) from exc
    return written


def drop_contact_addresses(store: Store, person_ids: Iterable[str], *, source: str, actor: str) -> int:
    """Delete the ``source`` addresses of ``person_ids`` (e.g. shop customers who no longer accept
    marketing: we may no longer keep their address in clear); returns rows deleted."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return 0
    mine = contact_addresses.c.person_id.in_(wanted) & (contact_addresses.c.source == source)
    try:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            done = int(conn.execute(delete(contact_addresses).where(mine)).rowcount or 0)
            if done:
                store._audit(conn, actor, "contact_addresses_drop", None, {"rows": done, "source": source})
    except SQLAlchemyError as exc:
        raise _fail("delete contact addresses", exc) from exc
    return done


def contact_addresses_of(store: Store, person_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Each person's address: the newest ``ok`` one, else the newest of any status."""
    wanted = sorted(set(person_ids))
    query = select(contact_addresses).where(contact_addresses.c.person_id.in_(wanted))
    try:
        with store.engine.connect() as conn:
            found = [dict(r._mapping) for r in conn.execute(query.order_by(contact_addresses.c.recorded_at))]
    except SQLAlchemyError as exc:
        raise _fail("read contact addresses", exc) from exc
    out: dict[str, dict[str, Any]] = {}
    for row in found:  # oldest first: a later ok row wins, a non-ok row never replaces an ok one
        kept = out.get(row["person_id"])
        if kept is None or row["status"] == "ok" or kept["status"] != "ok":
            out[row["person_id"]] = row
    return out


def set_address_status(
    store: Store,
    email_hash: str,
    status: AddressStatus,
    *,
    reason: str | None = None,
    person_id: str | None = None,
    actor: str,
) -> list[str]:
    """Mark every address with ``email_hash`` (or only ``person_id``'s) as ``status``; the people."""
    if status not in ADDRESS_STATUSES:
        raise InvalidInput(f"status={status!r}: expected one of {', '.join(ADDRESS_STATUSES)}")
    mine = contact_addresses.c.email_hash == email_hash
    if person_id is not None:
        mine = mine & (contact_addresses.c.person_id == person_id)
    try:
        with store.engine.begin() as conn:
            people = sorted(
                {r.person_id for r in conn.execute(select(contact_addresses.c.person_id).where(mine))}
            )
            values = {"status": status, "status_reason": reason, "updated_at": _now()}
            conn.execute(update(contact_addresses).where(mine).values(**values))
            if people:
                store._audit(conn, actor, f"address_{status}", None, {"rows": len(people)})
    except SQLAlchemyError as exc:
        raise _fail("update contact addresses", exc) from exc
    return people


def save_previews(
    store: Store, campaign_id: int, step: str, hashes: Mapping[str, str], *, at: datetime, actor: str
) -> int:
    """Record that ``person_id -> content_hash`` was previewed for the campaign's ``step``."""
    rows = [
        {"campaign_id": campaign_id, "step": step, "person_id": p, "content_hash": h, "previewed_at": at}
        for p, h in sorted(hashes.items())
    ]
    try:
        with store.engine.begin() as conn:
            if rows:
                conn.execute(insert(outreach_previews), [{**r, "actor": actor} for r in rows])
    except SQLAlchemyError as exc:
        raise _fail("store previews", exc) from exc
    return len(rows)


def previewed(store: Store, campaign_id: int, step: str) -> dict[str, set[str]]:
    """The content hashes previewed per person for the campaign's ``step``."""
    query = select(outreach_previews.c.person_id, outreach_previews.c.content_hash).where(
        (outreach_previews.c.campaign_id == campaign_id) & (outreach_previews.c.step == step)
    )
    out: dict[str, set[str]] = {}
    try:
        with store.engine.connect() as conn:
            for r in conn.execute(query):
                out.setdefault(r.person_id, set()).add(r.content_hash)
    except SQLAlchemyError as exc:
        raise _fail("read previews", exc) from exc
    return out


_SEND_COLUMNS: tuple[str, ...] = (
    "campaign_id",
    "step",
    "person_id",
    "channel",
    "status",
    "attempts",
    "message_id",
)
_SEND_COLUMNS += ("content_hash", "error", "at")


def log_sends(store: Store, rows: Sequence[Mapping[str, Any]]) -> int:
    """Append send-log rows (one per person and attempt series)."""
    try:
        with store.engine.begin() as conn:
            if rows:
                conn.execute(insert(outreach_sends), [{k: r.get(k) for k in _SEND_COLUMNS} for r in rows])
    except SQLAlchemyError as exc:
        raise _fail("write the send log", exc) from exc
    return len(rows)


def send_rows(store: Store, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """The send log, oldest first (one campaign's, or all)."""
    query = select(outreach_sends)
    if campaign_id is not None:
        query = query.where(outreach_sends.c.campaign_id == campaign_id)
    try:
        with store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.order_by(outreach_sends.c.id))]
    except SQLAlchemyError as exc:
        raise _fail("read the send log", exc) from exc


def sent_message(store: Store, message_ids: Iterable[str]) -> dict[str, Any] | None:
    """The send-log row of the first of ``message_ids`` we sent (to tie a reply or bounce to it)."""
    wanted = [m for m in message_ids if m]
    if not wanted:
        return None
    query = select(outreach_sends).where(outreach_sends.c.message_id.in_(wanted))
    try:
        with store.engine.connect() as conn:
            row = conn.execute(query.order_by(outreach_sends.c.id)).first()
    except SQLAlchemyError as exc:
        raise _fail("read the send log", exc) from exc
    return dict(row._mapping) if row is not None else None


def reply_keys(store: Store) -> set[str]:
    """Keys of the replies imported already (re-importing a mailbox adds nothing)."""
    try:
        with store.engine.connect() as conn:
            return {r.key for r in conn.execute(select(outreach_replies.c.key))}
    except SQLAlchemyError as exc:
        raise _fail("read replies", exc) from exc


def save_replies(store: Store, rows: Sequence[Mapping[str, Any]]) -> int:
    """Append replies (``key``, ``person_id``, ``kind``, ``campaign_id``, ``in_reply_to``,
    ``received_at``)."""
    try:
        with store.engine.begin() as conn:
            if rows:
                conn.execute(insert(outreach_replies), [dict(r) for r in rows])
    except SQLAlchemyError as exc:
        raise _fail("store replies", exc) from exc
    return len(rows)


def opt_out_addresses(store: Store, person_ids: Iterable[str], *, actor: str) -> int:
    """Mark every address of ``person_ids`` ``opted-out``; returns rows changed."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return 0
    values = {"status": "opted-out", "status_reason": "unsubscribed", "updated_at": _now()}
    try:
        with store.engine.begin() as conn:
            done = conn.execute(
                update(contact_addresses).where(contact_addresses.c.person_id.in_(wanted)).values(**values)
            )
            changed = int(done.rowcount or 0)
            if changed:
                store._audit(conn, actor, "address_opted-out", None, {"rows": changed})
    except SQLAlchemyError as exc:
        raise _fail("update contact addresses", exc) from exc
    return changed


def same_customers(store: Store, ids: Iterable[str]) -> dict[str, set[str]]:
    """Each id with the other ids of the same shop customer: a store customer id (``email:HASH``, what
    a shop address is kept under) and its Shopify customer id (what advocates link to), both ways."""
    from grassroots.store.tables import customers

    wanted = sorted(set(ids))
    out = {i: {i} for i in wanted}
    if not wanted:
        return out
    query = select(customers.c.id, customers.c.shop_customer_id).where(
        customers.c.id.in_(wanted) | customers.c.shop_customer_id.in_(wanted)
    )
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        raise _fail("read customers", exc) from exc
    for r in rows:
        both = {str(r.id), *([str(r.shop_customer_id)] if r.shop_customer_id else [])}
        for i in both & set(wanted):
            out[i] |= both
    return out


def linked_people(store: Store, ids: Iterable[str]) -> set[str]:
    """``ids`` with the campaign people linked to them: a participant whose ``customer_id`` is one of
    them, and the shop customers linked to a participant who is one of them (both directions)."""
    from grassroots.store.tables import campaign_participants as cp

    wanted = {x for group in same_customers(store, ids).values() for x in group}
    if not wanted:
        return set()
    query = select(cp.c.person_id, cp.c.customer_id).where(
        cp.c.person_id.in_(sorted(wanted)) | cp.c.customer_id.in_(sorted(wanted))
    )
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        raise _fail("read participants", exc) from exc
    linked = {r.customer_id for r in rows if r.customer_id}
    found = {x for group in same_customers(store, linked).values() for x in group}
    return wanted | {r.person_id for r in rows} | found


def people_with_address(store: Store, email_hash: str) -> set[str]:
    """The people holding an address with ``email_hash``."""
    query = select(contact_addresses.c.person_id).where(contact_addresses.c.email_hash == email_hash)
    try:
        with store.engine.connect() as conn:
            return {r.person_id for r in conn.execute(query)}
    except SQLAlchemyError as exc:
        raise _fail("read contact addresses", exc) from exc
