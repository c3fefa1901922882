"""Influence maximisation by OPIM-C: seeds with a (1 - 1/e - ε) guarantee with probability 1 - δ.

OPIM-C (Tang, Tang, Xiao, Yuan, SIGMOD 2018) samples two independent collections of
reverse-reachable (RR) sets, picks seeds greedily on the first, lower-bounds their spread on
the second, upper-bounds the optimum from the first, and doubles both until the ratio of the
bounds reaches 1 - 1/e - ε. Because more RR sets than the ε rule's minimum still improve the
seeds (the rule stops after a few tens of thousands and leaves 1-2% of spread), sampling keeps
doubling while the sets are cheap: until each collection holds ``min_rr_sets`` sets, as long as
the next doubling stays within ``work_budget`` RR-set entries (memory and time). Doubling stays
within OPIM-C's schedule and the check is repeated at the last round, so the guarantee stands.

Targeted spread samples RR roots from the target weights (the guarantee is for the weighted
targeted spread); budgeted selection uses cost-effective greedy with the best-single-seed
fallback, whose guarantee is the weaker (1 - 1/e)/2 - ε (Leskovec et al., KDD 2007).
"""

from __future__ import annotations

import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from grassroots.errors import InvalidInput
from grassroots.network import _rr
from grassroots.network.graph import MODELS, InfluenceGraph
from grassroots.records import ProgressFn
from grassroots.rules import require_at_least

__all__ = ["RRSets", "SeedSelection", "sample_rr_sets", "select_seeds"]

_CHUNK = 4096
_SECOND = 1 << 40
_GREEDY = 1.0 - 1.0 / math.e

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class RRSets:
    """RR sets as one flat node array cut by ``offsets``; ``edges`` = in-edges examined."""

    nodes: npt.NDArray[np.int32]
    offsets: npt.NDArray[np.int64]
    edges: int

    @property
    def count(self) -> int:
        """Number of RR sets."""
        return int(self.offsets.shape[0] - 1)

    def extend(self, more: RRSets) -> RRSets:
        """These sets followed by ``more``."""
        offsets = np.concatenate([self.offsets, more.offsets[1:] + self.offsets[-1]])
        return RRSets(np.concatenate([self.nodes, more.nodes]), offsets, self.edges + more.edges)


@dataclass(frozen=True)
class SeedSelection:
    """Chosen seeds (node indices, in selection order) and how good they are known to be."""

    seeds: tuple[int, ...]
    spread: float
    ci95: tuple[float, float]
    approximation: float
    guarantee: float
    epsilon: float
    delta: float
    rr_sets: int
    rr_entries: int
    edges_examined: int
    sample_s: float
    select_s: float


def sample_rr_sets(
    graph: InfluenceGraph,
    *,
    model: str,
    start: int,
    count: int,
    seed: int,
    root_cum: FloatArray,
    threads: int = 2,
) -> RRSets:
    """Sample RR sets ``start .. start+count-1`` over fixed chunks, on ``threads`` threads.

    Set ``i`` depends only on ``(seed, i)``, so the result is the same for any thread count.
    """
    chunks = [(start + s, min(_CHUNK, count - s)) for s in range(0, count, _CHUNK)]
    if model == "ic":
        args = (graph.in_ptr, graph.in_nbr, graph.in_p, graph.node_p, root_cum, seed)
        kernel = _rr.sample_ic
    else:
        args = (graph.in_ptr, graph.in_nbr, graph.in_cum, graph.node_p, root_cum, seed)
        kernel = _rr.sample_lt

    def run(chunk: tuple[int, int]) -> RRSets:
        nodes, offsets, edges = kernel(*args, chunk[0], chunk[1])
        return RRSets(nodes, offsets, int(edges))

    if threads > 1 and len(chunks) > 1:
        with ThreadPoolExecutor(threads) as pool:
            parts = list(pool.map(run, chunks))
    else:
        parts = [run(c) for c in chunks]
    if not parts:
        return RRSets(np.zeros(0, np.int32), np.zeros(1, np.int64), 0)
    offsets = [parts[0].offsets]
    base = parts[0].offsets[-1]
    for part in parts[1:]:
        offsets.append(part.offsets[1:] + base)
        base += part.offsets[-1]
    return RRSets(
        np.concatenate([p.nodes for p in parts]), np.concatenate(offsets), sum(p.edges for p in parts)
    )


