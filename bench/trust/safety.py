"""Brand-safety screens on TweetEval hate / offensive test splits vs TF-IDF + logistic regression."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from bench.trust import data

TWEETEVAL = data.SHARED / "text" / "tweeteval"
C_GRID = (0.25, 1.0, 4.0, 16.0)


def load(task: str, split: str) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of one TweetEval split."""
    folder = TWEETEVAL / task
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
    labels = np.array([int(x) for x in (folder / f"{split}_labels.txt").read_text().split()])
    return texts, labels


def tfidf_baseline(task: str) -> float:
    """Test macro-F1 of TF-IDF (1-2 grams) + LR, C chosen on the validation split."""
    train, y_train = load(task, "train")
    val, y_val = load(task, "val")
    test, y_test = load(task, "test")
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    X = vec.fit_transform(train)
    best = max(
        (LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, y_train) for c in C_GRID),
        key=lambda m: f1_score(y_val, m.predict(vec.transform(val)), average="macro"),
    )
    return float(f1_score(y_test, best.predict(vec.transform(test)), average="macro"))


def shipped_screen(task: str, limit: int | None = None) -> float:
    """Test macro-F1 of the shipped embedding screen (first ``limit`` test items when given)."""
    from grassroots.trust.safety_screens import embedding_screens

    test, y_test = load(task, "test")
    if limit is not None:
        test, y_test = test[:limit], y_test[:limit]
    p = np.array(embedding_screens()[task](test))
    return float(f1_score(y_test, p >= 0.5, average="macro"))


def lines() -> list[str]:
    """Printable comparison for both tasks."""
    out = []
    for task in ("hate", "offensive"):
        ours, peer = shipped_screen(task), tfidf_baseline(task)
        out.append(
            f"TweetEval {task} test macro-F1: MiniLM+LR screen {ours:.3f} vs TF-IDF+LR {peer:.3f} "
            f"(ratio {ours / peer:.2f})"
        )
    return out
