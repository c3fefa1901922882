"""The fixed grid of issue 13: coverage and width of the lift interval on zero-inflated log-normal revenue.

Each cell draws ``reps`` randomised experiments of ``n`` people: a person buys with the purchase rate
(times 1.3 in the treatment arm for the positive effect, times the stratum's multiplier), a buyer spends
a log-normal amount with mean 50 and log-sd ``sigma``. The estimate is exactly ``neyman_lift``'s (the
unit test ``test_grid_estimator_is_neyman_lift`` checks it on one draw), vectorised over replications.

The peer in the same run is a plain percentile bootstrap (resampling people within each arm of each
stratum, weights fixed) on the first ``boot_reps`` replications with ``boot_b`` resamples each. The
resampled sum of an arm is drawn exactly but cheaply: the number of draws that land on a buyer is
``Binomial(n, m/n)`` and those draws pick buyers uniformly; zeros add nothing.

Defensible (the rule of ``docs/campaigns.md``): an arm's mean is a count of buyers times their average
spend, and the count is near normal only when each arm expects at least 10 buyers (the binomial rule
``n p >= 10``, summed over strata). The column "Edgeworth" is the two-sided coverage that Hall's
expansion (1992, eq. 2.55) predicts from the population cumulants: shown, not used, because for
log-normal spend its skewness term is dominated by a far tail that samples of this size never reach.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

MEAN_REVENUE = 50.0
EFFECT = 1.3  # purchase-rate ratio of the positive effect
#: The 4 unequal strata: population shares, treatment shares, purchase-rate multipliers (mean 1).
STRATA = ((0.1, 0.3, 2.0), (0.2, 0.5, 1.5), (0.3, 0.7, 1.0), (0.4, 0.5, 0.5))
CONFIDENCE = 0.9
Z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)


@dataclass(frozen=True)
class Cell:
    """One arm of one stratum: its size, purchase rate and weight in the estimate (+w or -w)."""

    n: int
    rate: float
    coef: float


@dataclass(frozen=True)
class Design:
    """One grid cell's parameters."""

    n: int
    rate: float
    sigma: float
    strata: bool
    effect: bool

    @property
    def key(self) -> str:
        return (
            f"n{self.n}-p{self.rate}-s{self.sigma}-{'strata' if self.strata else 'plain'}-e{int(self.effect)}"
        )


def designs() -> list[Design]:
    """The 48 cells in table order."""
    return [
        Design(n, p, s, st, e)
        for n in (200, 1000, 5000)
        for p in (0.02, 0.10)
        for s in (1.0, 1.5)
        for st in (False, True)
        for e in (False, True)
    ]


def cells(d: Design) -> list[Cell]:
    """Arms of strata (treatment first) with post-stratification weights by sample shares."""
    lift = EFFECT if d.effect else 1.0
    if not d.strata:
        nt = d.n // 2
        return [Cell(nt, d.rate * lift, 1.0), Cell(d.n - nt, d.rate, -1.0)]
    out: list[Cell] = []
    sizes = [round(d.n * share) for share, _, _ in STRATA]
    for size, (_, tshare, mult) in zip(sizes, STRATA, strict=True):
        nt = round(size * tshare)
        w = size / sum(sizes)
        out += [Cell(nt, d.rate * mult * lift, w), Cell(size - nt, d.rate * mult, -w)]
    return out


def _moments(rate: float, sigma: float) -> tuple[float, float, float, float]:
    """Mean and 2nd, 3rd, 4th central moments of one person's revenue (zero-inflated log-normal)."""
    mu = math.log(MEAN_REVENUE) - sigma**2 / 2
    raw = [rate * math.exp(k * mu + k * k * sigma**2 / 2) for k in range(5)]
    m = raw[1]
    c2 = raw[2] - m * m
    c3 = raw[3] - 3 * m * raw[2] + 2 * m**3
    c4 = raw[4] - 4 * m * raw[3] + 6 * m * m * raw[2] - 3 * m**4
    return m, c2, c3, c4


def truth(d: Design) -> float:
    """The true post-stratified lift (the estimand)."""
    return sum(c.coef * _moments(c.rate, d.sigma)[0] for c in cells(d))


def predicted_coverage(d: Design) -> float:
    """Edgeworth (Hall 1992, eq. 2.55) two-sided coverage of the normal interval from population cumulants."""
    k2 = k3 = k4 = 0.0
    for c in cells(d):
        _, c2, c3, c4 = _moments(c.rate, d.sigma)
        k2 += c.coef**2 * c2 / c.n
        k3 += c.coef**3 * c3 / c.n**2
        k4 += c.coef**4 * (c4 - 3 * c2 * c2) / c.n**3
    gamma2, kurt = k3 * k3 / k2**3, k4 / k2**2
    p2 = Z * (kurt * (Z * Z - 3) / 12 - gamma2 * (Z**4 + 2 * Z * Z - 3) / 18)
    return CONFIDENCE + 2 * NormalDist().pdf(Z) * p2


def expected_buyers(d: Design) -> float:
    """Expected buyers of the smaller arm (summed over its strata)."""
    cs = cells(d)
    return min(sum(c.n * c.rate for c in cs if c.coef > 0), sum(c.n * c.rate for c in cs if c.coef < 0))


