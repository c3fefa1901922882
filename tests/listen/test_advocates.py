"""Advocate ranking on small hand-built data with a fake sentiment scorer; CLI end to end on a tiny lake."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.errors import InvalidRecord
from grassroots.lake import open_lake
from grassroots.listen import Brand, link_customers, rank_advocates
from grassroots.listen.advocates import sentiment_by_name, spam_signals
from grassroots.listen.advocates_customers import handles_in_note
from grassroots.listen.advocates_store import ADVOCATES_TABLE, read_fake_scores
from grassroots.rules import detect_disclosure
from tests.conftest import run_cli

BRAND = Brand.from_name("Acme", products=["Acme Balm"])
T0 = datetime(2026, 3, 2)


class KeywordSentiment:
    """A tiny fake scorer: +0.8 with 'love', -0.8 with 'hate', else 0."""

    def __call__(self, texts: Sequence[str]) -> list[float]:
        return [0.8 if "love" in t else -0.8 if "hate" in t else 0.0 for t in texts]


def _post(i: int, author: str, text: str, week: int = 0) -> dict[str, object]:
    return {
        "platform": "ig",
        "id": f"p{i}",
        "author": author,
        "text": text,
        "created_at": T0 + timedelta(weeks=week),
    }


ROWS = [
    # fan: repeated organic love over 4 weeks, plus ordinary posts
    *[_post(i, "fan", f"I love my Acme Balm, week {i}", week=i) for i in range(4)],
    *[_post(10 + i, "fan", "coffee time", week=i) for i in range(4)],
    # paid: as positive, but with a discount code on one post
    *[_post(20 + i, "paid", "love the Acme Balm", week=i) for i in range(3)],
    _post(23, "paid", "love Acme, use code PAID20 for 20% off", week=3),
    *[_post(30 + i, "paid", "outfit of the day", week=i) for i in range(4)],
    # one-off fan, complainer, spammer
    _post(40, "once", "love Acme"),
    *[_post(50 + i, "hater", "I hate Acme so much", week=i) for i in range(3)],
    *[_post(60 + i, "spam", "love Acme!!! follow me for more", week=i) for i in range(5)],
    # big account outside the band
    *[_post(70 + i, "star", "love my Acme Balm", week=i) for i in range(4)],
    *[_post(80 + i, "star", "red carpet", week=i) for i in range(4)],
]
POSTS = pa.Table.from_pylist(ROWS)
ACCOUNTS = pa.Table.from_pylist(
    [
        {
            "platform": "ig",
            "id": a,
            "handle": h,
            "followers": f,
            "following": g,
            "posts": n,
            "has_profile_picture": True,
        }
        for a, h, f, g, n in [
            ("fan", "fan_jo", 3_000, 400, 120),
            ("paid", "paid_pat", 5_000, 400, 300),
            ("once", "once_o", 2_000, 300, 50),
            ("hater", "hater_h", 2_500, 300, 80),
            ("spam", "spam_s", 20, 3_000, 0),
            ("star", "star_s", 900_000, 300, 900),
        ]
    ]
)


def test_the_organic_repeated_fan_ranks_first_and_every_row_explains_itself() -> None:
    ranked = rank_advocates(POSTS, ACCOUNTS, brand=BRAND, sentiment=KeywordSentiment())
    order = [a.account_id for a in ranked]
    assert order[0] == "fan"
    assert order.index("paid") > order.index("fan") and order.index("star") > order.index("fan")
    assert order.index("spam") > order.index("once") or ranked[order.index("spam")].score == 0
    by_id = {a.account_id: a for a in ranked}
    assert by_id["fan"].organic_positive == 4 and by_id["fan"].positive_weeks == 4
    assert by_id["paid"].paid_or_gifted == 1 and "paid/gifted" in by_id["paid"].explanation
    assert by_id["hater"].score == 0 and by_id["hater"].negative == 3
    assert by_id["star"].band_weight < 1 and "outside the band" in by_id["star"].explanation
    assert by_id["spam"].spam == 5 and "red flag" in by_id["spam"].explanation
    assert all(a.explanation and a.posts for a in ranked)
    assert [a.rank for a in ranked] == list(range(1, len(ranked) + 1))


def test_signals_and_customer_links() -> None:
    assert detect_disclosure("obsessed #gifted, link in bio").commercial_signals == ("#gifted", "link in bio")
    assert detect_disclosure("my morning routine").commercial_signals == ()
    assert spam_signals("DM me for promo") == ("DM me",)
    assert handles_in_note("VIP; IG: @fan_jo") == ("fan_jo",)
    customers = [{"customer_id": "c1", "handles": ("Fan_Jo",)}, {"customer_id": "c2", "email": "x@y.z"}]
    accounts = ACCOUNTS.append_column("email_hash", pa.array([None, "h:x@y.z", None, None, None, None]))
    links = link_customers(accounts, customers, email_hash=lambda e: "h:" + e)
    assert links == {"fan": "c1", "paid": "c2"}


def _lake_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A data dir whose lake holds POSTS and ACCOUNTS, and the environment pointing at it."""
    data = tmp_path / "data"
    data.mkdir()
    with open_lake(data / "lake.duckdb") as lake:
        lake.upsert("posts", [POSTS])
        lake.upsert("accounts", [ACCOUNTS])
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(data)}, data