def _log_binom(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _lower(coverage: float, theta: int, a: float, scale: float) -> float:
    """Lower confidence bound of spread from coverage on independent RR sets (OPIM-C eq. 4)."""
    inner = (math.sqrt(coverage + 2 * a / 9) - math.sqrt(a / 2)) ** 2 - a / 18
    return max(inner, 0.0) * scale / theta


def _upper(coverage: float, theta: int, a: float, scale: float) -> float:
    """Upper confidence bound of the optimum from an upper bound on its coverage (OPIM-C eq. 5)."""
    return (math.sqrt(coverage + a / 2) + math.sqrt(a / 2)) ** 2 * scale / theta


@dataclass(frozen=True)
class _Plan:
    """Sample sizes and confidence terms of one OPIM-C run.

    Both confidence terms are ln(3 · rounds / δ): the lower bound is for a set evaluated on
    independent sets, the upper bound for the fixed optimal set, whose coverage the greedy bound
    dominates, so neither needs a union bound over all k-sets (only θ_max does).
    """

    theta0: int
    rounds: int
    a1: float
    a2: float
    ratio: float
    scale: float


def _plan(
    graph: InfluenceGraph,
    k: int,
    epsilon: float,
    delta: float,
    eligible: BoolArray,
    weights: FloatArray,
    budgeted: bool,
) -> _Plan:
    ln6 = math.log(6 / delta)
    log_c = _log_binom(int(eligible.sum()), k)
    top = np.sort(weights[eligible])[::-1]
    least = float(top[0]) if budgeted else float(top[:k].sum())
    scale = float(weights.sum())
    root = (_GREEDY * math.sqrt(ln6) + math.sqrt(_GREEDY * (log_c + ln6))) ** 2
    theta_max = 2 * scale * root / (epsilon**2 * max(least, 1e-12))
    theta0 = max(64, math.ceil(2 * root))
    rounds = max(1, math.ceil(math.log2(max(theta_max / theta0, 1.0))))
    a2 = math.log(3 * rounds / delta)
    ratio = _GREEDY / 2 if budgeted else _GREEDY
    return _Plan(theta0, rounds, a2, a2, ratio, scale)


def _check(
    graph: InfluenceGraph,
    k: int,
    eligible: BoolArray,
    weights: FloatArray,
    costs: FloatArray | None,
    budget: float | None,
    epsilon: float,
    delta: float,
) -> int:
    if not 0 < epsilon < _GREEDY:
        raise InvalidInput(f"epsilon={epsilon}: need 0 < epsilon < 1 - 1/e")
    if not 0 < delta < 1:
        raise InvalidInput(f"delta={delta}: need 0 < delta < 1")
    if weights.shape[0] != graph.n or (costs is not None and costs.shape[0] != graph.n):
        raise InvalidInput("targets and costs need one value per node")
    if not eligible.any():
        raise InvalidInput("every node is excluded; nothing left to seed")
    if weights.sum() <= 0:
        raise InvalidInput("the target weights sum to 0; give at least one target a positive weight")
    if costs is None:
        if k < 1 or k > graph.n:
            raise InvalidInput(f"{graph.source}: k={k}: need 1 <= k <= {graph.n} (the number of nodes)")
        return min(k, int(eligible.sum()))
    if budget is None or budget <= 0:
        raise InvalidInput(f"budget={budget}: must be positive when costs are given")
    if (costs <= 0).any():
        raise InvalidInput("every cost must be positive")
    cheapest = np.cumsum(np.sort(costs[eligible]))
    fits = int(np.searchsorted(cheapest, budget, side="right"))
    if fits == 0:
        raise InvalidInput(f"budget={budget}: no eligible node costs that little")
    return fits


def select_seeds(
    graph: InfluenceGraph,
    k: int,
    *,
    model: str = "ic",
    epsilon: float = 0.1,
    delta: float | None = None,
    seed: int = 0,
    targets: FloatArray | None = None,
    exclude: BoolArray | None = None,
    costs: FloatArray | None = None,
    budget: float | None = None,
    threads: int = 2,
    min_rr_sets: int = 32_768,
    work_budget: int = 16_000_000,
    progress: ProgressFn | None = None,
) -> SeedSelection:
    """Choose up to ``k`` seeds (or seeds within ``budget``) maximising expected spread.

    >>> import numpy as np
    >>> from grassroots.network.graph import build_graph
    >>> g = build_graph(np.array([0, 0, 0, 3]), np.array([1, 2, 3, 4]), tuple("abcde"))
    >>> select_seeds(g, 1, threads=1).seeds
    (0,)

    References: Tang, Tang, Xiao, Yuan, "Online Processing Algorithms for Influence Maximization",
    SIGMOD 2018.
    """
    if model not in MODELS:
        raise InvalidInput(f"model={model!r}: expected one of {', '.join(MODELS)}")
    require_at_least(threads, 1, name="threads")
    delta = 1.0 / max(graph.n, 2) if delta is None else delta
    eligible = np.ones(graph.n, dtype=np.bool_) if exclude is None else ~np.asarray(exclude, dtype=np.bool_)
    weights = np.ones(graph.n) if targets is None else np.asarray(targets, dtype=np.float64)
    cost_arr = None if costs is None else np.asarray(costs, dtype=np.float64)
    k = _check(graph, k, eligible, weights, cost_arr, budget, epsilon, delta)
    problem = _Problem(
        graph=graph,
        model=model,
        seed=seed,
        threads=threads,
        root_cum=np.zeros(0) if targets is None else np.cumsum(weights),
        eligible=eligible,
        k=k,
        costs=cost_arr,
        budget=budget,
        plan=_plan(graph, k, epsilon, delta, eligible, weights, cost_arr is not None),
    )
    clock = time.perf_counter()
    first, second = problem.draw(0, problem.plan.theta0), problem.draw(_SECOND, problem.plan.theta0)
    sample_s, select_s = time.perf_counter() - clock, 0.0
    for round_no in range(1, problem.plan.rounds + 1):
        last = round_no == problem.plan.rounds
        entries = first.nodes.shape[0] + second.nodes.shape[0]
        if last or first.count >= min_rr_sets or 2 * entries > work_budget:  # else: doubling anyway
            clock = time.perf_counter()
            chosen, cov2, alpha = problem.choose(first, second)
            select_s += time.perf_counter() - clock
            if progress is not None:
                progress("RR sets", first.count + second.count, None)
            if last or alpha >= problem.plan.ratio - epsilon:
                break
        clock = time.perf_counter()
        first, second = problem.double(first, second)
        sample_s += time.perf_counter() - clock
    frac = cov2 / second.count
    half = 1.96 * math.sqrt(frac * (1 - frac) / second.count) * problem.plan.scale
    return SeedSelection(
        seeds=tuple(int(s) for s in chosen),
        spread=frac * problem.plan.scale,
        ci95=(frac * problem.plan.scale - half, frac * problem.plan.scale + half),
        approximation=alpha,
        guarantee=problem.plan.ratio - epsilon,
        epsilon=epsilon,
        delta=delta,
        rr_sets=first.count + second.count,
        rr_entries=int(first.nodes.shape[0] + second.nodes.shape[0]),
        edges_examined=first.edges + second.edges,
        sample_s=sample_s,
        select_s=select_s,
    )


@dataclass(frozen=True, eq=False)
class _Problem:
    """One seed-selection problem: what to sample and how to choose and check on the samples."""

    graph: InfluenceGraph
    model: str
    seed: int
    threads: int
    root_cum: FloatArray
    eligible: BoolArray
    k: int
    costs: FloatArray | None
    budget: float | None
    plan: _Plan

    def draw(self, start: int, count: int) -> RRSets:
        """RR sets ``start .. start+count-1``."""
        return sample_rr_sets(
            self.graph,
            model=self.model,
            start=start,
            count=count,
            seed=self.seed,
            root_cum=self.root_cum,
            threads=self.threads,
        )

    def double(self, first: RRSets, second: RRSets) -> tuple[RRSets, RRSets]:
        """Both collections with as many new sets again (R2 uses its own index range)."""
        more_first = self.draw(first.count, first.count)
        more_second = self.draw(_SECOND + second.count, second.count)
        return first.extend(more_first), second.extend(more_second)

    def choose(self, first: RRSets, second: RRSets) -> tuple[npt.NDArray[np.int64], int, float]:
        """Seeds chosen on R1, their coverage of R2, and the OPIM-C ratio lower/upper bound."""
        n = self.graph.n
        if self.costs is None:
            chosen, _, upper_cov = _rr.greedy_cover(first.nodes, first.offsets, n, self.k, self.eligible)
        else:
            chosen, cov = _rr.greedy_budgeted(
                first.nodes, first.offsets, n, self.costs, self.budget, self.eligible
            )
            upper_cov = cov / self.plan.ratio
        mask = np.zeros(n, dtype=np.bool_)
        mask[chosen] = True
        cov2 = int(_rr.coverage(second.nodes, second.offsets, mask))
        lower = _lower(cov2, second.count, self.plan.a2, self.plan.scale)
        upper = _upper(upper_cov, first.count, self.plan.a1, self.plan.scale)
        return chosen, cov2, lower / max(upper, 1e-300)
