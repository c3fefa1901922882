"""Word of mouth beyond the treated: the effect on friends of treated vs friends of holdout people.

**Exposure mapping.** A person outside the campaign's eligible pool is exposed through the eligible
people they follow (a follower sees what the followed posts). We estimate on the people who follow
**exactly one** eligible person: their exposure is that one person's arm, a randomised unit, so the
contrast "friends of a treated person" minus "friends of a holdout person" is a clean randomised
comparison. The restriction is fixed before assignment (it depends on the graph, not on the arms), so
it selects nobody by their exposure. **People who are friends of both arms are excluded** (their
exposure mixes both arms), and so are people who follow several eligible people of one arm and people
who follow none; all three are counted in the result so nobody is silently dropped.

**Estimator.** With ``c_i`` single-contact friends of eligible person ``i`` and ``S_i`` their summed
outcome, each arm's mean is the ratio ``sum S_i / sum c_i`` over its eligible people, and the spillover
is the difference of the two ratios. The variance is cluster-robust by linearisation over the
randomised units: ``var(arm) = m/(m-1) * sum (S_i - mean c_i)^2 / (sum c_i)^2`` with ``m`` eligible
people in the arm (friends of one eligible person share their exposure, so they are not independent);
the interval is normal at ``confidence``.

>>> r = spillover_lift(
...     {"t1": "treatment", "t2": "treatment", "h1": "holdout", "h2": "holdout"},
...     [("a", "t1"), ("b", "t2"), ("c", "h1"), ("d", "h2"), ("e", "t1"), ("e", "h1")],
...     {"a": 1.0, "b": 1.0, "c": 0.0, "d": 1.0, "e": 5.0},
... )
>>> r.lift, r.n_exposed, r.n_control, r.excluded_both_arms
(0.5, 2, 2, 1)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any

from grassroots.campaigns.stats import check_confidence
from grassroots.errors import InvalidInput

__all__ = ["SpilloverResult", "spillover_lift"]


@dataclass(frozen=True)
class SpilloverResult:
    """Spillover on single-contact friends: treated-arm friends minus holdout-arm friends."""

    lift: float
    ci: tuple[float, float]
    mean_exposed: float
    mean_control: float
    n_exposed: int
    n_control: int
    excluded_both_arms: int
    excluded_several_same_arm: int
    confidence: float
    se: float

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ci"] = list(self.ci)
        return out


def _contacts(arms: Mapping[str, str], follows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Non-eligible follower -> the eligible people they follow."""
    out: dict[str, set[str]] = defaultdict(set)
    for follower, followed in follows:
        if followed in arms and follower not in arms:
            out[follower].add(followed)
    return out


def _ratio(clusters: list[tuple[float, int]]) -> tuple[float, float, int]:
    """Ratio mean over clusters ``(S_i, c_i)`` and its linearised variance; people counted."""
    people = sum(c for _, c in clusters)
    if people == 0 or len(clusters) < 2:
        raise InvalidInput("follows: each arm needs single-contact friends of at least 2 eligible people")
    mean = sum(s for s, _ in clusters) / people
    m = len(clusters)
    var = m / (m - 1) * sum((s - mean * c) ** 2 for s, c in clusters) / people**2
    return mean, var, people


def spillover_lift(
    arms: Mapping[str, str],
    follows: Iterable[tuple[str, str]],
    outcomes: Mapping[str, float],
    *,
    confidence: float = 0.9,
) -> SpilloverResult:
    """Spillover of a campaign on friends (see the module docstring).

    ``arms``: eligible person -> ``treatment`` / ``holdout``; ``follows``: ``(follower, followed)``
    pairs; ``outcomes``: person -> value (people without one count 0).
    """
    confidence = check_confidence(confidence)
    contacts = _contacts(arms, follows)
    per: dict[str, list[float]] = {i: [0.0, 0.0] for i in arms}
    both = several = 0
    for person, eligible in contacts.items():
        kinds = {arms[e] for e in eligible}
        if len(kinds) > 1:
            both += 1
        elif len(eligible) > 1:
            several += 1
        else:
            cell = per[next(iter(eligible))]
            cell[0] += float(outcomes.get(person, 0.0))
            cell[1] += 1
    by_arm = {
        arm: [(s, int(c)) for i, (s, c) in per.items() if arms[i] == arm] for arm in ("treatment", "holdout")
    }
    mean_t, var_t, n_t = _ratio(by_arm["treatment"])
    mean_h, var_h, n_h = _ratio(by_arm["holdout"])
    se = math.sqrt(var_t + var_h)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    lift = mean_t - mean_h
    return SpilloverResult(
        lift=lift,
        ci=(lift - z * se, lift + z * se),
        mean_exposed=mean_t,
        mean_control=mean_h,
        n_exposed=n_t,
        n_control=n_h,
        excluded_both_arms=both,
        excluded_several_same_arm=several,
        confidence=confidence,
        se=se,
    )
