"""Fake-account probability from profile features, with the reasons behind each score.

Two small random forests, both trained on the labelled Instagram sets only (SRF 2017, InstaFake
2019; see ``models/fake_followers.md``): ``instagram`` scores all ten features of counts, ratios,
picture, privacy and username shape; ``twitter`` scores only the six that mean the same on both
platforms (followers, following, their ratio, no posts at all, no picture, username digit share).
The absolute post count and privacy are left out there: a tweet is not an Instagram post (Twitter
humans post ten times as often), and private accounts are common among real Instagram users only.

The probability is calibrated for **equal class priors** (Platt scaling on held-out scores with
balanced weights), so 0.5 is the decision threshold; ``prior`` moves it by Bayes' rule for an
expected fake share, and ``adapt`` estimates that share from the scored file itself, without labels
(:mod:`grassroots.trust.prior_shift`). Unknown inputs are imputed with the training medians and named
in the reasons. Account age is reported but not scored: neither training set has creation dates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
from numpy.typing import NDArray

from grassroots.errors import InvalidInput
from grassroots.trust._forest import Forest, Tree
from grassroots.trust.prior_shift import estimate_prior, shift_prior
from grassroots.trust.profiles import SCORED, Profile

__all__ = [
    "FEATURES",
    "TRANSFER_FEATURES",
    "FakeFollowerClassifier",
    "FakeFollowerRun",
    "FakeFollowerScore",
    "load_fake_follower_model",
    "score_fake_followers",
]

Platform = Literal["instagram", "twitter"]
FeatureSet = Literal["all", "transfer"]
PLATFORMS: tuple[Platform, ...] = get_args(Platform)

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
#: Features whose meaning does not depend on the platform (the ``twitter`` model scores only these).
TRANSFER_FEATURES = (
    "log_followers",
    "log_following",
    "follow_ratio",
    "no_posts",
    "no_picture",
    "digit_share",
)
_FEATURE_SETS: dict[FeatureSet, tuple[str, ...]] = {"all": FEATURES, "transfer": TRANSFER_FEATURES}
#: Which feature set scores each platform.
PLATFORM_FEATURES: dict[Platform, FeatureSet] = {"instagram": "all", "twitter": "transfer"}


@dataclass(frozen=True)
class FakeFollowerScore:
    """The probability that one account is fake, and why."""

    id: str
    probability: float
    reasons: tuple[str, ...]
    platform: Platform = "instagram"


@dataclass(frozen=True)
class FakeFollowerRun:
    """The scores of one file and the fake share they were expressed at.

    ``prior`` is the share the probabilities assume (0.5 = equal priors); ``prior_estimate`` is the
    label-free EM estimate of the file's fake share when adaptation was asked for, else ``None``.
    """

    scores: list[FakeFollowerScore]
    prior: float
    prior_estimate: float | None


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


_RAW_EVIDENCE = {
    "followers": {"followers", "ratio"},
    "following": {"following", "ratio"},
    "posts": {"posts"},
    "picture": {"picture"},
    "private": {"private"},
    "username_digits": {"username"},
    "username_length": {"username"},
}


def _check_prior(prior: float) -> None:
    if not 0.0 < prior < 1.0:
        raise InvalidInput(f"prior={prior}: expected a fake share strictly between 0 and 1")


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


def _reasons(
    names: tuple[str, ...], parts: NDArray[np.float64], values: dict[str, float], imputed: list[str]
) -> list[str]:
    grouped: dict[str, float] = {}
    for name, part in zip(names, parts, strict=True):
        grouped[_EVIDENCE[name]] = grouped.get(_EVIDENCE[name], 0.0) + float(part)
    ranked = sorted(grouped.items(), key=lambda kv: -abs(kv[1]))
    reasons = [
        f"{_evidence(key, values)} ({'more' if part > 0 else 'less'} likely fake, {part:+.2f})"
        for key, part in ranked[:3]
        if abs(part) >= 0.01
    ]
    used = {_EVIDENCE[name] for name in names}
    reasons += [
        f"{name} unknown: imputed {values[name]:g} (training median)"
        for name in imputed
        if _RAW_EVIDENCE[name] & used
    ]
    return reasons


def _median(profiles: Sequence[Profile], name: str) -> float:
    """Training median of one raw field; 0 when no training profile has it (e.g. Twitter's privacy)."""
    known = [float(getattr(p, name)) for p in profiles if getattr(p, name) is not None]
    return float(np.median(known)) if known else 0.0


def _logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.clip(p, 0.01, 0.99)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


class FakeFollowerClassifier:
    """Random-forest fake-account classifier (scikit-learn estimator contract, JSON-serialisable).

    Parameters
    ----------
    features : ``all`` (:data:`FEATURES`) or ``transfer`` (:data:`TRANSFER_FEATURES`).
    n_estimators, max_depth, min_samples_leaf : forest shape.
    seed : random seed of the forest.
    """

    def __init__(
        self,
        *,
        features: FeatureSet = "all",
        n_estimators: int = 100,
        max_depth: int = 6,
        min_samples_leaf: int = 3,
        seed: int = 0,
    ) -> None:
        self.features = features
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.seed = seed

    @property
    def _columns(self) -> list[int]:
        if self.features not in _FEATURE_SETS:
            raise InvalidInput(f"features={self.features!r}: expected one of {', '.join(_FEATURE_SETS)}")
        return [FEATURES.index(name) for name in _FEATURE_SETS[self.features]]

    def fit(self, profiles: Sequence[Profile], y: Sequence[int]) -> FakeFollowerClassifier:
        """Learn imputation medians, the forest and the equal-prior calibration; returns ``self``."""
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        labels = np.asarray(y, dtype=np.int64)
        self.medians_ = {name: _median(profiles, name) for name in RAW}
        X = np.vstack([feature_row(_filled(p, self.medians_)[0]) for p in profiles])[:, self._columns]
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

    def _calibrated(self, raw: float) -> float:
        slope, intercept = self.calibration_
        logit = slope * float(_logit(np.array([raw]))[0]) + intercept
        return 1.0 / (1.0 + math.exp(-logit))

    def explain(self, profile: Profile, *, as_of: datetime | None = None) -> tuple[float, list[str]]:
        """Equal-prior probability of being fake (unrounded) and the readable reasons."""
        values, imputed = _filled(profile, self.medians_)
        raw, parts = self.forest_.explain(feature_row(values)[self._columns])
        reasons = _reasons(_FEATURE_SETS[self.features], parts, values, imputed)
        if profile.created_at is not None and as_of is not None:
            days = (as_of - profile.created_at).total_seconds() / 86400
            reasons.append(f"account {days:,.0f} days old as of {as_of.date()} (reported, not scored)")
        return self._calibrated(raw), reasons

    def score(
        self, profile: Profile, *, prior: float = 0.5, as_of: datetime | None = None
    ) -> FakeFollowerScore:
        """Probability of being fake (for fake share ``prior``) with readable reasons."""
        _check_prior(prior)
        probability, reasons = self.explain(profile, as_of=as_of)
        return FakeFollowerScore(profile.id, round(shift_prior(probability, prior), 4), tuple(reasons))

    def predict_proba(self, profiles: Sequence[Profile], *, prior: float = 0.5) -> NDArray[np.float64]:
        """Probability of being fake for each profile (one column: the positive class)."""
        return np.array([self.score(p, prior=prior).probability for p in profiles], dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to predict, as plain JSON."""
        return {
            "features": list(_FEATURE_SETS[self.features]),
            "params": {
                "features": self.features,
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


def load_fake_follower_model(
    path: Path = MODEL_PATH, *, platform: Platform = "instagram"
) -> FakeFollowerClassifier:
    """Load the shipped model of ``platform`` (or one saved with ``save_models``)."""
    return load_platform_models(path)[platform]


def load_platform_models(path: Path = MODEL_PATH) -> dict[Platform, FakeFollowerClassifier]:
    """Every platform's model from one artefact."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: FakeFollowerClassifier.from_dict(data["platforms"][name]) for name in PLATFORMS}


def save_models(models: dict[Platform, FakeFollowerClassifier], path: Path = MODEL_PATH) -> None:
    """Write the platforms' models as one compact JSON artefact."""
    data = {"platforms": {name: models[name].to_dict() for name in PLATFORMS}}
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


def _platforms(profiles: Sequence[Profile], platform: str) -> list[Platform]:
    if platform == "auto":
        return ["twitter" if p.platform == "twitter" else "instagram" for p in profiles]
    if platform not in PLATFORMS:
        raise InvalidInput(f"platform={platform!r}: expected one of {', '.join(PLATFORMS)}, auto")
    return ["twitter" if platform == "twitter" else "instagram"] * len(profiles)


def score_fake_followers(
    profiles: Sequence[Profile],
    *,
    platform: str = "auto",
    prior: float = 0.5,
    adapt: bool = False,
    as_of: datetime | None = None,
) -> FakeFollowerRun:
    """Score every profile with its platform's shipped model, in input order.

    ``platform`` is ``instagram``, ``twitter`` or ``auto`` (each record by its columns; records
    with neither platform's columns count as Instagram). ``adapt`` replaces ``prior`` by the EM
    estimate of the file's fake share (label-free). ``as_of`` defaults to the newest
    ``created_at`` among the profiles, so ages never depend on today's date.
    """
    _check_prior(prior)
    if adapt and prior != 0.5:
        raise InvalidInput(f"prior={prior} and adapt=True: adapt estimates the prior; give one of them")
    names = _platforms(profiles, platform)
    models = load_platform_models()
    if as_of is None:
        dates = [p.created_at for p in profiles if p.created_at is not None]
        as_of = max(dates) if dates else None
    explained = [models[name].explain(p, as_of=as_of) for p, name in zip(profiles, names, strict=True)]
    estimate = estimate_prior([p for p, _ in explained]) if adapt and explained else None
    used = prior if estimate is None else estimate
    scores = [
        FakeFollowerScore(profile.id, round(shift_prior(p, used), 4), tuple(reasons), name)
        for profile, name, (p, reasons) in zip(profiles, names, explained, strict=True)
    ]
    return FakeFollowerRun(scores, used, estimate)


def score_profiles(
    profiles: Sequence[Profile],
    *,
    prior: float = 0.5,
    as_of: datetime | None = None,
    platform: str = "auto",
) -> list[FakeFollowerScore]:
    """Score every profile with the shipped models, in input order (see :func:`score_fake_followers`)."""
    return score_fake_followers(profiles, platform=platform, prior=prior, as_of=as_of).scores
