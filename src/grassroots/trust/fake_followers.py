"""Fake-account probability from profile features, with the reasons behind each score.

The model is a small random forest over ten features of counts, ratios, picture, privacy and
username shape, trained on the labelled Instagram sets (SRF 2017, InstaFake 2019; see
``models/fake_followers.md``). Its probability is calibrated for **equal class priors** (Platt
scaling on out-of-bag scores with balanced weights), so 0.5 is the decision threshold; ``prior``
moves it by Bayes' rule for an expected fake share. Unknown inputs are imputed with the training
medians and named in the reasons. Account age is reported but not scored: neither training set
has creation dates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grassroots.errors import InvalidInput
from grassroots.trust._forest import Forest, Tree
from grassroots.trust.profiles import SCORED, Profile

__all__ = ["FEATURES", "FakeFollowerClassifier", "FakeFollowerScore", "load_fake_follower_model"]

MODEL_PATH = Path(__file__).with_name("models") / "fake_followers.json"
RAW = SCORED
FEATURES = (
    "log_followers",
    "log_following",
    "log_posts",
    "follow_ratio",
    "no_picture",
    "private",
    "digit_share",
    "has_digits",
    "no_posts",
    "mass_following",
)
MASS_FOLLOWING = 1500


@dataclass(frozen=True)
class FakeFollowerScore:
    """The probability that one account is fake, and why."""

    id: str
    probability: float
    reasons: tuple[str, ...]


def _filled(profile: Profile, medians: dict[str, float]) -> tuple[dict[str, float], list[str]]:
    values: dict[str, float] = {}
    imputed: list[str] = []
    for name in RAW:
        raw = getattr(profile, name)
        if raw is None:
            values[name] = medians[name]
            imputed.append(name)
        else:
            values[name] = float(raw)
    return values, imputed


def feature_row(values: dict[str, float]) -> NDArray[np.float64]:
    """The model's feature vector from filled raw values (see :data:`FEATURES`)."""
    followers, following, posts = values["followers"], values["following"], values["posts"]
    length = max(values["username_length"], 1.0)
    return np.array(
        [
            math.log1p(followers),
            math.log1p(following),
            math.log1p(posts),
            math.log1p(following) - math.log1p(followers),
            1.0 - values["picture"],
            values["private"],
            values["username_digits"] / length,
            float(values["username_digits"] > 0),
            float(posts == 0),
            float(following > MASS_FOLLOWING),
        ],
        dtype=np.float64,
    )


_EVIDENCE = {
    "log_followers": "followers",
    "log_following": "following",
    "mass_following": "following",
    "follow_ratio": "ratio",
    "log_posts": "posts",
    "no_posts": "posts",
    "no_picture": "picture",
    "private": "private",
    "digit_share": "username",
    "has_digits": "username",
}


def _evidence(key: str, v: dict[str, float]) -> str:
    if key == "followers":
        return f"{v['followers']:,.0f} followers"
    if key == "following":
        return f"follows {v['following']:,.0f} accounts"
    if key == "ratio":
        return f"follows {v['following'] / max(v['followers'], 1.0):.1f}x as many accounts as follow it"
    if key == "posts":
        return f"{v['posts']:,.0f} posts"
    if key == "picture":
        return "has a profile picture" if v["picture"] >= 0.5 else "no profile picture"
    if key == "private":
        return "private account" if v["private"] >= 0.5 else "public account"
    return f"username has {v['username_digits']:.0f} digits in {v['username_length']:.0f} characters"


def _reasons(parts: NDArray[np.float64], values: dict[str, float], imputed: list[str]) -> list[str]:
    grouped: dict[str, float] = {}
    for name, part in zip(FEATURES, parts, strict=True):
        grouped[_EVIDENCE[name]] = grouped.get(_EVIDENCE[name], 0.0) + float(part)
    ranked = sorted(grouped.items(), key=lambda kv: -abs(kv[1]))
    reasons = [
        f"{_evidence(key, values)} ({'more' if part > 0 else 'less'} likely fake, {part:+.2f})"
        for key, part in ranked[:3]
        if abs(part) >= 0.01
    ]
    reasons += [f"{name} unknown: imputed {values[name]:g} (training median)" for name in imputed]
    return reasons


def _logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.clip(p, 0.01, 0.99)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