def min_stratum_buyers(d: Design) -> float:
    """Expected buyers of the smallest arm of a stratum."""
    return min(c.n * c.rate for c in cells(d))


def defensible(d: Design) -> bool:
    return round(expected_buyers(d), 9) >= 10


def _draw(rng: np.random.Generator, reps: int, cell: Cell, sigma: float) -> np.ndarray:
    mu = math.log(MEAN_REVENUE) - sigma**2 / 2
    buy = rng.random((reps, cell.n)) < cell.rate
    out: np.ndarray = np.where(buy, np.exp(mu + sigma * rng.standard_normal((reps, cell.n))), 0.0)
    return out


def _bootstrap(rng: np.random.Generator, arms: list[np.ndarray], cs: list[Cell], b: int) -> np.ndarray:
    """``b`` percentile-bootstrap replicates of the estimate from one replication's arms."""
    est = np.zeros(b)
    for y, c in zip(arms, cs, strict=True):
        buyers = y[y != 0]
        if buyers.size == 0:
            continue
        k = rng.binomial(c.n, buyers.size / c.n, size=b)
        picks = buyers[rng.integers(0, buyers.size, size=(b, int(k.max()) or 1))]
        picks[np.arange(picks.shape[1])[None, :] >= k[:, None]] = 0.0
        est += c.coef * picks.sum(axis=1) / c.n
    return est


def _relative_hits(cs: list[Cell], arms: list[np.ndarray], true_rel: float) -> tuple[float, float]:
    """Delta-method relative intervals (as ``neyman_lift``) covering ``true_rel``; runs where defined."""
    mt = sum(c.coef * y.mean(axis=1) for c, y in zip(cs, arms, strict=True) if c.coef > 0)
    mh = -sum(c.coef * y.mean(axis=1) for c, y in zip(cs, arms, strict=True) if c.coef < 0)
    vt = sum(c.coef**2 * y.var(axis=1, ddof=1) / c.n for c, y in zip(cs, arms, strict=True) if c.coef > 0)
    vh = sum(c.coef**2 * y.var(axis=1, ddof=1) / c.n for c, y in zip(cs, arms, strict=True) if c.coef < 0)
    mt, mh, vt, vh = (np.asarray(a, dtype=np.float64) for a in (mt, mh, vt, vh))
    ok = mh != 0
    safe = np.where(ok, mh, 1.0)
    se = np.sqrt(vt / safe**2 + mt**2 * vh / safe**4)
    hit = ok & (np.abs(mt / safe - 1 - true_rel) <= Z * se)
    return float(hit.sum()), float(ok.sum())


def run_cell(d: Design, *, reps: int, boot_reps: int, boot_b: int, seed: int) -> dict[str, float]:
    """Coverage and mean width of the normal and bootstrap 90% intervals, share of runs warned."""
    rng = np.random.default_rng(seed)
    cs, true = cells(d), truth(d)
    hits = width = warned = rel_hits = rel_defined = 0.0
    true_t = sum(c.coef * _moments(c.rate, d.sigma)[0] for c in cs if c.coef > 0)
    true_rel = true_t / (true_t - true) - 1
    boot_hits = boot_width = 0.0
    done = 0
    while done < reps:
        chunk = min(250, reps - done)
        arms = [_draw(rng, chunk, c, d.sigma) for c in cs]
        est = sum(c.coef * y.mean(axis=1) for c, y in zip(cs, arms, strict=True))
        var = sum(c.coef**2 * y.var(axis=1, ddof=1) / c.n for c, y in zip(cs, arms, strict=True))
        se = np.sqrt(np.asarray(var))
        hits += float(np.sum(np.abs(np.asarray(est) - true) <= Z * se))
        hit, defined = _relative_hits(cs, arms, true_rel)
        rel_hits, rel_defined = rel_hits + hit, rel_defined + defined
        width += float(np.sum(2 * Z * se))
        counts = [np.count_nonzero(y, axis=1) for y in arms]
        treat = sum(n for n, c in zip(counts, cs, strict=True) if c.coef > 0)
        hold = sum(n for n, c in zip(counts, cs, strict=True) if c.coef < 0)
        few = np.minimum(np.asarray(treat), np.asarray(hold)) < 10
        warned += float(np.sum(few))
        for r in range(min(chunk, max(0, boot_reps - done))):
            reps_b = _bootstrap(rng, [y[r] for y in arms], cs, boot_b)
            low, high = np.quantile(reps_b, [0.5 - CONFIDENCE / 2, 0.5 + CONFIDENCE / 2])
            boot_hits += float(low <= true <= high)
            boot_width += float(high - low)
        done += chunk
    n_boot = min(reps, boot_reps)
    return {
        "coverage": hits / reps,
        "relative_coverage": rel_hits / rel_defined if rel_defined else math.nan,
        "relative_undefined": 1 - rel_defined / reps,
        "width": width / reps,
        "warned": warned / reps,
        "boot_coverage": boot_hits / n_boot if n_boot else math.nan,
        "boot_width": boot_width / n_boot if n_boot else math.nan,
    }
