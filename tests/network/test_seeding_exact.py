"""Known answers and brute force on tiny graphs: spread estimates and seed choices against exact values."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest

from grassroots.network import build_graph, estimate_spread, select_seeds
from grassroots.network.seeding import sample_rr_sets

from .exact import best_set, exact_spread, random_graph, reach_table

GREEDY = 1 - 1 / math.e


def test_oracle_known_answers() -> None:
    chain = build_graph(np.array([0, 1]), np.array([1, 2]), ("a", "b", "c"), probability="const:0.5")
    assert exact_spread(reach_table(chain, "ic"), [0]) == pytest.approx(1.75)
    w = np.array([0.3, 0.5])
    lt = build_graph(
        np.array([0, 1]), np.array([2, 2]), ("a", "b", "c"), probability="weight", weights=w, model="lt"
    )
    assert exact_spread(reach_table(lt, "lt"), [0]) == pytest.approx(1.3)
    assert exact_spread(reach_table(lt, "lt"), [0, 1]) == pytest.approx(2.8)


def _graph(seed: int, model: str) -> object:
    u, v = random_graph(8, 12, seed)
    weights = np.random.default_rng(seed).uniform(0.1, 0.9, size=u.shape[0])
    return build_graph(
        u, v, tuple("abcdefgh"), probability="weight", weights=weights, model=model, normalise=True
    )


@pytest.mark.parametrize("model", ["ic", "lt"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_monte_carlo_matches_exact(model: str, seed: int) -> None:
    graph = _graph(seed, model)
    table = reach_table(graph, model)  # type: ignore[arg-type]
    for seeds in ([0], [2, 5]):
        estimate = estimate_spread(graph, seeds, model=model, runs=20_000, seed=seed)  # type: ignore[arg-type]
        assert abs(estimate.mean - exact_spread(table, seeds)) <= 2 * estimate.halfwidth + 1e-9


@pytest.mark.parametrize("model", ["ic", "lt"])
@pytest.mark.parametrize(("seed", "k"), [(4, 1), (5, 2), (6, 2), (7, 3)])
def test_selection_against_brute_force(model: str, seed: int, k: int) -> None:
    graph = _graph(seed, model)
    table = reach_table(graph, model)  # type: ignore[arg-type]
    chosen = select_seeds(graph, k, model=model, seed=seed, threads=1)  # type: ignore[arg-type]
    best = best_set(table, itertools.combinations(range(8), k))
    got = exact_spread(table, chosen.seeds)
    assert len(set(chosen.seeds)) == k
    assert got >= (GREEDY - chosen.epsilon) * best
    assert got >= 0.97 * best  # greedy on many RR sets is near-optimal on graphs this small
    assert abs(chosen.spread - got) <= 2 * (chosen.ci95[1] - chosen.spread) + 1e-9


def test_targeted_selection_against_brute_force() -> None:
    # a reaches five non-targets for sure; b reaches both targets t1, t2 for sure.
    names = ("a", "x1", "x2", "x3", "x4", "x5", "b", "t1", "t2", "c")
    u = np.array([0, 0, 0, 0, 0, 6, 6, 9])
    v = np.array([1, 2, 3, 4, 5, 7, 8, 7])
    graph = build_graph(u, v, names, probability="const:1")
    weights = np.zeros(10)
    weights[[7, 8]] = [1.0, 2.0]
    table = reach_table(graph, "ic")
    assert select_seeds(graph, 1, threads=1).seeds == (0,)
    targeted = select_seeds(graph, 1, targets=weights, threads=1)
    assert targeted.seeds == (6,)
    assert targeted.spread == pytest.approx(exact_spread(table, [6], weights))
    random_u, random_v = random_graph(9, 12, 11)
    g2 = build_graph(random_u, random_v, tuple("abcdefghi"), probability="const:0.5")
    w2 = np.random.default_rng(3).uniform(0, 1, 9) * (np.arange(9) % 2)
    t2 = reach_table(g2, "ic")
    pick = select_seeds(g2, 2, targets=w2, seed=2, threads=1)
    best = best_set(t2, itertools.combinations(range(9), 2), w2)
    assert exact_spread(t2, pick.seeds, w2) >= 0.97 * best


@pytest.mark.parametrize("seed", [8, 9, 10])
def test_budgeted_selection_against_brute_force(seed: int) -> None:
    graph = _graph(seed, "ic")
    table = reach_table(graph, "ic")  # type: ignore[arg-type]
    costs = np.random.default_rng(seed).choice([1.0, 2.0, 3.0], size=8)
    budget = 4.0
    feasible = [
        s for r in range(1, 5) for s in itertools.combinations(range(8), r) if costs[list(s)].sum() <= budget
    ]
    chosen = select_seeds(graph, 8, costs=costs, budget=budget, seed=seed, threads=1)  # type: ignore[arg-type]
    assert costs[list(chosen.seeds)].sum() <= budget
    best = best_set(table, feasible)
    got = exact_spread(table, chosen.seeds)
    assert chosen.guarantee == pytest.approx(GREEDY / 2 - chosen.epsilon)
    assert got >= chosen.guarantee * best
    best_single = best_set(table, [s for s in feasible if len(s) == 1])
    assert got >= 0.97 * best_single


def test_exclusions_are_never_seeded() -> None:
    graph = _graph(12, "ic")
    exclude = np.zeros(8, dtype=np.bool_)
    first = select_seeds(graph, 2, threads=1)  # type: ignore[arg-type]
    exclude[list(first.seeds)] = True
    again = select_seeds(graph, 2, exclude=exclude, threads=1)  # type: ignore[arg-type]
    assert not set(again.seeds) & set(first.seeds)


@pytest.mark.parametrize("model", ["ic", "lt"])
def test_same_result_for_one_or_two_threads(model: str) -> None:
    u, v = random_graph(40, 300, 5)
    graph = build_graph(u, v, tuple(f"n{i}" for i in range(40)), model=model)
    one = sample_rr_sets(graph, model=model, start=0, count=20_000, seed=7, root_cum=np.zeros(0), threads=1)
    two = sample_rr_sets(graph, model=model, start=0, count=20_000, seed=7, root_cum=np.zeros(0), threads=2)
    assert np.array_equal(one.nodes, two.nodes) and np.array_equal(one.offsets, two.offsets)
    a, b = (replace(select_seeds(graph, 5, model=model, threads=t), sample_s=0, select_s=0) for t in (1, 2))
    assert a == b
    other = sample_rr_sets(graph, model=model, start=0, count=20_000, seed=8, root_cum=np.zeros(0), threads=2)
    assert not np.array_equal(one.nodes, other.nodes)
