"""Benchmark: how fast the demo world is generated (issue 2: 20,000 people in <= 30 s; a million posts fast).

Each size runs as ``grassroots demo-world`` in a new process (start-up included), so peak RSS is the
child's own. The peer in the same run is the plainest Python writer of the same post records: a dict
per post and ``json.dumps`` per line, with a fixed text (no generation at all).

    .venv/bin/python -m bench.demo_world [--big 1000000] [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import record


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _generate(out: Path, people: int, posts: int | None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one ``grassroots demo-world`` run in a new process."""
    args = [sys.executable, "-m", "grassroots", "demo-world", "--seed", "1", "--people", str(people)]
    args += ["--out", str(out)] + (["--posts", str(posts)] if posts else [])
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, _cpu() - cpu, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _naive_writer(path: Path, n: int) -> float:
    """Seconds to write ``n`` post records with a dict + json.dumps per line (the peer)."""
    started = time.process_time()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = {
                "platform": "instagram",
                "id": str(3_000_000_000_000_000_000 + i),
                "author": str(1_000_000 + i % 20_000),
                "text": "restocked my Glow Serum from Lumenleaf again ✨",
                "created_at": "2026-03-02T00:00:00Z",
                "like_count": i % 97,
                "comment_count": i % 7,
                "share_count": i % 3,
                "url": "https://www.instagram.com/p/CmiJBsioma5/",
                "lang": "en",
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", type=int, default=1_000_000, help="posts in the large run")
    parser.add_argument("--people", type=int, default=20_000)
    args = record.parse_args(parser, argv)
    if args.quick:
        args.big, args.people = 3_000, 300
    run = record.Run.start("demo_world", argv, quick=args.quick)
    table = run.table(
        "main",
        ["run", "wall s", "CPU s", "posts per CPU-second", "peak RSS MB", "goal"],
        formats=[None, "{:.1f}", "{:.1f}", "{:,.0f}", "{:.0f}", None],
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        default_posts = 5 * args.people
        secs, cpu, rss = _generate(base / "default", args.people, None)
        verdict = "met" if secs <= 30 else "NOT met"
        table.row(
            f"default world: {args.people:,} people, {default_posts:,} posts", secs, cpu,
            default_posts / cpu, rss, f"≤ 30 s: **{verdict}**",
        )  # fmt: skip
        secs_big, cpu_big, rss_big = _generate(base / "big", args.people, args.big)
        size = (base / "big" / "posts.jsonl").stat().st_size / 1e6
        comments = sum(1 for _ in (base / "big" / "comments.jsonl").open(encoding="utf-8"))
        table.row(
            f"`--posts {args.big:,}` ({args.people:,} people, {comments:,} comments, "
            f"{size:.0f} MB posts.jsonl)",
            secs_big, cpu_big, args.big / cpu_big, rss_big, "streams to disk: posts in 50k chunks",
        )  # fmt: skip
        naive = _naive_writer(base / "naive.jsonl", args.big)
        table.row(
            "peer: dict + `json.dumps` per post, fixed text, posts only",
            None,
            naive,
            args.big / naive,
            None,
            "",
        )
    run.numbers["whole_world_over_peer_cpu"] = round(cpu_big / naive, 2)
    print(f"whole world / peer CPU time = {cpu_big / naive:.2f}")
    run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
