"""The one value table (``grassroots.rules.values``) and its documented form in docs/formats.md agree."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from grassroots.errors import InvalidInput, InvalidValue
from grassroots.rules import (
    parse_amount,
    parse_bool,
    parse_consent,
    parse_count,
    parse_number,
    require_at_least,
)

DOC = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")


def _amount(value: Any, *, field: str) -> Decimal | None:
    return parse_amount(value, field=field, places=2)


READERS = {
    "boolean": parse_bool,
    "consent": parse_consent,
    "count": parse_count,
    "number": parse_number,
    "amount": _amount,
}
_JSON = {"true": True, "false": False, "null": None}


def _examples(cell: str) -> list[Any]:
    """The values a 'written as' cell lists: `x` spans, JSON `x` as JSON, 'blank'/'absent' as ''/None."""
    found: list[Any] = []
    for json_word, text in re.findall(r"(JSON )?`([^`]*)`", cell):
        if json_word:
            found.append(_JSON[text] if text in _JSON else float(text) if "." in text else int(text))
        else:
            found.append(text)
    if cell.startswith("blank"):
        found += ["", "   ", None]
    return found


def _doc_rows() -> list[tuple[str, str, str]]:
    section = DOC.split("## Values: numbers, booleans, consent", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| (.+?) \| (.+?) \|$", section, flags=re.MULTILINE)
    return [row for row in rows if row[0] in READERS]


def _expected(kind: str, result: str, example: Any) -> Any:
    if result.startswith("error"):
        return InvalidValue
    if result == "unknown":
        return None
    if result.startswith("false"):
        return False
    if result == "true":
        return True
    if kind == "count":
        return int(result.split()[0])
    return parse_number(example, field="x") if kind == "number" else Decimal(str(example).replace(",", ""))


def test_the_documented_table_has_every_kind() -> None:
    assert {kind for kind, _, _ in _doc_rows()} == set(READERS)
    assert len(_doc_rows()) >= 15


@pytest.mark.parametrize(("kind", "written", "result"), _doc_rows())
def test_every_documented_form_reads_as_documented(kind: str, written: str, result: str) -> None:
    examples = _examples(written)
    assert examples, written
    for example in examples:
        expected = _expected(kind, result, example)
        if expected is InvalidValue:
            with pytest.raises(InvalidValue, match=r"^field_x: "):
                READERS[kind](example, field="field_x")
        else:
            assert READERS[kind](example, field="field_x") == expected, (kind, example)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2.5", "followers: expected a whole number, got '2.5'"),
        ("-3", "followers: must be >= 0, got '-3'"),
        ("NaN", "followers: not a number, got 'NaN'"),
        ("1e30", "followers: too large: '1e30' (counts must be below 2**63)"),
        (1e30, "followers: too large: 1e+30 (counts must be below 2**63)"),
        ("99999999999999999999", "followers: too large: '99999999999999999999' (counts must be below 2**63)"),
        (2**63, "followers: too large: 9223372036854775808 (counts must be below 2**63)"),
        (True, "followers: expected a whole number, got bool True"),
        ("1e99999999999999999999999", "followers: out of range, got '1e99999999999999999999999'"),
    ],
)
def test_refused_counts_name_the_field_and_the_value(value: object, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_count(value, field="followers")
    assert str(caught.value) == message


def test_largest_count_and_narrower_store_columns() -> None:
    assert parse_count("9223372036854775807", field="n") == 2**63 - 1
    assert parse_count("9,007,199,254,740,993", field="n") == 9_007_199_254_740_993  # exact, not via float
    with pytest.raises(InvalidValue, match="below 2\\*\\*31"):
        parse_count("2147483648", field="Total Orders", limit=2**31)
    with pytest.raises(InvalidValue, match="below 1,000,000,000,000"):
        parse_amount("1e12", field="Total", limit=Decimal(10**12))


def test_consent_is_never_guessed() -> None:
    assert [parse_consent(v, field="c") for v in ("1.0", "0.0", "", None, "YES", "no")] == [
        True, False, False, False, True, False,
    ]  # fmt: skip
    with pytest.raises(InvalidValue, match=r"^Accepts Email Marketing: expected true/false"):
        parse_consent("opted in", field="Accepts Email Marketing")


@pytest.mark.parametrize("value", [0, -3, True])
def test_count_options_refuse_zero_and_negatives_naming_the_parameter(value: int) -> None:
    with pytest.raises(InvalidInput, match=f"^threads={value!r}: expected a whole number >= 1$"):
        require_at_least(value, 1, name="threads")
