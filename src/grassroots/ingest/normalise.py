"""Pure normalisation of one raw record (a dict from JSONL, CSV or Parquet) into a lake row.

No I/O here: each function takes values and returns values or raises :class:`FieldProblem`, which
the pipeline turns into ``FILE:LINE: field: problem``. Counts, numbers and booleans are read by
:mod:`grassroots.rules.values`, the table every reader shares. Unknown fields are ignored; missing optional
fields become NULL; strings are trimmed (free text is kept verbatim) and ``''`` means missing.

>>> from grassroots.lake import TABLES
>>> row = normalise_row(TABLES["follows"], {"source": "7", "target": 9}, platform="twitch")
>>> row["src"], row["dst"], row["platform"], row["weight"]
('7', '9', 'twitch', None)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grassroots.errors import InvalidValue
from grassroots.ingest.dates import numeric_reading, to_timestamp
from grassroots.lake import POST_KINDS, TableSpec
from grassroots.rules import parse_bool, parse_count, parse_number

__all__ = ["ALIASES", "FieldProblem", "date_guesses", "normalise_row", "to_timestamp", "unicode_problem"]

#: Other names accepted for a column, per table (first present wins; the canonical name wins over all).
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "follows": {
        "src": ("source", "from", "follower", "id_1", "node_1", "u"),
        "dst": ("target", "to", "followee", "id_2", "node_2", "v"),
    },
    "account_snapshots": {"account_id": ("account", "user_id")},
    "comments": {"post_id": ("parent_post_id",)},
}
_VERBATIM = frozenset({"text", "bio", "name"})


class FieldProblem(ValueError):
    """A field of one record cannot be used: ``field`` names it, the message says why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def date_guesses(spec: TableSpec, raw: Mapping[str, Any], *, date_format: str = "auto") -> dict[str, str]:
    """Date-time columns of ``raw`` holding a number that ``auto`` reads one way of several.

    >>> from grassroots.lake import TABLES
    >>> date_guesses(TABLES["posts"], {"created_at": "42053.43"})
    {'created_at': 'spreadsheet serial days'}
    """
    if date_format != "auto":
        return {}
    aliases = ALIASES.get(spec.name, {})
    out = {}
    for column, sql_type in spec.columns.items():
        reading = numeric_reading(_pick(raw, column, aliases)) if sql_type == "TIMESTAMP" else None
        if reading:
            out[column] = reading
    return out


def _pick(raw: Mapping[str, Any], column: str, aliases: Mapping[str, tuple[str, ...]]) -> Any:
    if column in raw:
        return raw[column]
    for alias in aliases.get(column, ()):
        if alias in raw:
            return raw[alias]
    return None


def normalise_row(
    spec: TableSpec, raw: Mapping[str, Any], *, platform: str | None = None, date_format: str = "auto"
) -> dict[str, Any]:
    """Coerce ``raw`` to ``spec``'s columns; raise :class:`FieldProblem` for the first bad field.

    ``date_format`` says how date-time columns are written (see :mod:`grassroots.ingest.dates`).
    """
    aliases = ALIASES.get(spec.name, {})
    row: dict[str, Any] = {}
    for column, sql_type in spec.columns.items():
        value = _coerce(column, sql_type, _pick(raw, column, aliases), date_format)
        if column == "platform" and value is None:
            value = platform
        if column == "kind":
            value = _kind(value)
        if value is None and column in spec.required:
            hint = "; pass --platform" if column == "platform" else ""
            raise FieldProblem(column, f"missing (required){hint}")
        row[column] = value
    return row


def _kind(value: Any) -> str:
    kind = "post" if value is None else str(value).lower()
    if kind not in POST_KINDS:
        raise FieldProblem("kind", f"expected one of {', '.join(POST_KINDS)}, got {value!r}")
    return kind


def _coerce(column: str, sql_type: str, value: Any, date_format: str = "auto") -> Any:
    if value is None:
        return None
    try:
        if sql_type == "VARCHAR":
            return _string(value, verbatim=column in _VERBATIM)
        if sql_type == "BIGINT":
            return parse_count(value, field=column)
        if sql_type == "DOUBLE":
            return parse_number(value, field=column)
        if sql_type == "BOOLEAN":
            return parse_bool(value, field=column)
        if sql_type == "TIMESTAMP":
            return to_timestamp(value, date_format=date_format)
        if sql_type == "VARCHAR[]":
            return _strings(value)
    except InvalidValue as exc:
        raise FieldProblem(column, exc.problem) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise FieldProblem(column, str(exc)) from None
    raise FieldProblem(column, f"unsupported column type {sql_type}")


def _string(value: Any, *, verbatim: bool) -> str | None:
    if isinstance(value, bool | dict | list):
        raise TypeError(f"expected text, got {type(value).__name__} {_short(value)}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    _check_unicode(text)
    if verbatim:
        return text if text.strip() else None
    return text.strip() or None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif isinstance(value, list | tuple):
        items = [_string(v, verbatim=False) or "" for v in value]
    else:
        raise TypeError(f"expected a list of text, got {_short(value)}")
    for item in items:
        _check_unicode(item)
    return [item for item in items if item]


def unicode_problem(text: str) -> str | None:
    """Why UTF-8 cannot store ``text`` (a lone surrogate from a JSON ``"\\ud800"`` escape), or None.

    >>> unicode_problem("fine"), unicode_problem("a\\ud800")
    (None, 'lone surrogate \\\\ud800 at character 2 (not valid Unicode)')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"lone surrogate \\u{ord(text[exc.start]):04x} at character {exc.start + 1} (not valid Unicode)"
        )
    return None


def _check_unicode(text: str) -> None:
    problem = unicode_problem(text)
    if problem:
        raise ValueError(problem)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
