"""Baseline seed choices that commercial tools and textbooks use, to compare OPIM-C against.

* ``top_degree``: most out-edges, i.e. most followers ("celebrity" seeding);
* ``top_scores``: highest given score, e.g. engagement from the lake;
* ``degree_discount``: Chen, Wang, Yang, "Efficient influence maximization in social networks",
  KDD 2009, discounting nodes already reachable from chosen seeds;
* ``pagerank``: PageRank on the endorsement graph (v -> u when u influences v);
* ``random_seeds``: uniform without replacement.

Every function returns node indices in choice order and never picks an excluded node.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from grassroots.errors import InvalidInput
from grassroots.network.graph import InfluenceGraph

__all__ = [
    "BASELINES",
    "degree_discount",
    "pagerank",
    "pagerank_scores",
    "random_seeds",
    "top_degree",
    "top_scores",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


def _order(scores: FloatArray, k: int, exclude: BoolArray | None) -> tuple[int, ...]:
    """Indices of the ``k`` highest scores (ties by lower index), skipping excluded nodes."""
    masked = np.where(exclude, -np.inf, scores) if exclude is not None else scores
    order = np.lexsort((np.arange(masked.shape[0]), -masked))
    allowed = order if exclude is None else order[~exclude[order]]
    if k > allowed.shape[0]:
        raise InvalidInput(f"k={k} but only {allowed.shape[0]} nodes can be seeded")
    return tuple(int(x) for x in allowed[:k])


def top_scores(scores: FloatArray, k: int, *, exclude: BoolArray | None = None) -> tuple[int, ...]:
    """The ``k`` nodes with the highest score (e.g. engagement).

    >>> top_scores(np.array([0.1, 0.9, 0.5]), 2)
    (1, 2)
    """
    return _order(np.asarray(scores, dtype=np.float64), k, exclude)


def top_degree(graph: InfluenceGraph, k: int, *, exclude: BoolArray | None = None) -> tuple[int, ...]:
    """The ``k`` nodes with the most out-edges (followers): celebrity seeding."""
    return _order(graph.out_degree().astype(np.float64), k, exclude)


def degree_discount(graph: InfluenceGraph, k: int, *, exclude: BoolArray | None = None) -> tuple[int, ...]:
    """Degree discount IC heuristic, with p the mean edge probability of the graph."""
    p = float(graph.out_p.mean()) if graph.m else 0.0
    degree = graph.out_degree().astype(np.float64)
    chosen_in = np.zeros(graph.n)
    score = degree.copy()
    if exclude is not None:
        score[exclude] = -np.inf
    if k > int(np.isfinite(score).sum()):
        raise InvalidInput(f"k={k} but only {int(np.isfinite(score).sum())} nodes can be seeded")
    picked = []
    for _ in range(k):
        u = int(np.argmax(score))
        picked.append(u)
        score[u] = -np.inf
        for v in graph.out_nbr[graph.out_ptr[u] : graph.out_ptr[u + 1]]:
            if np.isfinite(score[v]):
                chosen_in[v] += 1
                t = chosen_in[v]
                score[v] = degree[v] - 2 * t - (degree[v] - t) * t * p
    return tuple(picked)


def pagerank(
    graph: InfluenceGraph,
    k: int,
    *,
    exclude: BoolArray | None = None,
    damping: float = 0.85,
    iterations: int = 100,
    tol: float = 1e-10,
) -> tuple[int, ...]:
    """The ``k`` nodes with the highest PageRank where each node endorses its influencers."""
    return _order(pagerank_scores(graph, damping=damping, iterations=iterations, tol=tol), k, exclude)


def pagerank_scores(
    graph: InfluenceGraph, *, damping: float = 0.85, iterations: int = 100, tol: float = 1e-10
) -> FloatArray:
    """PageRank by power iteration; rank flows from a node to its in-neighbours (its influencers)."""
    n = graph.n
    indeg = graph.in_degree()
    rank = np.full(n, 1.0 / n)
    dangling = indeg == 0
    for _ in range(iterations):
        share = np.where(dangling, 0.0, rank / np.maximum(indeg, 1))
        flow = np.bincount(graph.in_nbr, weights=np.repeat(share, indeg), minlength=n)
        new = damping * (flow + rank[dangling].sum() / n) + (1 - damping) / n
        done = np.abs(new - rank).sum() < tol
        rank = new
        if done:
            break
    return rank


def random_seeds(
    graph: InfluenceGraph, k: int, *, exclude: BoolArray | None = None, seed: int = 0
) -> tuple[int, ...]:
    """``k`` distinct nodes uniformly at random."""
    return _order(np.random.default_rng(seed).random(graph.n), k, exclude)


#: Baselines by name, each ``f(graph, k, *, exclude=None) -> seeds``.
BASELINES: dict[str, Callable[..., tuple[int, ...]]] = {
    "celebrity": top_degree,
    "degree-discount": degree_discount,
    "pagerank": pagerank,
    "random": random_seeds,
}
