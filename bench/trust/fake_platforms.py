"""Fake followers across platforms: Twitter (cresci-2015 development file) against Instagram training.

Settings, kept apart in every table:

- **untrained**: the shipped models (fitted on Instagram only) score the Twitter file; the Twitter
  labels are used only to measure. ``--adapt`` (EM prior shift) is label-free.
- **Twitter CV**: part of the Twitter file is used for fitting (5-fold stratified, seed 0); every
  Twitter account is scored by a model that did not see it. Balanced accuracy is at the equal-prior
  threshold 0.5; the calibration error (ECE, 10 equal-width bins) is of the probabilities shifted to
  the training folds' fake share, i.e. the ones a user of ``--prior`` would read.
- **cross-platform matrix**: train on one data set (all of it), test on another; the diagonal is
  5-fold CV.

The cresci file's two groups were collected differently (ids, creation dates, ``updated``): ids and
collection dates are never features here, and :func:`age_check` measures what account age would add.

Run through ``python -m bench.trust --part platforms`` (tables in ``bench/results/trust-platforms.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from bench.trust import data
from grassroots.trust.fake_followers import (
    FakeFollowerClassifier,
    load_fake_follower_model,
    score_fake_followers,
)
from grassroots.trust.prior_shift import estimate_prior, shift_prior
from grassroots.trust.profiles import Profile

Row = tuple[str, dict[str, float], int]
#: The date account ages are computed at in :func:`age_check` (after both groups were collected).
SCORING_DATE = datetime(2015, 3, 1, tzinfo=UTC)


def metrics(y: Sequence[int], p: Sequence[float] | np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    """Accuracy, balanced accuracy, F1 (fake) and AUC at ``threshold``."""
    hard = (np.asarray(p) >= threshold).astype(int)
    return {
        "accuracy": float(accuracy_score(y, hard)),
        "balanced_accuracy": float(balanced_accuracy_score(y, hard)),
        "f1": float(f1_score(y, hard)),
        "auc": float(roc_auc_score(y, p)),
    }


def reliability(
    y: Sequence[int], p: Sequence[float] | np.ndarray, bins: int = 10
) -> list[tuple[float, int, float, float]]:
    """Per equal-width bin: lower edge, count, mean probability, share of fakes (empty bins left out)."""
    probs, labels = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    index = np.minimum((probs * bins).astype(int), bins - 1)
    return [
        (b / bins, int((index == b).sum()), float(probs[index == b].mean()), float(labels[index == b].mean()))
        for b in range(bins)
        if (index == b).any()
    ]


def ece(y: Sequence[int], p: Sequence[float] | np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: count-weighted mean |share of fakes - mean probability| per bin."""
    table = reliability(y, p, bins)
    return sum(n * abs(share - mean) for _, n, mean, share in table) / sum(n for _, n, _, _ in table)


def twitter_untrained(path: Path = data.CRESCI) -> tuple[list[Row], float]:
    """The shipped models on a labelled Twitter file (never trained on it); also the EM prior estimate."""
    profiles, y, _ = data.cresci_dev(path)
    n = len(y)
    rows: list[Row] = []
    for platform in ("instagram", "twitter"):
        run = score_fake_followers(profiles, platform=platform)
        p = [s.probability for s in run.scores]
        rows.append((f"shipped {platform} model, threshold 0.5", metrics(y, p), n))
    adapted = score_fake_followers(profiles, platform="twitter", adapt=True)
    estimate = float(adapted.prior_estimate or 0.0)
    p = [s.probability for s in adapted.scores]
    rows.append((f"shipped twitter model, --adapt (prior_estimate {estimate:.3f})", metrics(y, p), n))
    return rows, estimate


