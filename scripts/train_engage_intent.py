"""Train the assistant's intent / out-of-scope model on CLINC150, score val once, compare baselines.

    flock /work/heavy.lock .venv/bin/python scripts/train_engage_intent.py [--cache DIR]

Needs ../shared/data/text/clinc150. Protocol in ``bench/assistant/clinc.py``: C and the threshold
are chosen on a split of TRAIN; val is scored once, by the chosen model, at the end. Writes
``src/grassroots/engage/models/intent.{npz,json}`` (the JSON records the val figures and the
figure the test re-checks on a 400-message slice of val) and prints TF-IDF + LR and BM25
nearest-example figures from the same run. Embedding ~18k messages takes ~3 min on 2 idle cores
(``--cache`` keeps the vectors between runs, outside the repo).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.assistant import clinc  # noqa: E402

from grassroots.engage.embedding import embed_texts  # noqa: E402
from grassroots.engage.intent import IntentModel  # noqa: E402

CHECK_INSCOPE = 300  # the test re-scores the first 300 in-scope val messages and all 100 oos_val ones


def embedder(cache: Path | None):  # type: ignore[no-untyped-def]
    """``embed(texts)`` that reuses vectors kept in ``cache/clinc-embeddings.npz``."""
    known: dict[str, np.ndarray] = {}
    file = cache / "clinc-embeddings.npz" if cache else None
    if file and file.exists():
        with np.load(file) as kept:
            known = dict(zip(kept["texts"].tolist(), kept["vectors"], strict=True))

    def embed(texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in known})
        if missing:
            known.update(zip(missing, embed_texts(missing), strict=True))
            if file:
                np.savez(file, texts=np.array(list(known)), vectors=np.stack(list(known.values())))
        return np.stack([known[t] for t in texts])

    return embed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    splits = clinc.load_splits()
    embed = embedder(args.cache)
    fit, held = embed(splits.fit[0]), embed(splits.held[0])
    best = None
    for c in clinc.C_GRID:
        lr, classes = clinc.logistic_scorer(fit, splits.fit[1], c)
        pred, conf = clinc.argmax_labels(classes, lr.predict_proba(held))  # type: ignore[attr-defined]
        th, acc, rec = clinc.choose_threshold(splits.held[1], pred, conf)
        print(f"C={c}: threshold {th} held in-scope accuracy {acc:.4f} oos recall {rec:.4f}", file=sys.stderr)
        if best is None or (rec, acc) > (best[3], best[2]):
            best = (c, th, acc, rec, lr, classes)
    assert best is not None
    c, th, acc_h, rec_h, lr, classes = best
    model = IntentModel(
        tuple(classes),
        lr.coef_.astype(np.float32),
        lr.intercept_.astype(np.float32),
        th,  # type: ignore[attr-defined]
    )
    # val, once, by the chosen model (as shipped: float32 weights)
    val_t, val_y = splits.val
    preds = model.classify_vectors(embed(val_t))
    labels = [p.intent if not p.out_of_scope else clinc.OOS for p in preds]
    conf = np.ones(len(labels))
    val_acc, val_rec = clinc.rates(val_y, labels, conf, 0.0)
    check = list(range(CHECK_INSCOPE)) + [i for i, y in enumerate(val_y) if y == clinc.OOS]
    chk_acc, chk_rec = clinc.rates([val_y[i] for i in check], [labels[i] for i in check], conf[check], 0.0)
    recorded = {
        "C": c,
        "threshold": th,
        "held_accuracy": round(acc_h, 4),
        "held_recall": round(rec_h, 4),
        "val_accuracy": round(val_acc, 4),
        "val_recall": round(val_rec, 4),
        "check_accuracy": round(chk_acc, 4),
        "check_recall": round(chk_rec, 4),
        "check": f"first {CHECK_INSCOPE} in-scope val messages + all oos_val",
        "fit": len(splits.fit[0]),
        "held": len(splits.held[0]),
        "val": len(val_t),
    }
    IntentModel(model.classes, model.weights, model.bias, th, recorded).save()
    print(json.dumps({"minilm_lr": recorded}, indent=1))
    started = time.perf_counter()
    print(json.dumps({"tfidf_lr": clinc.tfidf_lr(splits)}, indent=1))
    print(json.dumps({"bm25_nearest": clinc.bm25_nearest(splits)}, indent=1))
    print(f"baselines took {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
