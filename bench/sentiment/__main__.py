"""Sentiment benchmark: macro recall per path and posts/s, against VADER and TF-IDF + LR in the same run.

Sets: leak-free TweetEval sentiment val (2,000), the held-out SemEval 2016 test year (20,632; note
887 of its tweets are also val tweets), and SemEval 2016 BD test (10,551 topic-targeted tweets,
positive vs negative macro recall). Speed: posts/s over 5,000 held-out tweets, wall clock and
per CPU-second (the 2 cores are shared with other jobs, so wall-clock numbers are noisy).

Command (from the repo root)::

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.sentiment [--quick] [--out DIR]

``--quick`` scores the first 150 texts of each set (baselines trained on 3,000) to check it runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench import record
from bench.sentiment import sxsw
from grassroots.listen.sentiment import LABELS, leak_free_splits, load_scorer
from grassroots.listen.sentiment.corpus import LabelledText, read_semeval_bd
from grassroots.listen.sentiment.evaluate import macro_recall, topic_macro_recall

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
Proba = Callable[[list[str]], np.ndarray]


def vader() -> Proba:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()

    def proba(texts: list[str]) -> np.ndarray:
        out = []
        for text in texts:
            c = analyser.polarity_scores(text)["compound"]
            out.append([1.0, 0, 0] if c <= -0.05 else [0, 0, 1.0] if c >= 0.05 else [0, 1.0, 0])
        return np.array(out)

    return proba


def tfidf_lr(rows: tuple[LabelledText, ...], labels: tuple[str, ...]) -> Proba:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    )
    model.fit([r.text for r in rows], [labels.index(r.label) for r in rows])

    def proba(texts: list[str]) -> np.ndarray:
        p = model.predict_proba(texts)
        if len(labels) == 3:
            return np.asarray(p)
        return np.stack([p[:, 0], np.zeros(len(texts)), p[:, 1]], axis=1)

    return proba


def speed(proba: Proba, texts: list[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    proba(texts)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)


def bd_recall(proba: Proba, rows: list[LabelledText], *, window: bool) -> float:
    """BD macro recall: toward each tweet's topic (the ``--brand`` path) or on the whole tweet."""
    if window:
        return topic_macro_recall(rows, sxsw.Wrapped(proba))
    p = proba([r.text for r in rows])
    pred = ["positive" if row[2] >= row[0] else "negative" for row in p]
    return macro_recall([r.label for r in rows], pred, ("negative", "positive"))


def main(argv: list[str] | None = None) -> int:
    args = record.parse_args(argparse.ArgumentParser(description=__doc__.split("\n")[0]), argv)
    run = record.Run.start("sentiment", argv, quick=args.quick)
    n = 150 if args.quick else None  # --quick: the first texts of each set only
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    bd_dir = DATA / "semeval-twitter-sentiment" / "BD"
    bd_test = read_semeval_bd(bd_dir / "twitter-2016test-BD.tsv")[:n]
    bd_train = [
        r for f in ("twitter-2016train-BD.tsv", "twitter-2016dev-BD.tsv") for r in read_semeval_bd(bd_dir / f)
    ]
    fast, accurate = load_scorer("fast"), load_scorer("accurate")
    scorers: dict[str, Proba] = {
        "VADER (baseline)": vader(),
        "TF-IDF + LR (baseline, same leak-free train, balanced)": tfidf_lr(
            splits.train[: n and 20 * n], LABELS
        ),
        "**fast path** (hashed word + char n-grams, TF-IDF, LR)": fast.predict_proba,
        "**accurate path** (fine-tuned MiniLM int8 ONNX, each text run alone, blended with the fast path "
        "by the weight chosen on dev)": accurate.predict_proba,
    }
    bd_baseline = tfidf_lr(tuple(bd_train[: n and 20 * n]), ("negative", "positive"))
    sample = [r.text for r in splits.held_out[: n or 5000]]
    three = "{:.3f}"
    table = run.table(
        "main",
        ["scorer", "val macro R", "held-out 2016 macro R", "BD 2016 test, whole",
         "BD 2016 test, toward the topic", "posts/s wall", "posts/s per CPU-s"],
        formats=[None, three, three, three, three, "{:,.0f}", "{:,.0f}"],
    )  # fmt: skip
    for name, proba in scorers.items():
        cols = []
        for rows in (splits.val[:n], splits.held_out[:n]):
            pred = [LABELS[k] for k in proba([r.text for r in rows]).argmax(axis=1)]
            cols.append(macro_recall([r.label for r in rows], pred))
        whole, toward = bd_recall(proba, bd_test, window=False), bd_recall(proba, bd_test, window=True)
        wall, cpu = speed(proba, sample)
        table.row(name, *cols, whole, toward, wall, cpu)
    bd_base = bd_recall(bd_baseline, bd_test, window=False)
    table.row(
        "TF-IDF + LR trained on BD train+dev, balanced (BD anchor)", None, None, bd_base, None, None, None
    )
    directed, three_class = sxsw.sets()
    directed, three_class = directed[:n], three_class[:n]
    sxsw_table = run.table(
        "sxsw",
        [
            "scorer",
            "directed, whole",
            "directed, toward the brand",
            "3-class, whole",
            "3-class, toward the brand",
        ],
        formats=[None, three, three, three, three],
        title=f"SXSW 2011: directed {len(directed):,} tweets, 3-class {len(three_class):,} tweets",
    )
    for name, proba in scorers.items():
        d = sxsw.evaluate(proba, directed, binary=True)
        t = sxsw.evaluate(proba, three_class, binary=False)
        sxsw_table.row(name, d[0], d[1], t[0], t[1])
    run.numbers.update(
        val_texts=len(splits.val[:n]), held_out_texts=len(splits.held_out[:n]), bd_test_texts=len(bd_test),
        sxsw_directed=len(directed), sxsw_three_class=len(three_class), speed_texts=len(sample),
    )  # fmt: skip
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
