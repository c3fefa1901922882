"""Read-only views the screens (web pages, API) show: typed results of ``Workspace`` read methods.

Every number on a screen comes from one of these, read from the lake tables the pipeline stages
wrote (``brand_mentions``, ``advocates``, ``engagement``, ``fake_follower_scores``, ``disclosures``,
``audience_reports``, ``seed_plans``, ``network_profiles``) or computed by a domain function; the
web layer only formats them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from grassroots.listen import Theme
    from grassroots.network import NodePosition
    from grassroots.store import Alert

__all__ = [
    "ADVOCATE_SORTS",
    "SEED_COSTS",
    "AdvocateDetail",
    "AdvocatePage",
    "AdvocateRow",
    "AdvocateSort",
    "BrandOverview",
    "NetworkOverview",
    "PersonView",
    "PlannedSeeds",
    "SeedCost",
    "SeedPlanComparison",
    "ShortlistEntry",
    "WeekPoint",
]

AdvocateSort = Literal["rank", "score", "handle", "followers", "organic_positive", "engagement", "quality"]
ADVOCATE_SORTS: tuple[str, ...] = get_args(AdvocateSort)
#: what a seed costs in a budgeted plan: 1 each, or 1 per 1,000 followers (at least 1)
SeedCost = Literal["uniform", "followers"]
SEED_COSTS: tuple[str, ...] = get_args(SeedCost)


@dataclass(frozen=True)
class WeekPoint:
    """Mentions of one subject (the brand or a competitor) in one ISO week, by label and kind."""

    week: str
    subject: str
    mentions: int
    positive: int
    neutral: int
    negative: int
    paid: int  # paid or gifted (the post shows a commercial relationship)

    @property
    def organic(self) -> int:
        return self.mentions - self.paid

    @property
    def net_sentiment(self) -> float:
        """(positive - negative) / mentions, in [-1, 1]."""
        return (self.positive - self.negative) / self.mentions if self.mentions else 0.0


@dataclass(frozen=True)
class BrandOverview:
    """What is said about a brand and its competitors, week by week, and what needs attention."""

    brand: str
    subjects: tuple[str, ...]  # the brand first, then its competitors
    weeks: tuple[WeekPoint, ...]
    themes: tuple[Theme, ...]
    open_alerts: tuple[Alert, ...]

    def share_of_voice(self) -> dict[str, float]:
        """Each subject's share of all mentions (brand and competitors together)."""
        total = sum(p.mentions for p in self.weeks)
        return {
            s: sum(p.mentions for p in self.weeks if p.subject == s) / max(total, 1) for s in self.subjects
        }

    def chart_data(self) -> dict[str, Any]:
        """Plain JSON for the overview charts (one series per subject)."""
        weeks = sorted({p.week for p in self.weeks})
        at = {(p.subject, p.week): p for p in self.weeks}
        series = []
        for subject in self.subjects:
            points = [at.get((subject, w)) for w in weeks]
            series.append(
                {
                    "subject": subject,
                    "mentions": [p.mentions if p else 0 for p in points],
                    "net_sentiment": [round(p.net_sentiment, 4) if p else None for p in points],
                    "organic": [p.organic if p else 0 for p in points],
                    "paid": [p.paid if p else 0 for p in points],
                }
            )
        return {"brand": self.brand, "weeks": weeks, "series": series, "share": self.share_of_voice()}


@dataclass(frozen=True)
class AdvocateRow:
    """One row of the advocates ranking (lake table ``advocates``)."""

    rank: int
    platform: str
    account_id: str
    handle: str
    followers: int
    tier: str
    score: float
    organic_positive: int
    positive_weeks: int
    paid_or_gifted: int
    negative: int
    brand_posts: int
    engagement_percentile: float
    quality: float
    customer_id: str | None
    explanation: str
    shortlisted: bool = False


@dataclass(frozen=True)
class AdvocatePage:
    """One page of the filtered, sorted ranking and how many rows matched in all."""

    brand: str
    rows: tuple[AdvocateRow, ...]
    total: int
    offset: int
    limit: int
    sort: AdvocateSort
    descending: bool


@dataclass(frozen=True)
class AdvocateDetail:
    """Why an account ranks where it does: its posts with sentiment evidence, engagement, audience
    quality (when a creator report exists), fake-account probability and customer link."""

    row: AdvocateRow
    posts: tuple[dict[str, Any], ...]
    engagement: dict[str, Any] | None
    audience_score: float | None
    audience_parts: tuple[dict[str, Any], ...]
    fake_probability: float | None


@dataclass(frozen=True)
class PersonView:
    """Everything the installation knows about one account that a marketer should weigh."""

    account: dict[str, Any]
    fake_probability: float | None
    fake_reasons: tuple[str, ...]
    audience: dict[str, Any] | None  # the stored creator report (score, parts, disclosures, pod, safety)
    disclosures: dict[str, int]  # verdict -> posts
    undisclosed: tuple[dict[str, Any], ...]  # posts with a paid relationship not adequately disclosed
    position: NodePosition | None
    brand_posts: tuple[dict[str, Any], ...]  # from ``brand_mentions`` (the brand or a competitor)
    alerts: tuple[Alert, ...]


@dataclass(frozen=True)
class NetworkOverview:
    """The latest stored graph profile and seed plan."""

    profile: dict[str, Any] | None
    top_pagerank: tuple[str, ...]
    plan: dict[str, Any] | None
    plan_seeds: tuple[str, ...]


@dataclass(frozen=True)
class PlannedSeeds:
    """One way of choosing seeds and the spread it reaches (Monte Carlo mean and 95% interval)."""

    method: str  # "opim" (ours), "celebrity" (most followers), "pagerank"
    seeds: tuple[str, ...]
    cost: float
    spread: float
    low: float
    high: float


@dataclass(frozen=True)
class SeedPlanComparison:
    """A seed plan against the celebrity and PageRank baselines of the same size, on one graph."""

    k: int
    budget: float | None
    cost: SeedCost
    community: int | None  # targeted: spread counted only inside this community
    runs: int
    nodes: int
    edges: int
    plans: tuple[PlannedSeeds, ...]
    plan_id: str
    targeted_spread: float | None = None  # OPIM-C's estimate of the people reached inside ``community``


@dataclass(frozen=True)
class ShortlistEntry:
    """An account a person put on a brand's shortlist."""

    brand: str
    platform: str
    account_id: str
    added_by: str
