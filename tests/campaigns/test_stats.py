"""The lift estimator against hand computations and scipy (exact numbers on small inputs)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from grassroots.campaigns import neyman_lift
from grassroots.errors import InvalidInput

T, H = "treatment", "holdout"


def test_two_by_two_by_hand() -> None:
    # treatment 3, 1: mean 2, s^2 = 2, var of mean 1; holdout 2, 2: mean 2, var 0; se = 1
    r = neyman_lift([3.0, 1.0, 2.0, 2.0], [T, T, H, H], confidence=0.9)
    assert (r.lift, r.mean_treatment, r.mean_holdout) == (0.0, 2.0, 2.0)
    assert r.ci == pytest.approx((-1.6448536, 1.6448536))
    assert r.relative_lift == 0.0
    # delta method: se_rel^2 = 1 / 2^2 + 2^2 * 0 / 2^4 = 0.25
    assert r.relative_ci == pytest.approx((-0.5 * 1.6448536, 0.5 * 1.6448536))
    assert (r.n_treatment, r.n_holdout, r.method, r.strata) == (2, 2, "neyman", ())


def test_matches_welch_standard_error_and_scipy_quantile() -> None:
    rng = np.random.default_rng(7)
    t = rng.exponential(3.0, 40) * (rng.random(40) < 0.3)
    h = rng.exponential(2.0, 55) * (rng.random(55) < 0.3)
    r = neyman_lift([*t, *h], [T] * 40 + [H] * 55, confidence=0.95)
    se = math.sqrt(t.var(ddof=1) / 40 + h.var(ddof=1) / 55)
    welch = stats.ttest_ind(t, h, equal_var=False)
    assert se == pytest.approx((t.mean() - h.mean()) / welch.statistic)
    z = stats.norm.ppf(0.975)
    assert r.lift == pytest.approx(t.mean() - h.mean())
    assert r.ci == pytest.approx((r.lift - z * se, r.lift + z * se))
    mt, mh = t.mean(), h.mean()
    se_rel = math.sqrt(t.var(ddof=1) / 40 / mh**2 + mt**2 * h.var(ddof=1) / 55 / mh**4)
    assert r.relative_lift == pytest.approx(mt / mh - 1)
    assert r.relative_ci == pytest.approx((mt / mh - 1 - z * se_rel, mt / mh - 1 + z * se_rel))


def test_post_stratified_by_sample_shares_by_hand() -> None:
    # stratum a: t = 4, 6 (mean 5, var 2 -> 1), h = 1, 3 (mean 2, var 2 -> 1), 4 people
    # stratum b: t = 10, 10, 13 (mean 11, var 3 -> 1), h = 0, 2 (mean 1, var 2 -> 1), 5 people
    # stratum c: 1 treatment, 3 holdout -> dropped; weights 4/9, 5/9
    y = [4, 6, 1, 3, 10, 10, 13, 0, 2, 99, 0, 0, 0]
    arms = [T, T, H, H, T, T, T, H, H, T, H, H, H]
    strata = ["a"] * 4 + ["b"] * 5 + ["c"] * 4
    r = neyman_lift(y, arms, strata=strata, confidence=0.9)
    wa, wb = 4 / 9, 5 / 9
    assert r.method == "neyman-stratified"
    assert r.mean_treatment == pytest.approx(wa * 5 + wb * 11)
    assert r.mean_holdout == pytest.approx(wa * 2 + wb * 1)
    assert r.lift == pytest.approx(wa * 3 + wb * 10)
    se = math.sqrt(wa**2 * 2 + wb**2 * 2)
    assert r.ci == pytest.approx((r.lift - 1.6448536 * se, r.lift + 1.6448536 * se))
    assert (r.n_treatment, r.n_holdout) == (5, 4)
    assert [(s.stratum, s.n_treatment, s.n_holdout, s.dropped) for s in r.strata] == [
        ("a", 2, 2, False),
        ("b", 3, 2, False),
        ("c", 1, 3, True),
    ]
    assert [s.weight for s in r.strata] == pytest.approx([wa, wb, 0.0])
    assert any("'c' dropped" in w for w in r.warnings)


def test_relative_lift_is_none_when_the_holdout_mean_is_zero() -> None:
    r = neyman_lift([1.0, 2.0, 0.0, 0.0], [T, T, H, H])
    assert r.relative_lift is None and r.relative_ci is None
    d = r.to_dict()
    assert d["relative_lift"] is None and d["relative_ci"] is None and d["ci"] == list(r.ci)


def test_constant_outcomes_give_a_zero_width_interval_not_nan() -> None:
    r = neyman_lift([1.0, 1.0, 1.0, 1.0], [T, T, H, H])
    assert r.ci == (0.0, 0.0) and r.relative_ci == (0.0, 0.0)


@pytest.mark.parametrize(
    ("arms", "strata"),
    [([T, H, H, H], None), ([T, T, H, H], ["a", "b", "a", "b"])],
)
def test_each_arm_needs_two_people(arms: list[str], strata: list[str] | None) -> None:
    with pytest.raises(InvalidInput, match="at least 2 people"):
        neyman_lift([1.0] * 4, arms, strata=strata)


@pytest.mark.parametrize("confidence", [0.49, 0.9991, math.nan, 1.0])
def test_confidence_range(confidence: float) -> None:
    with pytest.raises(InvalidInput, match=r"confidence=.*\[0.5, 0.999\]"):
        neyman_lift([1.0, 2.0, 3.0, 4.0], [T, T, H, H], confidence=confidence)


def test_confidence_bounds_are_allowed() -> None:
    for c in (0.5, 0.999):
        assert neyman_lift([1.0, 2.0, 3.0, 5.0], [T, T, H, H], confidence=c).confidence == c


def test_bad_arm_and_lengths_are_refused() -> None:
    with pytest.raises(InvalidInput, match="expected one of treatment, holdout"):
        neyman_lift([1.0, 2.0], [T, "control"])
    with pytest.raises(InvalidInput, match="strata: expected 2 values"):
        neyman_lift([1.0, 2.0], [T, H], strata=["a"])


def test_few_buyers_are_warned() -> None:
    y = [0.0] * 40 + [5.0] * 3 + [0.0] * 40 + [4.0] * 12
    arms = [T] * 43 + [H] * 52
    r = neyman_lift(y, arms)
    assert r.warnings == (
        "treatment has 3 non-zero outcome(s) (< 10): the normal interval may cover less than stated",
    )


def test_cuped_matches_the_regression_adjusted_difference() -> None:
    rng = np.random.default_rng(3)
    x = rng.gamma(2.0, 10.0, 400)
    treated = rng.random(400) < 0.5
    y = 0.8 * x + rng.normal(0, 5, 400) + 3.0 * treated
    arms = [T if t else H for t in treated]
    plain = neyman_lift(list(y), arms)
    r = neyman_lift(list(y), arms, covariate=list(x))
    theta = np.cov(y, x)[0, 1] / x.var(ddof=1)
    adj = y - theta * (x - x.mean())
    lift = adj[treated].mean() - adj[~treated].mean()
    se = math.sqrt(adj[treated].var(ddof=1) / treated.sum() + adj[~treated].var(ddof=1) / (~treated).sum())
    assert r.method == "neyman-cuped" and r.lift == pytest.approx(lift)
    assert r.ci == pytest.approx((lift - 1.6448536 * se, lift + 1.6448536 * se))
    assert r.se < plain.se / 2  # corr(x, y) is high: the interval narrows
