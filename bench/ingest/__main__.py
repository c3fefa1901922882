"""Benchmark ``grassroots ingest posts``: 100k and 1M demo-world posts, validation and upsert included.

Each measurement is a fresh ``grassroots`` process (as a user runs it), timed end to end, with peak
RSS from ``wait4``. The second run of the same file must change 0 rows. Two comparisons in the same
run: DuckDB's bare ``read_json`` into a table (a ceiling: no validation, no upsert, no runs row) and
our exact line-by-line path (what a file with a bad row goes through) on the 100k file.

    .venv/bin/python -m bench.ingest [--posts 1000000] [--work /tmp/grassroots-bench-ingest]

Goal (issue 2): >= 100,000 posts/s on 2 cores, and peak RSS at 1M within 20% of that at 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRASSROOTS = [sys.executable, "-m", "grassroots"]

CEILING = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
sql = "CREATE TABLE raw AS SELECT * FROM read_json(?, format = 'newline_delimited')"
con.execute(sql, [sys.argv[2]]).fetchall()
"""

EXACT = """
import sys
from pathlib import Path
from grassroots.ingest.pipeline import ingest_records
from grassroots.ingest.read import iter_records
from grassroots.ingest.sources import INGEST_MEMORY_LIMIT, INGEST_THREADS
from grassroots.lake import TABLES, open_lake
path = Path(sys.argv[2])
with open_lake(Path(sys.argv[1]), memory_limit=INGEST_MEMORY_LIMIT, threads=INGEST_THREADS) as lake:
    report = ingest_records(
        lake, TABLES["posts"], iter_records(path, "jsonl"), path=path, fmt="jsonl", platform=None,
        skip_invalid=False, rejects_dir=None, warnings=[], parameters={},
    )
print(report.counts.inserted)
"""


def measure_rss(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Run ``args``: wall seconds, CPU seconds (user + system), peak RSS in MB (from ``wait4``), stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out.decode()


def world(work: Path, posts: int, env: dict[str, str]) -> Path:
    target = work / f"world-{posts}"
    path = target / "posts.jsonl"
    if not path.exists():
        print(f"generating {posts:,} demo-world posts in {target} ...", file=sys.stderr)
        args = [*GRASSROOTS, "demo-world", "--seed", "7", "--people", "20000", "--posts", str(posts)]
        subprocess.run(
            [*args, "--out", str(target)], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )
    return path


def head(source: Path, target: Path, lines: int) -> Path:
    if not target.exists():
        with source.open("rb") as src, target.open("wb") as dst:
            for number, line in enumerate(src):
                if number >= lines:
                    break
                dst.write(line)
    return target


def ingest_twice(path: Path, rows: int, work: Path, env: dict[str, str]) -> dict[str, object]:
    data = work / f"data-{rows}"
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run(
        [*GRASSROOTS, "init", "--data-dir", str(data)],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    runs = []
    for _ in range(2):
        command = [*GRASSROOTS, "ingest", "posts", str(path), "--data-dir", str(data)]
        wall, cpu, rss, out = measure_rss(command, env)
        runs.append((wall, cpu, rss, json.loads(out)))
    (w1, c1, r1, first), (w2, c2, r2, second) = runs
    assert first["inserted"] == rows, first
    return {
        "rows": rows, "first_s": w1, "first_cpu": c1, "first_rate": rows / w1, "first_rss": r1,
        "second_s": w2, "second_cpu": c2, "second_rate": rows / w2, "second_rss": r2,
        "second_changed": second["inserted"] + second["updated"],
    }  # fmt: skip


def peers(path: Path, rows: int, work: Path, env: dict[str, str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, script in (("ceiling", CEILING), ("exact", EXACT)):
        target = work / f"peer-{name}"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        command = [sys.executable, "-c", script, str(target / "lake.duckdb"), str(path)]
        wall, cpu, rss, _ = measure_rss(command, env)
        out[f"{name}_rate"], out[f"{name}_cpu_rate"], out[f"{name}_rss"] = rows / wall, rows / cpu, rss
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/grassroots-bench-ingest"))
    options = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    options.work.mkdir(parents=True, exist_ok=True)
    big = world(options.work, options.posts, env)
    small = head(big, options.work / f"posts-{options.small}.jsonl", options.small)
    results = [
        ingest_twice(small, options.small, options.work, env),
        ingest_twice(big, options.posts, options.work, env),
    ]
    print(f"cores: {os.cpu_count()} (shared with other work: timings are noisy)")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("rows       run     wall s   CPU s   posts/s wall  posts/CPU-s  peak RSS MB  changed")
    for r in results:
        for run in ("first", "second"):
            wall, cpu = r[f"{run}_s"], r[f"{run}_cpu"]
            line = f"{r['rows']:>9,}  {run:<6} {wall:7.2f} {cpu:7.2f}  {r['rows'] / wall:>12,.0f}"
            line += f"  {r['rows'] / cpu:>11,.0f}  {r[f'{run}_rss']:>11}"
            print(line + (f"  {r['second_changed']}" if run == "second" else ""))
    small_r, big_r = results
    ratio = max(big_r["first_rss"], big_r["second_rss"]) / max(small_r["first_rss"], small_r["second_rss"])
    peer = peers(small, options.small, options.work, env)
    print(f"peak RSS 1M / 100k: {ratio:.2f} (goal <= 1.20: {'met' if ratio <= 1.2 else 'NOT met'})")
    rate, cpu_rate = big_r["first_rate"], options.posts / big_r["first_cpu"]
    verdict = "met" if rate >= 100_000 else "NOT met"
    print(f"posts/s at {options.posts:,}: {rate:,.0f} wall (goal >= 100,000: {verdict})")
    print(f"posts per CPU-second at {options.posts:,}: {cpu_rate:,.0f} (a proxy when the machine is shared)")
    print(f"second run changed {big_r['second_changed']} rows (goal 0)")
    print(
        f"100k peers (wall): bare DuckDB read_json {peer['ceiling_rate']:,.0f}/s (ours/peer "
        f"{small_r['first_rate'] / peer['ceiling_rate']:.2f}); "
        f"exact line-by-line path {peer['exact_rate']:,.0f}/s "
        f"(fast/exact {small_r['first_rate'] / peer['exact_rate']:.1f}x)"
    )
    small_cpu = options.small / small_r["first_cpu"]
    print(
        f"100k peers (per CPU-second): ours {small_cpu:,.0f}, "
        f"bare read_json {peer['ceiling_cpu_rate']:,.0f}, "
        f"exact path {peer['exact_cpu_rate']:,.0f}"
    )


if __name__ == "__main__":
    main()
