"""Benchmark the feedback assistant: CLINC150 intent / out-of-scope vs TF-IDF + LR and BM25, latency per
message, and answers on the demo knowledge base vs TF-IDF retrieval.

    HF_HUB_OFFLINE=1 .venv/bin/python -m bench.assistant [--quick] [--out DIR]

CLINC150 (``../shared/data/text/clinc150``): the shipped model (``src/grassroots/engage/models``) is
re-scored on val as recorded by its training run (no choice is made here); the baselines are fitted
and their C / threshold chosen on the split of TRAIN of ``bench/assistant/clinc.py``, then scored on
val, in this run. Latency: one message at a time (embedding + intent), 200 val messages, on this
machine's cores. ``--quick``: 20 training examples per intent for the baselines and a 400-message
slice of val (seconds; the CI smoke run).
"""

from __future__ import annotations

import argparse
import time

from bench import record
from bench.assistant import clinc, kb_eval


def _quick(splits: clinc.Splits) -> clinc.Splits:
    seen: dict[str, int] = {}
    fit_t, fit_y = [], []
    for t, y in zip(*splits.fit, strict=True):
        if seen.get(y, 0) < 20:
            seen[y] = seen.get(y, 0) + 1
            fit_t.append(t)
            fit_y.append(y)
    val = list(range(300)) + [i for i, y in enumerate(splits.val[1]) if y == clinc.OOS]
    return clinc.Splits(
        (fit_t, fit_y), splits.held, ([splits.val[0][i] for i in val], [splits.val[1][i] for i in val])
    )


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
