"""Precision / recall of deciding "the company" vs "something else" on the hand-labelled ambiguous cases.

Each labelled text is searched for ``Brand.from_name(term)`` (what a user gets from a bare name);
the text counts as predicted "company" when at least one mention is judged about the brand.
Positive class = company. The naive peer (every name match counts) runs in the same pass.

Run: ``.venv/bin/python -m bench.mentions.ambiguity [--errors]``
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.mentions.ambiguity_pool import HELDOUT_LABELS, LABELS, load_labelled
from grassroots.listen import Brand, find_mentions


def _pr(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if not p and g)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    accuracy = sum(1 for p, g in pairs if p == g) / len(pairs)
    return precision, recall, accuracy


def evaluate(labels: Path = LABELS, show_errors: bool = False) -> dict[str, tuple[float, float, float]]:
    """P/R/accuracy for our rules and the naive matcher over every case of one label file."""
    ours: list[tuple[bool, bool]] = []
    naive: list[tuple[bool, bool]] = []
    per_term: Counter[tuple[str, str]] = Counter()
    for term, text, gold in load_labelled(labels=labels):
        brand = Brand.from_name(term.capitalize())
        found = find_mentions(text, brand, include_rejected=True)
        predicted = any(m.about_brand for m in found)
        ours.append((predicted, gold))
        naive.append((bool(found), gold))
        per_term[(term, "right" if predicted == gold else "wrong")] += 1
        if show_errors and predicted != gold:
            why = " | ".join(m.reason for m in found)
            print(f"{'FP' if predicted else 'FN'} [{term}] {text[:150]!r}\n     {why}")
    if show_errors:
        print("per term (right/wrong):", dict(sorted(per_term.items())))
    return {"rules": _pr(ours), "naive match": _pr(naive), "n": (len(ours), sum(g for _, g in ours), 0.0)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print every misjudged case")
    errors = parser.parse_args().errors
    for title, path in (
        ("development set (rules written after reading it)", LABELS),
        ("held-out set", HELDOUT_LABELS),
    ):
        result = evaluate(path, errors)
        n, positives, _ = result.pop("n")
        print(f"{title}: {int(n)} labelled cases, {int(positives)} about the company")
        for name, (p, r, a) in result.items():
            print(f"  {name:12s} precision {p:.3f}  recall {r:.3f}  accuracy {a:.3f}")
