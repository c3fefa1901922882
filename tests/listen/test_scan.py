"""Listening over a tiny lake: which posts are about the brand, stored rows, summaries, CLI."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

from grassroots.lake import open_lake
from grassroots.listen import Brand, scan_brand, summarise, themes
from grassroots.listen.scan import BRAND_MENTIONS_TABLE
from tests.conftest import run_cli

DOVE = Brand.from_name("Dove", products=["Dove Body Wash"])
POSTS = pa.table(
    {
        "platform": ["ig"] * 5,
        "id": ["1", "2", "3", "4", "5"],
        "author": ["ann", "bob", "ann", "cy", "di"],
        "text": [
            "love my Dove Body Wash, so soft",
            "a dove landed on my balcony this morning",
            "Dove soap dried my skin out, bad",
            "gifted by @dove #ad love the new scent",
            "",
        ],
        "created_at": [datetime(2026, 3, 2), datetime(2026, 3, 3), datetime(2026, 3, 10), None, None],
    }
)


class KeywordSentiment:
    """'love' -> positive, 'bad' -> negative, else neutral."""

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return np.array(
            [
                [0.1, 0.1, 0.8] if "love" in t else [0.8, 0.1, 0.1] if "bad" in t else [0.2, 0.6, 0.2]
                for t in texts
            ]
        ).reshape(len(texts), 3)


def test_scan_keeps_posts_about_the_brand_scores_them_and_replaces_its_rows(tmp_path: Path) -> None:
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [POSTS])
        rows = scan_brand(lake, DOVE, scorer=KeywordSentiment(), path="test")
        assert [r["post_id"] for r in rows] == ["1", "3", "4"]  # the bird is not the brand; no date last
        by_id = {r["post_id"]: r for r in rows}
        assert by_id["1"]["label"] == "positive" and by_id["3"]["label"] == "negative"
        assert by_id["4"]["paid_or_gifted"] and "#ad" in json.loads(by_id["4"]["commercial_signals"])
        assert json.loads(by_id["1"]["mentions"])[0]["kind"] == "product" and by_id["1"]["week"] == "2026-W10"
        seen: dict[str, tuple[int, int | None]] = {}
        again = scan_brand(
            lake,
            DOVE,
            scorer=KeywordSentiment(),
            path="test",
            progress=lambda s, d, t: seen.update({s: (d, t)}),
        )
        lake.register_table(BRAND_MENTIONS_TABLE)
        stored = lake.scan("brand_mentions", columns=["post_id", "label"]).to_pylist()
        runs = [r for r in lake.runs(limit=5) if r.step == "listen_scan"]
    assert seen == {"find mentions": (5, 5), "score sentiment": (3, 3)}
    assert (
        again == rows
        and len(stored) == 3
        and runs[0].parameters == {"brand": "Dove", "sentiment": "test", "competitors": []}
    )
    weeks = summarise(rows)
    assert [(w["week"], w["mentions"], w["net_sentiment"]) for w in weeks] == [
        ("2026-W10", 1, 1.0),
        ("2026-W11", 1, -1.0),
        (None, 1, 1.0),
    ]
    authors = summarise(rows, by="author")
    assert authors[0] == {
        "author": "ann",
        "mentions": 2,
        "positive": 1,
        "neutral": 0,
        "negative": 1,
        "net_sentiment": 0.0,
        "paid_or_gifted": 0,
    }
    assert summarise(rows, by="post")[0]["created_at"] == "2026-03-02T00:00:00"


def _posts_lake(tmp_path: Path) -> dict[str, str]:
    """A data dir whose lake holds POSTS; the environment pointing the CLI at it."""
    data = tmp_path / "data"
    data.mkdir()
    with open_lake(data / "lake.duckdb") as lake:
        lake.upsert("posts", [POSTS])
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(data)}


def test_cli_scan_prints_weeks_and_refuses_a_bad_view(tmp_path: Path) -> None:
    env = _posts_lake(tmp_path)
    done = run_cli("listen", "scan", "--brand", "Dove", "--path", "fast", env=env)
    assert done.returncode == 0, done.stderr
    weeks = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert sum(w["mentions"] for w in weeks) == 3 and b"brand_mentions" in done.stderr
    posts = run_cli("listen", "scan", "--brand", "Dove", "--path", "fast", "--by", "post", env=env)
    assert [json.loads(line)["post_id"] for line in posts.stdout.decode().splitlines()] == ["1", "3", "4"]
    bad = run_cli("listen", "scan", "--brand", "Dove", "--by", "month", env=env)
    assert bad.returncode == 2 and not bad.stdout and b"--by" in bad.stderr


def test_erasing_a_person_reaches_the_derived_tables(tmp_path: Path) -> None:
    from grassroots.listen.advocates_store import discover_advocates

    accounts = pa.table(
        {"platform": ["ig"] * 4, "id": ["ann", "bob", "cy", "di"], "handle": ["ann", "bob", "cy", "di"]}
    )
    accounts = accounts.append_column("followers", pa.array([5_000] * 4))
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [POSTS])
        lake.upsert("accounts", [accounts])
        scan_brand(lake, DOVE, scorer=KeywordSentiment(), path="test")
        discover_advocates(lake, DOVE, sentiment=lambda texts: [0.5] * len(texts))
    with open_lake(tmp_path / "lake.duckdb") as lake:  # a new process would not have registered them
        before = lake.counts()
        removed = lake.erase_person("@ann")
        after = lake.counts()
        left = lake.scan("posts", columns=["author"]).column("author").to_pylist()
    assert before["brand_mentions"] == 3 and removed["brand_mentions"] == 2 and after["brand_mentions"] == 1
    assert removed["advocates"] == 1 and after["advocates"] == before["advocates"] - 1
    assert "ann" not in left and removed["posts"] == 2


def test_posts_outside_the_brand_languages_are_left_out(tmp_path: Path) -> None:
    posts = POSTS.append_column("lang", pa.array(["en", None, "de", "und", None]))
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts])
        english = scan_brand(lake, DOVE, scorer=KeywordSentiment(), path="test")
        both = scan_brand(
            lake,
            Brand.from_name("Dove", products=["Dove Body Wash"], languages=["en", "de"]),
            scorer=KeywordSentiment(),
        )
    assert [(r["post_id"], r["lang"]) for r in english] == [("1", "en"), ("4", "und")]
    assert [r["post_id"] for r in both] == ["1", "3", "4"]


def test_competitor_posts_give_share_of_voice_and_their_own_sentiment(tmp_path: Path) -> None:
    posts = pa.table(
        {
            "platform": ["ig"] * 4,
            "id": ["1", "2", "3", "4"],
            "author": ["ann", "bob", "cy", "cy"],
            "text": ["love Dove Body Wash", "Nivea is bad", "Nivea or Dove? love both", "Nivea cream"],
            "created_at": [datetime(2026, 3, 2)] * 4,
        }
    )
    dove = Brand.from_name("Dove", products=["Dove Body Wash"], competitors=["Nivea"])
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts])
        rows = scan_brand(lake, dove, scorer=KeywordSentiment())
    assert [(r["subject"], r["post_id"]) for r in rows] == [
        ("Dove", "1"),
        ("Dove", "3"),
        ("Nivea", "2"),
        ("Nivea", "3"),
        ("Nivea", "4"),
    ]
    (week,) = summarise(rows)
    assert (week["mentions"], week["share_of_voice"], week["net_sentiment"]) == (2, 0.4, 1.0)
    assert week["competitors"] == {
        "Nivea": {"mentions": 3, "positive": 1, "neutral": 1, "negative": 1, "net_sentiment": 0.0}
    }
    assert [a["author"] for a in summarise(rows, by="author")] == ["ann", "cy"]  # bob only names Nivea


def test_themes_find_the_words_that_set_negative_posts_apart() -> None:
    def row(i: int, label: str, text: str) -> dict[str, object]:
        return {"post_id": str(i), "label": label, "evidence": text, "created_at": None}

    rows = [row(i, "negative", f"Dove order arrived late again, day {i}") for i in range(30)]
    rows += [row(100 + i, "negative", f"Dove soap, day {i}") for i in range(8)]
    rows += [row(200 + i, "positive", f"love the Dove scent, day {i}") for i in range(60)]
    rows += [row(300, "negative", "the lid snapped"), row(301, "negative", "the lid snapped")]
    found = themes(rows, brand=DOVE, top=5)
    negative = {t.term: t for t in found if t.label == "negative"}
    assert "arrived late" in negative and "dove" not in negative and "day" not in negative
    late = negative["arrived late"]
    assert (late.posts, late.share, late.share_elsewhere) == (30, 0.75, 0.0)
    assert late.examples == ("0", "1", "10") and late.z > 3
    assert "lid snapped" not in negative  # 2 posts: below min_posts
    assert "arrived" not in negative  # only ever inside "arrived late"
    assert next(t.term for t in found if t.label == "positive") in ("love", "scent day")


def test_cli_themes_need_a_scan_first(tmp_path: Path) -> None:
    env = _posts_lake(tmp_path)
    before = run_cli("listen", "themes", "--brand", "Dove", env=env)
    assert before.returncode == 3 and not before.stdout and b"listen scan" in before.stderr  # not found
    assert run_cli("listen", "scan", "--brand", "Dove", "--path", "fast", env=env).returncode == 0
    after = run_cli("listen", "themes", "--brand", "Dove", "--top", "3", env=env)
    assert after.returncode == 0, after.stderr  # 3 posts: nothing reaches min_posts, so no theme lines
    assert after.stdout == b""