def _twitter_folds(seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    _, y, _ = data.cresci_dev()
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    return list(folds.split(np.zeros(len(y)), y))


def twitter_cv(*, with_instagram: bool = True, seed: int = 0) -> dict[str, np.ndarray]:
    """Out-of-fold Twitter probabilities of the ``transfer`` model fitted on Instagram + 4/5 of Twitter.

    Returns ``equal`` (equal priors), ``prior`` (shifted to the training folds' fake share),
    ``adapt`` (shifted to each test fold's EM estimate, label-free) and the labels ``y``.
    """
    profiles, y, _ = data.cresci_dev()
    labels = np.asarray(y)
    extra_p, extra_y = _instagram() if with_instagram else ([], [])
    out = {key: np.zeros(len(y)) for key in ("equal", "prior", "adapt")}
    for train, test in _twitter_folds(seed):
        model = FakeFollowerClassifier(features="transfer", seed=seed).fit(
            extra_p + [profiles[i] for i in train], extra_y + labels[train].tolist()
        )
        equal = np.array([model.explain(profiles[i])[0] for i in test])
        share = float(labels[train].mean())
        estimate = estimate_prior(equal.tolist())
        out["equal"][test] = equal
        out["prior"][test] = [shift_prior(p, share) for p in equal]
        out["adapt"][test] = [shift_prior(p, estimate) for p in equal]
    out["y"] = labels
    return out


def twitter_cv_rows() -> tuple[list[Row], dict[str, np.ndarray]]:
    """Twitter CV figures: balanced accuracy at 0.5, ECE of the prior-shifted probabilities."""
    rows: list[Row] = []
    kept: dict[str, np.ndarray] = {}
    for with_instagram, name in ((True, "Instagram + Twitter folds"), (False, "Twitter folds only")):
        cv = twitter_cv(with_instagram=with_instagram)
        y = cv["y"].tolist()
        m = metrics(y, cv["equal"])
        m["ece_prior"] = ece(y, cv["prior"])
        m["ece_adapt"] = ece(y, cv["adapt"])
        m["ece_equal"] = ece(y, cv["equal"])
        rows.append((f"5-fold CV Twitter, transfer features, trained on {name}", m, len(y)))
        kept = kept or cv
    return rows, kept


def _instagram() -> tuple[list[Profile], list[int]]:
    srf_p, srf_y = data.srf()
    ins_p, ins_y = data.instafake()
    return srf_p + ins_p, srf_y + ins_y


def matrix(features: str = "transfer") -> list[tuple[str, str, dict[str, float], int]]:
    """Train on one data set, test on each; the diagonal is 5-fold CV (stratified, seed 0)."""
    profiles_t, y_t, _ = data.cresci_dev()
    sets = {"InstaFake": data.instafake(), "SRF": data.srf(), "Twitter": (profiles_t, y_t)}
    out = []
    for train_name, (train_p, train_y) in sets.items():
        whole = FakeFollowerClassifier(features=features).fit(train_p, train_y)  # type: ignore[arg-type]
        for test_name, (test_p, test_y) in sets.items():
            if test_name == train_name:
                p = _cv(train_p, train_y, features)
            else:
                p = np.array([whole.explain(q)[0] for q in test_p])
            out.append((train_name, test_name, metrics(test_y, p), len(test_y)))
    return out


def _cv(profiles: list[Profile], y: list[int], features: str) -> np.ndarray:
    labels = np.asarray(y)
    out = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(y)), labels):
        model = FakeFollowerClassifier(features=features).fit(  # type: ignore[arg-type]
            [profiles[i] for i in train], labels[train].tolist()
        )
        out[test] = [model.explain(profiles[i])[0] for i in test]
    return out


def _twitter_only_features(profiles: list[Profile], rows: list[dict[str, str]], *, age: bool) -> np.ndarray:
    """Transfer features plus default profile, URL and description presence (and age in days)."""
    from grassroots.trust.fake_followers import FEATURES, TRANSFER_FEATURES, _filled, feature_row

    model = load_fake_follower_model(platform="twitter")
    columns = [FEATURES.index(name) for name in TRANSFER_FEATURES]
    out = []
    for profile, row in zip(profiles, rows, strict=True):
        base = feature_row(_filled(profile, model.medians_)[0])[columns].tolist()
        extra = [
            float(row["default_profile"].strip() not in ("", "0", "0.0")),
            float(bool(row["url"].strip())),
            float(bool(row["description"].strip())),
        ]
        if age and profile.created_at is not None:
            extra.append((SCORING_DATE - profile.created_at).days)
        out.append(base + extra)
    return np.array(out, dtype=np.float64)


