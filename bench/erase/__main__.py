"""Benchmark what the data-dir integrity rules cost on the demo world: the writer's snapshot copy, and
``grassroots erase`` (compaction included), each a fresh ``grassroots`` process as a user runs it.

    .venv/bin/python -m bench.erase [--people 20000] [--work /tmp/grassroots-bench-erase]

Builds a data dir from the demo world (accounts, snapshots, follows, posts, comments, shop exports), then
times: an ingest of one small file into the full lake (pays one snapshot copy), the snapshot copy alone,
and erasing three people (the most prolific author by handle, a shop customer by e-mail, a quiet account
by id). After each erase it searches every file under the data dir for the person's handle and id.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
GRASSROOTS = [sys.executable, "-m", "grassroots"]
#: (file name stem in the demo world, ingest source)
LAKE_FILES = (
    ("accounts", "accounts"),
    ("account_snapshots", "snapshots"),
    ("follows", "follows"),
    ("posts", "posts"),
    ("comments", "comments"),
)


def run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*GRASSROOTS, *args], env=env, cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): grassroots {' '.join(args)}: {done.stderr.decode()}")
    return time.perf_counter() - started, done.stdout.decode()


def build(work: Path, people: int, env: dict[str, str]) -> Path:
    world, data = work / "world", work / "data"
    if not (world / "truth.json").exists():
        run(["demo-world", "--seed", "7", "--people", str(people), "--out", str(world)], env)
    shutil.rmtree(data, ignore_errors=True)
    run(["init"], env)
    for role, source in LAKE_FILES:
        (path,) = [p for p in world.iterdir() if p.name.split(".")[0] == role]
        run(["ingest", source, str(path)], env)
    for role in ("shopify_customers", "shopify_orders"):
        (path,) = [p for p in world.iterdir() if p.name.startswith(role)]
        run(["ingest", role.replace("_", "-"), str(path)], env)
    return data


def people_to_erase(data: Path) -> list[tuple[str, str, str]]:
    """(how, given id, account id) for a prolific author, a shop customer, a quiet account."""
    con = duckdb.connect(str(data / "lake.duckdb"), read_only=True)
    top = con.execute(
        "SELECT a.id, a.handle FROM posts p JOIN accounts a ON a.id = p.author "
        "GROUP BY a.id, a.handle ORDER BY count(*) DESC, a.id LIMIT 1"
    ).fetchall()[0]
    quiet = con.execute(
        "SELECT id FROM accounts WHERE id NOT IN (SELECT author FROM posts) ORDER BY id LIMIT 1"
    ).fetchall()[0]
    con.close()
    world = data.parent / "world"
    (customers,) = [p for p in world.iterdir() if p.name.startswith("shopify_customers")]
    with customers.open(encoding="utf-8", newline="") as handle:
        email = next(csv.DictReader(handle))["Email"]
    return [("handle", "@" + top[1], top[0]), ("e-mail", email, ""), ("account id", quiet[0], quiet[0])]


def files_holding(data: Path, handle: str, account: str) -> list[str]:
    """Files whose bytes hold the account id, or the handle as a whole word (``islab`` inside another
    person's ``theislabennett18`` is not them); returns ``file: needle`` for each hit."""
    patterns = [re.compile(re.escape(account.encode()))] if account else []
    if handle:
        patterns.append(
            re.compile(rb"(?<![A-Za-z0-9_.])" + re.escape(handle.encode()) + rb"(?![A-Za-z0-9_])")
        )
    hits = []
    for path in (p for p in data.rglob("*") if p.is_file()):
        blob = path.read_bytes()
        hits += [f"{path.name}: {p.pattern.decode()}" for p in patterns if p.search(blob)]
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/grassroots-bench-erase"))
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRASSROOTS_DATA_DIR": str(options.work / "data")}
    data = build(options.work, options.people, env)
    lake = data / "lake.duckdb"
    status = run(["status", "--runs", "0"], env)[1].splitlines()
    counts = {k: int(v.replace(",", "")) for k, v in (line.split()[:2] for line in status)}
    print(f"cores: {os.cpu_count()} (shared: timings are noisy); load average {os.getloadavg()[0]:.1f}")
    size = lake.stat().st_size / 1e6
    print(f"world: {counts['accounts']:,} accounts, {counts['posts']:,} posts; lake {size:.0f} MB")
    started = time.perf_counter()
    shutil.copyfile(lake, lake.with_suffix(".copy"))
    copy = time.perf_counter() - started
    lake.with_suffix(".copy").unlink()
    print(f"snapshot copy (what every write pays when it starts): {copy:.2f} s")
    small = options.work / "one-account.jsonl"
    small.write_text(json.dumps({"platform": "demo", "id": "bench-1", "handle": "bench_one"}) + "\n")
    wall, _ = run(["ingest", "accounts", str(small)], env)
    print(f"ingest of a 1-line file into the full lake (snapshot included): {wall:.2f} s")
    print("erase by        wall s  compact s  lake MB before -> after  files still holding the person")
    for how, given, account in people_to_erase(data):
        wall, out = run(["erase", "--person", given], env)
        result = json.loads(out)
        compact = result["compact"]
        handle = given.removeprefix("@") if given.startswith("@") else ""
        left = files_holding(data, handle, account)
        sizes = f"{compact['bytes_before'] / 1e6:8.1f} -> {compact['bytes_after'] / 1e6:6.1f}"
        print(f"{how:<14} {wall:7.2f}  {compact['seconds']:9.2f}  {sizes}  {left or 'none'}")


if __name__ == "__main__":
    main()
