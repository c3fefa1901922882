"""Score texts (optionally toward a brand) and load the shipped scorers by path name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from grassroots.errors import InvalidInput, NotFound
from grassroots.listen.sentiment.accurate import BlendedSentiment, SentimentScorer, TransformerSentiment
from grassroots.listen.sentiment.corpus import LABELS
from grassroots.listen.sentiment.fast import FastSentiment
from grassroots.listen.sentiment.target import brand_for_name, find_target

__all__ = ["MODELS_DIR", "SentimentPath", "SentimentResult", "load_scorer", "score_texts"]

SentimentPath = Literal["fast", "accurate"]
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


def load_scorer(path: str) -> SentimentScorer:
    """The shipped scorer for ``path`` (``fast`` or ``accurate``), read from ``listen/models``."""
    import json

    if path not in ("fast", "accurate"):
        raise InvalidInput(f"--path: expected fast or accurate, got {path!r}")
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
    texts: list[str], *, scorer: SentimentScorer, brand: str | None = None
) -> list[SentimentResult]:
    """Score every text, in order; with ``brand``, only the window around its first mention.

    Texts without a mention are scored whole with ``target_found=False``. Empty texts are not
    given to the model: they come back neutral with a warning.
    """
    target = brand_for_name(brand) if brand else None
    windows: list[tuple[int, int, bool]] = []
    for text in texts:
        span = find_target(text, target) if target is not None and text.strip() else None
        windows.append((span.start, span.end, True) if span else (0, len(text), target is None))
    to_score = [i for i, text in enumerate(texts) if text.strip()]
    probs = scorer.predict_proba([texts[i][windows[i][0] : windows[i][1]] for i in to_score])
    by_index = dict(zip(to_score, probs, strict=True))
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
