"""The proof on the demo world: simulated campaigns with a known direct effect and word of mouth.

One demo world (``generate_world(seed=1, people=5000)`` in a temporary directory: the committed
advocates world is not touched) gives the follow graph and follower counts. Each campaign seed:

- draws an eligible pool of ``ELIGIBLE`` people, half randomised to treatment, half to holdout;
- a treated person orders with probability ``P0 + TAU_D`` (holdout ``P0``) and posts about the gift
  with probability ``POST`` (everyone else posts with ``ORGANIC``);
- each follower of a posting treated person hears of it with probability ``Q`` and then orders with
  probability ``P0 + TAU_S`` (word of mouth, one hop);
- null campaigns (every 4th seed) have ``TAU_D = TAU_S = 0`` and no campaign posts.

The truths are exact: direct lift on orders ``TAU_D``, on mentions ``POST - ORGANIC``, and spillover on
single-contact friends (the exposure mapping of ``grassroots.campaigns.spillover``) ``POST * Q * TAU_S``.

Seeding: the same treated arm's budget (``K`` gifts at one unit cost each) spent on ``K`` seeds chosen
by ``grassroots.network.select_seeds`` or by follower count, or at random. The network engine gets the
word of mouth the simulation runs: one hop, so its graph is bipartite (poster ``i`` -> listener ``j``
when ``j`` follows ``i``, probability ``POST * Q``; IC on it is exactly the expected one-hop reach),
and only posters of the treated arm may be seeds. A second, priced comparison charges a creator fee
(a gift of 1 unit plus 1 unit per ``FEE_PER`` followers) within a budget of ``BUDGET`` units: the network
engine gets the costs and the budget; follower-count and random seeds are taken in their order while
they fit. Incremental orders are realised with common random
numbers against the campaign-free world (the simulation knows the counterfactual).
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from grassroots.campaigns import neyman_lift, spillover_lift
from grassroots.demo_world import generate_world
from grassroots.network import InfluenceGraph, build_graph, select_seeds, top_scores

P0, TAU_D, POST, ORGANIC, Q, TAU_S = 0.05, 0.15, 0.6, 0.02, 0.2, 0.3
ELIGIBLE, K = 200, 10
#: Priced seeding: a gift of 1 unit plus a creator fee of 1 unit per FEE_PER followers, within BUDGET.
FEE_PER, BUDGET = 1000.0, 30.0
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class World:
    """The demo world's follow graph as person indices (``follower`` follows ``followed``)."""

    ids: tuple[str, ...]
    followers: npt.NDArray[np.float64]  # follower counts from accounts.csv (the platform's number)
    follower: I64
    followed: I64
    pairs: tuple[tuple[str, str], ...]
    graph: InfluenceGraph  # one-hop word of mouth: poster i -> listener n + j when j follows i


def load_world(people: int = 5000) -> World:
    with tempfile.TemporaryDirectory() as d:
        files = generate_world(d, seed=1, people=people)
        with files.path("accounts").open(encoding="utf-8", newline="") as fh:
            accounts = [(row["id"], float(row["followers"])) for row in csv.DictReader(fh)]
        index = {a: i for i, (a, _) in enumerate(accounts)}
        with files.path("follows").open(encoding="utf-8", newline="") as fh:
            edges = [(index[r["src"]], index[r["dst"]]) for r in csv.DictReader(fh)]
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    ids = tuple(a for a, _ in accounts)
    pairs = tuple((ids[s], ids[t]) for s, t in edges)
    n = len(ids)
    labels = ids + tuple(f"listener:{i}" for i in ids)
    graph = build_graph(dst, src + n, labels, probability=f"const:{POST * Q}")
    return World(ids, np.array([f for _, f in accounts]), src, dst, pairs, graph)


def _heard(world: World, posting: npt.NDArray[np.bool_], edge_u: npt.NDArray[np.float64]) -> np.ndarray:
    """Who hears of the campaign: followers of a posting person, each edge carrying with ``Q``."""
    live = posting[world.followed] & (edge_u < Q)
    heard = np.zeros(len(world.ids), dtype=np.bool_)
    heard[world.follower[live]] = True
    return heard


