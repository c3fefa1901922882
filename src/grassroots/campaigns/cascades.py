"""Referral chains: who brought whom, how many hops, and the orders and mentions along each chain.

A **root** is an offered participant. An **exposure** ``parent -> child`` at time ``at`` is evidence
that ``child`` saw the campaign through ``parent``:

- ``code``: ``child`` ordered with a discount code owned by ``parent`` (the shareable link travelled);
  ``at`` is the order's time;
- ``reply`` / ``quote`` / ``comment``: ``child`` replied to, quoted or commented on a post of
  ``parent`` naming the brand; ``at`` is the reply's time;
- ``follow``: ``child`` follows ``parent`` and ``parent`` posted about the brand; ``at`` is the post's
  time (the follows table carries no time: following is taken as standing).

**Rule.** ``child`` is referred by an exposure when ``child`` has an outcome (an order or a post
naming the brand) in ``[at, at + window]`` and ``parent`` is a root or was itself referred at or
before ``at``. When several exposures qualify (several parents, or one parent several ways),
**direct evidence beats a follow** (a code, reply, quote or comment names the post or person that
reached them; following several posters does not), and **among exposures of the same strength the
earliest wins**; ties go to the stronger kind (code, reply, quote, comment), then to the smaller
parent id. Exposures are taken in time order from the roots outwards (Dijkstra's order on exposure
time), first without the follows of people who have direct evidence, then with every exposure for
the people still unplaced; so every referred person has exactly one parent that entered the chains
before them: the chains form a forest, and **cycles cannot occur** (an exposure back to an ancestor
finds them already placed and is ignored). People in the eligible pool
(treated and holdout) are never referred: they are measured by arm. Each referred person is credited
with their orders (count, revenue) and brand posts in ``[at, at + window]``.

>>> from datetime import datetime as dt, timedelta
>>> t = dt(2026, 6, 1)
>>> exposures = [Exposure("p", "a", t, "follow"), Exposure("a", "b", t + timedelta(days=1), "reply"),
...              Exposure("b", "a", t + timedelta(days=2), "follow")]
>>> outcomes = [Outcome("a", t + timedelta(days=1), "mention"),
...             Outcome("b", t + timedelta(days=3), "order", 20.0)]
>>> [(r.person_id, r.referrer_id, r.hops) for r in build_cascades(["p"], exposures, outcomes)]
[('a', 'p', 1), ('b', 'a', 2)]
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from grassroots.errors import InvalidInput

__all__ = [
    "EXPOSURE_KINDS",
    "Exposure",
    "ExposureKind",
    "Outcome",
    "Referral",
    "build_cascades",
    "check_window",
    "referral_summary",
]

ExposureKind = Literal["code", "reply", "quote", "comment", "follow"]
#: Exposure kinds, strongest evidence first (the tie-break order).
EXPOSURE_KINDS: tuple[ExposureKind, ...] = ("code", "reply", "quote", "comment", "follow")
_RANK = {k: i for i, k in enumerate(EXPOSURE_KINDS)}
#: The default window from exposure to outcome, in days.
DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True, order=True)
class Exposure:
    """``child`` saw the campaign through ``parent`` at ``at`` (see the module docstring)."""

    parent: str
    child: str
    at: datetime
    kind: ExposureKind


@dataclass(frozen=True)
class Outcome:
    """An order (``value`` its total) or a post naming the brand (``mention``) by ``person``."""

    person: str
    at: datetime
    kind: Literal["order", "mention"]
    value: float = 0.0


@dataclass(frozen=True)
class Referral:
    """One referred person: their parent, the chain's root participant, hops from it, and credit."""

    person_id: str
    referrer_id: str
    root_id: str
    hops: int
    kind: ExposureKind
    exposed_at: datetime
    orders: int
    revenue: float
    mentions: int


