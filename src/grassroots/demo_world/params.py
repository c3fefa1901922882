"""The demo world's parameters, each with the source it comes from (see docs/demo-world.md).

Every rate that a later scorer is measured against is a named field here, so a benchmark can say
which world it ran on and a test can check that the generator honours it.

>>> p = WorldParams.default(people=2000)
>>> p.posts, p.hard
(10000, False)
>>> WorldParams.default(people=2000, hard=True).disclosure_rate
0.1
>>> tier_of(45_000)
'micro'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from grassroots.errors import InvalidInput

__all__ = ["TIERS", "WORLD_END", "WORLD_START", "WorldParams", "tier_of"]

#: The world's observation window: 12 whole weeks, fixed so output never depends on today's date.
WORLD_START = datetime(2026, 3, 2, tzinfo=UTC)
WORLD_END = datetime(2026, 5, 25, tzinfo=UTC)

#: Follower tiers (lower bound, name, like rate, comment rate). Like and comment rates per post as a
#: share of followers, after the Instagram tiers in Markerly's 2016 study ("Instagram marketing: does
#: influencer size matter?"): likes ~8% below 1k, ~4% at 1k-10k, ~2.4% at 10k-100k, ~1.7% at
#: 100k-1M, ~1.1% above 1M; comment rates fall the same way (about 1/20 of the like rate).
TIERS: tuple[tuple[int, str, float, float], ...] = (
    (0, "personal", 0.080, 0.0050),
    (1_000, "nano", 0.040, 0.0022),
    (10_000, "micro", 0.024, 0.0012),
    (100_000, "mid", 0.017, 0.0008),
    (500_000, "macro", 0.017, 0.0008),
    (1_000_000, "mega", 0.011, 0.0005),
)


def tier_of(followers: int) -> str:
    """Name of the follower tier of an account with ``followers`` followers."""
    name = TIERS[0][1]
    for low, tier, _, _ in TIERS:
        if followers >= low:
            name = tier
    return name


@dataclass(frozen=True)
class WorldParams:
    """Everything that shapes a generated world. ``default`` fills in documented values."""

    seed: int
    people: int
    posts: int
    hard: bool
    #: share of accounts that are fake (bots / bought followers / spam accounts)
    fake_account_share: float = 0.12
    #: share of real accounts that are creators (1k+ followers)
    creator_share: float = 0.12
    #: Pareto tail index of creators' follower counts above 1,000 (heavy tail, nano to mega)
    follower_tail_index: float = 0.9
    #: genuine advocates as a share of all people (issue 2: about 1%)
    advocate_share: float = 0.01
    #: share of advocates drawn from people below 1,000 followers (hard case: small advocates)
    small_advocate_share: float = 0.4
    #: mean planted fake-follower share on creators (HypeAuditor: ~22-30% suspicious followers)
    creator_fake_share_mean: float = 0.25
    #: mean planted fake-follower share on personal accounts
    personal_fake_share_mean: float = 0.06
    #: share of creators who bought followers (a spike in weekly snapshots)
    bought_share: float = 0.04
    #: share of posts by paid / gifted creators that carry any disclosure (Mathur et al. 2018: ~10%)
    disclosure_rate: float = 0.10
    #: among disclosed posts, share with an adequate (not merely ambiguous) disclosure
    adequate_share: float = 0.7
    #: creators paid, gifted, or paid by a competitor (each a share of creators)
    paid_share: float = 0.025
    gifted_share: float = 0.03
    competitor_paid_share: float = 0.03
    #: fakes that post brand-positive spam
    fake_spammer_share: float = 0.04
    #: personal accounts who are customers of the brand (advocates are customers at 85%)
    customer_share: float = 0.06
    #: shop customers with no social account in the world, per social customer
    offline_customers_per_social: float = 1.5
    #: number of engagement pods and their size range
    pods: int = 3
    pod_size: tuple[int, int] = (8, 14)
    #: probability that a pod member comments on another member's post
    pod_participation: float = 0.85
    #: share of customers' negative brand posts that are sarcastic
    sarcasm_share: float = 0.3
    #: share of a community member's follows that stay in the community / go to the same city
    follow_in_community: float = 0.6
    follow_same_location: float = 0.15
    #: paid posts reuse the organic templates (no code, no link) with this probability
    covert_paid_share: float = 0.3
    #: fakes whose profile looks real (bio, picture, posts) and real people who look fake
    disguised_fake_share: float = 0.08
    fakey_real_share: float = 0.02
    #: weeks of account snapshots
    weeks: int = 12
    #: share of an advocate's brand posts whose praise is implicit (a repurchase, a habit, a
    #: recommendation, no praise words) and share mixing praise with a complaint (late parcel, price)
    advocate_implicit_share: float = 0.2
    advocate_mixed_share: float = 0.15
    #: customers who complain loudly and often (share of people): 5-12 brand posts, mostly complaints
    loud_complainer_share: float = 0.004
    #: deal and news accounts that post about the brand all the time (share of people): links, no code
    promo_account_share: float = 0.003
    #: share of customers' and complainers' brand posts that quote the brand's own (upbeat) reply
    quoted_reply_share: float = 0.3

    @classmethod
    def default(
        cls, *, people: int = 20_000, posts: int | None = None, seed: int = 0, hard: bool = False
    ) -> WorldParams:
        """Documented defaults for a world of ``people`` (posts default to 5 per person)."""
        if people < 200:
            raise InvalidInput(f"people={people}: at least 200 people are needed for a world")
        n_posts = 5 * people if posts is None else posts
        if n_posts < 1:
            raise InvalidInput(f"posts={n_posts}: must be positive")
        params = cls(seed=seed, people=people, posts=n_posts, hard=hard)
        if not hard:
            return params
        return replace(
            params,
            small_advocate_share=0.6,
            fake_spammer_share=0.08,
            sarcasm_share=0.5,
            pod_participation=0.65,
            covert_paid_share=0.8,
            disguised_fake_share=0.25,
            fakey_real_share=0.05,
            follow_in_community=0.5,
            advocate_implicit_share=0.3,
            advocate_mixed_share=0.25,
            loud_complainer_share=0.006,
            promo_account_share=0.005,
        )
