"""The contact-addresses file: e-mail addresses people gave with consent to contact (portal, form).

CSV with a header, UTF-8 with or without BOM; columns ``person_id,email,consent_text,recorded_at``
and optionally ``time_zone`` (an IANA name such as ``Europe/Paris``: quiet hours are counted in it).
Extra columns are ignored. Every problem is ``FILE:LINE: field: problem``; a person listed twice
with the same address is an error naming both lines. Nothing is stored when a line is bad.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grassroots.engage.sequences import time_zone
from grassroots.errors import InvalidRecord, InvalidValue, SourceError
from grassroots.ingest import hash_email, normalise_email

__all__ = ["ADDRESS_COLUMNS", "read_addresses"]

ADDRESS_COLUMNS = ("person_id", "email", "consent_text", "recorded_at")


def read_addresses(path: Path, *, secret: bytes) -> list[dict[str, Any]]:
    """The rows of a contact-addresses file, checked (source ``file``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    for column in ADDRESS_COLUMNS:
        if column not in (reader.fieldnames or []):
            raise InvalidRecord(str(path), 1, column, f"missing column (need {', '.join(ADDRESS_COLUMNS)})")
    out: list[dict[str, Any]] = []
    first: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        v = {k: (x or "").strip() for k, x in row.items() if k is not None}
        for column in ADDRESS_COLUMNS:
            if not v.get(column):
                raise InvalidRecord(
                    str(path), line, column, "missing value (consent to contact is never guessed)"
                )
        email = normalise_email(v["email"])
        if "@" not in email.strip("@") or " " in email:
            raise InvalidRecord(str(path), line, "email", f"not an e-mail address: {v['email']!r}")
        key = (v["person_id"], email)
        if key in first:
            raise InvalidRecord(str(path), line, "email", f"listed again (first on line {first[key]})")
        first[key] = line
        zone = v.get("time_zone") or None
        if zone:
            try:
                time_zone(zone)
            except InvalidValue as exc:
                raise InvalidRecord(str(path), line, "time_zone", exc.problem) from None
        out.append(
            {"person_id": v["person_id"], "email": email, "email_hash": hash_email(email, secret),
             "source": "file", "consent_text": v["consent_text"], "time_zone": zone,
             "recorded_at": _time(path, line, v["recorded_at"])}
        )  # fmt: skip
    return out


def _time(path: Path, line: int, text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRecord(
            str(path), line, "recorded_at", f"expected an ISO date-time, got {text!r}"
        ) from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
