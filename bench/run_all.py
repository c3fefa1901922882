"""Run every benchmark, each writing ``bench/results/<name>.json``, then regenerate ``docs/benchmarks.md``.

    .venv/bin/python -m bench.run_all                 # the full runs (about an hour on 2 cores)
    .venv/bin/python -m bench.run_all --only mentions demo_world
    .venv/bin/python -m bench.run_all --quick --out /tmp/bench   # smoke runs: seconds each, doc untouched

Each benchmark runs in a new process (``python -m bench.NAME``), so one's memory and threads do not
colour the next one's timings. Full runs need ``../shared/data``; CI runs only the quick ones.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench import report
from bench.record import ROOT

#: Every benchmark, in the order the page shows them, with the arguments of its full run.
BENCHMARKS: dict[str, list[str]] = {
    "ingest": [],
    "sentiment": [],
    "sentiment.drift": [],
    "sentiment.airline": [],
    "listen": [],
    "mentions": [],
    "advocates": [],
    "advocates.airlines": ["--part", "dev", "confirm", "all"],
    "trust": [],
    "seeding": [],
    "match": [],
    "match.lookalike": [],
    "demo_world": [],
    "campaigns": [],
    "web": [],
    "assistant": [],
    "recommend": [],
}


def run(name: str, *, quick: bool, out: Path | None) -> int:
    """Run one benchmark in a new process; its exit code."""
    args = [sys.executable, "-m", f"bench.{name}", *BENCHMARKS[name]]
    args += ["--quick"] if quick else []
    args += ["--out", str(out)] if out else []
    print(f"== bench.{name} {' '.join(args[3:])}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    code = subprocess.run(args, cwd=ROOT, env=env, check=False).returncode
    print(f"== bench.{name}: exit {code} after {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--quick", action="store_true", help="smoke runs; the page is not regenerated")
    parser.add_argument(
        "--out", type=Path, default=None, help="directory for the JSON (default bench/results)"
    )
    args = parser.parse_args(argv)
    failed = [name for name in args.only or BENCHMARKS if run(name, quick=args.quick, out=args.out)]
    if failed:
        print(f"error: failed: {', '.join(failed)} (the page is not regenerated)", file=sys.stderr)
        return 1
    if args.quick or args.out:
        return 0
    return report.main([])


if __name__ == "__main__":
    sys.exit(main())
