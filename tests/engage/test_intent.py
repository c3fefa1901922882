"""The shipped intent model: it reproduces its recorded CLINC150 figure; save / load round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from grassroots.engage import OUT_OF_SCOPE, IntentModel, intent_model
from tests.conftest import shared_file


def test_the_shipped_model_reproduces_its_recorded_check_figure() -> None:
    """Re-scores the slice of CLINC150 val the training script recorded (first 300 in-scope + oos_val)."""
    data = json.loads(shared_file("text/clinc150/clinc150-full-dev.json").read_text(encoding="utf-8"))
    model = intent_model()
    recorded = model.recorded or {}
    inscope = data["val"][:300]
    predictions = model.classify([t for t, _ in inscope] + [t for t, _ in data["oos_val"]])
    got = [p.intent if not p.out_of_scope else OUT_OF_SCOPE for p in predictions]
    accuracy = np.mean([g == y for g, (_, y) in zip(got[:300], inscope, strict=True)])
    recall = np.mean([g == OUT_OF_SCOPE for g in got[300:]])
    assert accuracy == pytest.approx(recorded["check_accuracy"], abs=0.01)
    assert recall == pytest.approx(recorded["check_recall"], abs=0.02)
    assert (
        recorded["val_accuracy"] >= 0.9 and recorded["val_recall"] >= 0.6
    )  # the card's figures, as recorded


def test_the_shipped_model_keeps_clinc_labels_and_an_oos_class() -> None:
    model = intent_model()
    assert len(model.classes) == 151 and OUT_OF_SCOPE in model.classes
    assert model.weights.shape == (151, 384) and 0.0 < model.threshold < 1.0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    model = IntentModel(
        ("a", "b", OUT_OF_SCOPE),
        rng.normal(size=(3, 384)).astype(np.float32),
        rng.normal(size=3).astype(np.float32),
        0.4,
        {"note": 1},
    )
    model.save(tmp_path / "m.npz", tmp_path / "m.json")
    again = IntentModel.load(tmp_path / "m.npz", tmp_path / "m.json")
    vectors = rng.normal(size=(5, 384)).astype(np.float32)
    assert again.classify_vectors(vectors) == model.classify_vectors(vectors)
    assert again.recorded == {"note": 1}
    proba = again.probabilities(vectors)
    assert np.allclose(proba.sum(axis=1), 1.0)
