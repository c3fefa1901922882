"""Referral chains on hand-built graphs: hops, cycles, two parents, windows, the report's shape."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from grassroots.campaigns import Exposure, Outcome, Referral, build_cascades, check_window, referral_summary
from grassroots.errors import InvalidInput

T = datetime(2026, 6, 1, 12)


def day(n: float) -> datetime:
    return T + timedelta(days=n)


def edges(found: list[Referral]) -> set[tuple[str, str, int]]:
    return {(r.person_id, r.referrer_id, r.hops) for r in found}


def test_a_chain_of_three_hops_with_credit_per_person() -> None:
    exposures = [
        Exposure("root", "a", day(0), "code"),
        Exposure("a", "b", day(1), "reply"),
        Exposure("b", "c", day(2), "follow"),
    ]
    outcomes = [
        Outcome("a", day(0), "order", 30.0),
        Outcome("b", day(1), "mention"),
        Outcome("b", day(3), "order", 12.5),
        Outcome("c", day(4), "order", 10.0),
        Outcome("c", day(40), "order", 99.0),  # outside the 14-day window: not credited
    ]
    found = build_cascades(["root"], exposures, outcomes)
    assert edges(found) == {("a", "root", 1), ("b", "a", 2), ("c", "b", 3)}
    assert {r.root_id for r in found} == {"root"}
    c = next(r for r in found if r.person_id == "c")
    assert (c.orders, c.revenue, c.mentions, c.kind) == (1, 10.0, 0, "follow")
    summary = referral_summary(found)
    assert summary["chains"] == 1 and summary["max_hops"] == 3
    assert summary["by_hops"] == [
        {"hops": 1, "people": 1, "orders": 1, "revenue": 30.0, "mentions": 0},
        {"hops": 2, "people": 1, "orders": 1, "revenue": 12.5, "mentions": 1},
        {"hops": 3, "people": 1, "orders": 1, "revenue": 10.0, "mentions": 0},
    ]
    # the root is credited with everyone below them; a brought b and c
    assert summary["top_referrers"][0] == {"person_id": "root", "referred": 3, "orders": 3, "revenue": 52.5}
    assert summary["top_referrers"][1] == {"person_id": "a", "referred": 2, "orders": 2, "revenue": 22.5}


def test_a_cycle_is_cut_where_the_earlier_exposure_placed_people() -> None:
    # a and b follow each other and both posted: a -> b and b -> a; root reached a first
    exposures = [
        Exposure("root", "a", day(0), "follow"),
        Exposure("a", "b", day(1), "follow"),
        Exposure("b", "a", day(2), "follow"),
        Exposure("b", "b", day(2), "follow"),  # a self-loop is ignored
    ]
    outcomes = [
        Outcome("a", day(1), "mention"),
        Outcome("a", day(2.5), "order", 5.0),
        Outcome("b", day(2), "mention"),
    ]
    found = build_cascades(["root"], exposures, outcomes)
    assert edges(found) == {("a", "root", 1), ("b", "a", 2)}
    # a loop among people no root reaches places nobody
    assert build_cascades(["root"], exposures[1:3], outcomes) == []


def test_a_person_referred_by_two_participants_goes_to_the_earliest_exposure() -> None:
    outcomes = [Outcome("x", day(3), "order", 20.0)]
    two = [Exposure("p2", "x", day(2), "follow"), Exposure("p1", "x", day(1), "follow")]
    assert edges(build_cascades(["p1", "p2"], two, outcomes)) == {("x", "p1", 1)}
    # direct evidence beats a follow, however early the follow
    direct = [*two, Exposure("p2", "x", day(2.5), "reply")]
    (r,) = build_cascades(["p1", "p2"], direct, outcomes)
    assert (r.referrer_id, r.kind) == ("p2", "reply")
    # ... unless asked not to (the benchmark's ablation)
    assert edges(build_cascades(["p1", "p2"], direct, outcomes, direct_first=False)) == {("x", "p1", 1)}
    # a tie in time goes to the stronger kind, then the smaller parent id
    tied = [Exposure("p2", "x", day(1), "code"), Exposure("p1", "x", day(1), "reply")]
    assert edges(build_cascades(["p1", "p2"], tied, outcomes)) == {("x", "p2", 1)}
    same = [Exposure("p2", "x", day(1), "follow"), Exposure("p1", "x", day(1), "follow")]
    assert edges(build_cascades(["p1", "p2"], same, outcomes)) == {("x", "p1", 1)}


def test_no_outcome_in_the_window_the_pool_and_spreading_before_being_reached_refer_nobody() -> None:
    exposures = [
        Exposure("root", "late", day(0), "follow"),
        Exposure("root", "early", day(5), "follow"),
        Exposure("root", "holdout", day(0), "code"),
        Exposure("root", "a", day(5), "follow"),
        Exposure("a", "b", day(1), "reply"),  # b replied to a before root reached a
    ]
    outcomes = [
        Outcome("late", day(20), "order", 1.0),
        Outcome("early", day(4), "order", 1.0),
        Outcome("holdout", day(0), "order", 1.0),
        Outcome("a", day(6), "mention"),
        Outcome("b", day(1), "mention"),
    ]
    found = build_cascades(["root"], exposures, outcomes, window=check_window(14), pool=["root", "holdout"])
    assert edges(found) == {("a", "root", 1)}
    assert build_cascades(["root"], exposures[:1], outcomes, window=check_window(30))[0].person_id == "late"


def test_summary_is_null_free_and_errors_name_the_parameter() -> None:
    assert referral_summary([]) == {"chains": 0, "max_hops": 0, "by_hops": [], "top_referrers": []}
    for bad in (0, 91, True, 1.5):
        with pytest.raises(
            InvalidInput, match=r"window_days=.*: expected a whole number of days from 1 to 90"
        ):
            check_window(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="kind='like': expected one of code, reply"):
        build_cascades(["r"], [Exposure("r", "x", T, "like")], [])  # type: ignore[arg-type]
