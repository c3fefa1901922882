"""Disclosure rules on the round-2 fresh stratified sample (issue 10): adequate precision / recall.

    .venv/bin/python -m bench.trust.disclosure_fresh [--part dev|confirm ...] [--show]

Needs ../shared/data. Labels: ``labels/disclosure-round2.tsv`` (labelled before any rule change; strata
and weights in ``labels/disclosure-round2-strata.tsv``; guide in docs/trust.md). Rows per part:

- ``rules at sampling``: the verdict the rules gave when the sample was drawn (it is the item's stratum),
  the baseline in the same run;
- ``rules now``: :func:`grassroots.rules.detect_disclosure` as checked out (what ships);
- ``learned (peer)``: the learned classifier the issue suggested, considered and not shipped: logistic
  regression over word 1-2-grams and the rules' own signals (which rule levels fired), adequate vs not,
  trained on dev labels only (the dev row is 5-fold cross-validated on dev; the confirm row is trained on
  all of dev). Its settings are fixed, not tuned.

Figures unweighted (the sample) and weighted to the fresh population (stratum weights). The last columns
count "commercial signal, not disclosed" (an affiliate link or code and no disclosure words): items the
labels give that reason, and how many of them the current rules flag so (``status`` of the answer).
``--show`` prints every dev error (ids and rules only; the texts stay in ../shared/data). Choices are made
on dev; confirm is scored once, at the end.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from bench import record
from bench.record import Cell
from bench.trust import data
from bench.trust.disclosure_eval import load_texts
from grassroots.rules import detect_disclosure

LABELS = data.ROOT / "labels" / "disclosure-round2.tsv"
THREE = "{:.3f}"


@dataclass(frozen=True)
class Item:
    """One labelled item: id, stratum, weight, split, gold label and reason code."""

    id: str
    stratum: str
    weight: float
    split: str
    label: str
    code: str


def load_items() -> list[Item]:
    """The labelled items of ``labels/disclosure-round2.tsv``."""
    lines = LABELS.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    return [Item(r[0], r[1], float(r[2]), r[3], r[4], r[5]) for r in rows]


def sampled_verdict(item: Item) -> str:
    """The rules' verdict when the sample was drawn (the stratum names it)."""
    return "none" if "-none" in item.stratum else item.stratum.split("-", 1)[1]


def precision_recall(items: list[Item], predicted: list[str], *, weighted: bool) -> tuple[float, float]:
    """Adequate precision and recall, each item counted once or with its stratum weight."""
    tp = fp = fn = 0.0
    for item, verdict in zip(items, predicted, strict=True):
        w = item.weight if weighted else 1.0
        gold, pred = item.label == "adequate", verdict == "adequate"
        tp += w * (gold and pred)
        fp += w * (pred and not gold)
        fn += w * (gold and not pred)
    return tp / max(tp + fp, 1e-9), tp / max(tp + fn, 1e-9)


def _row(name: str, part: str, items: list[Item], predicted: list[str], flagged: int | None) -> list[Cell]:
    p, r = precision_recall(items, predicted, weighted=False)
    wp, wr = precision_recall(items, predicted, weighted=True)
    gold_adequate = sum(i.label == "adequate" for i in items)
    commercial = sum(i.code == "N-commercial" for i in items)
    return [name, part, len(items), gold_adequate, p, r, wp, wr, commercial, flagged]


def measure(part: str, show: bool) -> list[list[Cell]]:
    """The baseline and current rows for one part."""
    texts = load_texts()
    items = [i for i in load_items() if i.split == part]
    answers = [detect_disclosure(texts[i.id]) for i in items]
    now: list[str] = [a.disclosure for a in answers]
    flagged = sum(
        a.status == "commercial_undisclosed"
        for i, a in zip(items, answers, strict=True)
        if i.code == "N-commercial"
    )
    if show:
        for item, answer in zip(items, answers, strict=True):
            if answer.disclosure != item.label:
                rules = ", ".join(s.rule for s in answer.signals if s.level != "info") or "no rule"
                print(f"  {item.id} [{item.code}] gold {item.label}, rules {answer.disclosure} ({rules})")
    return [
        _row("rules at sampling", part, items, [sampled_verdict(i) for i in items], None),
        _row("rules now", part, items, now, flagged),
        _row("learned (peer)", part, items, learned(part, texts), None),
    ]


def _features(texts: list[str]) -> list[str]:
    """The text plus one token per rule level that fired (so the model sees the rules' evidence)."""
    out = []
    for text in texts:
        levels = {f"__rule_{s.level}__" for s in detect_disclosure(text).signals}
        out.append(" ".join([text, *sorted(levels)]))
    return out


def learned(part: str, texts: dict[str, str]) -> list[str]:
    """Adequate / not for the items of ``part`` from a classifier trained on dev labels only."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline

    dev = [i for i in load_items() if i.split == "dev"]
    x_dev = _features([texts[i.id] for i in dev])
    y_dev = [i.label == "adequate" for i in dev]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True),
        LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"),
    )
    if part == "dev":
        predicted = cross_val_predict(model, x_dev, y_dev, cv=5)
    else:
        items = [i for i in load_items() if i.split == part]
        predicted = model.fit(x_dev, y_dev).predict(_features([texts[i.id] for i in items]))
    return ["adequate" if p else "none" for p in predicted]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", nargs="+", choices=["dev", "confirm"], default=["dev"])
    parser.add_argument("--show", action="store_true", help="print every error (dev only)")
    args = record.parse_args(parser, argv)
    if args.show and args.part != ["dev"]:
        sys.exit("--show reads the errors: only with --part dev")
    run = record.Run.start("trust-disclosure-fresh", argv, quick=args.quick, module="trust.disclosure_fresh")
    columns = ["rules", "part", "items", "adequate (gold)", "precision", "recall"]
    columns += ["weighted precision", "weighted recall", "commercial, not disclosed (gold)", "flagged so"]
    formats: list[str | None] = [None, None, "{:,}", "{:,}", THREE, THREE, THREE, THREE, "{:,}", "{:,}"]
    table = run.table("main", columns, formats=formats)
    for part in args.part:
        for row in measure(part, args.show):
            table.row(*row)
    run.write(args.out)


if __name__ == "__main__":
    main()
