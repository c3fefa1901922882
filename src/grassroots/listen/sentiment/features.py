"""Text preparation and hashed n-gram features shared by the sentiment scorers.

Hashing (rather than a fitted vocabulary) keeps the fast model a pair of arrays: the feature space
is fixed by ``n_features`` and the n-gram settings, so the artefact is an ``.npz`` of IDF weights
and class coefficients, readable without pickles.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["HashedNgrams", "prepare_text"]

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_REPEAT = re.compile(r"(.)\1{2,}")
_TOKEN = r"(?u)[\w@#']+|[^\w\s]+"


def prepare_text(text: str, *, lower: bool = True) -> str:
    """Put a post in the form the models were trained on: entities decoded, URLs → ``http``,
    @handles → ``@user``, characters repeated 4+ times cut to 3.

    >>> prepare_text("Sooooo GOOD @Apple https://t.co/x")
    'sooo good @user http'
    """
    text = html.unescape(text)
    if lower:
        text = text.lower()
    text = _URL.sub("http", text)
    text = _MENTION.sub("@user", text)
    return _REPEAT.sub(r"\1\1\1", text).strip()


@dataclass(frozen=True)
class HashedNgrams:
    """Word 1–2-grams and char_wb n-grams hashed into two blocks of ``n_features`` columns each."""

    n_features: int = 2**18
    char_min: int = 2
    char_max: int = 5

    @property
    def width(self) -> int:
        """Number of columns of :meth:`transform`'s output."""
        return 2 * self.n_features

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Raw counts of ``texts`` (already prepared) as a CSR matrix of shape (n, width)."""
        from sklearn.feature_extraction.text import HashingVectorizer

        words = HashingVectorizer(
            n_features=self.n_features,
            ngram_range=(1, 2),
            alternate_sign=False,
            norm=None,
            token_pattern=_TOKEN,
            lowercase=False,
        )
        chars = HashingVectorizer(
            n_features=self.n_features,
            analyzer="char_wb",
            ngram_range=(self.char_min, self.char_max),
            alternate_sign=False,
            norm=None,
            lowercase=False,
        )
        matrix = sp.hstack([words.transform(texts), chars.transform(texts)], format="csr")
        return matrix.astype(np.float32)
