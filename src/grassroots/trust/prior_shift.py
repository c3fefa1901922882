"""Prior shift: re-express calibrated probabilities for another class share, and estimate that share.

A classifier calibrated for a training share ``pi_t`` of positives gives, for data whose share is
``pi``, the posterior ``pi/pi_t * p / (pi/pi_t * p + (1-pi)/(1-pi_t) * (1-p))`` (Bayes' rule with the
class-conditional likelihoods unchanged). When ``pi`` is unknown, the EM procedure of Saerens,
Latinne & Decaestecker (2002) estimates it from unlabelled data alone: alternate between adjusting
every posterior to the current ``pi`` and setting ``pi`` to their mean, until it stops moving.

The estimate is only as good as the calibration it starts from: probabilities that are too
confident for the scored population bias it (the benchmark reports how far, on labelled files).

References
----------
M. Saerens, P. Latinne, C. Decaestecker, "Adjusting the outputs of a classifier to new a priori
probabilities: a simple procedure", Neural Computation 14(1), 2002.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["estimate_prior", "shift_prior"]

_EDGE = 1e-6


def shift_prior(probability: float, prior: float, *, trained: float = 0.5) -> float:
    """``probability`` (calibrated for share ``trained``) re-expressed for share ``prior``.

    >>> round(shift_prior(0.5, 0.2), 3), round(shift_prior(0.8, 0.5), 3)
    (0.2, 0.8)
    """
    p = min(max(probability, _EDGE), 1 - _EDGE)
    logit = math.log(p / (1 - p)) + math.log(prior / (1 - prior)) - math.log(trained / (1 - trained))
    return 1.0 / (1.0 + math.exp(-logit))


def estimate_prior(
    probabilities: Sequence[float], *, trained: float = 0.5, tol: float = 1e-7, max_iter: int = 1000
) -> float:
    """EM estimate of the positive share of the scored data (Saerens et al. 2002), label-free.

    >>> round(estimate_prior([0.9] * 30 + [0.1] * 70), 2)
    0.25
    """
    if not probabilities:
        raise ValueError("estimate_prior: no probabilities")
    p = np.clip(np.asarray(probabilities, dtype=np.float64), _EDGE, 1 - _EDGE)
    pi = trained
    for _ in range(max_iter):
        a = pi / trained * p
        b = (1 - pi) / (1 - trained) * (1 - p)
        new = float(np.mean(a / (a + b)))
        new = min(max(new, _EDGE), 1 - _EDGE)
        if abs(new - pi) < tol:
            return new
        pi = new
    return pi
