"""Macro recall, overall and toward a topic (SemEval BD), shared by the benchmark, scripts and tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from grassroots.listen.sentiment.accurate import SentimentScorer
from grassroots.listen.sentiment.corpus import LABELS, LabelledText
from grassroots.listen.sentiment.score import TargetPolicy, score_toward

__all__ = ["macro_recall", "topic_macro_recall"]


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
