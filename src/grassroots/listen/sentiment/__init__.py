"""Brand-targeted sentiment: a fast hashed n-gram path and an accurate fine-tuned MiniLM path.

Both are trained on SemEval 2013–2016 tweets with every TweetEval val tweet removed (see
:mod:`grassroots.listen.sentiment.corpus`); with a brand, only the clause around its mention is read.
"""

from __future__ import annotations

from grassroots.listen.sentiment.accurate import BlendedSentiment, SentimentScorer, TransformerSentiment
from grassroots.listen.sentiment.corpus import LABELS, leak_free_splits, normalise_for_dedup
from grassroots.listen.sentiment.fast import FastSentiment
from grassroots.listen.sentiment.score import (
    SENTIMENT_PATHS,
    SentimentPath,
    SentimentResult,
    load_scorer,
    score_texts,
    score_toward,
)
from grassroots.listen.sentiment.target import TargetSpan, brand_for_name, find_target

__all__ = [
    "LABELS",
    "SENTIMENT_PATHS",
    "BlendedSentiment",
    "FastSentiment",
    "SentimentPath",
    "SentimentResult",
    "SentimentScorer",
    "TargetSpan",
    "TransformerSentiment",
    "brand_for_name",
    "find_target",
    "leak_free_splits",
    "load_scorer",
    "normalise_for_dedup",
    "score_texts",
    "score_toward",
]
