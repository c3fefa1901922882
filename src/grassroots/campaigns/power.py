"""Before launch: the smallest lift a campaign can detect, or the people it needs (``campaign power``).

Revenue per person is zero-inflated: a person buys with the ``baseline_rate`` and a buyer spends an
amount with mean ``buyer_mean`` and standard deviation ``buyer_sd`` (or a log-normal amount with
log-sd ``sigma``: ``buyer_sd = buyer_mean * sqrt(exp(sigma^2) - 1)``). Per person

    mean = rate * buyer_mean,   var = rate * buyer_sd^2 + rate * (1 - rate) * buyer_mean^2.

The test is the one ``campaign lift`` reports (difference in means, normal interval, two-sided at
``confidence``), so with ``n_t`` and ``n_h`` people

    se = sqrt(var * (1 - r2) * (1/n_t + 1/n_h)),    MDE = (z_{(1+confidence)/2} + z_power) * se

(``r2`` is the share of variance a pre-period covariate explains: CUPED shrinks the variance by it).
Given an effect instead of people, the people needed solve the same equation; given both, the power
is ``Phi(|effect| / se - z)``. Orders as 0/1 are the case ``buyer_mean = 1, buyer_sd = 0``.

>>> r = power_analysis(baseline_rate=1.0, buyer_mean=0.0, buyer_sd=1.0, effect=0.5, confidence=0.95)
>>> r.n_treatment, r.n_holdout  # the textbook 63 per arm for d = 0.5, alpha 0.05, power 0.8
(63, 63)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist
from typing import Any, Literal

from grassroots.campaigns.stats import MIN_BUYERS, check_confidence
from grassroots.errors import InvalidInput

__all__ = ["PowerResult", "power_analysis"]

Solve = Literal["mde", "n", "power"]
_N = NormalDist()


@dataclass(frozen=True)
class PowerResult:
    """What ``campaign power --json`` prints; ``solved`` says which quantity was computed."""

    solved: Solve
    confidence: float
    power: float
    n_treatment: int
    n_holdout: int
    mean_per_person: float
    sd_per_person: float
    mde: float
    relative_mde: float | None
    expected_buyers_treatment: float
    expected_buyers_holdout: float
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["warnings"] = list(self.warnings)
        return out


def _positive(value: float | None, name: str, *, zero: bool = False) -> None:
    if value is None:
        return
    if not math.isfinite(value) or value < 0 or (value == 0 and not zero):
        raise InvalidInput(f"{name}={value!r}: expected a number {'>= 0' if zero else '> 0'}")


def _arms(n_per_arm: int | None, total: int | None, holdout_share: float) -> tuple[int, int] | None:
    if n_per_arm is not None and total is not None:
        raise InvalidInput("n_per_arm= and total=: give one of them, not both")
    if n_per_arm is not None:
        if n_per_arm < 2:
            raise InvalidInput(f"n_per_arm={n_per_arm}: expected a whole number >= 2")
        return n_per_arm, n_per_arm
    if total is not None:
        n_h = round(total * holdout_share)
        if min(n_h, total - n_h) < 2:
            raise InvalidInput(f"total={total}: each arm needs at least 2 people at this holdout_share")
        return total - n_h, n_h
    return None


def _per_person(
    rate: float, buyer_mean: float, buyer_sd: float | None, sigma: float | None, r2: float
) -> tuple[float, float]:
    """Mean and (CUPED-reduced) variance of one person's revenue."""
    _positive(buyer_mean, "buyer_mean", zero=True)
    if (buyer_sd is None) == (sigma is None):
        raise InvalidInput("buyer_sd= or sigma=: give exactly one (the spread of a buyer's revenue)")
    _positive(buyer_sd, "buyer_sd", zero=True)
    _positive(sigma, "sigma", zero=True)
    sd = buyer_sd if buyer_sd is not None else buyer_mean * math.sqrt(math.expm1(float(sigma or 0) ** 2))
    var = (rate * sd**2 + rate * (1 - rate) * buyer_mean**2) * (1 - r2)
    if var <= 0:
        raise InvalidInput("buyer_sd=0 with baseline_rate=1: the outcome has no variance to test against")
    return rate * buyer_mean, var


