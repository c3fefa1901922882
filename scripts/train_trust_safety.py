"""Train the shipped hate / offensive screens (LR on MiniLM embeddings), C chosen on validation.

    .venv/bin/python scripts/train_trust_safety.py

Needs ../shared/data (TweetEval). Writes ``src/grassroots/trust/models/safety_screens.json`` and
prints validation / test macro-F1 beside TF-IDF + LR, and the 300-item figure the test checks.
Embedding ~27k tweets takes ~3 min on 2 idle cores (much longer on a busy machine).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trust.safety import C_GRID, load, shipped_screen, tfidf_baseline  # noqa: E402

from grassroots.trust.safety_screens import SCREENS_PATH, embed  # noqa: E402


def train(task: str) -> dict[str, object]:
    (train_t, y_train), (val_t, y_val) = load(task, "train"), load(task, "val")
    X, V = embed(train_t), embed(val_t)
    scored = []
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(X, y_train)
        scored.append((f1_score(y_val, model.predict(V), average="macro"), c, model))
    f1, c, model = max(scored, key=lambda s: s[0])
    print(f"{task}: C={c} validation macro-F1 {f1:.3f}")
    return {
        "C": c,
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": float(model.intercept_[0]),
    }


def main() -> None:
    screens = {task: train(task) for task in ("hate", "offensive")}
    SCREENS_PATH.write_text(
        json.dumps({"model": "all-MiniLM-L6-v2", "screens": screens}) + "\n", encoding="utf-8"
    )
    for task in ("hate", "offensive"):
        print(f"{task}: test macro-F1 {shipped_screen(task):.3f} vs TF-IDF+LR {tfidf_baseline(task):.3f}")
        print(f"{task}: first 300 test items macro-F1 {shipped_screen(task, 300):.3f}")
    np.set_printoptions()


if __name__ == "__main__":
    main()
