"""SXSW 2011 (CrowdFlower) as a held-out test of sentiment *toward a brand* on real tweets.

Nothing here was used for training or choosing. Two sets, both scored toward the brand as
``grassroots listen sentiment --brand`` does (and on the whole tweet for comparison):

- **directed**: rows whose emotion is directed at an Apple or Google target (positive or negative),
  scored toward that brand; positive vs negative macro recall, like SemEval BD.
- **3-class**: rows where the detector attributes the tweet to Apple or Google, labelled positive /
  negative when the emotion is directed at that same brand and neutral for "No emotion toward brand
  or product"; "I can't tell" and emotions aimed at the other brand are left out. Macro recall over
  the three labels.
"""

from __future__ import annotations

import csv
from collections.abc import Callable

import numpy as np

from bench.mentions.sxsw import SXSW, TARGET_BRAND, _repair, attribute, brands
from grassroots.listen import Brand
from grassroots.listen.sentiment import score_toward
from grassroots.listen.sentiment.evaluate import macro_recall

Proba = Callable[[list[str]], np.ndarray]
_LABEL = {
    "Positive emotion": "positive",
    "Negative emotion": "negative",
    "No emotion toward brand or product": "neutral",
}


class Wrapped:
    """A ``texts -> probabilities`` function as a scorer object."""

    def __init__(self, proba: Proba) -> None:
        self.proba = proba

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return self.proba(texts)


def sets() -> tuple[list[tuple[str, Brand, str]], list[tuple[str, Brand, str]]]:
    """(directed, three_class): ``(tweet, brand to score toward, gold label)`` rows."""
    configured = {b.name: b for b in brands()}
    text = SXSW.read_bytes().decode("mac_roman")
    directed, three = [], []
    for row in list(csv.reader(text.splitlines(keepends=True)))[1:]:
        if len(row) < 3 or row[2] not in _LABEL:
            continue
        tweet, gold_brand, label = _repair(row[0]), TARGET_BRAND.get(row[1]), _LABEL[row[2]]
        if gold_brand and label != "neutral":
            directed.append((tweet, configured[gold_brand], label))
        best, _ = attribute(tweet, list(configured.values()))
        if best is None or (label != "neutral" and gold_brand != best):
            continue
        three.append((tweet, configured[best], label))
    return directed, three


def evaluate(proba: Proba, rows: list[tuple[str, Brand, str]], *, binary: bool) -> tuple[float, float]:
    """(whole tweet, toward the brand) macro recall."""
    truth = [label for _, _, label in rows]
    labels = ("negative", "positive") if binary else ("negative", "neutral", "positive")
    whole = proba([t for t, _, _ in rows])
    toward = np.array(
        [
            [s.probabilities[k] for k in ("negative", "neutral", "positive")]
            for s in score_toward([t for t, _, _ in rows], [b for _, b, _ in rows], scorer=Wrapped(proba))
        ]
    )

    def pred(p: np.ndarray) -> list[str]:
        if binary:
            return ["positive" if r[2] >= r[0] else "negative" for r in p]
        return [("negative", "neutral", "positive")[k] for k in p.argmax(axis=1)]

    return macro_recall(truth, pred(whole), labels), macro_recall(truth, pred(toward), labels)
