"""Benchmark ``grassroots ingest posts``: 100k and 1M demo-world posts, validation and upsert included.

Each measurement is a fresh ``grassroots`` process (as a user runs it), timed end to end, with peak
RSS from ``wait4``. The second run of the same file must change 0 rows. Two comparisons in the same
run: DuckDB's bare ``read_json`` into a table (a ceiling: no validation, no upsert, no runs row) and
our exact line-by-line path (what a file with a bad row goes through) on the 100k file.

    .venv/bin/python -m bench.ingest [--posts 1000000] [--work DIR] [--quick] [--out DIR]

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

from bench import record

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/grassroots-bench-ingest"))
    options = record.parse_args(parser, argv)
    if options.quick:
        options.posts, options.small = 3_000, 1_000
        options.work = options.work.with_name(options.work.name + "-quick")
    run = record.Run.start("ingest", argv, quick=options.quick)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    options.work.mkdir(parents=True, exist_ok=True)
    big = world(options.work, options.posts, env)
    small = head(big, options.work / f"posts-{options.small}.jsonl", options.small)
    results = [
        ingest_twice(small, options.small, options.work, env),
        ingest_twice(big, options.posts, options.work, env),
    ]
    table = run.table(
        "main",
        [
            "rows",
            "run",
            "wall s",
            "CPU s",
            "posts/s (wall)",
            "posts per CPU-second",
            "peak RSS MB",
            "rows changed",
        ],
        formats=["{:,}", None, "{:.2f}", "{:.2f}", "{:,.0f}", "{:,.0f}", "{:,}", None],
    )
    for r in results:
        for which in ("first", "second"):
            wall, cpu = r[f"{which}_s"], r[f"{which}_cpu"]
            changed = f"{r['rows']:,} inserted" if which == "first" else f"**{r['second_changed']:,}**"
            table.row(
                r["rows"], which, wall, cpu, r["rows"] / wall, r["rows"] / cpu, r[f"{which}_rss"], changed
            )
    small_r, big_r = results
    ratio = max(big_r["first_rss"], big_r["second_rss"]) / max(small_r["first_rss"], small_r["second_rss"])
    peer = peers(small, options.small, options.work, env)
    peers_table = run.table(
        "peers",
        [
            f"{options.small:,}-row file",
            "posts/s (wall)",
            "posts per CPU-second",
            "peak RSS MB",
            "ours / this",
        ],
        formats=[None, "{:,.0f}", "{:,.0f}", "{:,}", "{:.2f}"],
    )
    small_cpu = options.small / small_r["first_cpu"]
    peers_table.row(
        "ours (`grassroots ingest posts`, first run)",
        small_r["first_rate"],
        small_cpu,
        small_r["first_rss"],
        1.0,
    )
    for name, label in (
        ("ceiling", "DuckDB bare `read_json` (no validation, no upsert, no runs row)"),
        ("exact", "our exact line-by-line Python path"),
    ):
        peers_table.row(label, peer[f"{name}_rate"], peer[f"{name}_cpu_rate"], peer[f"{name}_rss"],
                        small_r["first_rate"] / peer[f"{name}_rate"])  # fmt: skip
    run.numbers.update(
        rss_ratio_big_over_small=round(ratio, 3),
        big_first_posts_per_s=round(big_r["first_rate"]),
        big_second_changed=big_r["second_changed"],
    )
    goal = "met" if ratio <= 1.2 else "NOT met"
    print(f"peak RSS {options.posts:,} / {options.small:,}: {ratio:.2f} (goal <= 1.20: {goal})")
    verdict = "met" if big_r["first_rate"] >= 100_000 else "NOT met"
    print(f"posts/s at {options.posts:,}: {big_r['first_rate']:,.0f} wall (goal >= 100,000: {verdict})")
    run.write(options.out)


if __name__ == "__main__":
    main()
