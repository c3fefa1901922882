"""Benchmark ``grassroots listen scan``: a demo world of 1M posts, the accurate path against the fast path.

One world (20,000 people, ``--posts`` posts) is generated and ingested once; then ``grassroots
listen scan --brand Lumenleaf`` runs as a fresh process (as a user runs it) with ``--path fast``
and with ``--path accurate`` (the default), timed end to end with CPU time and peak RSS from
``wait4``. Both find the same posts (the mention step is shared); the difference is the
sentiment model. Posts/s = lake posts read / wall seconds.

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.listen [--posts 1000000] [--work DIR] [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import record

ROOT = Path(__file__).resolve().parents[2]
GRASSROOTS = [sys.executable, "-m", "grassroots"]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS (MB) and stderr of one CLI process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/grassroots-bench-listen"))
    args = record.parse_args(parser, argv)
    people = ["--people", "300"] if args.quick else []
    if args.quick:
        args.posts, args.work = 3_000, args.work.with_name(args.work.name + "-quick")
    run = record.Run.start("listen", argv, quick=args.quick)
    shutil.rmtree(args.work, ignore_errors=True)
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(args.work / "data"), "HF_HUB_OFFLINE": "1"}
    world = args.work / "world"
    subprocess.run(
        [*GRASSROOTS, "demo-world", "--out", str(world), "--posts", str(args.posts), *people],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    subprocess.run([*GRASSROOTS, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*GRASSROOTS, "ingest", "posts", str(world / "posts.jsonl")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    subprocess.run(
        [*GRASSROOTS, "brand", "add", "--file", str(world / "brand.yaml")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    table = run.table(
        "main",
        ["path", "posts about the brand / competitors", "wall s", "CPU s", "posts/s (wall)", "peak RSS MB"],
        formats=[None, None, "{:.1f}", "{:.1f}", "{:,.0f}", "{:.0f}"],
    )
    walls = {}
    for path in ("fast", "accurate"):
        wall, cpu, rss, err = timed(
            [*GRASSROOTS, "listen", "scan", "--brand", "Lumenleaf", "--path", path], env
        )
        found = " ".join(err.split()).split(";")[0]
        walls[path] = wall
        table.row(path if path == "fast" else "accurate (default)", found, wall, cpu, args.posts / wall, rss)
    run.numbers["accurate_over_fast_wall"] = round(walls["accurate"] / walls["fast"], 2)
    run.numbers["lake_posts"] = args.posts
    print(f"accurate / fast wall-time ratio: {walls['accurate'] / walls['fast']:.2f}")
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
