"""The three-arm design: the network arm's offers come from the network chooser among its own arm, the
followers arm offers the same number by follower count, each within half the budget."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from grassroots.campaigns import Candidate, Design, assign
from grassroots.errors import InvalidInput

POOL = [Candidate(f"p{i:02d}", tier="micro" if i % 2 else "nano", followers=i * 10) for i in range(60)]


def test_three_arms_split_the_budget_and_pick_within_their_own_arm() -> None:
    seen: list[tuple[str, ...]] = []

    def chooser(members: Sequence[str], k: int) -> Sequence[str]:
        seen.append(tuple(members))
        return sorted(members, reverse=True)[:k]  # a stand-in for influence maximisation

    design = Design(arms="three", holdout=0.2, seed=3, strata=("tier",))
    made = assign(POOL, design=design, budget=Decimal(100), gift_value=Decimal(10), network_chooser=chooser)
    arms = {a: [m for m in made if m.arm == a] for a in ("holdout", "network", "followers")}
    assert len(arms["holdout"]) == 12 and len(arms["network"]) + len(arms["followers"]) == 48
    assert abs(len(arms["network"]) - len(arms["followers"])) <= 2
    assert seen == [tuple(sorted(m.person_id for m in arms["network"]))]
    offered = {a: {m.person_id for m in ms if m.selected} for a, ms in arms.items()}
    assert offered["holdout"] == set() and len(offered["network"]) == len(offered["followers"]) == 5
    by_followers = sorted(arms["followers"], key=lambda m: -int(m.person_id[1:]))[:5]
    assert offered["followers"] == {m.person_id for m in by_followers}
    again = assign(
        POOL[::-1], design=design, budget=Decimal(100), gift_value=Decimal(10), network_chooser=chooser
    )
    assert again == made


def test_another_seed_gives_another_assignment_and_tiny_pools_are_refused() -> None:
    first = assign(POOL, design=Design(seed=1))
    assert first != assign(POOL, design=Design(seed=2))
    with pytest.raises(InvalidInput, match="need at least 4"):
        assign(POOL[:3], design=Design())
    with pytest.raises(InvalidInput, match="listed twice"):
        assign([*POOL[:5], POOL[0]], design=Design())
