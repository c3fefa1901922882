"""Benchmark: the web API under an open-loop constant-rate load (issue 11: p99 ≤ 100 ms at 200 req/s on
the 20,000-person demo world, one server worker, on 127.0.0.1; never in CI).

    .venv/bin/python -m bench.web [--people 20000] [--rates 50 100 200 300 400] [--seconds 20]
                                  [--warmup 5] [--work DIR] [--quick] [--out DIR]

Serves the demo world with ``grassroots serve`` (a new process: one uvicorn worker, holding the writer
lock as in production) and drives it from this process over HTTP keep-alive with an API key. The mix is
a named list of read endpoints, requested round-robin. For each rate it reports the achieved rate,
p50 / p95 / p99 latency (counted from when each request was due) and errors, after a warm-up; then the
rate at which p99 first exceeds 100 ms. The peer in the same run is ``/health`` (no auth, no data): the
floor that uvicorn, FastAPI and this generator set on this machine. The generator shares the machine's
cores with the server, as a client on the same host would.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import record
from bench.web.load import Outcome, run
from bench.web.world import Served, build

GOAL_MS = 100.0


def mix(served: Served) -> list[str]:
    """The named read endpoints, in the order they are requested."""
    b = served.brand
    return [
        "/api/v1/brands",
        f"/api/v1/brands/{b}/advocates?limit=25",
        f"/api/v1/brands/{b}/advocates?limit=25&sort=followers&descending=true",
        f"/api/v1/brands/{b}/advocates/{served.top}",
        f"/api/v1/brands/{b}/mentions?limit=25",
        "/api/v1/alerts?limit=50",
        "/api/v1/runs?limit=20",
        "/api/v1/seed-plans",
        "/api/v1/network/profiles",
        f"/api/v1/trust/reports?brand={b}",
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(data: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``grassroots serve`` on a free port; its stderr goes to ``log`` (never a full pipe)."""
    port = _free_port()
    args = [sys.executable, "-m", "grassroots", "serve", "--port", str(port), "--data-dir", str(data)]
    with log.open("wb") as sink:
        server = subprocess.Popen(args, stderr=sink, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        ready = [line for line in lines if line.startswith("listening on ")]
        if ready:
            return server, ready[0].split()[-1]
        time.sleep(0.2)
    server.kill()
    server.wait()
    raise SystemExit(f"error: grassroots serve did not start (see {log})")


def _row(table: record.Table, what: str, o: Outcome) -> None:
    verdict = "met" if o.p99_ms <= GOAL_MS and not o.errors else "NOT met"
    table.row(what, o.rate, o.achieved, o.p50_ms, o.p95_ms, o.p99_ms, o.errors, verdict)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rates", type=float, nargs="+", default=[50, 100, 200, 300, 400])
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per rate")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds before each rate")
    parser.add_argument("--work", type=Path, default=None, help="where the world is built and kept")
    args = record.parse_args(parser, argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed run still stops its server
    if args.quick:
        args.people, args.rates, args.seconds, args.warmup = 300, [20.0], 2.0, 0.5
    work = args.work or Path(tempfile.gettempdir()) / "grassroots-bench-web"
    served = build(work, args.people)
    run_ = record.Run.start("web", argv, quick=args.quick)
    run_.numbers["people"] = args.people
    run_.numbers["endpoints"] = mix(served)
    table = run_.table(
        "main",
        ["endpoints", "rate asked", "achieved /s", "p50 ms", "p95 ms", "p99 ms", "errors", "p99 ≤ 100 ms"],
        formats=[None, "{:.0f}", "{:.1f}", "{:.1f}", "{:.1f}", "{:.1f}", "{:,}", None],
    )
    server, base = _serve(served.data_dir, work / "serve.log")
    headers = {"Authorization": f"Bearer {served.key}"}
    crossed: float | None = None
    try:
        for rate in args.rates:
            found = run(base, headers, mix(served), rate, warmup=args.warmup, seconds=args.seconds)
            _row(table, f"read mix ({len(mix(served))} endpoints)", found)
            run_.write(args.out)  # what is measured so far survives a killed run (resumable by rates)
            if crossed is None and (found.p99_ms > GOAL_MS or found.errors):
                crossed = rate
                run_.numbers["p99_crosses_100ms_at_rate"] = crossed
        for rate in args.rates:
            if rate in (200.0, args.rates[0]):
                peer = run(base, {}, ["/health"], rate, warmup=args.warmup, seconds=args.seconds)
                _row(table, "peer: `/health` (no auth, no data)", peer)
                run_.write(args.out)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    run_.numbers["p99_crosses_100ms_at_rate"] = crossed
    print(f"p99 first above {GOAL_MS:.0f} ms at: {crossed if crossed else 'no rate tried'} req/s")
    run_.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
