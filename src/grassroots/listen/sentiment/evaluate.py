"""Macro recall, overall and toward a topic (SemEval BD), shared by the benchmark, scripts and tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grassroots.listen.sentiment.accurate import SentimentScorer
from grassroots.listen.sentiment.corpus import LABELS, LabelledText
from grassroots.listen.sentiment.score import TargetPolicy, score_toward

__all__ = ["LabelScores", "label_scores", "macro_recall", "topic_macro_recall"]


def macro_recall(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    """Mean over ``labels`` of the share of each label's items predicted as it.

    >>> truth, pred = ["positive", "positive", "negative"], ["positive", "negative", "negative"]
    >>> macro_recall(truth, pred, ("negative", "positive"))
    0.75
    """
    return float(
        np.mean([np.mean([p == k for t, p in zip(truth, pred, strict=True) if t == k]) for k in labels])
    )


def topic_macro_recall(
    rows: Sequence[LabelledText], scorer: SentimentScorer, *, policy: TargetPolicy | None = None
) -> float:
    """Positive vs negative macro recall with each text scored toward its ``topic`` (SemEval BD)."""
    scored = score_toward([r.text for r in rows], [r.topic for r in rows], scorer=scorer, policy=policy)
    pred = [
        "positive" if s.probabilities["positive"] >= s.probabilities["negative"] else "negative"
        for s in scored
    ]
    return macro_recall([r.label for r in rows], pred, ("negative", "positive"))


@dataclass(frozen=True)
class LabelScores:
    """How predictions agree with human labels: n, accuracy, macro and per-class recall, confusion.

    ``confusion[truth][predicted]`` counts items; a class absent from ``truth`` has recall None and
    is left out of the macro average (which then says so through ``per_class``).
    """

    n: int
    accuracy: float
    macro_recall: float
    per_class: dict[str, float | None]
    confusion: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, numbers rounded to 4 places."""
        per_class = {k: None if v is None else round(v, 4) for k, v in self.per_class.items()}
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_recall": round(self.macro_recall, 4),
            "recall": per_class,
            "confusion": self.confusion,
        }


def label_scores(truth: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> LabelScores:
    """Score ``pred`` against ``truth`` over ``labels`` (items with another true label are not counted).

    >>> s = label_scores(["positive", "negative", "negative"], ["positive", "neutral", "negative"])
    >>> s.n, round(s.macro_recall, 2), s.per_class["neutral"], s.confusion["negative"]
    (3, 0.75, None, {'negative': 1, 'neutral': 1, 'positive': 0})
    """
    pairs = [(t, p) for t, p in zip(truth, pred, strict=True) if t in labels]
    confusion = {t: {p: 0 for p in labels} for t in labels}
    for t, p in pairs:
        if p in confusion[t]:
            confusion[t][p] += 1
    per_class: dict[str, float | None] = {}
    for k in labels:
        total = sum(confusion[k].values())
        per_class[k] = confusion[k][k] / total if total else None
    present = [v for v in per_class.values() if v is not None]
    return LabelScores(
        n=len(pairs),
        accuracy=sum(t == p for t, p in pairs) / len(pairs) if pairs else 0.0,
        macro_recall=float(np.mean(present)) if present else 0.0,
        per_class=per_class,
        confusion=confusion,
    )
