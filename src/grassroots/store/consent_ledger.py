"""Consent records, the contact log and the double-entry rewards ledger in the store.

Consent is per person and purpose (``contact``, ``ugc_rights``, ``shipping_address``), with the text
the person agreed to, the channel and the time; a withdrawal stamps ``withdrawn_at`` on every
standing grant of that purpose. A person consents when their latest record for the purpose is a
grant that is not withdrawn: never guessed, a missing record is no consent.

The ledger stores each entry's postings; an entry is written only when its amounts sum to zero
and no non-``equity:`` account would go below zero, and its external key (stored as a SHA-256, so
a key naming a person leaves no trace of them) makes posting it again a no-op.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, StoreError
from grassroots.store.db import Store
from grassroots.store.tables import consent, contact_log, ledger_entries, ledger_postings

__all__ = [
    "CONSENT_PURPOSES",
    "balances",
    "consenting",
    "contacts_since",
    "ledger_rows",
    "log_contacts",
    "post_entry",
    "pseudonymise_accounts",
    "record_consent",
]

CONSENT_PURPOSES = ("contact", "ugc_rights", "shipping_address")


def _fail(what: str, exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"cannot {what}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}")


def record_consent(store: Store, rows: Iterable[Mapping[str, Any]], *, actor: str) -> int:
    """Append consent grants / refusals; a row with ``withdrawn_at`` withdraws the standing grants.

    Each row: ``person_id``, ``purpose``, ``granted`` (bool), ``text``, ``channel``, ``recorded_at``,
    optional ``source`` and ``withdrawn_at``. Returns rows written.
    """
    written = 0
    try:
        with store.engine.begin() as conn:
            for row in rows:
                if row["purpose"] not in CONSENT_PURPOSES:
                    raise InvalidInput(
                        f"purpose={row['purpose']!r}: expected one of {', '.join(CONSENT_PURPOSES)}"
                    )
                withdrawn = row.get("withdrawn_at")
                if withdrawn is not None:
                    mine = (consent.c.person_id == row["person_id"]) & (consent.c.purpose == row["purpose"])
                    standing = mine & consent.c.withdrawn_at.is_(None) & consent.c.granted.is_(True)
                    conn.execute(update(consent).where(standing).values(withdrawn_at=withdrawn))
                else:
                    conn.execute(insert(consent).values(**{k: row.get(k) for k in _CONSENT_COLUMNS}))
                written += 1
            store._audit(conn, actor, "consent", None, {"records": written})
    except SQLAlchemyError as exc:
        raise _fail("store consent", exc) from exc
    return written


_CONSENT_COLUMNS = ("person_id", "purpose", "granted", "text", "channel", "recorded_at", "source")


def consenting(store: Store, person_ids: Iterable[str], purpose: str) -> set[str]:
    """The people among ``person_ids`` whose latest ``purpose`` record is a standing grant."""
    wanted = set(person_ids)
    query = select(consent.c.person_id, consent.c.granted, consent.c.withdrawn_at, consent.c.recorded_at)
    query = query.where(consent.c.purpose == purpose).order_by(consent.c.recorded_at, consent.c.id)
    latest: dict[str, bool] = {}
    try:
        with store.engine.connect() as conn:
            for r in conn.execute(query):
                if r.person_id in wanted:
                    latest[r.person_id] = bool(r.granted) and r.withdrawn_at is None
    except SQLAlchemyError as exc:
        raise _fail("read consent", exc) from exc
    return {p for p, ok in latest.items() if ok}


def log_contacts(store: Store, rows: Sequence[Mapping[str, Any]]) -> int:
    """Append contact rows (``person_id``, ``campaign_id``, ``channel``, ``kind``, ``at``)."""
    try:
        with store.engine.begin() as conn:
            if rows:
                conn.execute(insert(contact_log), [dict(r) for r in rows])
    except SQLAlchemyError as exc:
        raise _fail("write the contact log", exc) from exc
    return len(rows)


def contacts_since(store: Store, person_ids: Iterable[str], since: datetime) -> Counter[str]:
    """How often each of ``person_ids`` was contacted at or after ``since`` (any campaign)."""
    wanted = set(person_ids)
    query = select(contact_log.c.person_id).where(contact_log.c.at >= since)
    try:
        with store.engine.connect() as conn:
            return Counter(r.person_id for r in conn.execute(query) if r.person_id in wanted)
    except SQLAlchemyError as exc:
        raise _fail("read the contact log", exc) from exc


def _key(external_key: str) -> str:
    return hashlib.sha256(external_key.encode("utf-8")).hexdigest()


def post_entry(
    store: Store,
    external_key: str,
    postings: Mapping[str, Decimal],
    *,
    kind: str,
    at: datetime,
    campaign_id: int | None = None,
) -> bool:
    """Post one balanced entry; False when its ``external_key`` was posted before (nothing written).

    Raises InvalidInput when the amounts do not sum to zero or an account other than ``equity:...``
    would go below zero; nothing is written then.
    """
    if not postings or sum(postings.values(), Decimal(0)) != 0:
        raise InvalidInput(
            f"entry {kind!r}: postings must be non-empty and sum to zero, got {dict(postings)}"
        )
    try:
        with store.engine.begin() as conn:
            if conn.scalar(
                select(ledger_entries.c.id).where(ledger_entries.c.external_key == _key(external_key))
            ):
                return False
            for account, amount in postings.items():
                if amount < 0 and not account.startswith("equity:"):
                    held = conn.scalar(
                        select(func.coalesce(func.sum(ledger_postings.c.amount), 0)).where(
                            ledger_postings.c.account == account
                        )
                    )
                    if Decimal(held or 0) + amount < 0:
                        raise InvalidInput(f"account={account!r}: balance {held} cannot pay {-amount}")
            entry = {"external_key": _key(external_key), "campaign_id": campaign_id, "kind": kind, "at": at}
            entry_id = conn.execute(
                insert(ledger_entries).values(**entry).returning(ledger_entries.c.id)
            ).scalar_one()
            rows = [{"entry_id": entry_id, "account": a, "amount": v} for a, v in postings.items()]
            conn.execute(insert(ledger_postings), rows)
    except SQLAlchemyError as exc:
        raise _fail("post to the ledger", exc) from exc
    return True


def balances(store: Store) -> dict[str, Decimal]:
    """Every account's balance (sum of its postings)."""
    query = select(ledger_postings.c.account, func.sum(ledger_postings.c.amount)).group_by(
        ledger_postings.c.account
    )
    try:
        with store.engine.connect() as conn:
            return {r[0]: Decimal(r[1]) for r in conn.execute(query.order_by(ledger_postings.c.account))}
    except SQLAlchemyError as exc:
        raise _fail("read the ledger", exc) from exc


