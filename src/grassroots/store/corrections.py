"""User corrections: a person marks a score wrong, and every later run applies it.

Three kinds, each with its values:

- ``advocate``: ``not_advocate`` (never rank this account for the brand) or ``advocate`` (rank it first);
- ``disclosure``: ``adequate`` (the post is disclosed), ``ambiguous`` or ``none`` (it is not);
- ``account``: ``real`` or ``fake`` (the fake-follower verdict).

One row per (kind, platform, subject, brand): a newer correction of the same thing replaces the
older one (audited), :func:`remove_correction` takes one back. ``account_id`` is the person the
correction is about (the account itself, or a post's author), so erasure removes it with them.

>>> from grassroots.store.corrections import check_correction
>>> check_correction("disclosure", "adequate")
>>> check_correction("account", "maybe")
Traceback (most recent call last):
...
grassroots.errors.InvalidInput: value='maybe': expected one of real, fake (for kind='account')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, NotFound, StoreError
from grassroots.store.tables import corrections

if TYPE_CHECKING:
    from grassroots.store.db import Store

__all__ = [
    "CORRECTION_KINDS",
    "CORRECTION_VALUES",
    "Correction",
    "CorrectionKind",
    "add_correction",
    "check_correction",
    "list_corrections",
    "remove_correction",
]

CorrectionKind = Literal["advocate", "disclosure", "account"]
CORRECTION_KINDS: tuple[CorrectionKind, ...] = ("advocate", "disclosure", "account")
CORRECTION_VALUES: dict[str, tuple[str, ...]] = {
    "advocate": ("not_advocate", "advocate"),
    "disclosure": ("adequate", "ambiguous", "none"),
    "account": ("real", "fake"),
}


@dataclass(frozen=True)
class Correction:
    """One stored correction."""

    id: int
    kind: str
    platform: str
    subject: str
    brand: str
    value: str
    account_id: str | None
    note: str | None
    created_by: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (the date as ISO text)."""
        return {**self.__dict__, "created_at": self.created_at.isoformat()}

    def evidence(self) -> dict[str, Any]:
        """What a corrected result names as its evidence: which correction, by whom, when, why."""
        out = {"correction_id": self.id, "value": self.value, "by": self.created_by}
        out["at"] = self.created_at.isoformat()
        return out | ({"note": self.note} if self.note else {})


def check_correction(kind: str, value: str) -> None:
    """Raise :class:`InvalidInput` naming the parameter when ``kind`` or ``value`` is not allowed."""
    if kind not in CORRECTION_KINDS:
        raise InvalidInput(f"kind={kind!r}: expected one of {', '.join(CORRECTION_KINDS)}")
    allowed = CORRECTION_VALUES[kind]
    if value not in allowed:
        raise InvalidInput(f"value={value!r}: expected one of {', '.join(allowed)} (for kind={kind!r})")


def add_correction(
    store: Store,
    kind: CorrectionKind,
    subject: str,
    value: str,
    *,
    by: str,
    platform: str = "",
    brand: str = "",
    account_id: str | None = None,
    note: str | None = None,
) -> Correction:
    """Store a correction (replacing an older one of the same kind, platform, subject and brand)."""
    check_correction(kind, value)
    for name, given in (("subject", subject), ("by", by)):
        if not given.strip():
            raise InvalidInput(f"{name}: must not be empty")
    same = and_(
        corrections.c.kind == kind,
        corrections.c.platform == platform,
        corrections.c.subject == subject,
        corrections.c.brand == brand,
    )
    values: dict[str, Any] = {"value": value, "account_id": account_id, "note": note, "created_by": by}
    values["created_at"] = datetime.now(UTC).replace(tzinfo=None)
    try:
        with store.engine.begin() as conn:
            if conn.execute(select(corrections.c.id).where(same)).first() is None:
                keys = {"kind": kind, "platform": platform, "subject": subject, "brand": brand}
                conn.execute(insert(corrections).values(**keys, **values))
            else:
                conn.execute(update(corrections).where(same).values(**values))
            store._audit(
                conn, by, "correct", f"{kind}:{platform}:{subject}", {"value": value, "brand": brand}
            )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot write the correction: {exc}") from exc
    (found,) = _read(store, select(corrections).where(same))
    return found


def list_corrections(
    store: Store, *, kind: CorrectionKind | None = None, brand: str | None = None
) -> list[Correction]:
    """Corrections (oldest first), of one kind and / or brand when given."""
    if kind is not None and kind not in CORRECTION_KINDS:
        raise InvalidInput(f"kind={kind!r}: expected one of {', '.join(CORRECTION_KINDS)}")
    query = select(corrections).order_by(corrections.c.id)
    if kind is not None:
        query = query.where(corrections.c.kind == kind)
    if brand is not None:
        query = query.where(corrections.c.brand == brand)
    return _read(store, query)


def remove_correction(store: Store, correction_id: int, *, by: str) -> Correction:
    """Take a correction back (audited); later runs give the scores' own answer again."""
    (found,) = _read(store, select(corrections).where(corrections.c.id == correction_id)) or (None,)
    if found is None:
        raise NotFound(f"correction id={correction_id}: no such correction")
    try:
        with store.engine.begin() as conn:
            conn.execute(delete(corrections).where(corrections.c.id == correction_id))
            store._audit(conn, by, "correction_removed", str(correction_id), {"kind": found.kind})
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot remove correction {correction_id}: {exc}") from exc
    return found


def _read(store: Store, query: Any) -> list[Correction]:
    try:
        with store.engine.connect() as conn:
            rows: Sequence[Any] = list(conn.execute(query))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read corrections (run `grassroots init`?): {exc}") from exc
    return [Correction(**dict(r._mapping)) for r in rows]
