"""Advocates on real tweets: precision@20 / @50 per airline against per-tweet human sentiment labels.

Data: ``../shared/data/text/us-airline-tweets-dev.csv`` (CrowdFlower "Twitter US Airline Sentiment",
Feb 2015: tweets found by searching the airlines' handles, each labelled negative / neutral /
positive by people, with the author's screen name). A person is a **genuine advocate** of an
airline when, by the human labels, at least one of their tweets at it is positive and none is
negative. Every tweet of the file is about its airline, as in any handle-search export.

For each airline the rows become ``posts`` records in memory (author = ``name``, ``created_at``
from the ``tweet_created`` spreadsheet serial day, platform ``twitter``), are written to an
in-memory lake with the lake API, and are ranked by ``discover_advocates`` exactly as
``grassroots advocates --brand B`` ranks them (no account records: the export has none). The same
run ranks three baselines over the same people: **most mentions** (tweets at the airline), **most
positive mentions** by our sentiment model (tweets whose polarity toward the brand, on the
sentence around the mention, is above 0.05), and most positive mentions **by the human labels**
(an upper reference that no model has: it reads the answers).

Brands: American = @AmericanAir / "American Airlines"; Southwest = @SouthwestAir / "Southwest
Airlines". The rows the source labels **Delta** are tweets addressed to **@JetBlue** (2,218 of its
2,222 rows mention @JetBlue, 4 mention @Delta; the labels judge the airline addressed), so that
file is listened to as the brand JetBlue (@JetBlue / "JetBlue") and reported as ``Delta (JetBlue)``.

Split (choices on dev only): every author is put in ``dev`` or ``confirm`` by a hash of the lower-
cased screen name (SHA-256, even first byte = dev), per airline; a part is ranked on its own
authors' tweets only. ``dev`` is looked at freely (``--show N`` prints the top N with the labels);
``confirm`` is scored once at the end and reported as it comes; ``all`` ranks everyone.

Run: ``PYTHONPATH=src .venv/bin/python -m bench.advocates.airlines [--part dev confirm all]
[--sentiment accurate] [--show 20] [--data FILE] [--quick] [--out DIR]``; it writes
``bench/results/advocates-airlines.json`` (the tables of docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa

from bench import record
from bench.advocates.baselines import baselines
from bench.record import Cell
from grassroots.lake import TABLES, arrow_schema, open_lake
from grassroots.listen import Advocate, Brand, discover_advocates, sentiment_by_name
from grassroots.listen.advocates import SentimentFn

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "text" / "us-airline-tweets-dev.csv"
KS = (20, 50)
#: the source's airline label -> (the brand the tweets are addressed to, the name reported)
BRANDS: dict[str, tuple[Brand, str]] = {
    "American": (
        Brand(name="American Airlines", handles=("AmericanAir",), aliases=("American Airlines",)),
        "American",
    ),
    "Delta": (Brand(name="JetBlue", handles=("JetBlue",), aliases=("JetBlue",)), "Delta (JetBlue)"),
    "Southwest": (
        Brand(name="Southwest Airlines", handles=("SouthwestAir",), aliases=("Southwest Airlines",)),
        "Southwest",
    ),
}
_EXCEL_EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True)
class Tweet:
    """One labelled row of the airline file."""

    tweet_id: str
    airline: str
    author: str
    text: str
    created_at: datetime
    label: str


def serial_day(value: str) -> datetime:
    """A spreadsheet serial day number (days since 1899-12-30, fraction = time of day) as a datetime.

    >>> serial_day("42059.5")
    datetime.datetime(2015, 2, 24, 12, 0)
    """
    return (_EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)


def part_of(author: str) -> str:
    """``dev`` or ``confirm``: a fixed split of authors by a hash of the lower-cased screen name."""
    return "dev" if hashlib.sha256(author.lower().encode()).digest()[0] % 2 == 0 else "confirm"


def read_tweets(path: Path = DATA) -> list[Tweet]:
    """Every row of the airline file (errors name the file and line)."""
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), 2):
            try:
                out.append(
                    Tweet(
                        tweet_id=row["tweet_id"],
                        airline=row["airline"],
                        author=row["name"],
                        text=row["text"],
                        created_at=serial_day(row["tweet_created"]),
                        label=row["airline_sentiment"],
                    )
                )
            except (KeyError, ValueError) as exc:
                sys.exit(f"{path}:{line}: {exc}")
    return out


def genuine_advocates(tweets: Sequence[Tweet]) -> set[str]:
    """Authors with at least one human-positive tweet and no human-negative one."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for t in tweets:
        labels[t.author][t.label] += 1
    return {a for a, c in labels.items() if c["positive"] and not c["negative"]}