def age_check() -> list[Row]:
    """Twitter-only CV (forest on Twitter folds alone): with and without account age, and age alone.

    Account age is computed at :data:`SCORING_DATE`. The INT fakes were all created within months
    of each other, years after most TFP humans: a near-perfect "age alone" row means the feature
    would learn the collection, not fakeness.
    """
    from sklearn.ensemble import RandomForestClassifier

    profiles, y, rows = data.cresci_dev()
    labels = np.asarray(y)
    variants = {
        "transfer + default profile + URL + description": _twitter_only_features(profiles, rows, age=False),
        "same + account age at 2015-03-01": _twitter_only_features(profiles, rows, age=True),
    }
    variants["account age at 2015-03-01 alone"] = variants["same + account age at 2015-03-01"][:, -1:]
    out: list[Row] = []
    for name, X in variants.items():
        p = np.zeros(len(y))
        for train, test in _twitter_folds():
            forest = RandomForestClassifier(
                100, max_depth=6, min_samples_leaf=3, class_weight="balanced", random_state=0
            ).fit(X[train], labels[train])
            p[test] = forest.predict_proba(X[test])[:, 1]
        out.append((f"5-fold CV Twitter only, {name}", metrics(y, p), len(y)))
    return out


def recorded_line() -> str:
    """The shipped models' scores that the data card records and a test re-checks."""
    shipped = load_fake_follower_model()
    parts = []
    for name, (profiles, y) in {"srf": data.srf(), "instafake": data.instafake()}.items():
        p = shipped.predict_proba(profiles)
        parts += [
            f"{name}_accuracy={accuracy_score(y, p >= 0.5):.3f}",
            f"{name}_auc={roc_auc_score(y, p):.3f}",
        ]
    profiles_t, y_t, _ = data.cresci_dev()
    p_t = [s.probability for s in score_fake_followers(profiles_t, platform="twitter").scores]
    m = metrics(y_t, p_t)
    parts += [f"twitter_balanced_accuracy={m['balanced_accuracy']:.3f}", f"twitter_auc={m['auc']:.3f}"]
    return "recorded: " + " ".join(parts)


def svg_reliability(table: list[tuple[float, int, float, float]], *, title: str) -> str:
    """A reliability diagram as a small standalone SVG (no plotting library needed)."""
    size, pad = 320, 40

    def x(v: float) -> float:
        return pad + v * size

    def y(v: float) -> float:
        return pad + (1 - v) * size

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 2 * pad}" height="{size + 2 * pad + 20}" '
        'font-family="sans-serif" font-size="11">',
        f'<text x="{pad}" y="20">{title}</text>',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="none" stroke="#999"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#bbb" stroke-dasharray="4 3"/>',
    ]
    for lower, n, mean, share in table:
        parts.append(
            f'<rect x="{x(lower) + 2:.1f}" y="{y(share):.1f}" width="{size / 10 - 4:.1f}" '
            f'height="{share * size:.1f}" fill="#8fb3d9"><title>{n} accounts</title></rect>'
        )
        parts.append(f'<circle cx="{x(mean):.1f}" cy="{y(share):.1f}" r="3" fill="#c0392b"/>')
    for tick in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{x(tick) - 6:.0f}" y="{y(0) + 14:.0f}">{tick:g}</text>')
        parts.append(f'<text x="{pad - 22}" y="{y(tick) + 4:.0f}">{tick:g}</text>')
    parts.append(
        f'<text x="{pad}" y="{size + 2 * pad + 10}">predicted probability of fake (bins of 0.1); '
        "bar height and dot: share of fakes; dot at the bin's mean probability; dashed: perfect</text>"
    )
    return "\n".join([*parts, "</svg>"]) + "\n"
