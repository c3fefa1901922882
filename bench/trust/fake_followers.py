"""Fake-follower figures: in-domain CV, cross-data-set transfer, shipped model, Twitter profiles."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from bench.trust import data
from grassroots.trust.fake_followers import FakeFollowerClassifier, load_fake_follower_model
from grassroots.trust.profiles import Profile


def metrics(y: Sequence[int], p: np.ndarray, threshold: float = 0.5) -> dict[str, float]:
    """Accuracy, F1 (fake class) and AUC at ``threshold``."""
    hard = (np.asarray(p) >= threshold).astype(int)
    return {
        "accuracy": float(accuracy_score(y, hard)),
        "f1": float(f1_score(y, hard)),
        "auc": float(roc_auc_score(y, p)),
    }


def _fmt(name: str, m: dict[str, float], n: int) -> str:
    return f"{name:52s} acc={m['accuracy']:.3f} f1={m['f1']:.3f} auc={m['auc']:.3f} n={n}"


def cross_validate(profiles: list[Profile], y: list[int], *, prior: float, seed: int = 0) -> np.ndarray:
    """Out-of-fold probabilities (5 folds, stratified) at the given fake prior."""
    labels = np.asarray(y)
    out = np.zeros(len(y))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(np.zeros(len(y)), labels):
        model = FakeFollowerClassifier(seed=seed).fit([profiles[i] for i in train], labels[train].tolist())
        out[test] = model.predict_proba([profiles[i] for i in test], prior=prior)
    return out


def evaluations(*, quick: bool = False) -> list[tuple[str, dict[str, float], int]]:
    """Every fake-follower evaluation as (name, metrics, n); ``quick``: the shipped model only (no CV)."""
    sets = {"SRF": data.srf(), "InstaFake": data.instafake()}
    rows = []
    for name, (profiles, y) in sets.items() if not quick else ():
        rate = float(np.mean(y))
        for prior, label in ((0.5, "equal priors, 0.5"), (rate, f"--prior {rate:.3f}")):
            p = cross_validate(profiles, y, prior=prior)
            rows.append((f"5-fold CV {name} ({label})", metrics(y, p), len(y)))
    for a, b in (("SRF", "InstaFake"), ("InstaFake", "SRF")) if not quick else ():
        model = FakeFollowerClassifier().fit(*sets[a])
        profiles, y = sets[b]
        rows.append((f"train {a} -> test {b} (0.5)", metrics(y, model.predict_proba(profiles)), len(y)))
    shipped = load_fake_follower_model()
    for name, (profiles, y) in sets.items():
        rows.append(
            (
                f"shipped model on its training set {name} (0.5)",
                metrics(y, shipped.predict_proba(profiles)),
                len(y),
            )
        )
    return rows


def evaluate_all() -> list[str]:
    """Every fake-follower figure as printable lines."""
    shipped = load_fake_follower_model()
    return [_fmt(*row) for row in evaluations()] + twitter_lines(shipped) + [cresci_line(shipped)]


def twitter_shares(model: FakeFollowerClassifier) -> tuple[int, float, int, float]:
    """TwiBot-20 sample (no bot/human labels): users, share called real, verified users, their share."""
    users = data.twibot_profiles()
    p = model.predict_proba([u for u, _ in users])
    verified = np.array([v for _, v in users])
    return len(users), float(np.mean(p < 0.5)), int(verified.sum()), float(np.mean(p[verified] < 0.5))


def cresci_line(model: FakeFollowerClassifier) -> str:
    """cresci-2015 dev subset (Twitter, labelled): balanced accuracy at 0.5 of a model never fit on it."""
    profiles, y, _ = data.cresci_dev()
    p = model.predict_proba(profiles)
    labels, hard = np.asarray(y), p >= 0.5
    fake, human = float(hard[labels == 1].mean()), float((~hard[labels == 0]).mean())
    return (
        f"cresci-2015 Twitter dev, {len(y)} accounts (INT fakes vs TFP humans), 0.5: balanced acc="
        f"{(fake + human) / 2:.3f} (fake recall {fake:.3f}, human recall {human:.3f}) "
        f"auc={roc_auc_score(y, p):.3f}"
    )


def twitter_lines(model: FakeFollowerClassifier) -> list[str]:
    """TwiBot-20 sample: no bot/human labels, so only the share called real (verified = weak 'real')."""
    n, share, n_verified, share_verified = twitter_shares(model)
    return [
        f"TwiBot-20 sample, {n} Twitter users (UNLABELLED): share called real at 0.5 = "
        f"{share:.3f}; among {n_verified} verified accounts = {share_verified:.3f}"
    ]
