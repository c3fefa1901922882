"""Which product to send an advocate next: an item-item model over purchase histories, and popularity.

Item-item collaborative filtering (Sarwar et al., "Item-based collaborative filtering recommendation
algorithms", WWW 2001): items are similar when the same people buy both (cosine over the binary
person x item matrix); a person's candidates are scored by their summed similarity to what they bought.
Each recommendation carries its reason (the bought items that contributed most). Popularity is the peer.

>>> model = ItemItemRecommender().fit([["a", "b"], ["a", "b"], ["c", "d"], ["a", "c"]])
>>> [r.item for r in model.recommend(["b"], k=2)], model.recommend(["b"], k=1)[0].because
(['a', 'c'], ('b',))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["ItemItemRecommender", "PopularityRecommender", "Recommendation"]


@dataclass(frozen=True)
class Recommendation:
    """An item to offer next, its score, and the bought items that led to it."""

    item: str
    score: float
    because: tuple[str, ...]


class PopularityRecommender:
    """The most bought items the person does not have yet (the baseline)."""

    def fit(self, histories: Sequence[Sequence[str]]) -> PopularityRecommender:
        counts = Counter(item for history in histories for item in set(history))
        self.ranking_ = sorted(counts, key=lambda item: (-counts[item], item))
        self.counts_ = counts
        return self

    def recommend(self, history: Sequence[str], *, k: int = 10) -> list[Recommendation]:
        owned = set(history)
        out = [i for i in self.ranking_ if i not in owned][:k]
        return [Recommendation(i, float(self.counts_[i]), ("bought by many",)) for i in out]


class ItemItemRecommender:
    """Cosine item-item similarity over who bought what; ``shrink`` damps pairs seen by few people."""

    def __init__(self, *, shrink: float = 10.0) -> None:
        self.shrink = shrink

    def fit(self, histories: Sequence[Sequence[str]]) -> ItemItemRecommender:
        items = sorted({item for history in histories for item in history})
        index = {item: i for i, item in enumerate(items)}
        bought = np.zeros((len(histories), len(items)), dtype=np.float64)
        for row, history in enumerate(histories):
            bought[row, [index[i] for i in set(history)]] = 1.0
        together = bought.T @ bought
        norms = np.sqrt(np.diag(together))
        similarity = together / (np.outer(norms, norms) + 1e-12) * together / (together + self.shrink)
        np.fill_diagonal(similarity, 0.0)
        self.items_: list[str] = items
        self.index_ = index
        self.similarity_: NDArray[np.float64] = similarity
        return self

    def recommend(self, history: Sequence[str], *, k: int = 10) -> list[Recommendation]:
        known = sorted({self.index_[i] for i in history if i in self.index_})
        if not known:
            return []
        parts = self.similarity_[known]
        scores = parts.sum(axis=0)
        scores[known] = -np.inf
        order = [int(j) for j in np.argsort(-scores, kind="stable")[:k] if np.isfinite(scores[j])]
        out = []
        for j in order:
            top = np.argsort(-parts[:, j], kind="stable")[:2]
            because = tuple(self.items_[known[t]] for t in top if parts[t, j] > 0)
            out.append(Recommendation(self.items_[j], float(scores[j]), because))
        return out
