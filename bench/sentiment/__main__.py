"""Sentiment benchmark: macro recall per path and posts/s, against VADER and TF-IDF + LR in the same run.

Sets: leak-free TweetEval sentiment val (2,000), the held-out SemEval 2016 test year (20,632; note
887 of its tweets are also val tweets), and SemEval 2016 BD test (10,551 topic-targeted tweets,
positive vs negative macro recall). Speed: posts/s over 5,000 held-out tweets, wall clock and
per CPU-second (the 2 cores are shared with other jobs, so wall-clock numbers are noisy).

Command (from the repo root)::

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.sentiment
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

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


def main() -> int:
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    bd_dir = DATA / "semeval-twitter-sentiment" / "BD"
    bd_test = read_semeval_bd(bd_dir / "twitter-2016test-BD.tsv")
    bd_train = [
        r for f in ("twitter-2016train-BD.tsv", "twitter-2016dev-BD.tsv") for r in read_semeval_bd(bd_dir / f)
    ]
    fast, accurate = load_scorer("fast"), load_scorer("accurate")
    scorers: dict[str, Proba] = {
        "VADER (baseline)": vader(),
        "TF-IDF + LR (baseline, same leak-free train, balanced)": tfidf_lr(splits.train, LABELS),
        "fast path": fast.predict_proba,
        "accurate path (MiniLM int8, blend weight chosen on dev)": accurate.predict_proba,
    }
    bd_baseline = tfidf_lr(tuple(bd_train), ("negative", "positive"))
    sample = [r.text for r in splits.held_out[:5000]]
    print(f"load average at start: {os.getloadavg()} (2 cores shared with other engineers' jobs)")
    print(
        "| scorer | val macro R | held-out 2016 macro R | BD 2016 test (whole / window) "
        "| posts/s wall | posts/s per CPU-s |"
    )
    print("|---|---|---|---|---|---|")
    for name, proba in scorers.items():
        cols = []
        for rows in (splits.val, splits.held_out):
            pred = [LABELS[k] for k in proba([r.text for r in rows]).argmax(axis=1)]
            cols.append(f"{macro_recall([r.label for r in rows], pred):.3f}")
        bd = f"{bd_recall(proba, bd_test, window=False):.3f} / {bd_recall(proba, bd_test, window=True):.3f}"
        wall, cpu = speed(proba, sample)
        print(f"| {name} | {cols[0]} | {cols[1]} | {bd} | {wall:,.0f} | {cpu:,.0f} |", flush=True)
    directed, three = sxsw.sets()
    print(
        f"\nSXSW 2011, toward the brand (held out: never used for training or choosing): directed "
        f"{len(directed):,} tweets (positive vs negative macro R), 3-class {len(three):,} tweets (macro R); "
        "whole tweet / toward the brand"
    )
    print("| scorer | directed (whole / toward) | 3-class (whole / toward) |")
    print("|---|---|---|")
    for name, proba in scorers.items():
        d, t = sxsw.evaluate(proba, directed, binary=True), sxsw.evaluate(proba, three, binary=False)
        print(f"| {name} | {d[0]:.3f} / {d[1]:.3f} | {t[0]:.3f} / {t[1]:.3f} |", flush=True)
    print()
    bd_base = bd_recall(bd_baseline, bd_test, window=False)
    print(
        f"| TF-IDF + LR trained on BD train+dev, balanced (BD anchor) | - | - | {bd_base:.3f} / - | - | - |"
    )
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
