"""A random forest as plain arrays: predict without pickles and explain each prediction.

A scikit-learn forest is exported to lists (feature, threshold, children, node value) so the shipped
model is a small JSON file that loads on any version. Each prediction is decomposed into per-feature
contributions by following the decision path and crediting every change of the node value to the
feature split on (Saabas' "tree interpreter"): ``prediction = bias + sum(contributions)``.

References
----------
A. Saabas, "Interpreting random forests", 2014.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["Forest", "Tree"]


@dataclass(frozen=True)
class Tree:
    """One decision tree: ``feature[i] < 0`` marks a leaf; ``value`` is P(positive) at each node."""

    feature: NDArray[np.int64]
    threshold: NDArray[np.float64]
    left: NDArray[np.int64]
    right: NDArray[np.int64]
    value: NDArray[np.float64]

    @classmethod
    def from_sklearn(cls, estimator: Any) -> Tree:
        """Export a fitted ``DecisionTreeClassifier`` (binary) to arrays."""
        tree = estimator.tree_
        counts = tree.value[:, 0, :]
        share = counts[:, 1] / np.maximum(counts.sum(axis=1), 1e-12)
        leaf = tree.children_left < 0
        return cls(
            feature=np.where(leaf, -1, tree.feature).astype(np.int64),
            threshold=np.round(tree.threshold.astype(np.float64), 6),
            left=tree.children_left.astype(np.int64),
            right=tree.children_right.astype(np.int64),
            value=np.round(share.astype(np.float64), 6),
        )

    def explain(self, row: NDArray[np.float64], contributions: NDArray[np.float64]) -> float:
        """Return the leaf value for ``row`` and add each split's value change to ``contributions``."""
        node = 0
        while self.feature[node] >= 0:
            feat = int(self.feature[node])
            child = self.left[node] if row[feat] <= self.threshold[node] else self.right[node]
            contributions[feat] += self.value[child] - self.value[node]
            node = int(child)
        return float(self.value[node])

    def to_dict(self) -> dict[str, list[Any]]:
        """Plain lists for JSON."""
        return {
            "feature": self.feature.tolist(),
            "threshold": self.threshold.tolist(),
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": self.value.tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, list[Any]]) -> Tree:
        """Inverse of :meth:`to_dict`."""
        return cls(
            feature=np.asarray(data["feature"], dtype=np.int64),
            threshold=np.asarray(data["threshold"], dtype=np.float64),
            left=np.asarray(data["left"], dtype=np.int64),
            right=np.asarray(data["right"], dtype=np.int64),
            value=np.asarray(data["value"], dtype=np.float64),
        )


@dataclass(frozen=True)
class Forest:
    """Trees whose leaf values are averaged.

    >>> stump = Tree(np.array([0, -1, -1]), np.array([0.5, 0, 0]), np.array([1, -1, -1]),
    ...              np.array([2, -1, -1]), np.array([0.5, 0.1, 0.9]))
    >>> p, parts = Forest((stump,)).explain(np.array([1.0]))
    >>> round(p, 2), [round(float(x), 2) for x in parts]
    (0.9, [0.4])
    """

    trees: tuple[Tree, ...]

    def explain(self, row: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        """Mean leaf value for ``row`` and the mean per-feature contributions behind it."""
        contributions = np.zeros(row.shape[0], dtype=np.float64)
        total = sum(tree.explain(row, contributions) for tree in self.trees)
        n = len(self.trees)
        return total / n, contributions / n

    def predict(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        """Mean leaf value for each row."""
        return np.array([self.explain(row)[0] for row in rows], dtype=np.float64)
