"""Baseline seed choices: known answers on small graphs and agreement with networkx PageRank."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from grassroots.errors import InvalidInput
from grassroots.network import (
    build_graph,
    degree_discount,
    pagerank_scores,
    random_seeds,
    top_degree,
    top_scores,
)

from .exact import random_graph


def _star_pair() -> object:
    # hub 0 -> 1..4, hub 5 -> 6..8, node 1 -> 2, 3 (node 1 is hub 0's follower with followers of its own)
    u = np.array([0, 0, 0, 0, 5, 5, 5, 1, 1])
    v = np.array([1, 2, 3, 4, 6, 7, 8, 2, 3])
    return build_graph(u, v, tuple(str(i) for i in range(9)), probability="const:0.5")


def test_top_degree_and_scores() -> None:
    graph = _star_pair()
    assert top_degree(graph, 3) == (0, 5, 1)  # type: ignore[arg-type]
    exclude = np.zeros(9, dtype=np.bool_)
    exclude[0] = True
    assert top_degree(graph, 2, exclude=exclude) == (5, 1)  # type: ignore[arg-type]
    assert top_scores(np.array([3.0, 1.0, 3.0]), 2) == (0, 2)
    with pytest.raises(InvalidInput):
        top_degree(graph, 9, exclude=exclude)  # type: ignore[arg-type]


def test_degree_discount_skips_followers_of_chosen_seeds() -> None:
    # hub 0 -> 1..4; its follower 1 -> 5, 6, 7; an independent node 8 -> 9, 10
    u = np.array([0, 0, 0, 0, 1, 1, 1, 8, 8])
    v = np.array([1, 2, 3, 4, 5, 6, 7, 9, 10])
    graph = build_graph(u, v, tuple(str(i) for i in range(11)), probability="const:0.5")
    assert top_degree(graph, 2) == (0, 1)
    # once 0 is chosen, 1 scores 3 - 2 - (3 - 1) * 1 * 0.5 = 0 < 2 = node 8's degree
    assert degree_discount(graph, 2) == (0, 8)


def test_pagerank_matches_networkx_on_the_endorsement_graph() -> None:
    u, v = random_graph(30, 120, 3)
    graph = build_graph(u, v, tuple(str(i) for i in range(30)))
    ours = pagerank_scores(graph)
    endorse = nx.DiGraph()
    endorse.add_nodes_from(range(30))
    endorse.add_edges_from(zip(v.tolist(), u.tolist(), strict=True))
    theirs = nx.pagerank(endorse, alpha=0.85, tol=1e-12)
    assert np.allclose(ours, [theirs[i] for i in range(30)], atol=1e-6)


def test_random_seeds_are_distinct_and_reproducible() -> None:
    u, v = random_graph(30, 60, 4)
    graph = build_graph(u, v, tuple(str(i) for i in range(30)))
    a = random_seeds(graph, 10, seed=1)
    assert len(set(a)) == 10 and a == random_seeds(graph, 10, seed=1) and a != random_seeds(graph, 10, seed=2)
