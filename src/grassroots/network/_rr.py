"""Compiled kernels: reverse-reachable (RR) set sampling under IC and LT, and greedy max coverage.

Each RR set ``i`` draws its random numbers from its own splitmix64 stream seeded by
``(seed, i)``, so a run gives the same sets whether it is split over one thread or two.
Where every in-edge of a node has the same probability ``p`` (weighted cascade, constant), the
IC sampler jumps straight to the next live edge with a geometric draw, as SUBSIM does (Guo,
Wang, Wu, Xiao, SIGMOD 2020), costing O(1 + d·p) instead of O(d) per node.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["coverage", "greedy_budgeted", "greedy_cover", "invert", "sample_ic", "sample_lt", "warm"]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_INV53 = 1.0 / 9007199254740992.0


@njit(cache=True, nogil=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@njit(cache=True, nogil=True)
def stream_start(seed: int, index: int) -> np.uint64:
    """Initial state of the random stream of item ``index`` for run ``seed``."""
    return _mix(np.uint64(seed) * _GOLDEN + _mix(np.uint64(index) + _GOLDEN))


@njit(cache=True, nogil=True, inline="always")
def _next(state: np.uint64) -> tuple[np.uint64, float]:
    state = state + _GOLDEN
    return state, float(_mix(state) >> np.uint64(11)) * _INV53


@njit(cache=True, nogil=True, inline="always")
def _root(state: np.uint64, n: int, root_cum: np.ndarray) -> tuple[np.uint64, int]:
    state, r = _next(state)
    if root_cum.shape[0] == 0:
        return state, min(int(r * n), n - 1)
    idx = np.searchsorted(root_cum, r * root_cum[-1], side="right")
    return state, min(idx, n - 1)


@njit(cache=True, nogil=True, inline="always")
def _push(buf: np.ndarray, size: int, node: int) -> np.ndarray:
    if size == buf.shape[0]:
        bigger = np.empty(buf.shape[0] * 2, dtype=buf.dtype)
        bigger[:size] = buf
        buf = bigger
    buf[size] = node
    return buf


@njit(cache=True, nogil=True)
def sample_ic(in_ptr, in_nbr, in_p, node_p, root_cum, seed, start, count):  # type: ignore[no-untyped-def]
    """Sample RR sets ``start .. start+count-1`` under IC; returns ``(nodes, offsets, edges_examined)``."""
    n = in_ptr.shape[0] - 1
    mark = np.zeros(n, dtype=np.int32)
    buf = np.empty(max(16, count * 4), dtype=np.int32)
    offsets = np.empty(count + 1, dtype=np.int64)
    size = 0
    edges = 0
    offsets[0] = 0
    for j in range(count):
        state = stream_start(seed, start + j)
        state, root = _root(state, n, root_cum)
        stamp = j + 1
        mark[root] = stamp
        head = size
        buf = _push(buf, size, root)
        size += 1
        while head < size:
            v = buf[head]
            head += 1
            a = in_ptr[v]
            d = in_ptr[v + 1] - a
            edges += d
            p = node_p[v]
            if p >= 1.0:
                for e in range(a, a + d):
                    u = in_nbr[e]
                    if mark[u] != stamp:
                        mark[u] = stamp
                        buf = _push(buf, size, u)
                        size += 1
            elif p > 0.0:
                lq = math.log1p(-p)
                pos = -1.0
                while True:
                    state, r = _next(state)
                    pos += 1.0 + math.floor(math.log(1.0 - r) / lq)
                    if pos >= d:
                        break
                    u = in_nbr[a + int(pos)]
                    if mark[u] != stamp:
                        mark[u] = stamp
                        buf = _push(buf, size, u)
                        size += 1
            elif p < 0.0:
                for e in range(a, a + d):
                    state, r = _next(state)
                    if r < in_p[e]:
                        u = in_nbr[e]
                        if mark[u] != stamp:
                            mark[u] = stamp
                            buf = _push(buf, size, u)
                            size += 1
        offsets[j + 1] = size
    return buf[:size].copy(), offsets, edges


@njit(cache=True, nogil=True)
def sample_lt(in_ptr, in_nbr, in_cum, node_p, root_cum, seed, start, count):  # type: ignore[no-untyped-def]
    """Sample RR sets under LT: a backward walk, each node picking at most one in-neighbour."""
    n = in_ptr.shape[0] - 1
    mark = np.zeros(n, dtype=np.int32)
    buf = np.empty(max(16, count * 4), dtype=np.int32)
    offsets = np.empty(count + 1, dtype=np.int64)
    size = 0
    edges = 0
    offsets[0] = 0
    for j in range(count):
        state = stream_start(seed, start + j)
        state, v = _root(state, n, root_cum)
        stamp = j + 1
        mark[v] = stamp
        buf = _push(buf, size, v)
        size += 1
        while True:
            a = in_ptr[v]
            d = in_ptr[v + 1] - a
            if d == 0:
                break
            edges += 1
            state, r = _next(state)
            p = node_p[v]
            if p >= 0.0:
                if r >= p * d:
                    break
                k = min(int(r / p), d - 1)
            else:
                if r >= in_cum[a + d - 1]:
                    break
                k = np.searchsorted(in_cum[a : a + d], r, side="right")
            u = in_nbr[a + k]
            if mark[u] == stamp:
                break
            mark[u] = stamp
            buf = _push(buf, size, u)
            size += 1
            v = u
        offsets[j + 1] = size
    return buf[:size].copy(), offsets, edges


@njit(cache=True, nogil=True)
def invert(nodes, offsets, n):  # type: ignore[no-untyped-def]
    """Node -> RR sets containing it, as ``(ptr, set_ids)`` (counting sort, O(total size))."""
    counts = np.zeros(n + 1, dtype=np.int64)
    for x in nodes:
        counts[x + 1] += 1
    ptr = np.cumsum(counts)
    fill = ptr[:-1].copy()
    sets = np.empty(nodes.shape[0], dtype=np.int32)
    for s in range(offsets.shape[0] - 1):
        for q in range(offsets[s], offsets[s + 1]):
            x = nodes[q]
            sets[fill[x]] = s
            fill[x] += 1
    return ptr, sets


@njit(cache=True, nogil=True)
def _cover(best, ptr, sets, nodes, offsets, covered, deg):  # type: ignore[no-untyped-def]
    gained = 0
    for q in range(ptr[best], ptr[best + 1]):
        s = sets[q]
        if not covered[s]:
            covered[s] = True
            gained += 1
            for t in range(offsets[s], offsets[s + 1]):
                deg[nodes[t]] -= 1
    return gained


@njit(cache=True, nogil=True)
def greedy_cover(nodes, offsets, n, k, eligible):  # type: ignore[no-untyped-def]
    """Greedy maximum coverage of RR sets by ``k`` eligible nodes.

    Returns ``(seeds, coverage, upper)``: ``upper`` bounds the best possible coverage by any
    ``k`` eligible nodes, min over (every k/8-th) greedy prefix of coverage + the k largest
    marginal gains (Tang, Tang, Xiao, Yuan, SIGMOD 2018, section 4).
    """
    ptr, sets = invert(nodes, offsets, n)
    deg = np.diff(ptr)
    deg = np.where(eligible, deg, -1)
    covered = np.zeros(offsets.shape[0] - 1, dtype=np.bool_)
    seeds = np.empty(k, dtype=np.int64)
    total = 0
    upper = np.inf
    every = max(1, k // 8)
    for i in range(k + 1):
        if i % every == 0 or i == k:
            top = np.partition(deg, n - k)[n - k :] if n > k else deg
            upper = min(upper, total + np.maximum(top, 0).sum())
        if i == k:
            break
        best = int(np.argmax(deg))
        seeds[i] = best
        total += _cover(best, ptr, sets, nodes, offsets, covered, deg)
        deg[best] = -1
    return seeds, total, upper


@njit(cache=True, nogil=True)
def greedy_budgeted(nodes, offsets, n, costs, budget, eligible):  # type: ignore[no-untyped-def]
    """Cost-effective greedy (gain / cost) with the best-single-seed fallback.

    Returns ``(seeds, coverage)`` of the better of the two (Leskovec et al., KDD 2007).
    """
    ptr, sets = invert(nodes, offsets, n)
    deg = np.diff(ptr)
    single = -1
    for v in range(n):
        if eligible[v] and costs[v] <= budget and (single < 0 or deg[v] > deg[single]):
            single = v
    single_cov = deg[single] if single >= 0 else 0
    covered = np.zeros(offsets.shape[0] - 1, dtype=np.bool_)
    chosen = np.zeros(n, dtype=np.bool_)
    seeds = np.empty(n, dtype=np.int64)
    count = 0
    total = 0
    left = budget
    while True:
        best = -1
        ratio = 0.0
        for v in range(n):
            if eligible[v] and not chosen[v] and costs[v] <= left and deg[v] > 0:
                r = deg[v] / costs[v]
                if best < 0 or r > ratio:
                    best = v
                    ratio = r
        if best < 0:
            break
        chosen[best] = True
        seeds[count] = best
        count += 1
        left -= costs[best]
        total += _cover(best, ptr, sets, nodes, offsets, covered, deg)
    if single >= 0 and single_cov > total:
        seeds[0] = single
        return seeds[:1].copy(), single_cov
    return seeds[:count].copy(), total


def warm() -> None:
    """Compile every kernel for the array types used at run time."""
    in_ptr = np.array([0, 0, 1, 3], dtype=np.int64)
    in_nbr = np.array([0, 0, 1], dtype=np.int32)
    in_p = np.array([0.5, 0.5, 0.5])
    for node_p in (np.array([0.0, 1.0, 0.5]), np.array([0.0, -1.0, -1.0])):
        for cum in (np.zeros(0), np.array([1.0, 2.0, 3.0])):
            nodes, offsets, _ = sample_ic(in_ptr, in_nbr, in_p, node_p, cum, 1, 0, 8)
            sample_lt(in_ptr, in_nbr, np.cumsum(in_p), node_p, cum, 1, 0, 8)
    eligible = np.ones(3, dtype=np.bool_)
    greedy_cover(nodes, offsets, 3, 2, eligible)
    greedy_budgeted(nodes, offsets, 3, np.ones(3), 2.0, eligible)
    coverage(nodes, offsets, eligible)


@njit(cache=True, nogil=True)
def coverage(nodes, offsets, chosen):  # type: ignore[no-untyped-def]
    """Number of RR sets holding at least one ``chosen`` node."""
    hit = 0
    for s in range(offsets.shape[0] - 1):
        for q in range(offsets[s], offsets[s + 1]):
            if chosen[nodes[q]]:
                hit += 1
                break
    return hit
