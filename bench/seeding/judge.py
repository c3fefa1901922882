"""Independent judge: expected spread by cynetdiff's Monte Carlo (a separate C simulator).

Our own simulator (``grassroots.network.simulate``) is not used to judge our own seeds.
"""

from __future__ import annotations

import array
import math
from collections.abc import Sequence

import numpy as np
from cynetdiff.models import IndependentCascadeModel, LinearThresholdModel

from grassroots.network.graph import InfluenceGraph

__all__ = ["judge_spread"]


def judge_spread(
    graph: InfluenceGraph,
    seeds: Sequence[int],
    *,
    model: str = "ic",
    runs: int = 2000,
    rng: int = 12345,
    payoffs: np.ndarray | None = None,
) -> tuple[float, float]:
    """Mean spread (seeds included) and the 95% half-width over ``runs`` cynetdiff cascades.

    With ``payoffs`` (one weight per node) the spread is the total payoff of active nodes
    (targeted spread).
    """
    starts = array.array("I", graph.out_ptr[:-1].astype(np.uint32).tobytes())
    edges = array.array("I", graph.out_nbr.astype(np.uint32).tobytes())
    probs = array.array("f", graph.out_p.astype(np.float32).tobytes())
    pay = None if payoffs is None else array.array("f", np.asarray(payoffs, dtype=np.float32).tobytes())
    if model == "ic":
        sim = IndependentCascadeModel(starts, edges, activation_probs=probs, payoffs=pay, rng=rng)
    else:
        sim = LinearThresholdModel(starts, edges, influence=probs, payoffs=pay, rng=rng)
    sim.set_seeds([int(s) for s in seeds])
    values = np.empty(runs)
    for r in range(runs):
        sim.reset_model()
        sim.advance_until_completion()
        values[r] = sim.get_num_activated_nodes() if pay is None else sim.compute_payoffs()
    return float(values.mean()), 1.96 * float(values.std(ddof=1)) / math.sqrt(runs)
