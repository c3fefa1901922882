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
    graph: InfluenceGraph, seeds: Sequence[int], *, model: str = "ic", runs: int = 2000, rng: int = 12345
) -> tuple[float, float]:
    """Mean spread (seeds included) and the 95% half-width over ``runs`` cynetdiff cascades."""
    starts = array.array("I", graph.out_ptr[:-1].astype(np.uint32).tobytes())
    edges = array.array("I", graph.out_nbr.astype(np.uint32).tobytes())
    probs = array.array("f", graph.out_p.astype(np.float32).tobytes())
    if model == "ic":
        sim = IndependentCascadeModel(starts, edges, activation_probs=probs, rng=rng)
    else:
        sim = LinearThresholdModel(starts, edges, influence=probs, rng=rng)
    sim.set_seeds([int(s) for s in seeds])
    values = np.empty(runs)
    for r in range(runs):
        sim.reset_model()
        sim.advance_until_completion()
        values[r] = sim.get_num_activated_nodes()
    return float(values.mean()), 1.96 * float(values.std(ddof=1)) / math.sqrt(runs)
