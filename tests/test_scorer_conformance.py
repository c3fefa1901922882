"""Every scorer class keeps scikit-learn's estimator contract (our ``check_estimator``).

Scorer classes are found in the source (every class with ``fit`` and ``predict_proba``), so a new
one without a case here fails ``test_every_scorer_class_has_a_case``. Each case is checked for:
``__init__`` stores its parameters and nothing else; no learned (``*_``) attribute before ``fit``;
``fit`` returns ``self``, leaves the parameters alone and adds only ``*_`` attributes;
``predict_proba`` gives the same row for an input whatever else is in the batch, and the same again
on a second call; ``save`` then ``load`` gives the same parameters and the same probabilities.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grassroots.listen.sentiment import BlendedSentiment, FastSentiment
from grassroots.listen.sentiment.accurate import TransformerSentiment
from grassroots.listen.sentiment.score import MODELS_DIR
from grassroots.trust.fake_followers import FakeFollowerClassifier
from grassroots.trust.profiles import Profile
from grassroots.trust.undisclosed import SponsoredLikeness

SRC = Path(__file__).resolve().parents[1] / "src" / "grassroots"

TEXTS = [
    "love this, best serum ever",
    "i hate it, it broke my skin out",
    "it arrived on tuesday",
    "so good, really love the smell",
    "awful, never again, bad bad",
    "the box is blue",
] * 4
LABELS3 = ["positive", "negative", "neutral"] * 8
SPONSORED = [
    "use my code GLOW20 for 20% off, link in bio",
    "just a walk in the park today",
    "thanks @lumenleaf for the gift, shop now with my link",
    "my cat sleeps all day",
] * 5
PROBE = ["love it", "bad, broke again", "blue box on tuesday", "", "shop with my code", "love love hate"]


def _profiles(n: int) -> list[Profile]:
    rng = np.random.default_rng(0)
    rows = []
    for i in range(n):
        fake = i % 3 == 0
        rows.append(
            Profile(
                id=f"u{i}",
                line=i + 2,
                followers=float(rng.integers(0, 60) if fake else rng.integers(100, 900)),
                following=float(rng.integers(1600, 5000) if fake else rng.integers(50, 600)),
                posts=float(0 if fake else rng.integers(5, 300)),
                picture=not (fake and i % 2),
                private=False,
                username_digits=float(rng.integers(3, 8) if fake else rng.integers(0, 2)),
                username_length=float(rng.integers(8, 15)),
            )
        )
    return rows


PROFILES = _profiles(90)


@dataclass(frozen=True)
class Case:
    """How to make an unfitted scorer, what to fit it on, what to score, and the file suffix it saves to."""

    make: Callable[[], Any]
    X: Sequence[Any]
    y: Sequence[Any]
    probe: Sequence[Any]
    suffix: str


def _fast(n_features: int = 2**10) -> FastSentiment:
    return FastSentiment(n_features=n_features)


def _blend() -> BlendedSentiment:
    # a blend takes trained parts (its fit learns nothing): two different fast models
    first = _fast(2**10).fit(TEXTS, LABELS3)
    second = _fast(2**8).fit(TEXTS[::-1], LABELS3[::-1])
    return BlendedSentiment(first, second, weight=0.3)


CASES: dict[str, Case] = {
    "FastSentiment": Case(_fast, TEXTS, LABELS3, PROBE, ".npz"),
    "TransformerSentiment": Case(
        lambda: TransformerSentiment(model_path=MODELS_DIR / "sentiment_minilm_int8.onnx", threads=2),
        TEXTS,
        LABELS3,
        PROBE,
        ".onnx",
    ),
    "BlendedSentiment": Case(_blend, TEXTS, LABELS3, PROBE, ".json"),
    "FakeFollowerClassifier": Case(
        lambda: FakeFollowerClassifier(n_estimators=10, seed=1),
        PROFILES,
        [int(i % 3 == 0) for i in range(len(PROFILES))],
        PROFILES[:7],
        ".json",
    ),
    "SponsoredLikeness": Case(
        lambda: SponsoredLikeness(min_df=1),
        SPONSORED,
        [1, 0, 1, 0] * 5,
        [*SPONSORED[:4], "", "a code for you"],
        ".json",
    ),
}


def _scorer_classes() -> set[str]:
    """Names of every class in src/grassroots that defines both ``fit`` and ``predict_proba``."""
    found = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
                if {"fit", "predict_proba"} <= methods:
                    found.add(node.name)
    return found


def _params(est: Any) -> dict[str, Any]:
    """The constructor's parameters as the estimator holds them (scorers as parts: their own params)."""
    names = [p for p in inspect.signature(type(est).__init__).parameters if p != "self"]
    return {
        name: (type(v).__name__, _params(v)) if hasattr(v, "predict_proba") else v
        for name in names
        for v in [getattr(est, name)]
    }


def test_every_scorer_class_has_a_case() -> None:
    assert _scorer_classes() == set(CASES)


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Case]:
    return request.param, CASES[request.param]


def test_init_stores_parameters_only(case: tuple[str, Case]) -> None:
    _, c = case
    est = c.make()
    names = {p for p in inspect.signature(type(est).__init__).parameters if p != "self"}
    assert set(vars(est)) == names
    assert not [a for a in vars(est) if a.endswith("_")]


def test_fit_returns_self_and_adds_only_learned_attributes(case: tuple[str, Case]) -> None:
    _, c = case
    est = c.make()
    before, params = set(vars(est)), _params(est)
    assert est.fit(c.X, c.y) is est
    assert _params(est) == params
    assert all(a.endswith("_") for a in set(vars(est)) - before)


def test_predict_proba_does_not_depend_on_the_rest_of_the_batch(case: tuple[str, Case]) -> None:
    _, c = case
    est = c.make().fit(c.X, c.y)
    together = np.asarray(est.predict_proba(list(c.probe)))
    assert len(together) == len(c.probe) and np.isfinite(together).all()
    assert np.array_equal(together, np.asarray(est.predict_proba(list(c.probe))))
    assert np.array_equal(together, np.asarray(est.predict_proba(list(c.probe)[::-1]))[::-1])
    alone = np.concatenate([np.asarray(est.predict_proba([x])) for x in c.probe])
    assert np.array_equal(together, alone)


def test_save_and_load_round_trip(case: tuple[str, Case], tmp_path: Path) -> None:
    _, c = case
    est = c.make().fit(c.X, c.y)
    path = tmp_path / f"model{c.suffix}"
    est.save(path)
    again = type(est).load(path)
    paths = {k for k, v in _params(est).items() if isinstance(v, Path)}  # where it was saved differs
    assert {k: v for k, v in _params(again).items() if k not in paths} == {
        k: v for k, v in _params(est).items() if k not in paths
    }
    assert np.array_equal(np.asarray(again.predict_proba(list(c.probe))), est.predict_proba(list(c.probe)))
