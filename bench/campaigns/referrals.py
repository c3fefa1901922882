"""Referral chains recovered against planted truth on the demo world's follow graph.

Each seed: ``ELIGIBLE`` people drawn as the pool, half treated (all offered, each with a code);
a treated person posts about the gift with probability ``world.POST`` in the campaign's first week.
:func:`grassroots.campaigns.demo_referrals.plant_referrals` plants word of mouth with known truth
(who brought whom, hops) plus organic orders by followers of posters (``ORGANIC``: not referrals).
The observable facts are turned into exposures as ``campaign cascades`` does from the lake and the
store (follows of every brand post, replies, codes on orders) and the chains are rebuilt with
:func:`grassroots.campaigns.build_cascades` (14-day window), against a naive baseline that
attributes by discount code only, and an ablation where the earliest exposure of any kind wins
(``direct_first=False``: a follow of an earlier poster beats a reply to a later one). Scores:
precision and recall of referral edges (child, parent), hop counts right among people found, and
orders attributed per hop vs the truth.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from bench.campaigns.world import POST, World
from grassroots.campaigns import Exposure, Outcome, Referral, build_cascades
from grassroots.campaigns.demo_referrals import Planted, ReferralParams, plant_referrals

ELIGIBLE = 200
ORGANIC = 0.02
PARAMS = ReferralParams(organic=ORGANIC)
START, END = datetime(2026, 6, 1), datetime(2026, 7, 1)
WINDOW = timedelta(days=14)
METHODS = ("chains", "earliest-only", "code-only")


def followers_of(world: World) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for follower, followed in world.pairs:
        out[followed].append(follower)
    return out


def _observed(
    fans: dict[str, list[str]],
    posts: dict[str, tuple[datetime, str]],
    codes: dict[str, str],
    planted: list[Planted],
) -> tuple[list[Exposure], list[Outcome]]:
    """What the lake and store would show: brand posts with their followers, replies, code orders."""
    author = {pid: person for person, (_, pid) in posts.items()}
    brand_posts = [(person, at) for person, (at, _) in posts.items()]
    owner = {code: person for person, code in codes.items()}
    exposures, outcomes = [], []
    for p in planted:
        outcomes.append(Outcome(p.person, p.at, p.outcome, p.value))
        if p.outcome == "mention" and p.post_id is not None:
            author[p.post_id] = p.person
            brand_posts.append((p.person, p.at))
            if p.reply_to is not None:
                exposures.append(Exposure(author[p.reply_to], p.person, p.at, "reply"))
        if p.code is not None:
            exposures.append(Exposure(owner[p.code], p.person, p.at, "code"))
    for person, at in brand_posts:
        exposures += [Exposure(person, f, at, "follow") for f in fans.get(person, ())]
    return exposures, outcomes


def _scores(found: list[Referral], planted: list[Planted]) -> dict[str, float]:
    truth = {p.person: (p.parent, p.hops) for p in planted if p.parent is not None}
    edges = {(r.person_id, r.referrer_id) for r in found}
    right = {(c, parent) for c, (parent, _) in truth.items()} & edges
    people = [r for r in found if r.person_id in truth]
    out = {
        "found": float(len(edges)),
        "truth": float(len(truth)),
        "right": float(len(right)),
        "hops_right": float(sum(truth[r.person_id][1] == r.hops for r in people)),
        "people_right": float(len(people)),
    }
    for h in (1, 2, 3):
        out[f"orders_hop{h}"] = float(sum(r.orders for r in found if r.hops == h))
        out[f"true_orders_hop{h}"] = float(
            sum(1 for p in planted if p.parent is not None and p.outcome == "order" and p.hops == h)
        )
    return out


def run_seed(world: World, fans: dict[str, list[str]], seed: int) -> dict[str, Any]:
    """One campaign with planted chains: the scores of both methods."""
    rng = np.random.default_rng([seed, 13])
    n = len(world.ids)
    eligible = [world.ids[i] for i in rng.choice(n, ELIGIBLE, replace=False)]
    treated = eligible[: ELIGIBLE // 2]
    codes = {p: f"C{seed}X{i}" for i, p in enumerate(treated)}
    posts = {
        p: (START + timedelta(hours=float(rng.random()) * 24 * 7), f"root{seed}-{i}")
        for i, p in enumerate(treated)
        if rng.random() < POST
    }
    planted = plant_referrals(fans, posts, codes, set(eligible), rng=rng, window=(START, END), params=PARAMS)
    exposures, outcomes = _observed(fans, posts, codes, planted)
    out: dict[str, Any] = {}
    for method in METHODS:
        kept = exposures if method != "code-only" else [e for e in exposures if e.kind == "code"]
        found = build_cascades(
            treated, kept, outcomes, window=WINDOW, pool=eligible, direct_first=method != "earliest-only"
        )
        out[method] = _scores(found, planted)
    return out


def summary(results: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows per method: precision, recall, hops right, orders by hop found vs true (pooled over seeds)."""
    rows = []
    for method in METHODS:
        tot: dict[str, float] = defaultdict(float)
        for r in results:
            for k, v in r[method].items():
                tot[k] += v
        precision = tot["right"] / tot["found"] if tot["found"] else float("nan")
        recall = tot["right"] / tot["truth"] if tot["truth"] else float("nan")
        hops = tot["hops_right"] / tot["people_right"] if tot["people_right"] else float("nan")
        orders = ", ".join(
            f"{tot[f'orders_hop{h}'] / len(results):.1f} / {tot[f'true_orders_hop{h}'] / len(results):.1f}"
            for h in (1, 2, 3)
        )
        rows.append([method, len(results), precision, recall, hops, tot["truth"] / len(results), orders])
    return rows