def run_seed(world: World, seed: int) -> dict[str, float]:
    """One campaign: estimates, intervals and truths of the direct lift and the spillover."""
    rng = np.random.default_rng(seed)
    null = seed % 4 == 0
    tau_d, tau_s, post = (0.0, 0.0, ORGANIC) if null else (TAU_D, TAU_S, POST)
    n = len(world.ids)
    eligible = rng.choice(n, ELIGIBLE, replace=False)
    treated = np.zeros(n, dtype=np.bool_)
    treated[eligible[: ELIGIBLE // 2]] = True
    in_pool = np.zeros(n, dtype=np.bool_)
    in_pool[eligible] = True
    posts = rng.random(n) < np.where(treated, post, ORGANIC)
    campaign_posts = posts & treated & (not null)
    heard = _heard(world, campaign_posts, rng.random(len(world.follower))) & ~in_pool
    orders = (rng.random(n) < P0 + tau_d * treated + tau_s * heard).astype(np.float64)
    arms = ["treatment" if treated[i] else "holdout" for i in eligible]
    direct = neyman_lift(orders[eligible].tolist(), arms)
    mentions = neyman_lift(posts[eligible].astype(np.float64).tolist(), arms)
    arm_of = {world.ids[i]: a for i, a in zip(eligible, arms, strict=True)}
    outcome = {world.ids[i]: 1.0 for i in np.flatnonzero(orders)}
    spill = spillover_lift(arm_of, world.pairs, outcome)
    out = {"null": float(null)}
    for name, est, true in (
        ("direct", direct, tau_d),
        ("mentions", mentions, post - ORGANIC if not null else 0.0),
        ("spillover", spill, post * Q * tau_s),
    ):
        out[f"{name}_est"], out[f"{name}_true"] = est.lift, true
        out[f"{name}_hit"] = float(est.ci[0] <= true <= est.ci[1])
        out[f"{name}_width"] = est.ci[1] - est.ci[0]
    out["spill_people"] = float(spill.n_exposed + spill.n_control)
    out["spill_both"] = float(spill.excluded_both_arms)
    if not null:
        out.update(_seeding(world, rng, treated, seed))
    return out


def _seeding(world: World, rng: np.random.Generator, treated: np.ndarray, seed: int) -> dict[str, float]:
    """Incremental orders per unit of cost of K seeds from the treated arm, by three strategies."""
    posters_only = np.concatenate([~treated, np.ones(len(treated), dtype=np.bool_)])
    chosen = {
        "network": select_seeds(world.graph, K, exclude=posters_only, seed=seed, threads=1).seeds,
        "followers": top_scores(world.followers, K, exclude=~treated),
        "random": tuple(rng.choice(np.flatnonzero(treated), K, replace=False)),
    }
    n = len(world.ids)
    cost = 1 + world.followers / FEE_PER
    priced = {
        "network": select_seeds(
            world.graph, 1, exclude=posters_only, costs=np.concatenate([cost, np.ones(n)]), budget=BUDGET,
            seed=seed, threads=1,
        ).seeds,
        "followers": _within(np.argsort(-world.followers, kind="stable"), treated, cost),
        "random": _within(rng.permutation(n), treated, cost),
    }  # fmt: skip
    person_u, post_u, edge_u = rng.random(n), rng.random(n), rng.random(len(world.follower))
    out = {}
    for prefix, plan, costs in (("seeding", chosen, None), ("priced", priced, cost)):
        for name, seeds in plan.items():
            is_seed = np.zeros(n, dtype=np.bool_)
            is_seed[list(seeds)] = True
            heard = _heard(world, is_seed & (post_u < POST), edge_u) & ~is_seed
            with_campaign = person_u < P0 + TAU_D * is_seed + TAU_S * heard
            spent = K if costs is None else float(costs[is_seed].sum())
            out[f"{prefix}_{name}"] = float(np.sum(with_campaign) - np.sum(person_u < P0)) / spent
    return out


def _within(order: np.ndarray, allowed: np.ndarray, cost: np.ndarray) -> tuple[int, ...]:
    """People of ``allowed`` in ``order``, each taken if they still fit in ``BUDGET``."""
    picked, spent = [], 0.0
    for i in order:
        if allowed[i] and spent + cost[i] <= BUDGET:
            picked.append(int(i))
            spent += float(cost[i])
    return tuple(picked)
