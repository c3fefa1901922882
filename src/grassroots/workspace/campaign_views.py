"""What the Workspace's campaign read views return, for the web app's screens and API (frozen
dataclasses; ``to_dict`` is the API's JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from grassroots.store import Alert

__all__ = ["CampaignSummary", "CampaignView"]


@dataclass(frozen=True)
class CampaignSummary:
    """One campaign in a brand's list: its name, window, state and people per arm.

    ``state`` is the store's status: ``draft`` (created, not assigned), ``assigned`` (arms drawn,
    fixed for good) or ``closed``."""

    campaign: str  # the slug every command and route takes
    name: str
    brand: str
    goal: str
    starts: str
    ends: str
    state: str
    participants: int
    arms: dict[str, int]
    assigned_at: str | None
    design: str | None
    seed: int | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CampaignView:
    """One campaign's page: the brief, the eligible pool saved at creation, the assignment, the
    funnel per arm, the newest stored report (lift per outcome with intervals, cascades when the
    report has them) and the campaign's compliance alerts."""

    summary: CampaignSummary
    brief: dict[str, Any]  # the brief as stored (the mapping it was created from)
    pool: int | None  # people in the pool saved at creation (None: the brand's advocates at assign)
    funnel: dict[str, dict[str, int]]  # arm -> assigned / state -> people who reached it
    states: tuple[str, ...]
    offered: int
    codes: int
    report: dict[str, Any] | None
    lift: tuple[dict[str, Any], ...]
    alerts: tuple[Alert, ...] = field(default=())

    @property
    def cascades(self) -> dict[str, Any] | None:
        """The report's ``cascades`` section (exposure and referral chains), None before there is one."""
        found = (self.report or {}).get("cascades")
        return found if isinstance(found, dict) else None

    def to_dict(self) -> dict[str, Any]:
        """Status and funnel (the report and alerts have their own routes)."""
        return {
            **self.summary.to_dict(),
            "brief": self.brief,
            "pool": self.pool,
            "funnel": self.funnel,
            "states": list(self.states),
            "offered": self.offered,
            "codes": self.codes,
            "measured": self.report is not None,
        }
