"""The fast path: hashed word + character n-grams, TF-IDF weighting, multinomial logistic regression.

Built for firehose volumes (thousands of posts per second on 2 cores). The learned state is three
arrays (IDF weights, coefficients, intercepts) saved as one ``.npz``, so loading needs no pickle.
"""

from __future__ import annotations

import ast
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from grassroots.errors import NotFound
from grassroots.listen.sentiment.corpus import LABELS
from grassroots.listen.sentiment.features import HashedNgrams, prepare_text

__all__ = ["FastSentiment"]


def _l2_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    expo = np.exp(shifted)
    return np.asarray(expo / expo.sum(axis=1, keepdims=True))


def _as_saved(values: np.ndarray) -> np.ndarray:
    """``values`` at the precision :meth:`FastSentiment.save` keeps (float16), as float32: a trained
    model and the same model saved and loaded give identical probabilities."""
    return np.asarray(values).astype(np.float16).astype(np.float32)


class FastSentiment:
    """Three-class sentiment from hashed n-grams (estimator contract: params in ``__init__``).

    Parameters
    ----------
    n_features : hash buckets per block (word block and char block).
    C : inverse regularisation strength of the logistic regression.
    class_weight : passed to scikit-learn; ``"balanced"`` helps macro recall.
    seed : random state of the solver.

    >>> model = FastSentiment(n_features=2**10).fit(["love it", "hate it", "it is here"] * 4,
    ...                                             ["positive", "negative", "neutral"] * 4)
    >>> model.predict(["i love it"])
    ['positive']
    """

    def __init__(
        self, *, n_features: int = 2**18, C: float = 1.0, class_weight: str | None = "balanced", seed: int = 0
    ) -> None:
        self.n_features = n_features
        self.C = C
        self.class_weight = class_weight
        self.seed = seed

    def _features(self, texts: list[str]) -> sp.csr_matrix:
        counts = HashedNgrams(n_features=self.n_features).transform([prepare_text(t) for t in texts])
        counts.data = 1.0 + np.log(counts.data)
        return _l2_rows(sp.csr_matrix(counts @ sp.diags(self.idf_)))

    def fit(self, texts: list[str], labels: list[str]) -> FastSentiment:
        """Learn IDF weights and the logistic regression from ``texts`` labelled with :data:`LABELS`."""
        from sklearn.linear_model import LogisticRegression

        counts = HashedNgrams(n_features=self.n_features).transform([prepare_text(t) for t in texts])
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
        self.idf_ = _as_saved(np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0)
        y = np.array([LABELS.index(label) for label in labels])
        model = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=2000, random_state=self.seed
        )
        model.fit(self._features(texts), y)
        self.coef_ = _as_saved(model.coef_)
        self.intercept_ = model.intercept_.astype(np.float32)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities, shape (n, 3), columns in :data:`LABELS` order."""
        if not texts:
            return np.zeros((0, len(LABELS)))
        logits = np.asarray(self._features(texts) @ self.coef_.T) + self.intercept_
        return _softmax(logits.astype(np.float64))

    def predict(self, texts: list[str]) -> list[str]:
        """The most probable label of each text."""
        return [LABELS[k] for k in self.predict_proba(texts).argmax(axis=1)]

    def save(self, path: Path, *, meta: dict[str, Any] | None = None) -> None:
        """Write the learned arrays (float16, compressed) and parameters to ``path`` (.npz)."""
        params = {
            "n_features": self.n_features,
            "C": self.C,
            "class_weight": self.class_weight,
            "seed": self.seed,
        }
        np.savez_compressed(
            path,
            idf=self.idf_.astype(np.float16),
            coef=self.coef_.astype(np.float16),
            intercept=self.intercept_,
            params=np.array(repr(params | {"features": asdict(HashedNgrams(self.n_features))})),
        )

    @classmethod
    def load(cls, path: Path) -> FastSentiment:
        """Read a model written by :meth:`save`."""
        if not path.exists():
            raise NotFound(f"sentiment model {path} does not exist; run scripts/train_sentiment.py")
        with np.load(path, allow_pickle=False) as arrays:
            saved = ast.literal_eval(str(arrays["params"])) if "params" in arrays else {}
            params = {k: saved[k] for k in ("C", "class_weight", "seed") if k in saved}
            model = cls(n_features=int(arrays["idf"].shape[0] // 2), **params)
            model.idf_ = arrays["idf"].astype(np.float32)
            model.coef_ = arrays["coef"].astype(np.float32)
            model.intercept_ = arrays["intercept"].astype(np.float32)
        return model
