"""Audiences: pairwise overlap of a shortlist, and a roster chosen for distinct reach (docs/match.md).

A person's audience is read from the lake: their followers (``follows`` rows ``src -> dst``: ``src``
follows ``dst``), or, where no follower list is known, the people who engaged with them (commented on
their posts, or replied to / quoted them) in the ``window_days`` before the newest post: the result
says which basis each person's audience has. Overlap is exact Jaccard when both audiences are at
most ``exact_limit`` people, else estimated from MinHash signatures (Broder 1997; 256 permutations,
standard error about 0.03).

The roster maximises distinct *engaged followers* (followers who also engaged; followers where no
engagement is known) by greedy max coverage, which is within (1 - 1/e) of the best roster
(Nemhauser, Wolsey & Fisher 1978); with costs and a budget, the greedy picks by gain per cost and is
compared with the best single affordable person (Khuller, Moss & Naor 1999).

>>> greedy_cover({"a": {1, 2, 3}, "b": {3, 4}, "c": {5}}, k=2)
['a', 'b']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations
from typing import Literal

import numpy as np

from grassroots.lake import Lake

__all__ = ["Audience", "Overlap", "greedy_cover", "jaccard", "minhash_jaccard", "overlaps", "read_audiences"]

Basis = Literal["followers", "engagers", "engaged followers", "none"]
_PRIME = (1 << 61) - 1


@dataclass(frozen=True)
class Audience:
    """One person's known followers and the people who engaged with them in the window."""

    account_id: str
    followers: frozenset[str]
    engagers: frozenset[str]

    def people(self, *, engaged: bool = False) -> tuple[frozenset[str], Basis]:
        """The audience and its basis: engaged followers (with ``engaged``, when any), else followers,
        else engagers (follower list unknown), else nobody."""
        both = self.followers & self.engagers
        if engaged and both:
            return both, "engaged followers"
        if self.followers:
            return self.followers, "followers"
        if self.engagers:
            return self.engagers, "engagers"
        return frozenset(), "none"


@dataclass(frozen=True)
class Overlap:
    """Overlap of two audiences: Jaccard, how it was computed, and the intersection size (exact only)."""

    a: str
    b: str
    jaccard: float
    method: Literal["exact", "minhash"]
    shared: int | None
    basis: str


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets).

    >>> jaccard({"x", "y"}, {"y", "z"})
    0.3333333333333333
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _signature(people: frozenset[str], perms: int, seed: int) -> np.ndarray:
    """Minimum of ``perms`` random bijections of the 64-bit ids (xor a mask, multiply by an odd number,
    fold the high bits), in chunks so a million followers need little memory."""
    rng = np.random.default_rng(seed)
    masks = rng.integers(0, np.iinfo(np.int64).max, size=perms, dtype=np.int64).astype(np.uint64)
    odd = rng.integers(0, np.iinfo(np.int64).max, size=perms, dtype=np.int64).astype(np.uint64) | np.uint64(1)
    out = np.full(perms, np.iinfo(np.uint64).max, dtype=np.uint64)
    ids = np.fromiter((hash_id(p) for p in people), dtype=np.uint64, count=len(people))
    for start in range(0, len(ids), 20_000):
        mixed = (ids[start : start + 20_000, None] ^ masks[None, :]) * odd[None, :]
        mixed ^= mixed >> np.uint64(29)
        out = np.minimum(out, mixed.min(axis=0))
    return out


def hash_id(person: str) -> int:
    """A stable 64-bit hash of an id (blake2b), the same in every process."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(person.encode(), digest_size=8).digest(), "little")


def minhash_jaccard(a: frozenset[str], b: frozenset[str], *, perms: int = 256, seed: int = 0) -> float:
    """MinHash estimate of the Jaccard of ``a`` and ``b`` (share of equal signature minima)."""
    return float((_signature(a, perms, seed) == _signature(b, perms, seed)).mean())


def read_audiences(lake: Lake, accounts: Sequence[str], *, window_days: int = 90) -> dict[str, Audience]:
    """Followers of each account, else the people who engaged with it in the window (see module doc)."""
    wanted = set(accounts)
    followers: dict[str, set[str]] = defaultdict(set)
    if "follows" in lake.counts():
        for batch in lake.iter_batches("follows", columns=["src", "dst"]):
            for src, dst in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
                if dst in wanted:
                    followers[dst].add(src)
    engaged = _engagers(lake, wanted, window_days)
    return {
        a: Audience(a, frozenset(followers.get(a, set())), frozenset(engaged.get(a, set()))) for a in accounts
    }


def _engagers(lake: Lake, wanted: set[str], window_days: int) -> dict[str, set[str]]:
    posts = lake.scan("posts", columns=["id", "author", "created_at", "reply_to_author"])
    dates = [d for d in posts["created_at"].to_pylist() if d]
    since = max(dates) - timedelta(days=window_days) if dates else None
    owner: dict[str, str] = {}
    out: dict[str, set[str]] = defaultdict(set)
    for pid, author, created, replied in zip(
        *(posts[c].to_pylist() for c in posts.column_names), strict=True
    ):
        if author in wanted:
            owner[pid] = author
        if replied in wanted and author != replied and (since is None or (created and created >= since)):
            out[replied].add(author)
    if "comments" in lake.counts():
        comments = lake.scan("comments", columns=["post_id", "author", "created_at"])
        for pid, author, created in zip(
            *(comments[c].to_pylist() for c in comments.column_names), strict=True
        ):
            who = owner.get(pid)
            if who and author != who and (since is None or created is None or created >= since):
                out[who].add(author)
    return out


def overlaps(audiences: Mapping[str, Audience], *, exact_limit: int = 10_000) -> list[Overlap]:
    """Pairwise overlap of every two audiences, in input order."""
    out = []
    for x, y in combinations(list(audiences), 2):
        (a, basis_a), (b, basis_b) = audiences[x].people(), audiences[y].people()
        basis = basis_a if basis_a == basis_b else f"{basis_a} / {basis_b}"
        if max(len(a), len(b)) <= exact_limit:
            out.append(Overlap(x, y, jaccard(a, b), "exact", len(a & b), basis))
        else:
            out.append(Overlap(x, y, minhash_jaccard(a, b), "minhash", None, basis))
    return out


def greedy_cover(
    sets: Mapping[str, set[str] | frozenset[str]],
    *,
    k: int,
    costs: Mapping[str, float] | None = None,
    budget: float | None = None,
) -> list[str]:
    """Up to ``k`` keys maximising ``|union of their sets|`` (greedy; gain per cost under a budget)."""
    chosen: list[str] = []
    covered: set[str] = set()
    spent = 0.0
    while len(chosen) < k:
        best, best_value = None, 0.0
        for key, people in sets.items():
            if key in chosen:
                continue
            cost = (costs or {}).get(key, 1.0)
            if budget is not None and spent + cost > budget:
                continue
            gain = len(people - covered)
            value = gain / cost if budget is not None else float(gain)
            if gain and (value > best_value or (value == best_value and best is not None and key < best)):
                best, best_value = key, value
        if best is None:
            break
        chosen.append(best)
        covered |= sets[best]
        spent += (costs or {}).get(best, 1.0)
    if budget is not None and costs is not None:
        single = max(
            (key for key in sets if costs.get(key, 1.0) <= budget), key=lambda x: len(sets[x]), default=None
        )
        if single is not None and len(sets[single]) > len(set().union(*(sets[c] for c in chosen))):
            return [single]
    return chosen
