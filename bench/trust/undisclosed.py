"""Undisclosed-sponsorship likelihood: weak labels, cross-validation, demo world, affiliate sentences."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from bench.trust import data
from grassroots.rules import detect_disclosure
from grassroots.trust.undisclosed import SponsoredLikeness, load_undisclosed_model


def weak_corpus() -> tuple[list[str], list[int], list[str]]:
    """Texts, weak labels (1 = adequately disclosed) and groups (creator) for training.

    TwiBot-20 tweets of the users who disclosed at least once: positives are their adequately
    disclosed tweets, negatives their tweets with no disclosure signal; ambiguous ones are left out.
    (YouTube / Pinterest descriptions were tried and dropped: most of their affiliate content is
    itself undisclosed, so as weak negatives they taught the model that commercial cues mean "organic".)
    """
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    tweets = [(u, t, detect_disclosure(t).disclosure) for u, t in data.twibot_tweets()]
    disclosers = {u for u, _, d in tweets if d == "adequate"}
    for user, text, verdict in tweets:
        if user in disclosers and verdict != "ambiguous":
            texts.append(text)
            labels.append(int(verdict == "adequate"))
            groups.append(f"twibot:{user}")
    return texts, labels, groups


def cross_validated_auc(texts: list[str], labels: list[int], groups: list[str]) -> float:
    """AUC of out-of-fold scores, folds grouped by creator (no creator in both train and test)."""
    y = np.asarray(labels)
    out = np.zeros(len(y))
    for train, test in GroupKFold(min(5, len(set(groups)))).split(texts, y, groups):
        model = SponsoredLikeness().fit([texts[i] for i in train], y[train].tolist())
        out[test] = model.predict_proba([texts[i] for i in test])
    return float(roc_auc_score(y, out))


def demo_world_auc(seed: int = 7, people: int = 20_000) -> list[str]:
    """AUC on the demo world's planted undisclosed paid / gifted posts (generated in a temp dir)."""
    f = demo_world_figures(seed, people)
    return [
        f"demo world seed {seed}, {people:,} people: {f['planted']} undisclosed paid/gifted posts among "
        f"{f['posts']:,} not adequately disclosed; AUC all posts = {f['auc']:.3f}",
        f"  AUC among the {f['brand_posts']} posts that target a brand = {f['brand_auc']:.3f}",
    ]


def demo_world_figures(seed: int = 7, people: int = 20_000) -> dict[str, float]:
    """The figures of :func:`demo_world_auc` as numbers."""
    from grassroots.demo_world import generate_world, load_truth

    with tempfile.TemporaryDirectory() as tmp:
        world = generate_world(tmp, seed=seed, people=people)
        truth = load_truth(Path(tmp) / "truth.json").posts()
        posts = [json.loads(line) for line in world.path("posts").read_text(encoding="utf-8").splitlines()]
    model = load_undisclosed_model()
    rows = []
    for post in posts:
        t = truth[post["id"]]
        if detect_disclosure(post["text"]).disclosure == "adequate":
            continue
        rows.append((post["text"], int(t.paid or t.gifted or t.competitor_paid), t.brand_target is not None))
    p = model.predict_proba([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    brand = np.array([r[2] for r in rows])
    return {
        "planted": int(y.sum()),
        "posts": len(y),
        "auc": float(roc_auc_score(y, p)),
        "brand_posts": int(brand.sum()),
        "brand_auc": float(roc_auc_score(y[brand], p[brand])),
    }


def affiliate_sentences_above_half() -> str:
    """Share of real YouTube/Pinterest sentences with an affiliate link and no disclosure scoring > 0.5."""
    n, share = affiliate_share()
    return (
        f"real affiliate-link sentences without disclosure (YouTube + Pinterest): {n}; "
        f"share scoring > 0.5 = {share:.3f}"
    )


def affiliate_share() -> tuple[int, float]:
    """Sentences with an affiliate link and no disclosure, and the share scoring > 0.5."""
    model = load_undisclosed_model()
    chosen = []
    for name in ("youtube", "pinterest"):
        for sentence in data.description_sentences(name):
            result = detect_disclosure(sentence)
            if result.disclosure == "none" and any(s.kind == "affiliate_link" for s in result.signals):
                chosen.append(sentence)
    p = model.predict_proba(chosen)
    return len(chosen), float(np.mean(p > 0.5))
