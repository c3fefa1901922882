"""The benchmark's vectorised estimator is exactly ``neyman_lift`` (so the grid measures the real thing)."""

from __future__ import annotations

import numpy as np
import pytest
from bench.campaigns import grid

from grassroots.campaigns import neyman_lift


@pytest.mark.parametrize("strata", [False, True])
def test_grid_estimator_is_neyman_lift(strata: bool) -> None:
    d = grid.Design(1000, 0.1, 1.0, strata, True)
    rng = np.random.default_rng(5)
    cells = grid.cells(d)
    arms = [grid._draw(rng, 1, c, d.sigma)[0] for c in cells]
    est = sum(c.coef * y.mean() for c, y in zip(cells, arms, strict=True))
    var = sum(c.coef**2 * y.var(ddof=1) / c.n for c, y in zip(cells, arms, strict=True))
    values = np.concatenate(arms).tolist()
    labels = [("treatment" if c.coef > 0 else "holdout") for c, y in zip(cells, arms, strict=True) for _ in y]
    stratum = [str(i // 2) for i, y in enumerate(arms) for _ in y]
    r = neyman_lift(values, labels, strata=stratum if strata else None)
    assert r.lift == pytest.approx(est) and r.se == pytest.approx(float(np.sqrt(var)))


def test_truth_is_the_population_difference() -> None:
    d = grid.Design(200, 0.02, 1.5, False, True)
    assert grid.truth(d) == pytest.approx(0.02 * 0.3 * grid.MEAN_REVENUE)
    assert grid.truth(grid.Design(200, 0.02, 1.5, True, False)) == pytest.approx(0.0)


@pytest.mark.parametrize("strata", [False, True])
def test_grid_relative_interval_is_neyman_lifts(strata: bool) -> None:
    d = grid.Design(1000, 0.1, 1.0, strata, True)
    rng = np.random.default_rng(9)
    cells = grid.cells(d)
    arms = [grid._draw(rng, 1, c, d.sigma) for c in cells]
    values = np.concatenate([y[0] for y in arms]).tolist()
    labels = [
        ("treatment" if c.coef > 0 else "holdout") for c, y in zip(cells, arms, strict=True) for _ in y[0]
    ]
    stratum = [str(i // 2) for i, y in enumerate(arms) for _ in y[0]]
    r = neyman_lift(values, labels, strata=stratum if strata else None)
    assert r.relative_ci is not None
    low, high = r.relative_ci
    assert grid._relative_hits(cells, arms, high - 1e-9) == (1.0, 1.0)
    assert grid._relative_hits(cells, arms, high + 1e-9) == (0.0, 1.0)
    assert grid._relative_hits(cells, arms, low + 1e-9) == (1.0, 1.0)
