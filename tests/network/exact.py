"""Exact expected spread on tiny graphs by enumerating every live-edge world (the test oracle).

IC: each edge is live independently with its probability. LT: each node keeps at most one
in-edge, edge (u, v) with probability w(u, v) (Kempe, Kleinberg, Tardos 2003, Theorem 2.5).
Spread of S in a world = weight of the nodes reachable from S along live edges.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np

from grassroots.network import InfluenceGraph


def _worlds_ic(graph: InfluenceGraph) -> Iterable[tuple[float, list[tuple[int, int]]]]:
    edges = [
        (int(graph.in_nbr[e]), v, float(graph.in_p[e]))
        for v in range(graph.n)
        for e in range(graph.in_ptr[v], graph.in_ptr[v + 1])
    ]
    for live in itertools.product((False, True), repeat=len(edges)):
        prob = 1.0
        kept = []
        for (u, v, p), on in zip(edges, live, strict=True):
            prob *= p if on else 1.0 - p
            if on:
                kept.append((u, v))
        if prob > 0:
            yield prob, kept


def _worlds_lt(graph: InfluenceGraph) -> Iterable[tuple[float, list[tuple[int, int]]]]:
    choices = []
    for v in range(graph.n):
        span = range(graph.in_ptr[v], graph.in_ptr[v + 1])
        options = [(float(graph.in_p[e]), (int(graph.in_nbr[e]), v)) for e in span]
        options.append((1.0 - sum(p for p, _ in options), None))
        choices.append(options)
    for pick in itertools.product(*choices):
        prob = float(np.prod([p for p, _ in pick]))
        if prob > 1e-15:
            yield prob, [edge for _, edge in pick if edge is not None]


def reach_table(graph: InfluenceGraph, model: str) -> tuple[np.ndarray, np.ndarray]:
    """World probabilities and, per world and node, the bitmask of nodes it reaches."""
    probs, masks = [], []
    worlds = _worlds_ic(graph) if model == "ic" else _worlds_lt(graph)
    for prob, kept in worlds:
        succ: list[list[int]] = [[] for _ in range(graph.n)]
        for u, v in kept:
            succ[u].append(v)
        row = []
        for s in range(graph.n):
            seen, stack = {s}, [s]
            while stack:
                for w in succ[stack.pop()]:
                    if w not in seen:
                        seen.add(w)
                        stack.append(w)
            row.append(sum(1 << x for x in seen))
        probs.append(prob)
        masks.append(row)
    return np.array(probs), np.array(masks, dtype=object)


def exact_spread(
    table: tuple[np.ndarray, np.ndarray], seeds: Sequence[int], weights: Sequence[float] | None = None
) -> float:
    """Expected total weight (default 1 per node) of nodes reached from ``seeds``."""
    probs, masks = table
    n = len(masks[0])
    w = [1.0] * n if weights is None else list(weights)
    total = 0.0
    for prob, row in zip(probs, masks, strict=True):
        union = 0
        for s in seeds:
            union |= row[s]
        total += prob * sum(w[x] for x in range(n) if union >> x & 1)
    return total


def best_set(
    table: tuple[np.ndarray, np.ndarray],
    candidates: Iterable[Sequence[int]],
    weights: Sequence[float] | None = None,
) -> float:
    """The largest exact spread over the candidate seed sets."""
    return max(exact_spread(table, s, weights) for s in candidates)


def random_graph(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``m`` distinct random directed edges on ``n`` nodes (no self-loops)."""
    rng = np.random.default_rng(seed)
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    pick = rng.choice(len(pairs), size=m, replace=False)
    chosen = np.array([pairs[i] for i in pick])
    return chosen[:, 0], chosen[:, 1]