def ledger_rows(store: Store) -> list[dict[str, Any]]:
    """Every posting with its entry (for export), in entry order."""
    query = select(
        ledger_entries.c.id, ledger_entries.c.kind, ledger_entries.c.at, ledger_entries.c.campaign_id,
        ledger_postings.c.account, ledger_postings.c.amount,
    ).join(ledger_entries, ledger_entries.c.id == ledger_postings.c.entry_id)  # fmt: skip
    try:
        with store.engine.connect() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(query.order_by(ledger_entries.c.id, ledger_postings.c.id))
            ]
    except SQLAlchemyError as exc:
        raise _fail("read the ledger", exc) from exc


def pseudonymise_accounts(store: Store, accounts: Iterable[str], pseudonym: str) -> int:
    """Rename ``accounts`` to ``pseudonym`` in every posting (amounts unchanged, so every entry stays
    balanced); erasure calls it. Returns postings renamed."""
    names = sorted(set(accounts))
    if not names:
        return 0
    try:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")  # the old names leave the file's free pages
            done = conn.execute(
                update(ledger_postings).where(ledger_postings.c.account.in_(names)).values(account=pseudonym)
            )
    except SQLAlchemyError as exc:
        raise _fail("pseudonymise ledger accounts", exc) from exc
    return int(done.rowcount or 0)
