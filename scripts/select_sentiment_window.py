"""Choose how ``--brand`` reads a post: the window size and the weight the whole post keeps.

Grid: minimum window size (words besides the mention) x context weight (the share of the whole
post's probabilities mixed into the window's), scored with the shipped accurate path on SemEval
BD 2016 train + dev (positive vs negative macro recall; the BD files are not in the models'
training data). The best setting (ties: the smaller window, then the smaller context weight) is
recorded in ``listen/models/sentiment_target.json`` with its score on BD 2016 devtest (a test
re-checks it) and on BD 2016 test (reported, never used to choose).

Command (from the repo root, ~2 min)::

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/select_sentiment_window.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from grassroots.listen.sentiment import load_scorer
from grassroots.listen.sentiment.corpus import LabelledText, read_semeval_bd
from grassroots.listen.sentiment.evaluate import topic_macro_recall
from grassroots.listen.sentiment.score import MODELS_DIR, TargetPolicy

ROOT = Path(__file__).resolve().parents[1]
BD = ROOT.parent / "shared" / "data" / "text" / "semeval-twitter-sentiment" / "BD"
MIN_WORDS = (4, 8, 12, 16, 24)
CONTEXT_WEIGHTS = (0.0, 0.25, 0.5, 0.75)


class _Cached:
    """The accurate scorer with a per-text cache (the grid re-reads the same windows)."""

    def __init__(self) -> None:
        self.scorer = load_scorer("accurate")
        self.cache: dict[str, np.ndarray] = {}

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        need = sorted({t for t in texts if t not in self.cache})
        if need:
            self.cache.update(zip(need, self.scorer.predict_proba(need), strict=True))
        return np.array([self.cache[t] for t in texts]).reshape(len(texts), 3)


def bd_macro_recall(rows: list[LabelledText], scorer: _Cached, policy: TargetPolicy) -> float:
    """Positive vs negative macro recall with each tweet scored toward its topic, rounded."""
    return round(topic_macro_recall(rows, scorer, policy=policy), 4)


def main() -> int:
    def read(*names: str) -> list[LabelledText]:
        return [r for n in names for r in read_semeval_bd(BD / f"twitter-2016{n}-BD.tsv")]

    select, devtest, test = read("train", "dev"), read("devtest"), read("test")
    scorer = _Cached()
    settings = [(w, c) for w in MIN_WORDS for c in CONTEXT_WEIGHTS]
    grid = {(w, c): bd_macro_recall(select, scorer, TargetPolicy(w, c)) for w, c in settings}
    whole = bd_macro_recall(select, scorer, TargetPolicy(10**6, 0.0))
    best = max(grid, key=lambda k: (grid[k], -k[0], -k[1]))
    chosen = TargetPolicy(*best)
    record = {
        "chosen": {"min_words": best[0], "context_weight": best[1]},
        "selection": "SemEval BD 2016 train + dev, accurate path, positive vs negative macro recall",
        "select_by_setting": {f"min_words={w} context_weight={c}": v for (w, c), v in grid.items()},
        "select_whole_tweet": whole,
        "select_macro_recall": grid[best],
        "devtest_macro_recall": bd_macro_recall(devtest, scorer, chosen),
        "test_macro_recall": bd_macro_recall(test, scorer, chosen),
        "test_whole_tweet_macro_recall": bd_macro_recall(test, scorer, TargetPolicy(10**6, 0.0)),
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python scripts/select_sentiment_window.py",
    }
    (MODELS_DIR / "sentiment_target.json").write_text(json.dumps(record, indent=2) + "\n")
    sys.stdout.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
