"""Train the fast sentiment model and write it, its scores and its data card under listen/models/.

Data: the leak-free SemEval 2013–2016 Task A split of ``grassroots.listen.sentiment.corpus``
(TweetEval val and the 2016 test year removed). ``C`` is chosen on the seeded dev split, never on val.

Command (from the repo root, ~1-2 min)::

    .venv/bin/python scripts/train_sentiment.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from grassroots.listen.sentiment.corpus import LABELS, LabelledText, leak_free_splits
from grassroots.listen.sentiment.fast import FastSentiment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "text"
MODELS = ROOT / "src" / "grassroots" / "listen" / "models"
COMMAND = ".venv/bin/python scripts/train_sentiment.py"


def macro_recall(model: FastSentiment, rows: tuple[LabelledText, ...]) -> float:
    truth = np.array([LABELS.index(r.label) for r in rows])
    pred = model.predict_proba([r.text for r in rows]).argmax(axis=1)
    return round(float(np.mean([np.mean(pred[truth == k] == k) for k in range(len(LABELS))])), 4)


def main() -> int:
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    texts, labels = [r.text for r in splits.train], [r.label for r in splits.train]
    best: tuple[float, float] | None = None
    for c in (0.5, 1.0, 2.0):
        score = macro_recall(FastSentiment(C=c).fit(texts, labels), splits.dev)
        sys.stderr.write(f"C={c}: dev macro recall {score}\n")
        best = max(best or (score, c), (score, c))
    assert best is not None
    model = FastSentiment(C=best[1]).fit(texts, labels)
    path = MODELS / "sentiment_fast.npz"
    model.save(path)
    model = FastSentiment.load(path)
    scores = {
        "model": path.name,
        "params": {"C": best[1], "n_features": model.n_features, "class_weight": "balanced"},
        "train": len(splits.train),
        "dev": len(splits.dev),
        "removed_as_val_overlap": splits.removed_as_val_overlap,
        "removed_as_held_out_overlap": splits.removed_as_held_out_overlap,
        "dev_macro_recall": best[0],
        "val_macro_recall": macro_recall(model, splits.val),
        "held_out_macro_recall": macro_recall(model, splits.held_out),
        "command": COMMAND,
    }
    (MODELS / "sentiment_fast.json").write_text(json.dumps(scores, indent=2) + "\n")
    sys.stdout.write(json.dumps(scores) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
