"""Audience quality score (0-100) for a creator, decomposed into parts that each show their evidence.

Modelled on the parts of HypeAuditor's Audience Quality Score: the share of real followers in a
sample (our fake-follower classifier on the follower profiles we can see), mass followers (accounts
following more than 1,500), engagement rate against the creator's tier, follower-growth anomalies
(spikes in weekly snapshots) and comment authenticity (generic / emoji-only comments and comments
by fake-looking accounts). The score is the weighted mean of the parts; every part says what it saw.

Every number the score uses is a named field of :class:`AudienceSettings`, each with its source or the
reason it was chosen; the tier engagement rates are the listen domain's sourced table
(``listen/engagement_tiers.yaml``, Markerly 2016), not a copy.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grassroots.errors import InvalidInput
from grassroots.trust.fake_followers import MASS_FOLLOWING, FakeFollowerClassifier
from grassroots.trust.profiles import Profile

__all__ = [
    "AudienceInputs",
    "AudienceQuality",
    "AudienceSettings",
    "QualityPart",
    "audience_quality",
    "is_generic_comment",
]


@dataclass(frozen=True)
class AudienceSettings:
    """The numbers behind the audience quality score, each with its source or reason."""

    #: Weight of each part in the mean. HypeAuditor does not publish its weights; the share of real
    #: followers is the part its score is built around and the only one we measure directly (our
    #: fake-follower classifier), so it carries 0.4; the four indirect signals share the rest equally,
    #: since no labelled data tells them apart.
    weights: tuple[tuple[str, float], ...] = (
        ("real_followers", 0.4),
        ("mass_followers", 0.15),
        ("engagement", 0.15),
        ("growth", 0.15),
        ("comments", 0.15),
    )
    #: Score of a part with no evidence (no sample, no snapshots): the middle, so it does not move the mean.
    neutral: float = 50.0
    #: A follower counts as fake, a commenter as fake-looking, at this probability: the classifier is
    #: calibrated for equal priors, so 0.5 is its decision point.
    fake_threshold: float = 0.5
    #: "Mass followers" follow more than this many accounts: HypeAuditor's definition (1,500), the same
    #: cut the fake-follower features use (``fake_followers.MASS_FOLLOWING``).
    mass_following: int = MASS_FOLLOWING
    #: Steepness k of the engagement score 100 / (1 + ratio^-k), ratio = rate / the tier's reference rate:
    #: 50 at the tier's rate; with k = 3 half the rate scores 11 and twice the rate 89 (our choice: a
    #: creator at half the typical rate is already suspicious, Markerly's tiers differ by about 2x).
    engagement_steepness: float = 3.0
    #: Largest weekly follower jump that still scores 100: organic accounts grow a few percent a week at
    #: most; bought followers arrive as one-week spikes (HypeAuditor's "unnatural growth"). Our choice.
    growth_ok: float = 0.10
    #: Jump at which the growth part reaches 0 (linear in between). Our choice: a 50 % jump in one week
    #: is a purchase, not a viral post, for an account with a typical follower count.
    growth_zero: float = 0.50

    def weight(self, part: str) -> float:
        """The weight of one part."""
        return dict(self.weights)[part]


DEFAULT_SETTINGS = AudienceSettings()
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


def _neutral(name: str, why: str, s: AudienceSettings) -> QualityPart:
    return QualityPart(name, s.neutral, s.weight(name), f"{why}: neutral {s.neutral:.0f}")


def _real_followers(
    inputs: AudienceInputs, fake_prob: Mapping[str, float], s: AudienceSettings
) -> QualityPart:
    probs = [fake_prob[f.id] for f in inputs.followers if f.id in fake_prob]
    if not probs:
        return _neutral("real_followers", "no follower sample", s)
    real = sum(p < s.fake_threshold for p in probs)
    return QualityPart(
        "real_followers",
        100 * real / len(probs),
        s.weight("real_followers"),
        f"{real} of {len(probs)} sampled followers look real",
    )


def _mass_followers(inputs: AudienceInputs, s: AudienceSettings) -> QualityPart:
    known = [f.following for f in inputs.followers if f.following is not None]
    if not known:
        return _neutral("mass_followers", "no following counts", s)
    mass = sum(x > s.mass_following for x in known)
    return QualityPart(
        "mass_followers",
        100 * (1 - mass / len(known)),
        s.weight("mass_followers"),
        f"{mass} of {len(known)} sampled followers follow more than {s.mass_following:,} accounts",
    )


def _tier_rate(followers: float) -> tuple[str, float]:
    """The tier and its reference engagement rate, from the listen domain's sourced tier table."""
    from grassroots.listen import load_tiers, tier_for

    tier = tier_for(int(followers), load_tiers())
    if tier.reference_rate is None:  # the default system has every rate; a custom one might not
        raise InvalidInput(f"tier {tier.name!r} of {tier.source!r}: reference_rate is unknown (null)")
    return tier.name, tier.reference_rate


