"""Audience quality score (0-100) for a creator, decomposed into parts that each show their evidence.

Modelled on the parts of HypeAuditor's Audience Quality Score: the share of real followers in a
sample (our fake-follower classifier on the follower profiles we can see), mass followers (accounts
following more than 1,500), engagement rate against the creator's tier, follower-growth anomalies
(spikes in weekly snapshots) and comment authenticity (generic / emoji-only comments and comments
by fake-looking accounts). The score is the weighted mean of the parts; every part says what it saw.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grassroots.trust.fake_followers import FakeFollowerClassifier
from grassroots.trust.profiles import Profile

__all__ = ["AudienceInputs", "AudienceQuality", "QualityPart", "audience_quality", "is_generic_comment"]

WEIGHTS = {
    "real_followers": 0.4,
    "mass_followers": 0.15,
    "engagement": 0.15,
    "growth": 0.15,
    "comments": 0.15,
}
MASS_FOLLOWING = 1500
#: Like + comment rate per post by follower tier (Markerly 2016, the demo world's source too).
TIER_ENGAGEMENT = ((0, 0.085), (1_000, 0.042), (10_000, 0.025), (100_000, 0.018), (1_000_000, 0.0115))
_GENERIC = re.compile(
    r"^(?:nice|great|love( it| this)?|amazing|wow|cool|beautiful|awesome|so good|yes|fire|"
    r"great (?:post|pic|shot)|nice (?:post|pic|shot|one)|love your (?:feed|content|page)|keep it up|goals)"
    r"[!. ]*$",
    re.IGNORECASE,
)


def is_generic_comment(text: str) -> bool:
    """Emoji / punctuation only, or a stock phrase that fits any post.

    >>> is_generic_comment("🔥🔥"), is_generic_comment("Nice pic!"), is_generic_comment("where is this cafe?")
    (True, True, False)
    """
    stripped = text.strip()
    return not any(ch.isalnum() for ch in stripped) or bool(_GENERIC.match(stripped))


@dataclass(frozen=True)
class AudienceInputs:
    """What we can observe about one creator: own profile, a follower sample, snapshots, posts, comments.

    ``posts`` are ``(likes, comments)`` per post; ``comments`` are ``(commenter id, text)`` pairs on the
    creator's posts; ``snapshots`` are follower counts in time order.
    """

    creator: Profile
    followers: Sequence[Profile]
    snapshots: Sequence[float]
    posts: Sequence[tuple[float, float]]
    comments: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class QualityPart:
    """One part of the score (0-100), its weight and the evidence a person can check."""

    name: str
    score: float
    weight: float
    evidence: str


@dataclass(frozen=True)
class AudienceQuality:
    """The 0-100 score and its parts."""

    account_id: str
    score: float
    parts: tuple[QualityPart, ...]


def _real_followers(inputs: AudienceInputs, fake_prob: Mapping[str, float]) -> QualityPart:
    probs = [fake_prob[f.id] for f in inputs.followers if f.id in fake_prob]
    if not probs:
        return QualityPart(
            "real_followers", 50.0, WEIGHTS["real_followers"], "no follower sample: neutral 50"
        )
    real = sum(p < 0.5 for p in probs)
    share = real / len(probs)
    return QualityPart(
        "real_followers",
        100 * share,
        WEIGHTS["real_followers"],
        f"{real} of {len(probs)} sampled followers look real",
    )


def _mass_followers(inputs: AudienceInputs) -> QualityPart:
    known = [f.following for f in inputs.followers if f.following is not None]
    if not known:
        return QualityPart(
            "mass_followers", 50.0, WEIGHTS["mass_followers"], "no following counts: neutral 50"
        )
    mass = sum(x > MASS_FOLLOWING for x in known)
    return QualityPart(
        "mass_followers",
        100 * (1 - mass / len(known)),
        WEIGHTS["mass_followers"],
        f"{mass} of {len(known)} sampled followers follow more than {MASS_FOLLOWING:,} accounts",
    )


def _tier_rate(followers: float) -> float:
    rate = TIER_ENGAGEMENT[0][1]
    for low, value in TIER_ENGAGEMENT:
        if followers >= low:
            rate = value
    return rate


def _engagement(inputs: AudienceInputs) -> QualityPart:
    followers = inputs.creator.followers or 0.0
    if not inputs.posts or followers <= 0:
        return QualityPart(
            "engagement", 50.0, WEIGHTS["engagement"], "no posts or follower count: neutral 50"
        )
    rate = sum(likes + comments for likes, comments in inputs.posts) / len(inputs.posts) / followers
    ratio = rate / _tier_rate(followers)
    score = 100 / (1 + math.exp(-3 * math.log(max(ratio, 1e-6))))  # 50 at the tier's rate
    return QualityPart(
        "engagement",
        score,
        WEIGHTS["engagement"],
        f"engagement {100 * rate:.2f}% per post vs {100 * _tier_rate(followers):.2f}% typical for the tier",
    )


def _growth(inputs: AudienceInputs) -> QualityPart:
    counts = [c for c in inputs.snapshots if c > 0]
    if len(counts) < 2:
        return QualityPart("growth", 50.0, WEIGHTS["growth"], "fewer than 2 snapshots: neutral 50")
    jumps = [(b - a) / a for a, b in itertools.pairwise(counts)]
    top = max(jumps)
    score = 100.0 if top <= 0.1 else max(0.0, 100 * (1 - (top - 0.1) / 0.4))
    return QualityPart(
        "growth",
        score,
        WEIGHTS["growth"],
        f"largest weekly follower jump {100 * top:+.1f}% over {len(jumps)} weeks",
    )


def _comments(inputs: AudienceInputs, fake_prob: Mapping[str, float]) -> QualityPart:
    if not inputs.comments:
        return QualityPart("comments", 50.0, WEIGHTS["comments"], "no comments: neutral 50")
    generic = sum(is_generic_comment(text) for _, text in inputs.comments)
    fake = sum(fake_prob.get(author, 0.0) >= 0.5 for author, _ in inputs.comments)
    bad = sum(is_generic_comment(t) or fake_prob.get(a, 0.0) >= 0.5 for a, t in inputs.comments)
    return QualityPart(
        "comments",
        100 * (1 - bad / len(inputs.comments)),
        WEIGHTS["comments"],
        f"{generic} of {len(inputs.comments)} comments generic or emoji-only, "
        f"{fake} by fake-looking accounts",
    )


def audience_quality(
    inputs: AudienceInputs,
    fake_prob: Mapping[str, float] | None = None,
    *,
    model: FakeFollowerClassifier | None = None,
) -> AudienceQuality:
    """Score one creator. ``fake_prob`` maps account id -> fake probability (scored here when missing)."""
    if fake_prob is None:
        if model is None:
            from grassroots.trust.fake_followers import load_fake_follower_model

            model = load_fake_follower_model()
        people = list(inputs.followers)
        fake_prob = {p.id: model.score(p).probability for p in people}
    parts = (
        _real_followers(inputs, fake_prob),
        _mass_followers(inputs),
        _engagement(inputs),
        _growth(inputs),
        _comments(inputs, fake_prob),
    )
    score = sum(p.score * p.weight for p in parts) / sum(p.weight for p in parts)
    return AudienceQuality(inputs.creator.id, round(score, 1), parts)
