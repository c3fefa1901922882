"""The CLINC150 protocol shared by the intent training script and ``bench.assistant``.

Every choice (C, the out-of-scope threshold) is made on a split of TRAIN: 80 % of the in-scope
training examples (stratified, seed 0) plus the first 50 ``oos_train`` examples fit a model; the
other 20 % plus the last 50 ``oos_train`` examples choose the threshold. ``val`` (3,000 in-scope +
100 ``oos_val``) is scored by the chosen model only. Metrics as Larson et al. (2019): in-scope
accuracy (a correct intent AND not flagged out-of-scope) and out-of-scope recall.

Threshold rule (fixed before val was looked at): the largest out-of-scope recall on the threshold
split among thresholds whose in-scope accuracy there is at least ``MIN_HELD_ACCURACY``; ties go to
the higher accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[2]
CLINC = ROOT.parent / "shared" / "data" / "text" / "clinc150" / "clinc150-full-dev.json"
OOS = "oos"
C_GRID = (1.0, 10.0, 100.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(20))
MIN_HELD_ACCURACY = 0.95
SEED = 0

Scorer = Callable[[Sequence[str]], tuple[list[str], NDArray[np.float64]]]


@dataclass(frozen=True)
class Splits:
    """Texts and labels of the fit part, the threshold part and val (``oos`` marks out-of-scope)."""

    fit: tuple[list[str], list[str]]
    held: tuple[list[str], list[str]]
    val: tuple[list[str], list[str]]


def load_splits(path: Path = CLINC) -> Splits:
    """The fit / threshold split of train (seeded, stratified) and val, from the dev file."""
    from sklearn.model_selection import train_test_split

    data = json.loads(path.read_text(encoding="utf-8"))
    texts = [t for t, _ in data["train"]]
    labels = [lab for _, lab in data["train"]]
    fit_t, held_t, fit_y, held_y = train_test_split(
        texts, labels, test_size=0.2, stratify=labels, random_state=SEED
    )
    oos = [t for t, _ in data["oos_train"]]
    val_t = [t for t, _ in data["val"]] + [t for t, _ in data["oos_val"]]
    val_y = [lab for _, lab in data["val"]] + [OOS] * len(data["oos_val"])
    return Splits(
        fit=(list(fit_t) + oos[:50], list(fit_y) + [OOS] * 50),
        held=(list(held_t) + oos[50:], list(held_y) + [OOS] * (len(oos) - 50)),
        val=(val_t, val_y),
    )


def rates(
    labels: Sequence[str], predicted: Sequence[str], confidence: NDArray[np.float64], threshold: float
) -> tuple[float, float]:
    """(in-scope accuracy, out-of-scope recall) when ``confidence < threshold`` means out-of-scope."""
    gold = np.asarray(labels)
    pred = np.where(confidence < threshold, OOS, np.asarray(predicted))
    inscope = gold != OOS
    accuracy = float(np.mean(pred[inscope] == gold[inscope]))
    recall = float(np.mean(pred[~inscope] == OOS)) if (~inscope).any() else float("nan")
    return accuracy, recall


def choose_threshold(
    labels: Sequence[str], predicted: Sequence[str], confidence: NDArray[np.float64]
) -> tuple[float, float, float]:
    """(threshold, held accuracy, held recall) by the module's rule."""
    best: tuple[float, float, float] | None = None
    for th in THRESHOLDS:
        acc, rec = rates(labels, predicted, confidence, th)
        if acc >= MIN_HELD_ACCURACY and (best is None or (rec, acc) > (best[2], best[1])):
            best = (th, acc, rec)
    return best if best is not None else (0.0, *rates(labels, predicted, confidence, 0.0))


def logistic_scorer(
    features: NDArray[np.float64], labels: Sequence[str], c: float
) -> tuple[object, list[str]]:
    """A multinomial logistic regression (151 classes, ``oos`` among them) fitted on ``features``."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000).fit(features, labels)
    return model, [str(x) for x in model.classes_]


def argmax_labels(
    classes: Sequence[str], proba: NDArray[np.float64]
) -> tuple[list[str], NDArray[np.float64]]:
    """Top class and its probability per row."""
    top = proba.argmax(axis=1)
    return [classes[i] for i in top], proba[np.arange(len(top)), top]


def tfidf_lr(splits: Splits) -> dict[str, float]:
    """TF-IDF (1-2 grams, sublinear tf) + LR, C and threshold chosen by the same rule on the held split."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    fit = vec.fit_transform(splits.fit[0])
    held, val = vec.transform(splits.held[0]), vec.transform(splits.val[0])
    return _choose_and_score(splits, lambda c: logistic_scorer(fit, splits.fit[1], c), held, val)


def _choose_and_score(
    splits: Splits, fit_c: Callable[[float], tuple[object, list[str]]], held: object, val: object
) -> dict[str, float]:
    best: tuple[tuple[float, float], float, float, object, list[str]] | None = None
    for c in C_GRID:
        model, classes = fit_c(c)
        pred, conf = argmax_labels(classes, model.predict_proba(held))  # type: ignore[attr-defined]
        th, acc, rec = choose_threshold(splits.held[1], pred, conf)
        if best is None or (rec, acc) > best[0]:
            best = ((rec, acc), c, th, model, classes)
    assert best is not None
    (_, _), c, th, model, classes = best
    pred, conf = argmax_labels(classes, model.predict_proba(val))  # type: ignore[attr-defined]
    acc, rec = rates(splits.val[1], pred, conf, th)
    return {
        "C": c,
        "threshold": th,
        "held_accuracy": best[0][1],
        "held_recall": best[0][0],
        "val_accuracy": acc,
        "val_recall": rec,
    }


def bm25_nearest(splits: Splits, *, k1: float = 1.2, b: float = 0.75) -> dict[str, float]:
    """BM25 nearest training example (its label, ``oos`` examples included); a low top score is out-of-scope.

    The score is the top BM25 score divided by the query's score against itself-as-a-document bound
    (the sum of its terms' IDF times (k1 + 1)), so one threshold fits short and long queries.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer()
    docs = vec.fit_transform(splits.fit[0]).tocsr().astype(np.float64)
    n = docs.shape[0]
    df = np.bincount(docs.indices, minlength=docs.shape[1])
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    lengths = np.asarray(docs.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    weighted = docs.copy()
    rows = np.repeat(np.arange(n), np.diff(docs.indptr))
    weighted.data = docs.data * (k1 + 1) / (docs.data + norm[rows]) * idf[docs.indices]
    labels = splits.fit[1]

    def score(texts: Sequence[str]) -> tuple[list[str], NDArray[np.float64]]:
        q = vec.transform(texts).tocsr()
        q.data[:] = 1.0
        sims = (q @ weighted.T).toarray()
        bound = np.asarray(q @ (idf * (k1 + 1))).ravel()
        top = sims.argmax(axis=1)
        conf = sims[np.arange(len(top)), top] / np.maximum(bound, 1e-9)
        return [labels[i] for i in top], conf

    pred, conf = score(splits.held[0])
    th, acc_h, rec_h = choose_threshold(splits.held[1], pred, conf)
    pred, conf = score(splits.val[0])
    acc, rec = rates(splits.val[1], pred, conf, th)
    return {
        "threshold": th,
        "held_accuracy": acc_h,
        "held_recall": rec_h,
        "val_accuracy": acc,
        "val_recall": rec,
    }
