"""Lift with an interval: difference in means, Neyman variance, normal interval, post-stratification.

The estimator behind ``grassroots campaign lift`` (the exact contract is in the README and
``docs/campaigns.md`` "Measurement"). Outcomes are per person (orders, revenue, mentions), observed
the same way in both arms, so a holdout person without orders is a 0, not a missing value.

- **Difference in means** ``lift = mean_treatment - mean_holdout`` with the Neyman (unpooled)
  variance ``s_t^2/n_t + s_h^2/n_h`` (sample variances, ``ddof=1``) and the normal interval
  ``lift +- z * se``. Unpooled because a campaign changes the spread of revenue as well as its mean.
- **Post-stratified** when every person has a stratum: within-stratum differences weighted by the
  stratum's share of the sample, ``sum_s w_s (mean_t,s - mean_h,s)``, variance
  ``sum_s w_s^2 (s_t,s^2/n_t,s + s_h,s^2/n_h,s)``. A stratum with fewer than 2 people in either arm has
  no variance estimate: it is dropped, listed with ``dropped=True``, and the other shares renormalised.
- **Relative lift** ``lift / mean_holdout`` with a delta-method interval:
  ``se_rel^2 = var_t / m_h^2 + m_t^2 var_h / m_h^4`` (the arm means are independent: different people);
  ``None`` when the holdout mean is 0.
- **CUPED** (optional ``covariate``, e.g. pre-period spend): outcomes become
  ``y - theta (x - mean_x)`` with ``theta = cov(y, x) / var(x)`` pooled over both arms (within each
  stratum when stratified). Randomisation makes ``x`` independent of the arm, so the difference stays
  unbiased and its variance shrinks by the squared correlation.
- **Warnings** name the cells where the normal interval is not defensible (:func:`normal_warnings`).

>>> r = neyman_lift([3.0, 1.0, 2.0, 2.0], ["treatment", "treatment", "holdout", "holdout"])
>>> r.lift, [round(v, 4) for v in r.ci], r.method
(0.0, [-1.6449, 1.6449], 'neyman')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from grassroots.errors import InvalidInput

__all__ = [
    "ARMS",
    "CONFIDENCE_RANGE",
    "MIN_BUYERS",
    "LiftResult",
    "Method",
    "StratumShare",
    "check_confidence",
    "neyman_lift",
    "normal_warnings",
]

ARMS = ("treatment", "holdout")
#: ``confidence`` must lie in this closed range.
CONFIDENCE_RANGE = (0.5, 0.999)
#: Fewer non-zero outcomes than this in one arm (of one stratum) and the normal interval is flagged.
MIN_BUYERS = 10
Method = Literal["neyman", "neyman-stratified", "neyman-cuped", "neyman-stratified-cuped"]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class StratumShare:
    """One stratum of a post-stratified estimate: its arm sizes and weight (0 when dropped)."""

    stratum: str
    n_treatment: int
    n_holdout: int
    weight: float
    dropped: bool


@dataclass(frozen=True)
class LiftResult:
    """The lift of the treatment over the holdout on one outcome, with intervals.

    ``n_*`` count the people the estimate uses (people of dropped strata are listed in ``strata``
    only); ``mean_*`` are the (post-stratified) arm means, so ``lift = mean_treatment - mean_holdout``.
    """

    n_treatment: int
    n_holdout: int
    mean_treatment: float
    mean_holdout: float
    lift: float
    ci: tuple[float, float]
    relative_lift: float | None
    relative_ci: tuple[float, float] | None
    confidence: float
    method: Method
    strata: tuple[StratumShare, ...] = ()
    warnings: tuple[str, ...] = ()
    se: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``campaign lift --json`` (lists, never NaN; ``se`` is not part of it)."""
        out = asdict(self)
        out.pop("se")
        out["ci"] = list(self.ci)
        out["relative_ci"] = None if self.relative_ci is None else list(self.relative_ci)
        out["strata"] = [asdict(s) for s in self.strata]
        out["warnings"] = list(self.warnings)
        return out


@dataclass(frozen=True)
class _Arms:
    """Means, variances of the means, sizes and non-zero counts of both arms of one cell."""

    mean_t: float
    mean_h: float
    var_t: float  # variance of the treatment mean (s^2 / n)
    var_h: float
    n_t: int
    n_h: int
    nonzero_t: int
    nonzero_h: int