class FakeFollowerClassifier:
    """Random-forest fake-account classifier (scikit-learn estimator contract, JSON-serialisable).

    Parameters
    ----------
    n_estimators, max_depth, min_samples_leaf : forest shape.
    seed : random seed of the forest.
    """

    def __init__(
        self, *, n_estimators: int = 100, max_depth: int = 6, min_samples_leaf: int = 3, seed: int = 0
    ) -> None:
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.seed = seed

    def fit(self, profiles: Sequence[Profile], y: Sequence[int]) -> FakeFollowerClassifier:
        """Learn imputation medians, the forest and the equal-prior calibration; returns ``self``."""
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        labels = np.asarray(y, dtype=np.int64)
        self.medians_ = {
            name: float(
                np.median([float(getattr(p, name)) for p in profiles if getattr(p, name) is not None])
            )
            for name in RAW
        }
        X = np.vstack([feature_row(_filled(p, self.medians_)[0]) for p in profiles])
        forest = RandomForestClassifier(
            n_estimators=self.n_estimators,
            max_depth=self.max_depth,
            min_samples_leaf=self.min_samples_leaf,
            class_weight="balanced",
            random_state=self.seed,
        )
        folds = StratifiedKFold(5, shuffle=True, random_state=self.seed)
        held_out = cross_val_predict(forest, X, labels, cv=folds, method="predict_proba")[:, 1]
        forest.fit(X, labels)
        self.forest_ = Forest(tuple(Tree.from_sklearn(t) for t in forest.estimators_))
        logits = _logit(held_out)[:, None]
        platt = LogisticRegression(C=1e6, class_weight="balanced").fit(logits, labels)
        self.calibration_ = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
        return self

    def _calibrated(self, raw: float, prior: float) -> float:
        slope, intercept = self.calibration_
        logit = slope * float(_logit(np.array([raw]))[0]) + intercept + math.log(prior / (1 - prior))
        return 1.0 / (1.0 + math.exp(-logit))

    def score(
        self, profile: Profile, *, prior: float = 0.5, as_of: datetime | None = None
    ) -> FakeFollowerScore:
        """Probability of being fake (for fake share ``prior``) with readable reasons."""
        if not 0.0 < prior < 1.0:
            raise InvalidInput(f"prior={prior}: expected a share strictly between 0 and 1")
        values, imputed = _filled(profile, self.medians_)
        raw, parts = self.forest_.explain(feature_row(values))
        reasons = _reasons(parts, values, imputed)
        if profile.created_at is not None and as_of is not None:
            days = (as_of - profile.created_at).total_seconds() / 86400
            reasons.append(f"account {days:,.0f} days old as of {as_of.date()} (reported, not scored)")
        return FakeFollowerScore(profile.id, round(self._calibrated(raw, prior), 4), tuple(reasons))

    def predict_proba(self, profiles: Sequence[Profile], *, prior: float = 0.5) -> NDArray[np.float64]:
        """Probability of being fake for each profile (one column: the positive class)."""
        return np.array([self.score(p, prior=prior).probability for p in profiles], dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to predict, as plain JSON."""
        return {
            "features": list(FEATURES),
            "params": {
                "n_estimators": self.n_estimators,
                "max_depth": self.max_depth,
                "min_samples_leaf": self.min_samples_leaf,
                "seed": self.seed,
            },
            "medians": self.medians_,
            "calibration": list(self.calibration_),
            "trees": [tree.to_dict() for tree in self.forest_.trees],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FakeFollowerClassifier:
        """Inverse of :meth:`to_dict`."""
        model = cls(**data["params"])
        model.medians_ = {k: float(v) for k, v in data["medians"].items()}
        model.calibration_ = (float(data["calibration"][0]), float(data["calibration"][1]))
        model.forest_ = Forest(tuple(Tree.from_dict(t) for t in data["trees"]))
        return model

    def save(self, path: Path) -> None:
        """Write :meth:`to_dict` to ``path`` as JSON."""
        path.write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> FakeFollowerClassifier:
        """Read a model written by :meth:`save`."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def load_fake_follower_model(path: Path = MODEL_PATH) -> FakeFollowerClassifier:
    """Load the shipped model (or another saved with ``to_dict``)."""
    return FakeFollowerClassifier.load(path)


def score_profiles(
    profiles: Sequence[Profile], *, prior: float = 0.5, as_of: datetime | None = None
) -> list[FakeFollowerScore]:
    """Score every profile with the shipped model, in input order.

    ``as_of`` defaults to the newest ``created_at`` among the profiles, so ages never depend on
    today's date.
    """
    model = load_fake_follower_model()
    if as_of is None:
        dates = [p.created_at for p in profiles if p.created_at is not None]
        as_of = max(dates) if dates else None
    return [model.score(p, prior=prior, as_of=as_of) for p in profiles]
