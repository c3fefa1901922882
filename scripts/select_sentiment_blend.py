"""Choose the accurate path's blend weight on the dev split and record its scores.

Writes ``listen/models/sentiment_accurate.json``: the weight of the fine-tuned MiniLM (int8 ONNX)
against the fast path, chosen by dev macro recall (never val), and the resulting macro recall on
dev, leak-free TweetEval val and the held-out 2016 test year.

Command (from the repo root, a few minutes)::

    .venv/bin/python scripts/select_sentiment_blend.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from grassroots.listen.sentiment.accurate import TransformerSentiment
from grassroots.listen.sentiment.corpus import LABELS, LabelledText, leak_free_splits
from grassroots.listen.sentiment.fast import FastSentiment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "text"
MODELS = ROOT / "src" / "grassroots" / "listen" / "models"
WEIGHTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)


def _probs(rows: tuple[LabelledText, ...], fast: FastSentiment, deep: TransformerSentiment) -> tuple:  # type: ignore[type-arg]
    texts = [r.text for r in rows]
    return (
        np.array([LABELS.index(r.label) for r in rows]),
        deep.predict_proba(texts),
        fast.predict_proba(texts),
    )


def _macro_recall(truth: np.ndarray, probs: np.ndarray) -> float:
    pred = probs.argmax(axis=1)
    return round(float(np.mean([np.mean(pred[truth == k] == k) for k in range(len(LABELS))])), 4)


def main() -> int:
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    fast = FastSentiment.load(MODELS / "sentiment_fast.npz")
    deep = TransformerSentiment(model_path=MODELS / "sentiment_minilm_int8.onnx").fit()
    y, pd, pf = _probs(splits.dev, fast, deep)
    dev = {w: _macro_recall(y, w * pd + (1 - w) * pf) for w in WEIGHTS}
    sys.stderr.write(f"dev macro recall by weight: {dev}\n")
    weight = max(WEIGHTS, key=lambda w: (dev[w], w))
    record: dict[str, object] = {"weight": weight, "dev_by_weight": dev, "dev_macro_recall": dev[weight]}
    for name, rows in (("val", splits.val), ("held_out", splits.held_out)):
        y, pd, pf = _probs(rows, fast, deep)
        record[f"{name}_macro_recall"] = _macro_recall(y, weight * pd + (1 - weight) * pf)
        record[f"{name}_transformer_only_macro_recall"] = _macro_recall(y, pd)
    record["command"] = ".venv/bin/python scripts/select_sentiment_blend.py"
    (MODELS / "sentiment_accurate.json").write_text(json.dumps(record, indent=2) + "\n")
    sys.stdout.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