def check_confidence(confidence: float) -> float:
    """``confidence`` as a float if it lies in :data:`CONFIDENCE_RANGE`, else ``InvalidInput``."""
    low, high = CONFIDENCE_RANGE
    if not (isinstance(confidence, int | float) and math.isfinite(confidence) and low <= confidence <= high):
        raise InvalidInput(f"confidence={confidence!r}: expected a number in [{low}, {high}]")
    return float(confidence)


def _cuped(y: Floats, x: Floats) -> Floats:
    """``y - theta (x - mean x)``, ``theta`` the pooled regression slope (0 when ``x`` is constant)."""
    centred = x - x.mean()
    sxx = float(centred @ centred)
    theta = float(centred @ (y - y.mean())) / sxx if sxx > 0 else 0.0
    adjusted: Floats = y - theta * centred
    return adjusted


def _arms(y: Floats, treated: npt.NDArray[np.bool_], raw: Floats) -> _Arms:
    yt, yh = y[treated], y[~treated]
    return _Arms(
        mean_t=float(yt.mean()),
        mean_h=float(yh.mean()),
        var_t=float(yt.var(ddof=1)) / len(yt),
        var_h=float(yh.var(ddof=1)) / len(yh),
        n_t=len(yt),
        n_h=len(yh),
        nonzero_t=int(np.count_nonzero(raw[treated])),
        nonzero_h=int(np.count_nonzero(raw[~treated])),
    )


def _interval(centre: float, se: float, z: float) -> tuple[float, float]:
    return (centre - z * se, centre + z * se)


def normal_warnings(cells: Sequence[tuple[str, _Arms]]) -> tuple[str, ...]:
    """Why the normal interval may cover less than it says, one message per weak arm of a cell.

    The rule (``docs/campaigns.md``, "When the normal interval fails"): revenue is zero-inflated and
    heavy-tailed, so the mean of an arm behaves normally only once it averages enough buyers; an arm
    (of a stratum) with fewer than :data:`MIN_BUYERS` non-zero outcomes is flagged.
    """
    out: list[str] = []
    for name, cell in cells:
        where = f"stratum {name!r}: " if name else ""
        for arm, count in (("treatment", cell.nonzero_t), ("holdout", cell.nonzero_h)):
            if count < MIN_BUYERS:
                out.append(
                    f"{where}{arm} has {count} non-zero outcome(s) (< {MIN_BUYERS}): "
                    "the normal interval may cover less than stated"
                )
    return tuple(out)


def _validate(n: int, arms: Sequence[str], *others: tuple[str, Sequence[Any] | None]) -> None:
    for name, seq in others:
        if seq is not None and len(seq) != n:
            raise InvalidInput(f"{name}: expected {n} values (one per outcome), got {len(seq)}")
    bad = sorted({a for a in arms if a not in ARMS})
    if bad:
        raise InvalidInput(f"arms={bad[0]!r}: expected one of {', '.join(ARMS)}")


def neyman_lift(
    outcomes: Sequence[float],
    arms: Sequence[str],
    *,
    strata: Sequence[str] | None = None,
    covariate: Sequence[float] | None = None,
    confidence: float = 0.9,
) -> LiftResult:
    """Lift of ``treatment`` over ``holdout`` on per-person ``outcomes`` (one value per person).

    ``arms[i]`` is ``"treatment"`` or ``"holdout"``; ``strata[i]`` (optional) post-stratifies;
    ``covariate[i]`` (optional, e.g. pre-period spend) applies CUPED. Raises ``InvalidInput`` when an
    arm has fewer than 2 people (after dropping strata) or ``confidence`` is outside [0.5, 0.999].
    """
    confidence = check_confidence(confidence)
    _validate(len(outcomes), arms, ("arms", arms), ("strata", strata), ("covariate", covariate))
    raw = np.asarray(outcomes, dtype=np.float64)
    if not np.all(np.isfinite(raw)):
        raise InvalidInput("outcomes: every value must be a finite number")
    treated = np.asarray([a == "treatment" for a in arms], dtype=np.bool_)
    x = None if covariate is None else np.asarray(covariate, dtype=np.float64)
    if x is not None and not np.all(np.isfinite(x)):
        raise InvalidInput("covariate: every value must be a finite number")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    if strata is None:
        _need_two(int(treated.sum()), int((~treated).sum()))
        y = raw if x is None else _cuped(raw, x)
        cell = _arms(y, treated, raw)
        shares: tuple[StratumShare, ...] = ()
        mean_t, mean_h, var_t, var_h = cell.mean_t, cell.mean_h, cell.var_t, cell.var_h
        n_t, n_h, cells = cell.n_t, cell.n_h, [("", cell)]
    else:
        mean_t, mean_h, var_t, var_h, n_t, n_h, shares, cells = _stratified(raw, treated, strata, x)
    return _result(mean_t, mean_h, var_t, var_h, n_t, n_h, z, confidence, shares, cells, x is not None)


