"""Sentiment on real brand tweets: macro recall on the development airline file, against VADER.

Data: ``../shared/data/text/us-airline-tweets-dev.csv`` (CrowdFlower "Twitter US Airline Sentiment",
Feb 2015: 7,401 tweets at American, Delta and Southwest, each labelled negative / neutral / positive by
people). No sentiment model here was trained on it; it is another year and another kind of text than
the SemEval training tweets, so it shows how the paths hold on real brand mentions. The other
airlines' tweets of the same source are kept aside for an independent check.

Each path scores every tweet on the whole text and toward its airline (as ``grassroots listen
sentiment --brand`` does; brands as in ``bench.advocates.airlines``: the rows labelled Delta are
addressed to @JetBlue). Reported: 3-class macro recall on all tweets, per airline, on the tweets of
the advocates benchmark's ``dev`` and ``confirm`` authors (the author hash split of
``bench.advocates.airlines``), and per-class recall. Only the ``dev`` authors' column may guide a
sentiment choice (the drift-robust dev view of ``listen/models/sentiment_minilm_int8.md``); the
``confirm`` authors are the advocates benchmark's confirmation part.

Command (from the repo root, a few minutes on 2 cores)::

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.sentiment.airline [--quick] [--out DIR]

``--quick`` scores every 49th tweet, about 150 (a smoke test, not a measurement).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import numpy as np

from bench import record
from bench.advocates.airlines import BRANDS, DATA, Tweet, part_of, read_tweets
from bench.sentiment.__main__ import vader
from bench.sentiment.sxsw import Wrapped
from grassroots.listen.sentiment import LABELS, load_scorer, score_toward
from grassroots.listen.sentiment.evaluate import macro_recall

Proba = Callable[[list[str]], np.ndarray]


def predictions(proba: Proba, tweets: Sequence[Tweet]) -> tuple[list[str], list[str]]:
    """(whole tweet, toward the tweet's airline) labels predicted by ``proba``."""
    whole = [LABELS[k] for k in proba([t.text for t in tweets]).argmax(axis=1)]
    toward = score_toward(
        [t.text for t in tweets], [BRANDS[t.airline][0] for t in tweets], scorer=Wrapped(proba)
    )
    return whole, [s.label for s in toward]


def recall_where(tweets: Sequence[Tweet], pred: Sequence[str], keep: Callable[[Tweet], bool]) -> float:
    """3-class macro recall over the tweets ``keep`` selects."""
    chosen = [i for i, t in enumerate(tweets) if keep(t)]
    return macro_recall([tweets[i].label for i in chosen], [pred[i] for i in chosen])


def at_airline(airline: str) -> Callable[[Tweet], bool]:
    """A selector of the tweets the source labels ``airline``."""
    return lambda tweet: tweet.airline == airline


def class_recall(tweets: Sequence[Tweet], pred: Sequence[str], label: str) -> float:
    """Share of the tweets people labelled ``label`` that got ``label``."""
    hits = [p == label for t, p in zip(tweets, pred, strict=True) if t.label == label]
    return sum(hits) / len(hits)


def main(argv: list[str] | None = None) -> int:
    args = record.parse_args(argparse.ArgumentParser(description=__doc__.split("\n")[0]), argv)
    run = record.Run.start("sentiment-airline", argv, quick=args.quick, module="sentiment.airline")
    tweets = read_tweets(DATA)
    tweets = tweets[:: len(tweets) // 150] if args.quick else tweets  # quick: every airline, ~150
    airlines = sorted(BRANDS)
    scorers: dict[str, Proba] = {
        "VADER (baseline)": vader(),
        "**fast path**": load_scorer("fast").predict_proba,
        "**accurate path** (MiniLM int8 blended with the fast path)": load_scorer("accurate").predict_proba,
    }
    three = "{:.3f}"
    table = run.table(
        "main",
        ["scorer", "all, whole tweet", "all, toward the airline",
         *(BRANDS[a][1] for a in airlines), "dev authors", "confirm authors",
         "negative R", "neutral R", "positive R"],
        formats=[None, *[three] * (2 + len(airlines) + 5)],
        title=f"{len(tweets):,} development airline tweets, 3-class macro recall (per class: whole tweet)",
    )  # fmt: skip
    for name, proba in scorers.items():
        whole, toward = predictions(proba, tweets)
        table.row(
            name,
            recall_where(tweets, whole, lambda t: True),
            recall_where(tweets, toward, lambda t: True),
            *(recall_where(tweets, toward, at_airline(a)) for a in airlines),
            recall_where(tweets, toward, lambda t: part_of(t.author) == "dev"),
            recall_where(tweets, toward, lambda t: part_of(t.author) == "confirm"),
            *(class_recall(tweets, whole, label) for label in LABELS),
        )
        print(f"{name}: scored", file=sys.stderr, flush=True)
    counts = {label: sum(t.label == label for t in tweets) for label in LABELS}
    run.numbers |= {"tweets": len(tweets), "by_label": counts}
    run.numbers |= {"by_airline": {BRANDS[a][1]: sum(t.airline == a for t in tweets) for a in airlines}}
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
