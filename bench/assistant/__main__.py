"""Benchmark the feedback assistant: CLINC150 intent / out-of-scope vs TF-IDF + LR and BM25, latency per
message, and answers on the demo knowledge base vs TF-IDF retrieval.

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.assistant [--quick] [--out DIR]

CLINC150 (``../shared/data/text/clinc150``): the shipped model (``src/grassroots/engage/models``) is
re-scored on val as recorded by its training run (no choice is made here); the baselines are fitted
and their C / threshold chosen on the split of TRAIN of ``bench/assistant/clinc.py``, then scored on
val, in this run. Latency: one message at a time (embedding + intent), 200 val messages, on this
machine's cores. ``--quick``: 20 fit and 5 threshold examples per intent for the baselines and a
400-message slice of val (the CI smoke run).
"""

from __future__ import annotations

import argparse
import time

from bench import record
from bench.assistant import clinc, kb_eval


def _first(texts: list[str], labels: list[str], per_label: int) -> tuple[list[str], list[str]]:
    seen: dict[str, int] = {}
    out_t, out_y = [], []
    for t, y in zip(texts, labels, strict=True):
        if seen.get(y, 0) < per_label:
            seen[y] = seen.get(y, 0) + 1
            out_t.append(t)
            out_y.append(y)
    return out_t, out_y


def _quick(splits: clinc.Splits) -> clinc.Splits:
    """20 fit and 5 threshold examples per intent (all 50 + 50 oos), a 400-message slice of val."""
    val = list(range(300)) + [i for i, y in enumerate(splits.val[1]) if y == clinc.OOS]
    return clinc.Splits(
        _with_oos(splits.fit, 20),
        _with_oos(splits.held, 5),
        ([splits.val[0][i] for i in val], [splits.val[1][i] for i in val]),
    )


def _with_oos(split: tuple[list[str], list[str]], per_label: int) -> tuple[list[str], list[str]]:
    texts, labels = _first(*split, per_label)
    oos = [t for t, y in zip(*split, strict=True) if y == clinc.OOS]
    keep = [(t, y) for t, y in zip(texts, labels, strict=True) if y != clinc.OOS] + [
        (t, clinc.OOS) for t in oos
    ]
    return [t for t, _ in keep], [y for _, y in keep]


def clinc_table(run: record.Run, quick: bool) -> None:
    from grassroots.engage import OUT_OF_SCOPE, intent_model

    splits = clinc.load_splits()
    splits = _quick(splits) if quick else splits
    table = run.table(
        "clinc150",
        [
            "model",
            "in-scope accuracy (val)",
            "out-of-scope recall (val)",
            "threshold",
            "ms / message (median)",
        ],
        formats=[None, "{:.3f}", "{:.3f}", "{:.2f}", "{:.1f}"],
        title="CLINC150 val (3,000 in-scope + 100 out-of-scope), choices on a split of train",
    )
    model = intent_model()
    texts, labels = splits.val
    got = [p.intent if not p.out_of_scope else OUT_OF_SCOPE for p in model.classify(texts)]
    import numpy as np

    acc, rec = clinc.rates(labels, got, np.ones(len(got)), 0.0)
    model.classify(["warm up"])
    seconds = []
    for text in texts[:200]:
        started = time.perf_counter()
        model.classify([text])
        seconds.append(time.perf_counter() - started)
    median, p95 = kb_eval.latency(seconds)
    run.numbers["intent_latency_ms"] = {"median": round(median, 2), "p95": round(p95, 2)}
    table.row("MiniLM + LR, oos class + threshold (shipped)", acc, rec, model.threshold, median)
    tfidf = clinc.tfidf_lr(splits)
    table.row(
        "TF-IDF + LR (same protocol)", tfidf["val_accuracy"], tfidf["val_recall"], tfidf["threshold"], None
    )
    bm25 = clinc.bm25_nearest(splits)
    table.row(
        "BM25 nearest example (same protocol)",
        bm25["val_accuracy"],
        bm25["val_recall"],
        bm25["threshold"],
        None,
    )


def kb_table(run: record.Run) -> None:
    ours, seconds = kb_eval.assistant_run()
    peer = kb_eval.tfidf_oracle()
    median, p95 = kb_eval.latency(seconds)
    run.numbers["assistant_latency_ms"] = {"median": round(median, 2), "p95": round(p95, 2)}
    table = run.table(
        "kb",
        [
            "answerer",
            "answer accuracy",
            "wrong answer (answerable)",
            "false answer (unanswerable)",
            "ms / message (p95)",
        ],
        formats=[None, "{:.3f}", "{:.3f}", "{:.3f}", "{:.1f}"],
        title=f"Demo knowledge base: {ours['answerable']:.0f} answerable + "
        f"{ours['unanswerable']:.0f} unanswerable questions",
    )
    table.row(
        "assistant (MiniLM retrieval, threshold fixed beforehand)",
        ours["accuracy"],
        ours["wrong_answer"],
        ours["false_answer"],
        p95,
    )
    table.row(
        f"TF-IDF cosine, oracle threshold {peer['threshold']:.2f}",
        peer["accuracy"],
        peer["wrong_answer"],
        peer["false_answer"],
        None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args = record.parse_args(parser, argv)
    run = record.Run.start("assistant", argv, quick=args.quick)
    clinc_table(run, args.quick)
    kb_table(run)
    run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
