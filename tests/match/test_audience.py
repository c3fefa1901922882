"""Overlap and roster maths: exact Jaccard, MinHash against it, greedy max coverage; the taxonomy ids."""

from __future__ import annotations

import numpy as np

from grassroots.demo_world.taxonomy import INTEREST_IDS
from grassroots.match import INTEREST_TEXT, country_of, greedy_cover, jaccard, minhash_jaccard


def test_minhash_estimates_jaccard_within_its_error() -> None:
    for lo, hi in ((0, 30_000), (25_000, 55_000)):
        a = frozenset(f"u{i}" for i in range(0, 30_000))
        b = frozenset(f"u{i}" for i in range(lo, hi))
        exact = jaccard(a, b)
        estimates = [minhash_jaccard(a, b, seed=s) for s in range(4)]
        assert abs(float(np.mean(estimates)) - exact) < 0.04, (exact, estimates)
    assert minhash_jaccard(frozenset({"x"}), frozenset({"y"})) < 0.05
    assert minhash_jaccard(frozenset({"x", "y"}), frozenset({"y", "x"})) == 1.0


def test_greedy_cover_beats_picking_the_biggest() -> None:
    sets = {"big1": set(range(100)), "big2": set(range(95)), "side": set(range(100, 160))}
    assert greedy_cover(sets, k=2) == ["big1", "side"]
    costs = {"big1": 10.0, "big2": 1.0, "side": 1.0}
    assert greedy_cover(sets, k=3, costs=costs, budget=2.0) == ["big2", "side"]
    # the best single affordable person wins when the gain-per-cost greedy reaches fewer
    lone = {"a": set(range(10)), "b": set(range(1000))}
    assert greedy_cover(lone, k=2, costs={"a": 1.0, "b": 10.0}, budget=10.0) == ["b"]
    assert greedy_cover({"a": set()}, k=1) == []


def test_the_match_taxonomy_has_every_demo_interest_and_countries() -> None:
    assert list(INTEREST_TEXT) == list(INTEREST_IDS)
    assert country_of("New York") == "US" and country_of("us") == "US" and country_of(None) is None
