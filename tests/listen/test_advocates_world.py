"""Advocate ranking against the planted advocates of small generated demo worlds (default and hard)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.advocates.baselines import baselines
from bench.advocates.world import load_world

from grassroots.demo_world import generate_world, load_truth
from grassroots.listen import load_brand, rank_advocates
from grassroots.listen.advocates import vader_sentiment


@pytest.mark.parametrize("hard", [False, True])
def test_precision_beats_both_baselines(tmp_path: Path, hard: bool) -> None:
    world = generate_world(tmp_path, seed=5, people=4_000, hard=hard)
    planted = {p.account_id for p in load_truth(world.path("truth")).people if p.is_advocate}
    posts, accounts, comments = load_world(world.directory)
    brand, sentiment = load_brand(world.path("brand")), vader_sentiment()
    ours = [
        a.account_id
        for a in rank_advocates(posts, accounts, brand=brand, sentiment=sentiment, comments=comments)
    ]
    most_positive, most_followers = baselines(posts, accounts, brand, sentiment)
    k = len(planted) // 2

    def precision(ranked: list[str]) -> float:
        return sum(a in planted for a in ranked[:k]) / k

    # the hard world (round 2) mixes advocates' praise with complaints and hides it in faint words,
    # next to covert paid posts and fake spam: both rankers fall to about half there (old 0.55, new
    # 0.50 with VADER on this seed), still 0.25 above either baseline
    assert precision(ours) >= (0.45 if hard else 0.85)
    assert precision(ours) >= max(precision(most_positive), precision(most_followers)) + 0.2
