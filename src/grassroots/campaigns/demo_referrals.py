"""Planted referral chains with known truth, for the demo campaign and ``bench/campaigns``.

Word of mouth spreads from the participants' campaign posts along the follow graph, one post at a
time in time order. A follower of someone who posted about the brand (and who is neither in the
eligible pool nor already reached) is reached with probability ``reach`` and then:

- with probability ``code`` (only when the poster is a participant with a code): orders with that
  participant's code (the shareable link travelled) -- truth ``code``;
- else with probability ``reply``: replies to the post naming the brand, and may order too
  (``reply_orders``) -- truth ``reply``; their reply is a brand post that spreads in turn, up to
  ``max_hops`` hops from the participant;
- else: orders without a code or a post -- truth ``follow`` (only when ``follow_orders``: an order
  needs a shop customer tied to the account, which the demo's store does not have for everyone).

Organic noise: every follower of a participant who posted orders anyway with probability
``organic``, at a uniform time in the campaign window, whether reached or not (these are not
referrals; follow-based attribution cannot tell them apart when they fall after the post).
Reached people act 1 hour to 5 days after the post they saw.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import numpy as np

__all__ = ["Planted", "ReferralParams", "plant_referrals"]


@dataclass(frozen=True)
class ReferralParams:
    """The planting probabilities (see the module docstring)."""

    reach: float = 0.15
    code: float = 0.3
    reply: float = 0.4
    reply_orders: float = 0.3
    organic: float = 0.0
    max_hops: int = 3
    follow_orders: bool = True


@dataclass(frozen=True)
class Planted:
    """One planted outcome: an order (``value``; ``code`` when one was used) or a brand post
    (``post_id``, replying to ``reply_to`` by ``parent``); ``parent`` None and ``hops`` 0 when organic."""

    person: str
    parent: str | None
    root: str | None
    hops: int
    kind: Literal["code", "reply", "follow", "organic"]
    outcome: Literal["order", "mention"]
    at: datetime
    value: float = 0.0
    code: str | None = None
    post_id: str | None = None
    reply_to: str | None = None


def plant_referrals(
    followers_of: Mapping[str, Sequence[str]],
    posts: Mapping[str, tuple[datetime, str]],
    codes: Mapping[str, str],
    pool: set[str],
    *,
    rng: np.random.Generator,
    window: tuple[datetime, datetime],
    params: ReferralParams = ReferralParams(),
    post_id: Callable[[int], str] = lambda i: f"ref{i}",
) -> list[Planted]:
    """Plant chains from the participants' ``posts`` (person -> (time, post id)); see the module docstring."""
    out: list[Planted] = []
    reached: set[str] = set()
    heap = [(at, pid, person, person, 0) for person, (at, pid) in sorted(posts.items())]
    heapq.heapify(heap)
    while heap:
        at, pid, author, root, hops = heapq.heappop(heap)
        for f in sorted(followers_of.get(author, ())):
            if f in pool or f in reached or rng.random() >= params.reach:
                continue
            reached.add(f)
            when = at + timedelta(hours=1 + float(rng.random()) * 119)
            if hops == 0 and author in codes and rng.random() < params.code:
                out.append(
                    Planted(f, author, root, 1, "code", "order", when, _spend(rng), code=codes[author])
                )
                continue
            if rng.random() < params.reply or not params.follow_orders:
                mine = post_id(len(out))
                out.append(
                    Planted(f, author, root, hops + 1, "reply", "mention", when, post_id=mine, reply_to=pid)
                )
                if rng.random() < params.reply_orders:
                    later = when + timedelta(hours=float(rng.random()) * 48)
                    out.append(Planted(f, author, root, hops + 1, "reply", "order", later, _spend(rng)))
                if hops + 1 < params.max_hops:
                    heapq.heappush(heap, (when, mine, f, root, hops + 1))
                continue
            out.append(Planted(f, author, root, hops + 1, "follow", "order", when, _spend(rng)))
    out += _organic(followers_of, posts, pool, rng, window, params.organic)
    return out


def _organic(
    followers_of: Mapping[str, Sequence[str]],
    posts: Mapping[str, tuple[datetime, str]],
    pool: set[str],
    rng: np.random.Generator,
    window: tuple[datetime, datetime],
    rate: float,
) -> list[Planted]:
    if rate <= 0:
        return []
    span = (window[1] - window[0]).total_seconds()
    people = sorted({f for p in posts for f in followers_of.get(p, ()) if f not in pool})
    out = []
    for f in people:
        if rng.random() < rate:
            at = window[0] + timedelta(seconds=float(rng.random()) * span)
            out.append(Planted(f, None, None, 0, "organic", "order", at, _spend(rng)))
    return out


def _spend(rng: np.random.Generator) -> float:
    return round(float(rng.lognormal(3.4, 0.5)), 2)
