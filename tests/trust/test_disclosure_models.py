"""Disclosure rules and the undisclosed model measured on the real labelled samples (skip without data)."""

from __future__ import annotations

import re
import sys

import pytest
from sklearn.metrics import roc_auc_score

from grassroots.trust import detect_disclosure
from grassroots.trust.undisclosed import load_undisclosed_model

from ..conftest import ROOT, shared_file

CARD = ROOT / "src" / "grassroots" / "trust" / "models" / "undisclosed.md"


def _texts() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from bench.trust.disclosure_eval import load_texts

    return load_texts()


@pytest.mark.shared_data
@pytest.mark.parametrize("labels", ["disclosure.tsv", "disclosure-heldout.tsv", "disclosure-fresh.tsv"])
def test_adequate_precision_and_recall_on_hand_labels(labels: str) -> None:
    shared_file("disclosure/twibot20-sample-timelines.json")
    texts = _texts()
    rows = [
        line.split("\t")
        for line in (ROOT / "labels" / labels).read_text().splitlines()[1:]
        if line and not line.startswith("#")
    ][1:]
    gold = [r[2] for r in rows]
    pred = [detect_disclosure(texts[r[0]]).disclosure for r in rows]
    tp = sum(g == p == "adequate" for g, p in zip(gold, pred, strict=True))
    assert tp / max(1, pred.count("adequate")) >= 0.95
    assert tp / max(1, gold.count("adequate")) >= 0.95


@pytest.mark.shared_data
def test_shipped_undisclosed_model_reproduces_recorded_score() -> None:
    shared_file("disclosure/twibot20-sample-timelines.json")
    sys.path.insert(0, str(ROOT))
    from bench.trust.undisclosed import weak_corpus

    line = next(x for x in CARD.read_text().splitlines() if x.startswith("recorded:"))
    recorded = float(re.findall(r"weak_train_auc=([\d.]+)", line)[0])
    texts, labels, _ = weak_corpus()
    auc = roc_auc_score(labels, load_undisclosed_model().predict_proba(texts))
    assert auc == pytest.approx(recorded, abs=1e-3)


def test_labels_files_hold_ids_not_texts() -> None:
    for name in ("disclosure.tsv", "disclosure-heldout.tsv", "disclosure-fresh.tsv"):
        rows = [
            line.split("\t")
            for line in (ROOT / "labels" / name).read_text().splitlines()
            if line and not line.startswith("#")
        ]
        assert rows[0] == ["id", "stratum", "label", "reason"], name
        for number, row in enumerate(rows[1:], start=2):
            assert len(row) == 4, f"{name}:{number}"
            item, _, label, _ = row
            assert re.fullmatch(r"[a-z]+:\S+", item), f"{name}:{number}: id {item!r}"  # an id, not a text
            assert label in ("adequate", "ambiguous", "none"), f"{name}:{number}: label {label!r}"
