"""One reading of real-world numbers and booleans, shared by every reader (ingest, trust, Shopify).

Files written by spreadsheets, pandas, shop admins and platform APIs spell the same value in many
ways: pandas writes a boolean column with gaps as ``1.0`` / blank and a count column as ``18.0``;
spreadsheets write ``1,234``; JSON writes ``1e3``. Every reader calls these functions, so a value is
read the same way whichever command reads it. They see a value, not its file: a value that cannot
be read raises :class:`~grassroots.errors.InvalidValue` naming the field, and the reader adds
``FILE:LINE``. Surrounding spaces are ignored everywhere; ``docs/formats.md`` has the same table.

=======  ================================================  ================================================
kind     read                                              refused (``InvalidValue``)
=======  ================================================  ================================================
boolean  ``true false t f yes no y n 1 0 1.0 0.0`` in      anything else: ``2``, ``maybe``, ``-1``
         any case, JSON booleans, the numbers 1 and 0;
         blank or absent is unknown (``None``)
consent  the boolean table; blank or absent is **no**      anything else (consent is never guessed)
         consent (``False``)
count    ``12``, ``18.0``, ``1,234``, ``1e3``, JSON        fractions ``2.5``, negatives, ``NaN``, ``inf``,
         numbers; blank is unknown                         ``2**63`` or more (``1e30``), ``1_000``, ``0x10``
number   any finite number (``-0.5``, ``1,234.5``,         ``NaN``, ``inf``, ``1e400``, text
         ``1e-3``); blank is unknown
amount   money as an exact ``Decimal`` (``12.50``,         ``NaN``, ``inf``, text, currency signs
         ``1,234.50``, ``-3.00``); blank is unknown
=======  ================================================  ================================================

Thousands separators are commas between groups of three digits (``1,234,567``); ``1,23`` is refused,
as it may be a decimal comma.

>>> parse_bool("1.0", field="verified"), parse_bool(" No ", field="verified"), parse_bool("", field="v")
(True, False, None)
>>> parse_consent("", field="Accepts Email Marketing")
False
>>> parse_count("18.0", field="followers"), parse_count("1,234", field="followers")
(18, 1234)
>>> parse_count("1e3", field="posts"), parse_count(" ", field="posts")
(1000, None)
>>> parse_count("1e30", field="posts")
Traceback (most recent call last):
...
grassroots.errors.InvalidValue: posts: too large: '1e30' (counts must be below 2**63)
>>> parse_amount("1,234.50", field="Total Spent"), parse_number("-0.5", field="weight")
(Decimal('1234.50'), -0.5)
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from grassroots.errors import InvalidInput, InvalidValue

__all__ = [
    "COUNT_LIMIT",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "parse_amount",
    "parse_bool",
    "parse_consent",
    "parse_count",
    "parse_number",
    "require_at_least",
]

#: Spellings read as true / false (compared trimmed and lower-cased).
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "1.0"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "0.0"})
#: Counts are stored as signed 64-bit integers: they must be below this.
COUNT_LIMIT = 2**63

#: Sign, integer part (plain digits or comma-grouped thousands), fraction, exponent; ASCII digits only.
_NUMBER = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(\.[0-9]*)?([eE][+-]?[0-9]+)?", re.ASCII)
_BOOL_HINT = "expected true/false, yes/no or 1/0 (blank = unknown)"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value: str, *, field: str, expected: str) -> Decimal:
    """The exact value of number text in the table's syntax; anything else raises ``InvalidValue``."""
    text = value.strip()
    match = _NUMBER.fullmatch(text)
    if match is None or not any(ch.isdigit() for ch in (match.group(2) or "") + (match.group(3) or "")):
        word = text.lower().lstrip("+-")
        problem = {"nan": "not a number", "inf": "not a finite number", "infinity": "not a finite number"}
        raise InvalidValue(field, f"{problem.get(word, expected)}, got {_short(value)}")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # an exponent beyond what Decimal can hold
        raise InvalidValue(field, f"out of range, got {_short(value)}") from None


def _limit_text(limit: int | Decimal) -> str:
    power = int(limit).bit_length() - 1
    return f"2**{power}" if limit == 2**power else f"{limit:,}"


