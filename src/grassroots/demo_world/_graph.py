"""The follow graph: who follows whom inside the world.

Each account's in-world followers are a sample of its reported audience whose size grows with the
square root of the follower count (so in-degrees are heavy-tailed, nano to mega). A planted share of
that sample (``fake_share``) are fake accounts; the real followers come mostly from the same community
(shared interests and home city), then from the same city, then from anywhere. Pod members all follow
each other.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from grassroots.demo_world._people import People
from grassroots.demo_world.params import WorldParams
from grassroots.demo_world.taxonomy import CITIES

__all__ = ["followers_csr", "make_follows"]

I64 = npt.NDArray[np.int64]


def _pools(keys: I64, members: I64, n_keys: int) -> tuple[I64, I64, I64]:
    """Members grouped by key: (members in key order, start offset per key, size per key)."""
    order = members[np.argsort(keys[members], kind="stable")]
    size = np.bincount(keys[members], minlength=n_keys).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(size)[:-1]]).astype(np.int64)
    return order, start, size


def _draw(rng: np.random.Generator, pool: tuple[I64, I64, I64], key: I64) -> I64:
    """One random member of pool ``key[j]`` for each j (key must have a non-empty pool)."""
    order, start, size = pool
    return order[start[key] + (rng.random(len(key)) * size[key]).astype(np.int64)]


def _in_world_sizes(people: People, p: WorldParams) -> I64:
    f = people.followers.astype(np.float64)
    cap = max(20, min(1500, p.people // 10))
    n_in = np.where(people.is_creator, 20 + 1.5 * np.sqrt(f), 1 + 1.2 * np.sqrt(f))
    n_in = np.where(people.is_fake, np.sqrt(f) / 2, n_in)
    return np.minimum(np.minimum(n_in, cap), f).astype(np.int64)


def make_follows(rng: np.random.Generator, people: People, p: WorldParams) -> tuple[I64, I64]:
    """Directed follow edges ``src follows dst`` as person indices, de-duplicated, no self-loops."""
    n = people.n
    n_in = _in_world_sizes(people, p)
    k_fake = rng.binomial(n_in, np.clip(people.fake_share, 0, 1))
    k_real = n_in - k_fake
    real = np.flatnonzero(~people.is_fake)
    fakes = np.flatnonzero(people.is_fake)
    dst_r = np.repeat(np.arange(n, dtype=np.int64), k_real)
    comm, loc = people.community[dst_r], people.location[dst_r]
    u = rng.random(len(dst_r))
    in_comm = (u < p.follow_in_community) & (comm >= 0)
    same_loc = ~in_comm & (u < p.follow_in_community + p.follow_same_location) & (loc >= 0)
    src_r = real[rng.integers(0, len(real), size=len(dst_r))]
    n_comm = int(people.community.max()) + 1
    src_r[in_comm] = _draw(rng, _pools(people.community, real, n_comm), comm[in_comm])
    located = real[people.location[real] >= 0]
    src_r[same_loc] = _draw(rng, _pools(people.location, located, len(CITIES)), loc[same_loc])
    dst_f = np.repeat(np.arange(n, dtype=np.int64), k_fake)
    src_f = fakes[rng.integers(0, len(fakes), size=len(dst_f))]
    pods = [np.flatnonzero(people.pod == k) for k in range(int(people.pod.max()) + 1)]
    pod_src = np.concatenate([np.repeat(m, len(m)) for m in pods] or [np.zeros(0, np.int64)])
    pod_dst = np.concatenate([np.tile(m, len(m)) for m in pods] or [np.zeros(0, np.int64)])
    src = np.concatenate([src_r, src_f, pod_src]).astype(np.int64)
    dst = np.concatenate([dst_r, dst_f, pod_dst]).astype(np.int64)
    keep = src != dst
    pair = np.unique(src[keep] * n + dst[keep])
    return pair // n, pair % n


def followers_csr(src: I64, dst: I64, n: int) -> tuple[I64, I64]:
    """In-world followers of each person as CSR: followers of i are ``idx[start[i]:start[i+1]]``."""
    order = np.argsort(dst, kind="stable")
    start = np.concatenate([[0], np.cumsum(np.bincount(dst, minlength=n))]).astype(np.int64)
    return start, src[order]
