"""The shipped fake-follower artefact reproduces the score recorded in its data card."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, balanced_accuracy_score, roc_auc_score

from grassroots.trust import (
    FakeFollowerClassifier,
    Profile,
    load_fake_follower_model,
    read_profiles,
    score_fake_followers,
)
from grassroots.trust.fake_followers import load_platform_models

from ..conftest import ROOT, shared_file

CARD = ROOT / "src" / "grassroots" / "trust" / "models" / "fake_followers.md"


def _recorded() -> dict[str, float]:
    line = next(x for x in CARD.read_text().splitlines() if x.startswith("recorded:"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


@pytest.mark.shared_data
def test_shipped_model_reproduces_recorded_scores() -> None:
    for name in ("srf-instagram-labelled.csv", "instafake-fake.json", "instafake-real.json"):
        shared_file(f"fake-followers/{name}")
    shared_file("fake-followers/cresci2015-twitter-dev.csv")
    sys.path.insert(0, str(ROOT))
    from bench.trust import data

    model = load_fake_follower_model()
    recorded = _recorded()
    for name, (profiles, y) in {"srf": data.srf(), "instafake": data.instafake()}.items():
        p = model.predict_proba(profiles)
        assert accuracy_score(y, p >= 0.5) == pytest.approx(recorded[f"{name}_accuracy"], abs=1e-3)
        assert roc_auc_score(y, p) == pytest.approx(recorded[f"{name}_auc"], abs=1e-3)
    profiles, y, _ = data.cresci_dev()
    p = np.array([s.probability for s in score_fake_followers(profiles, platform="twitter").scores])
    assert balanced_accuracy_score(y, p >= 0.5) == pytest.approx(
        recorded["twitter_balanced_accuracy"], abs=1e-3
    )
    assert roc_auc_score(y, p) == pytest.approx(recorded["twitter_auc"], abs=1e-3)


def test_shipped_artefact_holds_one_model_per_platform() -> None:
    models = load_platform_models()
    assert models["instagram"].features == "all" and models["twitter"].features == "transfer"
    profile = Profile(id="x", line=1, followers=12, following=400, posts=30, picture=True, private=False)
    instagram, twitter = models["instagram"].explain(profile)[0], models["twitter"].explain(profile)[0]
    assert instagram != twitter  # the Twitter model does not score the post count or privacy
    assert not any("posts" in r for r in models["twitter"].explain(profile)[1])


def test_classifier_learns_and_round_trips(tmp_path: Path) -> None:
    rows = ["id,followers_count,friends_count,statuses_count,has_profile_picture,Private.account,Username"]
    rng = np.random.default_rng(0)
    labels = []
    for i in range(120):
        fake = i % 3 == 0
        follows = rng.integers(1600, 5000) if fake else rng.integers(50, 600)
        rows.append(
            f"{i},{rng.integers(0, 60) if fake else rng.integers(100, 900)},{follows},"
            f"{0 if fake else rng.integers(5, 300)},{'FALSE' if fake and i % 2 else 'TRUE'},FALSE,u{i}"
        )
        labels.append(int(fake))
    path = tmp_path / "p.csv"
    path.write_text("\n".join(rows) + "\n")
    profiles = read_profiles(path)
    model = FakeFollowerClassifier(n_estimators=10, seed=1).fit(profiles, labels)
    again = FakeFollowerClassifier.from_dict(model.to_dict())
    p = again.predict_proba(profiles)
    assert np.array_equal(p, model.predict_proba(profiles))
    assert accuracy_score(labels, p >= 0.5) > 0.9
    low, high = model.predict_proba(profiles[:3], prior=0.05), model.predict_proba(profiles[:3], prior=0.95)
    assert (low <= p[:3]).all() and (high >= p[:3]).all() and low.sum() < p[:3].sum() < high.sum()
    transfer = FakeFollowerClassifier(features="transfer", n_estimators=10, seed=1).fit(profiles, labels)
    assert FakeFollowerClassifier.from_dict(transfer.to_dict()).features == "transfer"
    assert accuracy_score(labels, transfer.predict_proba(profiles) >= 0.5) > 0.9