def parse_bool(value: Any, *, field: str) -> bool | None:
    """A boolean from the table's spellings; blank or absent is unknown (``None``).

    >>> [parse_bool(v, field="x") for v in ("TRUE", "f", "Yes", 0, 1.0, None, True)]
    [True, False, True, False, True, None, True]
    >>> parse_bool("maybe", field="private")
    Traceback (most recent call last):
    ...
    grassroots.errors.InvalidValue: private: expected true/false, yes/no or 1/0 (blank = unknown), got 'maybe'
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
    raise InvalidValue(field, f"{_BOOL_HINT}, got {_short(value)}")


def parse_consent(value: Any, *, field: str) -> bool:
    """Consent read strictly: the boolean table, and blank or absent means **no** consent.

    >>> parse_consent("yes", field="c"), parse_consent("1.0", field="c"), parse_consent(None, field="c")
    (True, True, False)
    """
    return parse_bool(value, field=field) is True


def parse_count(value: Any, *, field: str, limit: int = COUNT_LIMIT) -> int | None:
    """A whole number ``>= 0`` and below ``limit`` (``2**63``); blank or absent is unknown (``None``).

    A store column narrower than the lake's (a 32-bit ``INTEGER``) passes its own ``limit``.

    >>> [parse_count(v, field="n") for v in ("7", " 1,234 ", "12.000", "1.5e1", 3.0, 42, "")]
    [7, 1234, 12, 15, 3, 42, None]
    >>> parse_count("-3", field="likes")
    Traceback (most recent call last):
    ...
    grassroots.errors.InvalidValue: likes: must be >= 0, got '-3'
    """
    if _blank(value):
        return None
    expected = "expected a whole number"
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidValue(field, f"{expected}, got {type(value).__name__} {_short(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(field, f"not a number, got {value!r}")
    number = _decimal(value, field=field, expected=expected) if isinstance(value, str) else Decimal(value)
    if not number.is_finite() or number != number.to_integral_value():
        raise InvalidValue(field, f"{expected}, got {_short(value)}")
    if number < 0:
        raise InvalidValue(field, f"must be >= 0, got {_short(value)}")
    if number >= limit:
        raise InvalidValue(field, f"too large: {_short(value)} (counts must be below {_limit_text(limit)})")
    return int(number)


def parse_number(value: Any, *, field: str) -> float | None:
    """Any finite number (weights, scores); blank or absent is unknown (``None``).

    >>> parse_number("1,234.5", field="w"), parse_number(2, field="w"), parse_number("", field="w")
    (1234.5, 2.0, None)
    """
    if _blank(value):
        return None
    expected = "expected a number"
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidValue(field, f"{expected}, got {type(value).__name__} {_short(value)}")
    exact = _decimal(value, field=field, expected=expected) if isinstance(value, str) else None
    try:
        number = float(exact if exact is not None else value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        problem = "not a number" if math.isnan(number) else "too large"
        raise InvalidValue(field, f"{problem}, got {_short(value)}")
    return number


def parse_amount(
    value: Any, *, field: str, places: int | None = None, limit: Decimal | None = None
) -> Decimal | None:
    """A money amount, exact (``Decimal``); decimals and thousands separators allowed; blank is ``None``.

    ``places`` (decimal places) and ``limit`` (largest magnitude, exclusive) are the store column's
    size, so nothing is rounded or overflows silently when the amount is written.

    >>> parse_amount("12.50", field="Total"), parse_amount(" ", field="Total")
    (Decimal('12.50'), None)
    >>> parse_amount("12.345", field="Total", places=2)
    Traceback (most recent call last):
    ...
    grassroots.errors.InvalidValue: Total: more than 2 decimal places, got '12.345'

    >>> parse_amount("NaN", field="Total Spent")
    Traceback (most recent call last):
    ...
    grassroots.errors.InvalidValue: Total Spent: not a number, got 'NaN'
    """
    if _blank(value):
        return None
    expected = "expected an amount such as 12.50"
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidValue(field, f"{expected}, got {type(value).__name__} {_short(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(field, f"not a number, got {value!r}")
    text = value if isinstance(value, str) else str(value)
    amount = _decimal(text, field=field, expected=expected)
    if limit is not None and abs(amount) >= limit:
        raise InvalidValue(field, f"too large: {_short(value)} (amounts must be below {_limit_text(limit)})")
    exponent = amount.as_tuple().exponent
    if (
        places is not None
        and isinstance(exponent, int)
        and -exponent > places
        and amount != round(amount, places)
    ):
        raise InvalidValue(field, f"more than {places} decimal places, got {_short(value)}")
    return amount


def require_at_least(value: int, minimum: int, *, name: str) -> int:
    """``value`` if it is a whole number ``>= minimum``, for count options (threads, runs, limits).

    >>> require_at_least(2, 1, name="threads")
    2
    >>> require_at_least(0, 1, name="threads")
    Traceback (most recent call last):
    ...
    grassroots.errors.InvalidInput: threads=0: expected a whole number >= 1
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"{name}={value!r}: expected a whole number >= {minimum}")
    return value