def check_window(days: int) -> timedelta:
    """The exposure-to-outcome window, ``days`` in 1..90."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 90:
        raise InvalidInput(f"window_days={days!r}: expected a whole number of days from 1 to 90")
    return timedelta(days=days)


def build_cascades(
    roots: Iterable[str],
    exposures: Iterable[Exposure],
    outcomes: Iterable[Outcome],
    *,
    window: timedelta = timedelta(days=DEFAULT_WINDOW_DAYS),
    pool: Iterable[str] = (),
    direct_first: bool = True,
) -> list[Referral]:
    """The referral forest (see the module docstring), sorted by hops then person id.

    ``pool``: the eligible people (never referred; roots are always excluded too).
    ``direct_first=False`` drops the first rule (the earliest exposure of any kind wins): the
    benchmark's ablation.
    """
    root_set = set(roots)
    barred = root_set | set(pool)
    times: dict[str, list[datetime]] = defaultdict(list)
    for o in outcomes:
        times[o.person].append(o.at)
    for values in times.values():
        values.sort()
    out_of: dict[str, list[Exposure]] = defaultdict(list)
    for e in exposures:
        if e.kind not in _RANK:
            raise InvalidInput(f"kind={e.kind!r}: expected one of {', '.join(EXPOSURE_KINDS)}")
        if e.child not in barred and e.parent != e.child and _converts(times.get(e.child), e.at, window):
            out_of[e.parent].append(e)
    direct = {e.child for edges in out_of.values() for e in edges if e.kind != "follow"}
    placed: dict[str, tuple[Exposure, str, int]] = {}
    # pass 1: follows lose to direct evidence; pass 2: the people only a follow explains
    if direct_first:
        _grow(placed, root_set, out_of, skip=lambda e: e.kind == "follow" and e.child in direct)
    _grow(placed, root_set, out_of, skip=lambda e: False)
    credit = _credit(placed, outcomes, window)
    made = [
        Referral(child, e.parent, root, hops, e.kind, e.at, *credit[child])
        for child, (e, root, hops) in placed.items()
    ]
    return sorted(made, key=lambda r: (r.hops, r.person_id))


def _grow(
    placed: dict[str, tuple[Exposure, str, int]],
    roots: set[str],
    out_of: Mapping[str, Sequence[Exposure]],
    *,
    skip: Callable[[Exposure], bool],
) -> None:
    """Place people in time order of exposure from the roots and everyone already placed (Dijkstra)."""
    heap: list[tuple[datetime, int, str, str, Exposure]] = []

    def push(parent: str, since: datetime | None) -> None:
        for e in out_of.get(parent, ()):
            if (since is None or e.at >= since) and e.child not in placed and not skip(e):
                heapq.heappush(heap, (e.at, _RANK[e.kind], e.parent, e.child, e))

    for root in sorted(roots):
        push(root, None)
    for person, (e, _, _) in sorted(placed.items()):
        push(person, e.at)
    while heap:
        *_, e = heapq.heappop(heap)
        if e.child in placed:
            continue
        root, hops = (e.parent, 1) if e.parent in roots else (placed[e.parent][1], placed[e.parent][2] + 1)
        placed[e.child] = (e, root, hops)
        push(e.child, e.at)


def _converts(times: Sequence[datetime] | None, at: datetime, window: timedelta) -> bool:
    """Whether one of the sorted ``times`` falls in ``[at, at + window]``."""
    if not times:
        return False
    i = bisect_left(times, at)
    return i < len(times) and times[i] <= at + window


def _credit(
    placed: dict[str, tuple[Exposure, str, int]], outcomes: Iterable[Outcome], window: timedelta
) -> dict[str, tuple[int, float, int]]:
    """Orders, revenue and mentions of each referred person in ``[exposed, exposed + window]``."""
    out = {person: [0, 0.0, 0] for person in placed}
    for o in outcomes:
        if o.person not in placed:
            continue
        start = placed[o.person][0].at
        if not start <= o.at <= start + window:
            continue
        cell = out[o.person]
        if o.kind == "order":
            cell[0] += 1
            cell[1] += o.value
        else:
            cell[2] += 1
    return {p: (int(c[0]), round(float(c[1]), 2), int(c[2])) for p, c in out.items()}


def referral_summary(referrals: Sequence[Referral], *, top: int = 10) -> dict[str, Any]:
    """The report's ``cascades.referrals`` object: chains, max hops, totals per hop, top referrers.

    A referrer's ``referred`` counts everyone below them in their chain (direct and further), and
    ``orders`` / ``revenue`` are those people's; roots and referred people alike can be referrers.
    """
    by_hops: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
    parent = {r.person_id: r.referrer_id for r in referrals}
    below: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for r in referrals:
        cell = by_hops[r.hops]
        cell[0] += 1
        cell[1] += r.orders
        cell[2] += r.revenue
        cell[3] += r.mentions
        up: str | None = r.referrer_id
        while up is not None:
            acc = below[up]
            acc[0] += 1
            acc[1] += r.orders
            acc[2] += r.revenue
            up = parent.get(up)
    ranked = sorted(below.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:top]
    return {
        "chains": len({r.root_id for r in referrals}),
        "max_hops": max((r.hops for r in referrals), default=0),
        "by_hops": [
            {
                "hops": h,
                "people": int(c[0]),
                "orders": int(c[1]),
                "revenue": round(c[2], 2),
                "mentions": int(c[3]),
            }
            for h, c in sorted(by_hops.items())
        ],
        "top_referrers": [
            {"person_id": p, "referred": int(a[0]), "orders": int(a[1]), "revenue": round(a[2], 2)}
            for p, a in ranked
        ],
    }