def _need_two(n_t: int, n_h: int, where: str = "") -> None:
    if min(n_t, n_h) < 2:
        raise InvalidInput(
            f"arms: each arm needs at least 2 people{where}, got treatment={n_t}, holdout={n_h}"
        )


def _stratified(
    raw: Floats, treated: npt.NDArray[np.bool_], strata: Sequence[str], x: Floats | None
) -> tuple[float, float, float, float, int, int, tuple[StratumShare, ...], list[tuple[str, _Arms]]]:
    """Post-stratified means and variances of the means over the strata with >= 2 per arm."""
    labels = np.asarray(strata, dtype=object)
    names = sorted({str(s) for s in strata})
    sizes = {s: (int((treated & (labels == s)).sum()), int((~treated & (labels == s)).sum())) for s in names}
    kept = [s for s in names if min(sizes[s]) >= 2]
    total = sum(sum(sizes[s]) for s in kept)
    n_t, n_h = sum(sizes[s][0] for s in kept), sum(sizes[s][1] for s in kept)
    _need_two(n_t, n_h, " in strata with >= 2 people in each arm")
    mean_t = mean_h = var_t = var_h = 0.0
    cells: list[tuple[str, _Arms]] = []
    for s in kept:
        mask = labels == s
        y = raw[mask] if x is None else _cuped(raw[mask], x[mask])
        cell = _arms(y, treated[mask], raw[mask])
        w = sum(sizes[s]) / total
        mean_t, mean_h = mean_t + w * cell.mean_t, mean_h + w * cell.mean_h
        var_t, var_h = var_t + w * w * cell.var_t, var_h + w * w * cell.var_h
        cells.append((s, cell))
    shares = tuple(
        StratumShare(s, *sizes[s], weight=sum(sizes[s]) / total if s in kept else 0.0, dropped=s not in kept)
        for s in names
    )
    return mean_t, mean_h, var_t, var_h, n_t, n_h, shares, cells


def _result(
    mean_t: float,
    mean_h: float,
    var_t: float,
    var_h: float,
    n_t: int,
    n_h: int,
    z: float,
    confidence: float,
    shares: tuple[StratumShare, ...],
    cells: list[tuple[str, _Arms]],
    cuped: bool,
) -> LiftResult:
    lift = mean_t - mean_h
    se = math.sqrt(var_t + var_h)
    relative = relative_ci = None
    if mean_h != 0:
        relative = lift / mean_h
        se_rel = math.sqrt(var_t / mean_h**2 + mean_t**2 * var_h / mean_h**4)
        relative_ci = _interval(relative, se_rel, z)
    dropped = [f"stratum {s.stratum!r} dropped: fewer than 2 people in an arm" for s in shares if s.dropped]
    method: Method = "neyman-stratified" if shares else "neyman"
    if cuped:
        method = "neyman-stratified-cuped" if shares else "neyman-cuped"
    return LiftResult(
        n_treatment=n_t,
        n_holdout=n_h,
        mean_treatment=mean_t,
        mean_holdout=mean_h,
        lift=lift,
        ci=_interval(lift, se, z),
        relative_lift=relative,
        relative_ci=relative_ci,
        confidence=confidence,
        method=method,
        strata=shares,
        warnings=(*dropped, *normal_warnings(cells)),
        se=se,
    )
