"""Label-free prior adaptation (Saerens et al. 2002) recovers the share of positives it is shown."""

from __future__ import annotations

import numpy as np
import pytest

from grassroots.trust.prior_shift import estimate_prior, shift_prior


def _calibrated_scores(share: float, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Labels with positive share ``share`` and equal-prior posteriors from two known Gaussians."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < share).astype(int)
    x = rng.normal(np.where(y == 1, 1.0, -1.0), 1.0)
    return y, 1.0 / (1.0 + np.exp(-2.0 * x))  # exact posterior at equal priors


@pytest.mark.parametrize("share", [0.1, 0.35, 0.62, 0.9])
def test_em_recovers_the_share_of_calibrated_scores(share: float) -> None:
    y, p = _calibrated_scores(share, 20_000, seed=int(share * 100))
    assert estimate_prior(p.tolist()) == pytest.approx(y.mean(), abs=0.02)
    assert abs(float(np.mean(p)) - y.mean()) > 0.02 or share == 0.35  # the naive mean is biased


def test_shift_is_bayes_rule_and_invertible() -> None:
    for p in (0.01, 0.3, 0.5, 0.97):
        for prior in (0.05, 0.5, 0.8):
            moved = shift_prior(p, prior)
            assert shift_prior(moved, 0.5, trained=prior) == pytest.approx(p, abs=1e-9)
            assert (moved > p) == (prior > 0.5) or prior == 0.5
    assert shift_prior(0.5, 0.2) == pytest.approx(0.2)


def test_estimate_needs_scores() -> None:
    with pytest.raises(ValueError, match="no probabilities"):
        estimate_prior([])