def _engagement(inputs: AudienceInputs, s: AudienceSettings) -> QualityPart:
    followers = inputs.creator.followers or 0.0
    if not inputs.posts or followers <= 0:
        return _neutral("engagement", "no posts or follower count", s)
    rate = sum(likes + comments for likes, comments in inputs.posts) / len(inputs.posts) / followers
    tier, typical = _tier_rate(followers)
    ratio = max(rate / typical, 1e-6)
    score = 100 / (1 + ratio ** (-s.engagement_steepness))  # 50 at the tier's rate
    return QualityPart(
        "engagement",
        score,
        s.weight("engagement"),
        f"engagement {100 * rate:.2f}% per post vs {100 * typical:.2f}% typical for the {tier} tier",
    )


def _growth(inputs: AudienceInputs, s: AudienceSettings) -> QualityPart:
    counts = [c for c in inputs.snapshots if c > 0]
    if len(counts) < 2:
        return _neutral("growth", "fewer than 2 snapshots", s)
    jumps = [(b - a) / a for a, b in itertools.pairwise(counts)]
    top = max(jumps)
    over = (top - s.growth_ok) / (s.growth_zero - s.growth_ok)
    return QualityPart(
        "growth",
        100.0 if top <= s.growth_ok else max(0.0, 100 * (1 - over)),
        s.weight("growth"),
        f"largest weekly follower jump {100 * top:+.1f}% over {len(jumps)} weeks",
    )


def _comments(inputs: AudienceInputs, fake_prob: Mapping[str, float], s: AudienceSettings) -> QualityPart:
    if not inputs.comments:
        return _neutral("comments", "no comments", s)
    generic = sum(is_generic_comment(text) for _, text in inputs.comments)
    looks_fake = [fake_prob.get(author, 0.0) >= s.fake_threshold for author, _ in inputs.comments]
    bad = sum(is_generic_comment(t) or f for (_, t), f in zip(inputs.comments, looks_fake, strict=True))
    return QualityPart(
        "comments",
        100 * (1 - bad / len(inputs.comments)),
        s.weight("comments"),
        f"{generic} of {len(inputs.comments)} comments generic or emoji-only, "
        f"{sum(looks_fake)} by fake-looking accounts",
    )


def audience_quality(
    inputs: AudienceInputs,
    fake_prob: Mapping[str, float] | None = None,
    *,
    model: FakeFollowerClassifier | None = None,
    settings: AudienceSettings = DEFAULT_SETTINGS,
) -> AudienceQuality:
    """Score one creator. ``fake_prob`` maps account id -> fake probability (scored here when missing)."""
    if fake_prob is None:
        if model is None:
            from grassroots.trust.fake_followers import load_fake_follower_model

            model = load_fake_follower_model()
        people = list(inputs.followers)
        fake_prob = {p.id: model.score(p).probability for p in people}
    parts = (
        _real_followers(inputs, fake_prob, settings),
        _mass_followers(inputs, settings),
        _engagement(inputs, settings),
        _growth(inputs, settings),
        _comments(inputs, fake_prob, settings),
    )
    score = sum(p.score * p.weight for p in parts) / sum(p.weight for p in parts)
    return AudienceQuality(inputs.creator.id, round(score, 1), parts)
