"""The brief's checks point at the file, line and field; unlawful asks are refused, unfair ones warned."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from grassroots.campaigns import check_ask, load_brief, parse_brief
from grassroots.errors import InvalidInput, InvalidRecord
from tests.campaigns.conftest import BRIEF


def test_a_good_brief_reads_with_its_audience_passed_through(brief_file: Path) -> None:
    brief = load_brief(brief_file)
    assert brief.slug == "spring-sampling"
    assert brief.products[0].variants == ("30ml", "50ml")
    assert brief.design.strata == ("tier", "customer")
    assert brief.audience == {"platforms": ["instagram"]}
    assert brief.gift_value == Decimal("12.50")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("    unit_cost: 12.50", "    unit_cost: cheap", 8, "products[0].unit_cost"),
        ("ends: 2026-04-30", "ends: 2026-02-01", 12, "ends"),
        ("  type: percentage", "  type: bogof", 20, "offer.type"),
        ("  holdout: 0.5", "  holdout: 2", 26, "design.holdout"),
        ("goal: trial of the new serum", "gaol: trial", 3, "gaol"),
        ("  strata: [tier, customer]", "  strata: [age]", 28, "design.strata"),
    ],
)
def test_bad_fields_name_file_line_and_field(old: str, new: str, line: int, field: str) -> None:
    assert old in BRIEF
    with pytest.raises(InvalidRecord) as caught:
        parse_brief(BRIEF.replace(old, new), source="b.yaml")
    assert str(caught.value).startswith(f"b.yaml:{line}: {field}: ")


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(InvalidRecord, match=r"^b\.yaml:2: not valid YAML"):
        parse_brief("name: x\n  - : [\n", source="b.yaml")


@pytest.mark.parametrize(
    "text",
    ["Leave a 5-star review", "Only positive posts please", "You must love it", "Post a positive review"],
)
def test_asks_requiring_a_positive_opinion_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="positive opinion"):
        check_ask(text, platforms=(), minutes=5, gift=Decimal(10), rate=Decimal(20))


def test_incentivised_marketplace_reviews_are_refused_but_honest_posts_pass() -> None:
    with pytest.raises(InvalidInput, match="amazon"):
        check_ask("Write a review on Amazon", platforms=(), minutes=5, gift=Decimal(10), rate=Decimal(20))
    with pytest.raises(InvalidInput, match="amazon"):
        check_ask(
            "Share your experience", platforms=("amazon",), minutes=5, gift=Decimal(10), rate=Decimal(20)
        )
    assert (
        check_ask(
            "Post your honest opinion",
            platforms=("instagram",),
            minutes=5,
            gift=Decimal(10),
            rate=Decimal(20),
        )
        == []
    )


def test_an_ask_worth_more_than_the_gift_is_warned() -> None:
    warned = check_ask("Post a video", platforms=(), minutes=90, gift=Decimal(10), rate=Decimal(20))
    assert len(warned) == 1 and "outweighs the gift" in warned[0]
