"""Alerts: everything that needs a person's attention, in one table of the operational store.

A stage *raises* alerts; a person *handles* or *dismisses* them (``grassroots alerts``, the web
app). An alert is identified by ``(kind, subject, brand)``: raising it again (re-running a stage)
refreshes its evidence but never duplicates it and never reopens one a person already closed.

==========================  ====================================================================
kind                        raised when
==========================  ====================================================================
``undisclosed_paid_post``   a post shows a paid / commercial relationship but no adequate
                            disclosure (``subject``: ``platform:post_id``)
``brand_safety``            a creator's post falls in a brand-safety category (``subject``:
                            ``platform:post_id``)
``sentiment_spike``         a week's negative mentions of the brand jump (``subject``: the week)
``campaign_compliance``     a campaign rule is broken (raised by the campaigns stage)
==========================  ====================================================================

>>> import tempfile, pathlib
>>> from grassroots.store import Store, migrate
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> _ = migrate(url)
>>> with Store(url) as store:
...     spike = AlertDraft("sentiment_spike", "2026-W10", brand="Dove", evidence={"negative": 9})
...     first, again = raise_alerts(store, [spike]), raise_alerts(store, [spike])
...     (first.inserted, again.unchanged, list_alerts(store)[0].status)
(1, 1, 'open')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import Select, and_, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, NotFound, StoreError
from grassroots.store.db import Store, StoreCounts, _now
from grassroots.store.tables import alerts

__all__ = [
    "ALERT_KINDS",
    "ALERT_STATUSES",
    "Alert",
    "AlertDraft",
    "AlertKind",
    "AlertStatus",
    "list_alerts",
    "raise_alerts",
    "set_alert_status",
]

AlertKind = Literal["undisclosed_paid_post", "brand_safety", "sentiment_spike", "campaign_compliance"]
AlertStatus = Literal["open", "handled", "dismissed"]
ALERT_KINDS: tuple[str, ...] = get_args(AlertKind)
ALERT_STATUSES: tuple[str, ...] = get_args(AlertStatus)


@dataclass(frozen=True)
class AlertDraft:
    """An alert a stage wants to raise: what kind, about whom or what, for which brand, and why."""

    kind: AlertKind
    subject: str
    brand: str = ""
    evidence: Mapping[str, Any] = field(default_factory=dict)
    account_id: str | None = None  # the person the alert is about, if any (erase removes it by this)

    def __post_init__(self) -> None:
        _check("kind", self.kind, ALERT_KINDS)
        if not self.subject:
            raise InvalidInput("subject: must not be empty")


@dataclass(frozen=True)
class Alert:
    """One stored alert."""

    id: int
    brand: str
    kind: str
    subject: str
    account_id: str | None
    evidence: dict[str, Any]
    status: str
    created_at: datetime
    updated_at: datetime
    handled_by: str | None
    handled_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (dates as ISO text)."""
        out = dict(self.__dict__)
        for key in ("created_at", "updated_at", "handled_at"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return out


def _check(name: str, value: str | None, allowed: Sequence[str]) -> None:
    if value is not None and value not in allowed:
        raise InvalidInput(f"{name}={value!r}: expected one of {', '.join(allowed)}")


def raise_alerts(store: Store, drafts: Iterable[AlertDraft]) -> StoreCounts:
    """Insert new alerts and refresh the evidence of existing ones, in one transaction.

    Idempotent on ``(kind, subject, brand)``: a repeated draft changes nothing; the status of an
    existing alert (open, handled, dismissed) is kept.
    """
    read = inserted = updated = 0
    now = _now()
    try:
        with store.engine.begin() as conn:
            for draft in {(d.kind, d.subject, d.brand): d for d in drafts}.values():
                read += 1
                evidence = json.dumps(dict(draft.evidence), sort_keys=True, default=str)
                same = and_(
                    alerts.c.kind == draft.kind,
                    alerts.c.subject == draft.subject,
                    alerts.c.brand == draft.brand,
                )
                old = conn.execute(select(alerts.c.evidence, alerts.c.account_id).where(same)).first()
                facts = {"evidence": evidence, "account_id": draft.account_id}
                if old is None:
                    values = {"kind": draft.kind, "subject": draft.subject, "brand": draft.brand, **facts}
                    conn.execute(
                        insert(alerts).values(**values, status="open", created_at=now, updated_at=now)
                    )
                    inserted += 1
                elif (old.evidence, old.account_id) != (evidence, draft.account_id):
                    conn.execute(update(alerts).where(same).values(**facts, updated_at=now))
                    updated += 1
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot write alerts: {exc}") from exc
    return StoreCounts(read, inserted, updated, read - inserted - updated)


def list_alerts(
    store: Store,
    *,
    status: AlertStatus | None = None,
    kind: AlertKind | None = None,
    brand: str | None = None,
    limit: int | None = None,
) -> list[Alert]:
    """Alerts matching every filter given, newest first (ties by id)."""
    _check("status", status, ALERT_STATUSES)
    _check("kind", kind, ALERT_KINDS)
    query = select(alerts).order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
    for column, value in (("status", status), ("kind", kind), ("brand", brand)):
        if value is not None:
            query = query.where(alerts.c[column] == value)
    if limit is not None:
        query = query.limit(limit)
    return _read(store, query)


def _read(store: Store, query: Select[Any]) -> list[Alert]:
    try:
        with store.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read alerts (run `grassroots init`?): {exc}") from exc
    return [Alert(**{**r, "evidence": json.loads(r["evidence"])}) for r in rows]


def set_alert_status(store: Store, alert_id: int, *, status: AlertStatus, by: str) -> Alert:
    """Mark an alert handled, dismissed or open again; records who did it and when (audited)."""
    _check("status", status, ALERT_STATUSES)
    if not by.strip():
        raise InvalidInput("by: name the person who handled the alert")
    closed = status != "open"
    values = {
        "status": status,
        "handled_by": by if closed else None,
        "handled_at": _now() if closed else None,
    }
    try:
        with store.engine.begin() as conn:
            result = conn.execute(update(alerts).where(alerts.c.id == alert_id).values(**values))
            if not result.rowcount:
                raise NotFound(f"alert id={alert_id}: no such alert")
            store._audit(conn, by, f"alert_{status}", str(alert_id), {"status": status})
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot update alert {alert_id}: {exc}") from exc
    (alert,) = _read(store, select(alerts).where(alerts.c.id == alert_id))
    return alert
