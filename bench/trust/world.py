"""Trust figures measured on generated demo worlds: audience quality, pods, fake accounts."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from scipy.stats import spearmanr
from sklearn.metrics import accuracy_score, roc_auc_score

from grassroots.demo_world import generate_world, load_truth
from grassroots.trust import find_pods, read_export, score_creators
from grassroots.trust.creators import fake_probabilities


def world_lines(*, seed: int, people: int, hard: bool) -> list[str]:
    """AQS Spearman vs planted fake share, pod precision / recall, fake-account accuracy on one world."""
    f = world_figures(seed=seed, people=people, hard=hard)
    label = f"demo world seed {seed}, {people:,} people{' --hard' if hard else ''}"
    return [
        f"{label}: fake accounts acc {f['fake_accuracy']:.3f} AUC {f['fake_auc']:.3f} "
        f"({f['fakes']} fakes of {f['accounts']})",
        f"  audience quality vs planted fake share over {f['creators']} creators: "
        f"Spearman rho {f['rho']:+.3f} "
        "(" + ", ".join(f"{k} {v:+.2f}" for k, v in f["parts"].items()) + ")",
        f"  pods: {f['pods']} found, {f['flagged']} accounts flagged, {f['planted_pod_members']} planted: "
        f"precision {f['pod_precision']:.3f} recall {f['pod_recall']:.3f}",
    ]


def world_figures(*, seed: int, people: int, hard: bool) -> dict[str, Any]:
    """The figures of :func:`world_lines` as numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        generate_world(tmp, seed=seed, people=people, hard=hard)
        truth = load_truth(Path(tmp) / "truth.json")
        data = read_export(Path(tmp))
    probs = fake_probabilities(data)
    ids = sorted(probs)
    y = [truth.person(i).is_fake for i in ids]
    p = [probs[i] for i in ids]
    scores = score_creators(data, fake_prob=probs)
    planted = [truth.person(s.account_id).fake_follower_share for s in scores]
    rho = spearmanr([s.score for s in scores], planted)[0]
    parts = {
        name: spearmanr([next(x.score for x in s.parts if x.name == name) for s in scores], planted)[0]
        for name in ("real_followers", "mass_followers", "engagement", "growth", "comments")
    }
    pods = find_pods(data)
    flagged = {m.account_id for pod in pods for m in pod.members}
    real = {m for pod in truth.pods for m in pod}
    hits = len(flagged & real)
    return {
        "fake_accuracy": float(accuracy_score(y, [x >= 0.5 for x in p])),
        "fake_auc": float(roc_auc_score(y, p)),
        "fakes": sum(y),
        "accounts": len(y),
        "creators": len(scores),
        "rho": float(rho),
        "parts": {k: float(v) for k, v in parts.items()},
        "pods": len(pods),
        "flagged": len(flagged),
        "planted_pod_members": len(real),
        "pod_precision": hits / max(1, len(flagged)),
        "pod_recall": hits / max(1, len(real)),
    }