def posts_table(tweets: Sequence[Tweet]) -> pa.Table:
    """The tweets as lake ``posts`` records (what an ingest of the export would store)."""
    rows = [
        {
            "platform": "twitter",
            "id": t.tweet_id,
            "author": t.author,
            "text": t.text,
            "created_at": t.created_at,
        }
        for t in tweets
    ]
    return pa.Table.from_pylist(rows, schema=arrow_schema(TABLES["posts"]))


def rank_airline(tweets: Sequence[Tweet], brand: Brand, sentiment: SentimentFn) -> list[Advocate]:
    """``grassroots advocates --brand`` on a lake holding just these tweets."""
    with open_lake(Path(":memory:")) as lake:
        lake.upsert("posts", [posts_table(tweets)], step="bench_airlines")
        return discover_advocates(lake, brand, sentiment=sentiment, sentiment_source="bench")


def _baselines(tweets: Sequence[Tweet], brand: Brand, sentiment: SentimentFn) -> dict[str, list[str]]:
    mentions = Counter(t.author for t in tweets)
    human = Counter(t.author for t in tweets if t.label == "positive")
    empty = pa.table({"id": pa.array([], pa.string()), "followers": pa.array([], pa.int64())})
    by_model, _ = baselines(posts_table(tweets), empty, brand, sentiment)
    authors = sorted(mentions)
    return {
        "most mentions": sorted(authors, key=lambda a: (-mentions[a], a)),
        "most positive mentions": by_model,
        "most positive (human labels)": sorted(authors, key=lambda a: (-human[a], a)),
    }


def _precision(ranked: Sequence[str], truth: set[str], k: int) -> float:
    return sum(a in truth for a in ranked[:k]) / k


def _show(ranked: Sequence[Advocate], tweets: Sequence[Tweet], truth: set[str], n: int) -> None:
    """The top ``n`` with their human labels (dev part only), on stderr."""
    by_author: dict[str, list[Tweet]] = defaultdict(list)
    for t in tweets:
        by_author[t.author].append(t)
    for a in ranked[:n]:
        mark = "OK " if a.account_id in truth else "-- "
        print(f"{mark}#{a.rank} {a.account_id} score={a.score} :: {a.explanation}", file=sys.stderr)
        for t in by_author[a.account_id]:
            print(f"      [{t.label}] {t.text}", file=sys.stderr)


def _measure(tweets: Sequence[Tweet], part: str, sentiment: SentimentFn, show: int) -> list[list[Cell]]:
    """One row per airline: people, genuine advocates, p@20 and p@50 of ours and the baselines, seconds."""
    rows: list[list[Cell]] = []
    for airline, (brand, shown) in BRANDS.items():
        mine = [t for t in tweets if t.airline == airline and (part == "all" or part_of(t.author) == part)]
        truth = genuine_advocates(mine)
        t0 = time.perf_counter()
        ranked = rank_airline(mine, brand, sentiment)
        seconds = time.perf_counter() - t0
        lists = {"ours": [a.account_id for a in ranked], **_baselines(mine, brand, sentiment)}
        cells = [_precision(lists[n], truth, k) for n in NAMES for k in KS]
        rows.append([shown, part, len({t.author for t in mine}), len(truth), *cells, seconds])
        if show:
            _show(ranked, mine, truth, show)
    return rows


NAMES = ("ours", "most mentions", "most positive mentions", "most positive (human labels)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", nargs="+", choices=["dev", "confirm", "all"], default=["dev"])
    parser.add_argument("--sentiment", choices=["accurate", "fast", "vader"], default="accurate")
    parser.add_argument("--show", type=int, default=0, help="print the top N with labels (dev part only)")
    parser.add_argument("--data", type=Path, default=DATA, help="the airline CSV (default: ../shared/data)")
    args = record.parse_args(parser, argv)
    if args.show and args.part != ["dev"]:
        sys.exit("--show reads the people behind the ranking: only with --part dev")
    tweets = read_tweets(args.data)
    if args.quick:
        tweets = [t for t in tweets if t.airline == "American"][:600]
    run = record.Run.start("advocates-airlines", argv, quick=args.quick, module="advocates.airlines")
    columns = ["airline", "part", "people", "genuine"]
    columns += [f"{n} p@{k}" for n in NAMES for k in KS] + ["seconds"]
    table = run.table("main", columns, formats=[None, None, "{:,}", "{:,}"] + ["{:.2f}"] * 8 + ["{:.0f}"])
    sentiment = sentiment_by_name(args.sentiment)
    for part in args.part:
        for row in _measure(tweets, part, sentiment, args.show):
            table.row(*row)
    run.numbers["sentiment"] = args.sentiment
    run.write(args.out)


if __name__ == "__main__":
    main()
