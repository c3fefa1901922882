"""The campaign input files (CSV with a header, UTF-8 with or without BOM, LF or CRLF).

==============  ===============================================================================
file            columns (extra columns are ignored)
==============  ===============================================================================
pool            ``person_id`` [, ``customer_id``, ``tier``, ``community``, ``followers``]
consent         ``person_id,purpose,granted,text,channel,recorded_at`` [, ``withdrawn_at``]
states          ``person_id,state`` [, ``at``]
addresses       ``person_id,address``
==============  ===============================================================================

Every problem is ``FILE:LINE: field: problem``; a person listed twice in a pool, states or
addresses file is an error naming both lines.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from grassroots.campaigns.asks import STATES
from grassroots.campaigns.assignment import Candidate
from grassroots.errors import InvalidRecord, InvalidValue, SourceError
from grassroots.rules import parse_consent, parse_count
from grassroots.store import CONSENT_PURPOSES

__all__ = ["read_addresses", "read_consent", "read_pool", "read_states"]


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    for column in required:
        if column not in header:
            raise InvalidRecord(str(path), 1, column, f"missing column (need {', '.join(required)})")
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        for column in required:
            if not values.get(column):
                raise InvalidRecord(str(path), line, column, "missing value")
        yield line, values


def _unique(path: Path, rows: Iterator[tuple[int, dict[str, str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    first: dict[str, int] = {}
    for line, values in rows:
        person = values["person_id"]
        if person in first:
            problem = f"{person!r} listed again (first on line {first[person]})"
            raise InvalidRecord(str(path), line, "person_id", problem)
        first[person] = line
        yield line, values


def _time(path: Path, line: int, field: str, text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRecord(str(path), line, field, f"expected an ISO date-time, got {text!r}") from None
    return when.replace(tzinfo=None) if when.tzinfo is None else when.astimezone(tz=None).replace(tzinfo=None)


def read_pool(path: Path) -> list[Candidate]:
    """An eligible pool from a file (e.g. a saved match exported as CSV)."""
    out = []
    for line, v in _unique(path, _rows(path, ("person_id",))):
        try:
            followers = parse_count(v.get("followers") or None, field="followers") or 0
        except InvalidValue as exc:
            raise InvalidRecord(str(path), line, "followers", exc.problem) from None
        out.append(
            Candidate(
                v["person_id"], v.get("customer_id") or None, v.get("tier") or "-", v.get("community") or "-",
                int(followers),
            )
        )  # fmt: skip
    return out


def read_consent(path: Path) -> list[dict[str, Any]]:
    """Consent records; ``withdrawn_at`` set means the person withdrew that purpose then."""
    out = []
    for line, v in _rows(path, ("person_id", "purpose", "granted", "recorded_at")):
        if v["purpose"] not in CONSENT_PURPOSES:
            raise InvalidRecord(str(path), line, "purpose", f"expected one of {', '.join(CONSENT_PURPOSES)}")
        try:
            granted = parse_consent(v["granted"], field="granted")
        except InvalidValue as exc:
            raise InvalidRecord(str(path), line, "granted", exc.problem) from None
        row: dict[str, Any] = {
            "person_id": v["person_id"], "purpose": v["purpose"], "granted": granted,
            "text": v.get("text") or None, "channel": v.get("channel") or None,
            "recorded_at": _time(path, line, "recorded_at", v["recorded_at"]), "source": str(path.name),
        }  # fmt: skip
        if v.get("withdrawn_at"):
            row["withdrawn_at"] = _time(path, line, "withdrawn_at", v["withdrawn_at"])
        out.append(row)
    return out


def read_states(path: Path, *, default_at: datetime) -> list[tuple[str, str, datetime]]:
    """State moves ``(person_id, state, at)``, in file order."""
    out = []
    for line, v in _rows(path, ("person_id", "state")):
        if v["state"] not in STATES:
            problem = f"expected one of {', '.join(STATES)}, got {v['state']!r}"
            raise InvalidRecord(str(path), line, "state", problem)
        at = _time(path, line, "at", v["at"]) if v.get("at") else default_at
        out.append((v["person_id"], v["state"], at))
    return out


def read_addresses(path: Path) -> dict[str, str]:
    """Shipping addresses by person."""
    return {v["person_id"]: v["address"] for _, v in _unique(path, _rows(path, ("person_id", "address")))}
