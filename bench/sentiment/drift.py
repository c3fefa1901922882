"""Time drift of the fast sentiment path: leave one SemEval year out vs in-time cross-validation.

Brands score posts written after the training data. This measures how much macro recall the fast
path (``FastSentiment``, hashed n-grams + logistic regression, the shipped ``C``) loses on a year
of tweets it never saw, against the same amount of training data that includes that year.

Data: the leak-free SemEval Task A pool of :func:`grassroots.listen.sentiment.leak_free_splits`
(train + dev: every Task A file except the 2016 test year and the sarcasm file, minus tweets also
in TweetEval val or the 2016 test year, de-duplicated). Val and the 2016 test year are never read
for a score here. Each tweet's *year* is the SemEval edition of its file (2013 ... 2016; the
tweets were collected in the year or two before each edition).

For each year Y, with n = the pool's tweets outside Y:

- **leave year out**: train on the n tweets outside Y, score every tweet of Y;
- **in time** (the control): split Y into ``--folds`` seeded folds (default 2); for each of the
  first ``--runs`` folds (default 1), train on a seeded sample of n tweets from the pool minus
  that fold (so the rest of Y is in training) and score the fold. Both models are scored on the
  same tweets of Y with the same training size: the difference is only whether the year was seen.

fall = in time - leave year out (macro recall, 3 classes). The shipped model is not touched.

Command (from the repo root; 8 fits of 1-3 min each on 2 shared cores; resumable, see ``--work``)::

    .venv/bin/python -m bench.sentiment.drift [--years 2013 2014 2015 2016] [--folds 2] [--runs 1]
        [--work DIR] [--quick] [--out DIR]

``--work DIR`` keeps each fit's predictions and reuses them, so an interrupted run resumes.
``--quick`` uses two years, 300 tweets per year and 4,096 hash buckets (a smoke test, not a
measurement).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench import record
from grassroots.listen.sentiment import leak_free_splits
from grassroots.listen.sentiment.corpus import LabelledText
from grassroots.listen.sentiment.evaluate import macro_recall
from grassroots.listen.sentiment.fast import FastSentiment

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
SHIPPED = Path(__file__).resolve().parents[2] / "src" / "grassroots" / "listen" / "models"
_YEAR = re.compile(r"twitter-(\d{4})")


def year_of(row: LabelledText) -> str:
    """The SemEval edition of the file a tweet came from (``twitter-2015train-A.tsv`` -> ``2015``).

    >>> year_of(LabelledText("1", "hi", "neutral", source="twitter-2015train-A.tsv"))
    '2015'
    """
    found = _YEAR.match(row.source)
    if not found:
        raise ValueError(f"{row.source!r}: not a SemEval twitter-YYYY file name")
    return found.group(1)


def shipped_c() -> float:
    """The fast path's shipped regularisation (chosen on the seeded dev split, never on val)."""
    return float(json.loads((SHIPPED / "sentiment_fast.json").read_text())["params"]["C"])


def _fit_predict(
    train: Sequence[LabelledText],
    test: Sequence[LabelledText],
    c: float,
    key: str,
    work: Path | None,
    n_features: int,
) -> list[str]:
    """Labels predicted for ``test`` by a fast model fitted on ``train`` (cached under ``work``)."""
    cached = work / f"{key}.json" if work else None
    if cached and cached.exists():
        return list(json.loads(cached.read_text()))
    t0 = time.perf_counter()
    model = FastSentiment(C=c, n_features=n_features).fit([r.text for r in train], [r.label for r in train])
    pred = model.predict([r.text for r in test])
    print(
        f"{key}: {len(train):,} train, {len(test):,} test, {time.perf_counter() - t0:.0f} s", file=sys.stderr
    )
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(pred))
    return pred


def drift_for_year(
    pool: Sequence[LabelledText],
    year: str,
    *,
    folds: int,
    runs: int,
    c: float,
    work: Path | None,
    n_features: int = 2**18,
    seed: int = 0,
) -> tuple[int, int, float, float]:
    """(training size, scored tweets, in-time macro recall, leave-year-out macro recall) for ``year``.

    ``year`` is cut into ``folds`` seeded folds; the first ``runs`` of them are scored, each by an
    in-time model (trained on a sample, as large as the leave-year-out training set, of the pool
    without that fold) and by the leave-year-out model, so both are judged on the same tweets.
    """
    inside = [r for r in pool if year_of(r) == year]
    outside = [r for r in pool if year_of(r) != year]
    order = list(range(len(inside)))
    random.Random(seed).shuffle(order)
    scored = sorted(i for f in range(runs) for i in order[f::folds])
    truth = [inside[i].label for i in scored]
    everything = _fit_predict(outside, inside, c, f"{year}-out", work, n_features)
    loyo = [everything[i] for i in scored]
    in_time: dict[int, str] = {}
    for f in range(runs):
        held = set(order[f::folds])
        train = outside + [r for i, r in enumerate(inside) if i not in held]
        train = random.Random(seed + 1 + f).sample(train, len(outside))
        test = sorted(held)
        key = f"{year}-in-{f}of{folds}"
        in_time |= dict(
            zip(test, _fit_predict(train, [inside[i] for i in test], c, key, work, n_features), strict=True)
        )
    pred = [in_time[i] for i in scored]
    return len(outside), len(scored), macro_recall(truth, pred), macro_recall(truth, loyo)


def _quick_pool(pool: Sequence[LabelledText], per_year: int) -> list[LabelledText]:
    by_year: dict[str, list[LabelledText]] = defaultdict(list)
    for r in pool:
        by_year[year_of(r)].append(r)
    return [r for rows in by_year.values() for r in rows[:per_year]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", nargs="+", default=["2013", "2014", "2015", "2016"])
    parser.add_argument("--folds", type=int, default=2, help="in-time folds of the held-out year")
    parser.add_argument("--runs", type=int, default=1, help="folds scored (each one in-time fit)")
    parser.add_argument("--work", type=Path, default=None, help="keep each fit's predictions (resume)")
    args = record.parse_args(parser, argv)
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    pool = [*splits.train, *splits.dev]  # val and the 2016 test year are not in it
    n_features = 2**18  # the shipped model's
    if args.quick:
        pool, args.folds, args.runs, n_features = _quick_pool(pool, 300), 2, 1, 2**12
        args.years = args.years[:2]
    c = shipped_c()
    run = record.Run.start("sentiment-drift", argv, quick=args.quick, module="sentiment.drift")
    table = run.table(
        "main",
        ["held-out year", "train tweets", "scored tweets", "in time", "leave year out", "fall"],
        formats=[None, "{:,}", "{:,}", "{:.3f}", "{:.3f}", "{:+.3f}"],
    )
    falls = []
    for year in args.years:
        n_train, n_test, in_time, loyo = drift_for_year(
            pool, year, folds=args.folds, runs=args.runs, c=c, work=args.work, n_features=n_features
        )
        falls.append(in_time - loyo)
        table.row(year, n_train, n_test, in_time, loyo, in_time - loyo)
    run.numbers |= {
        "C": c,
        "folds": args.folds,
        "runs": args.runs,
        "mean_fall": round(sum(falls) / len(falls), 4),
    }
    run.write(args.out)


if __name__ == "__main__":
    main()
