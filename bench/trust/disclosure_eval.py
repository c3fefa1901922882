"""Disclosure rules against the hand labels in labels/disclosure*.tsv: confusion matrix and every error."""

from __future__ import annotations

import csv
from collections import Counter

from bench.trust import data
from grassroots.rules import detect_disclosure

LEVELS = ("adequate", "ambiguous", "none")


def load_texts() -> dict[str, str]:
    """Every labelled id -> its text, rebuilt from ../shared/data with the sampling scripts' id scheme."""
    import json

    texts: dict[str, str] = {}
    users = json.loads(data.TWIBOT.read_text(encoding="utf-8"))
    for user in users:
        for index, tweet in enumerate(user["tweet"] or []):
            texts[f"twibot:{user['ID']}:{index}"] = " ".join(tweet.split())
    for name in ("youtube", "pinterest"):
        path = data.SHARED / "disclosure" / f"{name}-description-sentences.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                texts[f"{name}:{number}"] = " ".join(row["sentence"].split())
    return texts


def evaluate(labels_file: str) -> list[str]:
    """Confusion matrix, adequate precision / recall and every error for one labels file."""
    return evaluate_counts(labels_file)[3]


def evaluate_counts(labels_file: str) -> tuple[int, float, float, list[str]]:
    """Items, adequate precision, adequate recall, and the printable lines of :func:`evaluate`."""
    texts = load_texts()
    lines = (data.ROOT / "labels" / labels_file).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    matrix: Counter[tuple[str, str]] = Counter()
    errors = []
    for item_id, _stratum, gold, _reason in rows:
        text = texts[item_id]
        result = detect_disclosure(text)
        matrix[(gold, result.disclosure)] += 1
        if gold != result.disclosure:
            rules = ", ".join(s.rule for s in result.signals if s.level != "info") or "no rule"
            errors.append(f"  {item_id}: gold {gold}, predicted {result.disclosure} ({rules})")
    tp = matrix[("adequate", "adequate")]
    precision = tp / max(1, sum(matrix[(g, "adequate")] for g in LEVELS))
    recall = tp / max(1, sum(matrix[("adequate", p)] for p in LEVELS))
    out = [f"{labels_file}: {len(rows)} items; adequate precision {precision:.3f} recall {recall:.3f}"]
    out.append("  gold \\ predicted   " + "  ".join(f"{p:>9s}" for p in LEVELS))
    for g in LEVELS:
        out.append(f"  {g:18s} " + "  ".join(f"{matrix[(g, p)]:9d}" for p in LEVELS))
    return len(rows), precision, recall, [*out, f"  errors ({len(errors)}):", *errors]