def test_cli_ranks_from_the_lake_and_stores_results(tmp_path: Path) -> None:
    env, data = _lake_env(tmp_path)
    first = run_cli("advocates", "--brand", "Acme", "--limit", "3", env=env)
    assert first.returncode == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.decode().splitlines()]
    assert len(rows) == 3 and rows[0]["account_id"] == "fan" and rows[0]["posts"]
    again = run_cli("advocates", "--brand", "Acme", "--limit", "3", env=env)
    assert again.stdout == first.stdout
    with open_lake(data / "lake.duckdb") as lake:
        lake.register_table(ADVOCATES_TABLE)
        stored = lake.scan("advocates", columns=["account_id", "rank"]).to_pylist()
    assert len(stored) == 6 and {"account_id": "fan", "rank": 1} in stored
    shop = tmp_path / "customers.csv"
    shop.write_text("Customer ID,Email,Note,Tags\nc9,,IG: @once_o,\nc7,,no socials,vip\n", encoding="utf-8")
    linked = run_cli("advocates", "--brand", "Acme", "--customers", str(shop), "--customers-only", env=env)
    assert linked.returncode == 0, linked.stderr
    rows = [json.loads(line) for line in linked.stdout.decode().splitlines()]
    assert [(r["account_id"], r["customer_id"]) for r in rows] == [("once", "c9")]


def test_fake_scores_file_is_validated_and_lowers_quality(tmp_path: Path) -> None:
    good = tmp_path / "fake.jsonl"
    good.write_text(
        '{"id": "fan", "probability": 0.9}\n\n{"id": "paid", "probability": 0}\n', encoding="utf-8"
    )
    scores = read_fake_scores(good)
    assert scores == {"fan": 0.9, "paid": 0.0}
    plain = {
        a.account_id: a for a in rank_advocates(POSTS, ACCOUNTS, brand=BRAND, sentiment=KeywordSentiment())
    }
    flagged = rank_advocates(
        POSTS, ACCOUNTS, brand=BRAND, sentiment=KeywordSentiment(), fake_probability=scores
    )
    fan = next(a for a in flagged if a.account_id == "fan")
    assert fan.quality < plain["fan"].quality and "fake-account probability 0.90" in fan.explanation
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "probability": 0.1}\n{"id": "b", "probability": "high"}\n', encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        read_fake_scores(bad)
    assert (info.value.line, info.value.field) == (2, "probability")


@pytest.mark.parametrize("source", ["fast", "accurate", "vader"])
def test_every_sentiment_source_gives_polarity_the_thresholds_understand(source: str) -> None:
    polarity = sentiment_by_name(source)(
        ["I love Acme balm, best thing ever", "Acme balm is awful, I hate it", "Acme balm is in aisle 5"]
    )
    assert polarity[0] > 0.05 and polarity[1] < -0.05 and -1.0 <= min(polarity) <= max(polarity) <= 1.0
    assert sentiment_by_name(source)([]) == []


def test_cli_sentiment_choice_is_recorded_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    env, data = _lake_env(tmp_path)
    done = run_cli("advocates", "--brand", "Acme", "--sentiment", "accurate", "--limit", "1", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["account_id"] == "fan"
    with open_lake(data / "lake.duckdb") as lake:
        (run,) = [r for r in lake.runs(limit=5) if r.step == "rank_advocates"]
    assert run.parameters["sentiment"] == "accurate"
    bad = run_cli("advocates", "--brand", "Acme", "--sentiment", "moody", env=env)
    assert bad.returncode == 2 and not bad.stdout and b"--sentiment" in bad.stderr
