"""Audience quality for every creator of an export directory (or one creator), with shared scoring.

Every account is scored by the fake-follower model once, so followers and commenters shared by many
creators are not re-scored.
"""

from __future__ import annotations

from collections.abc import Sequence

from grassroots.errors import NotFound
from grassroots.records import ProgressFn, no_progress
from grassroots.trust.audience import AudienceInputs, AudienceQuality, audience_quality
from grassroots.trust.export_files import ExportData
from grassroots.trust.fake_followers import load_fake_follower_model

__all__ = ["audience_inputs", "fake_probabilities", "find_account", "score_creators"]


def fake_probabilities(data: ExportData, *, progress: ProgressFn = no_progress) -> dict[str, float]:
    """Fake probability of every account (equal priors), keyed by account id."""
    model = load_fake_follower_model()
    out: dict[str, float] = {}
    total = len(data.accounts)
    for done, (account_id, profile) in enumerate(data.accounts.items(), start=1):
        out[account_id] = model.score(profile).probability
        if done % 1000 == 0 or done == total:
            progress("score accounts", done, total)
    return out


def audience_inputs(data: ExportData, account_id: str) -> AudienceInputs:
    """Gather what we observe about one account from the export."""
    posts = data.posts.get(account_id, [])
    comments = [
        (str(c["author"]), str(c.get("text") or ""))
        for p in posts
        for c in data.comments.get(str(p["id"]), [])
    ]
    return AudienceInputs(
        creator=data.accounts[account_id],
        followers=[data.accounts[f] for f in data.followers.get(account_id, []) if f in data.accounts],
        snapshots=data.snapshots.get(account_id, []),
        posts=[(float(p.get("like_count") or 0), float(p.get("comment_count") or 0)) for p in posts],
        comments=comments,
    )


def find_account(data: ExportData, creator: str) -> str:
    """Account id for an id or a handle (with or without ``@``); raises :class:`NotFound`."""
    if creator in data.accounts:
        return creator
    wanted = creator.lstrip("@").lower()
    for account_id, handle in data.handles.items():
        if handle == wanted:
            return account_id
    raise NotFound(f"creator {creator!r}: no such account id or handle in the export")


def score_creators(
    data: ExportData,
    *,
    min_followers: float = 1000,
    fake_prob: dict[str, float] | None = None,
    progress: ProgressFn = no_progress,
) -> list[AudienceQuality]:
    """Audience quality of every account with at least ``min_followers`` followers, in id order."""
    probs = fake_prob if fake_prob is not None else fake_probabilities(data, progress=progress)
    ids: Sequence[str] = sorted(a for a, p in data.accounts.items() if (p.followers or 0) >= min_followers)
    out = []
    for done, account_id in enumerate(ids, start=1):
        out.append(audience_quality(audience_inputs(data, account_id), probs))
        progress("score creators", done, len(ids))
    return out
