"""Formats: Parquet, edge lists, snapshots/comments, and that the fast and exact paths agree."""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from grassroots.config import Settings
from grassroots.ingest import ingest_file, ingest_source
from grassroots.ingest.pipeline import ingest_records
from grassroots.ingest.read import iter_records
from grassroots.lake import TABLES, open_lake


def random_posts(n: int, seed: int, *, odd: bool = False) -> list[dict[str, object]]:
    """Valid posts; ``odd`` adds values only the exact path takes (counts as strings, epoch times, ...)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        row: dict[str, object] = {"platform": rng.choice(["x", "ig"]), "id": rng.choice([str(i), i])}
        row["text"] = rng.choice([f"t{rng.random()}", f"  spaced {i} ", 12345 + i])
        if rng.random() < 0.7:
            row["author"] = rng.choice([f"u{rng.randrange(50)}", "", rng.randrange(50)])
        if rng.random() < 0.5:
            row["created_at"] = (
                f"2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)}T1{rng.randrange(10)}:00:00+02:00"
            )
        if rng.random() < 0.5:
            row["like_count"] = rng.randrange(1000)
        if rng.random() < 0.3:
            row["mentions"] = [
                rng.choice([f"@m{rng.randrange(9)}", " padded ", ""]) for _ in range(rng.randrange(3))
            ]
        if rng.random() < 0.2:
            row["kind"] = rng.choice(["Review", "forum", " post "])
        if odd and rng.random() < 0.05:
            field, value = rng.choice(
                [
                    ("like_count", "17"),
                    ("like_count", 3.0),
                    ("created_at", 1_700_000_000),
                    ("mentions", "a b,c"),
                ]
            )
            row[field] = value
        rows.append(row)
    return rows


def _both_paths(tmp_path: Path, rows: list[dict[str, object]]) -> tuple[list[dict[str, object]], ...]:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    with open_lake(tmp_path / "a" / "lake.duckdb") as fast:
        report = ingest_file(fast, path, "posts", rejects_dir=tmp_path)
        fast_rows = fast.scan("posts").sort_by([("platform", "ascending"), ("id", "ascending")]).to_pylist()
    with open_lake(tmp_path / "b" / "lake.duckdb") as exact:
        records = iter_records(path, "jsonl")
        ingest_records(
            exact, TABLES["posts"], records, path=path, fmt="jsonl", platform=None, skip_invalid=False,
            rejects_dir=tmp_path, warnings=[], parameters={},
        )  # fmt: skip
        exact_rows = exact.scan("posts").sort_by([("platform", "ascending"), ("id", "ascending")]).to_pylist()
    return fast_rows, exact_rows, [report.fast_path]


def test_fast_and_exact_paths_store_the_same_rows(tmp_path: Path) -> None:
    fast_rows, exact_rows, (fast_path,) = _both_paths(tmp_path, random_posts(400, seed=3))
    assert fast_path and fast_rows == exact_rows and len(fast_rows) == 400


def test_values_only_the_exact_path_takes_fall_back_to_it(tmp_path: Path) -> None:
    fast_rows, exact_rows, (fast_path,) = _both_paths(tmp_path, random_posts(400, seed=4, odd=True))
    assert not fast_path and fast_rows == exact_rows and len(fast_rows) == 400


def test_parquet_posts_and_snapshots(settings: Settings, tmp_path: Path) -> None:
    posts = pa.table({"platform": ["x", "x"], "id": [1, 2], "text": ["a", "b"], "like_count": [3, None]})
    pq.write_table(posts, tmp_path / "posts.parquet")
    snaps = pa.table(
        {
            "account_id": ["u1", "u1"],
            "observed_at": [datetime(2024, 1, 1), datetime(2024, 1, 8)],
            "followers": [10, 900],
        }
    )
    pq.write_table(snaps, tmp_path / "snaps.parquet")
    assert ingest_source(settings, "posts", tmp_path / "posts.parquet").counts.inserted == 2
    report = ingest_source(settings, "snapshots", tmp_path / "snaps.parquet", platform="ig")
    assert report.counts.inserted == 2
    with open_lake(settings.lake_path) as lake:
        assert lake.scan("account_snapshots", columns=["followers"]).column(0).to_pylist() == [10, 900]


def test_plain_edge_lists_with_comments_and_weights(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "edges.txt"
    path.write_text("# FromNodeId\tToNodeId\n1\t2\n2 3 0.5\n\n% another comment\n3,1\n", encoding="utf-8")
    report = ingest_source(settings, "follows", path, platform="snap")
    assert report.counts.inserted == 3
    with open_lake(settings.lake_path) as lake:
        weights = lake.scan("follows", columns=["src", "weight"]).to_pylist()
    assert {"src": "2", "weight": 0.5} in weights


def test_comments_csv(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text("id,post_id,author,text,created_at\nc1,p1,u1,nice,2024-01-01\n", encoding="utf-8")
    assert ingest_source(settings, "comments", path, platform="yt").counts.inserted == 1
