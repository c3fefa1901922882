"""The shared disclosure / commercial rules against the hand labels of real airline tweets.

``labels/commercial-airline.tsv`` holds 304 tweets of ``text/us-airline-tweets-dev.csv`` (every one the
old paid / gifted rules flagged, and near misses: code-share, booking codes, promo codes, #PR, "thanks for
sending", free / paid as a customer), labelled before the rules were changed. Prints the precision and
recall of the commercial flag (``commercial != "none"``), the disclosure confusion matrix, the flags on the
whole development file and every error.
"""

from __future__ import annotations

import csv
from collections import Counter

from bench.trust import data
from grassroots.rules import VERDICTS, detect_disclosure

AIRLINE = data.SHARED / "text" / "us-airline-tweets-dev.csv"


def airline_texts() -> dict[str, str]:
    """``airline:<tweet_id>`` -> text for the development airline file (an id's first row)."""
    out: dict[str, str] = {}
    with AIRLINE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(f"airline:{row['tweet_id']}", row["text"])
    return out


def airline_labels() -> list[tuple[str, str, str]]:
    """``(id, disclosure, commercial)`` rows of ``labels/commercial-airline.tsv``."""
    lines = (data.ROOT / "labels" / "commercial-airline.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    return [(r[0], r[2], r[3]) for r in rows]


def evaluate_airline() -> list[str]:
    """Commercial-flag precision / recall, disclosure matrix and errors on the airline labels."""
    texts = airline_texts()
    matrix: Counter[tuple[str, str]] = Counter()
    tp = fp = fn = 0
    errors = []
    for item_id, gold_d, gold_c in airline_labels():
        found = detect_disclosure(texts[item_id])
        matrix[(gold_d, found.disclosure)] += 1
        flagged, wanted = found.commercial != "none", gold_c != "none"
        tp, fp, fn = tp + (flagged and wanted), fp + (flagged and not wanted), fn + (wanted and not flagged)
        if (gold_d, gold_c) != (found.disclosure, found.commercial):
            rules = ", ".join(s.rule for s in found.signals if s.commercial or s.level != "info") or "no rule"
            predicted = f"{found.disclosure}/{found.commercial}"
            errors.append(f"  {item_id}: gold {gold_d}/{gold_c}, predicted {predicted} ({rules})")
    whole = [detect_disclosure(t) for t in texts.values()]
    out = [
        f"commercial-airline.tsv: {sum(matrix.values())} items; commercial flag: {tp + fp} flagged, "
        f"precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} ({tp} of {tp + fn})",
        f"  whole development file: {sum(w.commercial != 'none' for w in whole)} of {len(whole)} tweets "
        f"commercial, {sum(w.disclosure != 'none' for w in whole)} with a disclosure",
        "  gold \\ predicted   " + "  ".join(f"{p:>9s}" for p in VERDICTS),
    ]
    for g in VERDICTS:
        out.append(f"  {g:18s} " + "  ".join(f"{matrix[(g, p)]:9d}" for p in VERDICTS))
    return [*out, f"  errors ({len(errors)}):", *errors]


if __name__ == "__main__":
    print("\n".join(evaluate_airline()))
