"""An open-loop, constant-rate load generator: request ``i`` is due at ``start + i / rate`` whether or
not earlier ones have answered, and its latency is counted from when it was due (so a slow server
cannot slow the generator down and hide its own queueing: no coordinated omission). Requests not
answered ``GRACE`` seconds after the phase's last one was due are given up: counted as errors, with the
time they had waited as their latency (a lower bound)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Outcome:
    """What one constant-rate phase measured."""

    rate: float  # asked for, requests per second
    sent: int
    achieved: float  # answered requests per second of the phase
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # non-2xx answers and failed connections


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``; NaN when empty.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([5.0], 99)
    (2.0, 5.0)
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


#: requests still unanswered this long after a phase's last one was due are given up (errors)
GRACE = 10.0


async def _phase(client: httpx.AsyncClient, paths: list[str], rate: float, seconds: float) -> Outcome:
    total = max(1, int(rate * seconds))
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter() + 0.05
    answered: set[int] = set()

    async def one(i: int) -> None:
        nonlocal errors
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        try:
            answer = await client.get(paths[i % len(paths)])
            ok = 200 <= answer.status_code < 300
        except httpx.HTTPError:
            ok = False
        latencies.append(time.perf_counter() - due)
        answered.add(i)
        errors += not ok

    tasks = [asyncio.ensure_future(one(i)) for i in range(total)]
    await asyncio.wait(tasks, timeout=seconds + GRACE + 0.05)
    cutoff = time.perf_counter()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    given_up = [i for i in range(total) if i not in answered]
    errors += len(given_up)
    latencies += [cutoff - (start + i / rate) for i in given_up]  # at least this long: counted as such
    elapsed = cutoff - start if given_up else time.perf_counter() - start
    ms = [x * 1000 for x in latencies]
    return Outcome(
        rate,
        total,
        (total - len(given_up)) / elapsed,
        percentile(ms, 50),
        percentile(ms, 95),
        percentile(ms, 99),
        errors,
    )


async def measure(
    base: str, headers: dict[str, str], paths: list[str], rate: float, *, warmup: float, seconds: float
) -> Outcome:
    """Warm up at ``rate`` for ``warmup`` seconds (not counted), then measure ``seconds`` at ``rate``."""
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    client = httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=GRACE, trust_env=False)
    async with client:
        if warmup > 0:
            await _phase(client, paths, rate, warmup)
        return await _phase(client, paths, rate, seconds)


def run(
    base: str, headers: dict[str, str], paths: list[str], rate: float, *, warmup: float, seconds: float
) -> Outcome:
    return asyncio.run(measure(base, headers, paths, rate, warmup=warmup, seconds=seconds))
