"""Score texts (optionally toward a brand) and load the shipped scorers by path name."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from grassroots.errors import InvalidInput, NotFound
from grassroots.listen.brands import Brand
from grassroots.listen.sentiment.accurate import BlendedSentiment, SentimentScorer, TransformerSentiment
from grassroots.listen.sentiment.corpus import LABELS
from grassroots.listen.sentiment.fast import FastSentiment
from grassroots.listen.sentiment.target import MIN_WORDS, brand_for_name, find_target

__all__ = [
    "MODELS_DIR",
    "SENTIMENT_PATHS",
    "SentimentPath",
    "SentimentResult",
    "TargetPolicy",
    "load_scorer",
    "score_texts",
    "score_toward",
    "target_policy",
]

_log = logging.getLogger(__name__)

SentimentPath = Literal["fast", "accurate"]
SENTIMENT_PATHS: tuple[SentimentPath, ...] = ("fast", "accurate")
MODELS_DIR = Path(__file__).resolve().parents[1] / "models"


@dataclass(frozen=True)
class SentimentResult:
    """One scored text: label, its probability, all three probabilities, and what was read."""

    label: str
    score: float
    probabilities: dict[str, float]
    evidence_start: int
    evidence_end: int
    evidence_text: str
    target_found: bool
    warnings: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``grassroots listen sentiment`` (without id / input warnings)."""
        return {
            "label": self.label,
            "score": self.score,
            "probabilities": self.probabilities,
            "evidence": {"start": self.evidence_start, "end": self.evidence_end, "text": self.evidence_text},
            "target_found": self.target_found,
        }


@dataclass(frozen=True)
class TargetPolicy:
    """How a brand window is read: its minimum size, and the weight the whole post keeps.

    The probabilities toward the brand are ``(1 - context_weight) * window + context_weight *
    whole post``: the window decides when a post mixes opinions, the rest of the post still
    counts when the window is a fragment ("@brand !!!").
    """

    min_words: int = MIN_WORDS
    context_weight: float = 0.0


@lru_cache(maxsize=1)
def target_policy() -> TargetPolicy:
    """The policy chosen on SemEval BD train + dev (``listen/models/sentiment_target.json``)."""
    path = MODELS_DIR / "sentiment_target.json"
    if not path.exists():
        return TargetPolicy()
    chosen = json.loads(path.read_text())["chosen"]
    return TargetPolicy(min_words=int(chosen["min_words"]), context_weight=float(chosen["context_weight"]))


def load_scorer(path: str) -> SentimentScorer:
    """The shipped scorer for ``path`` (``fast`` or ``accurate``), read from ``listen/models``."""
    if path not in ("fast", "accurate"):
        raise InvalidInput(f"path={path!r}: expected one of {', '.join(SENTIMENT_PATHS)}")
    _log.info("loading the %s sentiment model from %s", path, MODELS_DIR)
    fast = FastSentiment.load(MODELS_DIR / "sentiment_fast.npz")
    if path == "fast":
        return fast
    blend = MODELS_DIR / "sentiment_accurate.json"
    if not blend.exists():
        raise NotFound(f"{blend} does not exist; run scripts/select_sentiment_blend.py")
    weight = float(json.loads(blend.read_text())["weight"])
    deep = TransformerSentiment(model_path=MODELS_DIR / "sentiment_minilm_int8.onnx").fit()
    if weight >= 1.0:
        return deep  # dev chose the transformer alone: skip the fast path's work
    return BlendedSentiment(deep, fast, weight=weight)


def score_texts(
    texts: list[str],
    *,
    scorer: SentimentScorer,
    brand: str | Brand | None = None,
    policy: TargetPolicy | None = None,
) -> list[SentimentResult]:
    """Score every text, in order; with ``brand``, toward the window around its first mention.

    The evidence is that window; the probabilities mix it with the whole post as ``policy`` says
    (default: :func:`target_policy`). Texts without a mention are scored whole with
    ``target_found=False``. Empty texts are not given to the model: they come back neutral with a
    warning.
    """
    target = brand_for_name(brand) if isinstance(brand, str) and brand else brand or None
    policy = policy or target_policy()
    windows: list[tuple[int, int, bool]] = []
    for text in texts:
        span = (
            find_target(text, target, min_words=policy.min_words)
            if target is not None and text.strip()
            else None
        )
        windows.append((span.start, span.end, True) if span else (0, len(text), target is None))
    to_score = [i for i, text in enumerate(texts) if text.strip()]
    cut = [i for i in to_score if windows[i][1] - windows[i][0] < len(texts[i])]
    partial = cut if policy.context_weight > 0 else []
    probs = scorer.predict_proba(
        [texts[i][windows[i][0] : windows[i][1]] for i in to_score] + [texts[i] for i in partial]
    )
    by_index = dict(zip(to_score, probs[: len(to_score)], strict=True))
    for i, whole in zip(partial, probs[len(to_score) :], strict=True):
        by_index[i] = (1 - policy.context_weight) * by_index[i] + policy.context_weight * whole
    results = []
    for i, text in enumerate(texts):
        start, end, found = windows[i]
        row = by_index.get(i)
        p = [0.0, 1.0, 0.0] if row is None else [round(float(v), 4) for v in row]
        best = max(range(len(LABELS)), key=lambda k: p[k])
        results.append(
            SentimentResult(
                label=LABELS[best],
                score=p[best],
                probabilities=dict(zip(LABELS, p, strict=True)),
                evidence_start=start,
                evidence_end=end,
                evidence_text=text[start:end],
                target_found=found if text.strip() else target is None,
                warnings=("empty text: nothing to score, reported neutral",) if row is None else (),
            )
        )
    return results


def score_toward(
    texts: Sequence[str],
    targets: Sequence[str | Brand],
    *,
    scorer: SentimentScorer,
    policy: TargetPolicy | None = None,
) -> list[SentimentResult]:
    """Score each text toward its own target (a brand or a bare name), results in input order.

    Texts are grouped by target (same name, same group) so each target is resolved once.
    """
    groups: dict[str, list[int]] = {}
    for i, target in enumerate(targets):
        groups.setdefault(target if isinstance(target, str) else target.name, []).append(i)
    out: list[SentimentResult | None] = [None] * len(texts)
    for idx in groups.values():
        scored = score_texts([texts[i] for i in idx], scorer=scorer, brand=targets[idx[0]], policy=policy)
        for i, result in zip(idx, scored, strict=True):
            out[i] = result
    return [r for r in out if r is not None]