def _effect(effect: float | None, relative_effect: float | None, mean: float) -> float | None:
    """The absolute effect to detect, from ``effect`` or ``relative_effect`` (at most one)."""
    if effect is not None and relative_effect is not None:
        raise InvalidInput("effect= and relative_effect=: give one of them, not both")
    if relative_effect is not None:
        if mean == 0:
            raise InvalidInput("relative_effect=: the baseline mean is 0; give effect= instead")
        effect = relative_effect * mean
    if effect is not None and (effect == 0 or not math.isfinite(effect)):
        raise InvalidInput(f"effect={effect!r}: expected a finite, non-zero effect")
    return effect


def power_analysis(
    *,
    baseline_rate: float,
    buyer_mean: float,
    buyer_sd: float | None = None,
    sigma: float | None = None,
    n_per_arm: int | None = None,
    total: int | None = None,
    holdout_share: float = 0.5,
    effect: float | None = None,
    relative_effect: float | None = None,
    confidence: float = 0.9,
    power: float = 0.8,
    r2: float = 0.0,
) -> PowerResult:
    """MDE for given people, people for a given effect, or power for both (see the module docstring)."""
    confidence = check_confidence(confidence)
    if not 0 < baseline_rate <= 1:
        raise InvalidInput(f"baseline_rate={baseline_rate!r}: expected a rate in (0, 1]")
    if not 0 < holdout_share < 1:
        raise InvalidInput(f"holdout_share={holdout_share!r}: expected a share in (0, 1)")
    if not 0.5 <= power < 1:
        raise InvalidInput(f"power={power!r}: expected a number in [0.5, 1)")
    if not 0 <= r2 < 1:
        raise InvalidInput(f"r2={r2!r}: expected a share of variance in [0, 1)")
    mean, var = _per_person(baseline_rate, buyer_mean, buyer_sd, sigma, r2)
    effect = _effect(effect, relative_effect, mean)
    z = _N.inv_cdf(0.5 + confidence / 2) + _N.inv_cdf(power)
    arms = _arms(n_per_arm, total, holdout_share)
    solved: Solve = "mde" if effect is None else "power"
    if arms is None:
        if effect is None:
            raise InvalidInput("n_per_arm=, total= or effect=: give the people or the effect to detect")
        solved = "n"
        people = (z / effect) ** 2 * var * (1 / (1 - holdout_share) + 1 / holdout_share)
        arms = (max(2, math.ceil(people * (1 - holdout_share))), max(2, math.ceil(people * holdout_share)))
    n_t, n_h = arms
    se = math.sqrt(var * (1 / n_t + 1 / n_h))
    if effect is not None and solved == "power":
        power = _N.cdf(abs(effect) / se - _N.inv_cdf(0.5 + confidence / 2))
    mde = (_N.inv_cdf(0.5 + confidence / 2) + _N.inv_cdf(power)) * se
    return _result(solved, confidence, power, n_t, n_h, mean, var, mde, baseline_rate)


def _result(
    solved: Solve, confidence: float, power: float, n_t: int, n_h: int, mean: float, var: float, mde: float,
    rate: float,
) -> PowerResult:  # fmt: skip
    buyers = (n_t * rate, n_h * rate)
    warnings = tuple(
        f"{arm} expects {b:.1f} buyers (< {MIN_BUYERS}): the normal interval of `campaign lift` is not "
        "defensible there (docs/campaigns.md)"
        for arm, b in zip(("treatment", "holdout"), buyers, strict=True)
        if b < MIN_BUYERS
    )
    return PowerResult(
        solved=solved,
        confidence=confidence,
        power=power,
        n_treatment=n_t,
        n_holdout=n_h,
        mean_per_person=mean,
        sd_per_person=math.sqrt(var),
        mde=mde,
        relative_mde=mde / mean if mean else None,
        expected_buyers_treatment=buyers[0],
        expected_buyers_holdout=buyers[1],
        warnings=warnings,
    )
