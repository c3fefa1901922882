"""The real-data advocate check (bench.advocates.airlines): its truth, its records and one real run."""

from __future__ import annotations

from datetime import datetime

from bench.advocates.airlines import (
    BRANDS,
    Tweet,
    genuine_advocates,
    part_of,
    posts_table,
    rank_airline,
    read_tweets,
)

from grassroots.listen.advocates import vader_sentiment
from tests.conftest import shared_file


def _tweet(author: str, label: str, text: str = "@JetBlue thanks") -> Tweet:
    return Tweet("1", "Delta", author, text, datetime(2015, 2, 24), label)


def test_a_genuine_advocate_praised_at_least_once_and_never_complained() -> None:
    tweets = [
        _tweet("a", "positive"),
        _tweet("a", "neutral"),
        _tweet("b", "positive"),
        _tweet("b", "negative"),
    ]
    tweets.append(_tweet("c", "neutral"))
    assert genuine_advocates(tweets) == {"a"}


def test_the_split_is_fixed_and_case_blind() -> None:
    assert part_of("SomeName") == part_of("somename")
    assert {part_of(f"user{i}") for i in range(20)} == {"dev", "confirm"}


def test_rows_become_lake_posts_and_rank_like_the_cli() -> None:
    table = posts_table([_tweet("a", "positive")])
    assert table.column("platform").to_pylist() == ["twitter"]
    tweets = read_tweets(shared_file("text/us-airline-tweets-dev.csv"))
    assert len(tweets) == 7401
    delta = [t for t in tweets if t.airline == "Delta"][:300]
    ranked = rank_airline(delta, BRANDS["Delta"][0], vader_sentiment())
    assert len(ranked) == len({t.author for t in delta if "jetblue" in t.text.lower()})
