"""Date-times as users' files write them, read into UTC timestamps without a zone.

Accepted forms (``date_format="auto"``, the default):

- ISO 8601 text: ``2015-02-18``, ``2015-02-18T10:13:49Z``, ``2015-02-18 10:13:49+01:00``;
- RFC 2822 / e-mail (``Wed, 18 Feb 2015 10:13:49 +0000``), Twitter's ``created_at``
  (``Wed Feb 18 10:13:49 +0000 2015``) and Shopify's ``2015-02-18 10:13:49 -0500``;
- a number (JSON number or numeric text). A number is ambiguous, so the rule is: below
  :data:`SERIAL_DAY_LIMIT` (100,000) it is a spreadsheet serial day number (1900 date system, the
  one Excel, LibreOffice and Google Sheets use: ``42053.43`` is 2015-02-18 10:19:12); from
  :data:`EPOCH_MS_LIMIT` (1e11) up it is epoch milliseconds; in between, epoch seconds.

A time without a zone is taken as UTC. ``date_format`` overrides the guess: ``iso``, ``rfc2822``,
``epoch`` (seconds), ``epoch_ms``, ``serial_days``, or a :func:`~datetime.datetime.strptime`
pattern such as ``%d/%m/%Y %H:%M`` (day-first dates are never guessed).

>>> to_timestamp(42053.43), to_timestamp("1424254429")
(datetime.datetime(2015, 2, 18, 10, 19, 12), datetime.datetime(2015, 2, 18, 10, 13, 49))
>>> to_timestamp("Wed, 18 Feb 2015 10:13:49 +0100")
datetime.datetime(2015, 2, 18, 9, 13, 49)
>>> to_timestamp("18/02/2015", date_format="%d/%m/%Y")
datetime.datetime(2015, 2, 18, 0, 0)
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from grassroots.errors import InvalidInput

__all__ = [
    "DATE_FORMATS",
    "EPOCH_MS_LIMIT",
    "SERIAL_DAY_LIMIT",
    "check_date_format",
    "numeric_reading",
    "to_timestamp",
]

#: Named date formats; anything else containing ``%`` is a strptime pattern.
DATE_FORMATS = ("auto", "iso", "rfc2822", "epoch", "epoch_ms", "serial_days")
SERIAL_DAY_LIMIT = 100_000
EPOCH_MS_LIMIT = 1e11
#: Day 0 of the 1900 date system (its fictitious 1900-02-29 makes day 60 land here, as in Excel).
_SERIAL_EPOCH = datetime(1899, 12, 30)
#: Text layouts tried after ISO 8601: Twitter's ``created_at`` and Shopify's export.
_LAYOUTS = ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z")


def check_date_format(date_format: str) -> str:
    """``date_format`` if it is a named format or a strptime pattern, else :class:`InvalidInput`."""
    if date_format in DATE_FORMATS or "%" in date_format:
        return date_format
    raise InvalidInput(
        f"date_format={date_format!r}: expected one of {', '.join(DATE_FORMATS)} or a pattern like %d/%m/%Y"
    )


def to_timestamp(value: Any, *, date_format: str = "auto") -> datetime | None:
    """A UTC timestamp without zone from ``value``; ``ValueError`` / ``TypeError`` say why not.

    >>> to_timestamp("2024-05-01T12:00:00+02:00"), to_timestamp("Wed Oct 10 20:19:24 +0000 2018")
    (datetime.datetime(2024, 5, 1, 10, 0), datetime.datetime(2018, 10, 10, 20, 19, 24))
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"not a date/time: {_short(value)}")
    elif date_format == "auto":
        moment = _auto(value)
    else:
        moment = _with_format(value, date_format)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def numeric_reading(value: Any) -> str | None:
    """How ``auto`` reads ``value`` when it is a number (for the one warning that says so), else None.

    >>> numeric_reading(42053.43), numeric_reading("1424254429"), numeric_reading("2015-02-18")
    ('spreadsheet serial days', 'epoch seconds', None)
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            datetime.fromisoformat(text)
            return None
        except ValueError:
            number = _as_number(text)
        if number is None:
            return None
        value = number
    if abs(value) < SERIAL_DAY_LIMIT:
        return "spreadsheet serial days"
    return "epoch milliseconds" if abs(value) >= EPOCH_MS_LIMIT else "epoch seconds"


def _auto(value: int | float | str) -> datetime:
    if isinstance(value, str):
        text = value.strip()
        for parse in (datetime.fromisoformat, _layouts, _rfc2822):
            try:
                return parse(text)
            except (ValueError, TypeError, IndexError):
                continue
        number = _as_number(text)
        if number is None:
            raise ValueError(f"not a date/time (ISO 8601 expected): {_short(value)}")
        value = number
    if abs(value) < SERIAL_DAY_LIMIT:
        return _serial_day(value)
    return _epoch(value / 1000 if abs(value) >= EPOCH_MS_LIMIT else value)


def _with_format(value: int | float | str, date_format: str) -> datetime:
    text = str(value).strip()
    try:
        if date_format == "iso":
            return datetime.fromisoformat(text)
        if date_format == "rfc2822":
            return _rfc2822(text)
        if "%" in date_format:
            return datetime.strptime(text, date_format)
    except (ValueError, TypeError, IndexError):
        raise ValueError(f"not a date/time in the form {date_format}: {_short(value)}") from None
    number = value if not isinstance(value, str) else _as_number(text)
    if number is None:
        raise ValueError(f"not a number ({date_format} expected): {_short(value)}")
    if date_format == "serial_days":
        return _serial_day(number)
    return _epoch(number / 1000 if date_format == "epoch_ms" else number)


def _as_number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _serial_day(days: float) -> datetime:
    if not 0 <= days < 2_958_466:  # 9999-12-31
        raise ValueError(f"serial day number out of range: {days!r}")
    return _SERIAL_EPOCH + timedelta(seconds=round(days * 86_400))


def _epoch(seconds: float) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"epoch time out of range: {seconds!r}") from None


def _layouts(text: str) -> datetime:
    for layout in _LAYOUTS:
        try:
            return datetime.strptime(text, layout)
        except ValueError:
            continue
    raise ValueError(text)


def _rfc2822(text: str) -> datetime:
    return parsedate_to_datetime(text)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
