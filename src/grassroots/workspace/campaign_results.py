"""What the Workspace's campaign methods return (frozen dataclasses; ``to_dict`` is the CLI's JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CampaignChains",
    "CampaignCreated",
    "CampaignFile",
    "CampaignOrders",
    "CampaignReport",
    "CampaignStep",
]


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class CampaignCreated:
    """A new campaign: its slug (the name commands take), brand, and fair-ask warnings."""

    campaign: str
    name: str
    brand: str
    warnings: tuple[str, ...]
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


@dataclass(frozen=True)
class CampaignStep:
    """One lifecycle step's counts (assign, invite, states, consent, addresses, close)."""

    campaign: str
    step: str
    counts: dict[str, Any]
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


@dataclass(frozen=True)
class CampaignFile:
    """An export written (codes, fulfilment, ledger): where, and how many rows."""

    campaign: str
    path: Path
    rows: int
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


@dataclass(frozen=True)
class CampaignOrders:
    """Orders imported from a Shopify export and attributed to the campaign's participants."""

    campaign: str
    path: Path
    imported: int
    by_code: int
    by_customer: int
    redeemed: int
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


@dataclass(frozen=True)
class CampaignReport:
    """The campaign report: its JSON content and the JSON and HTML files written."""

    campaign: str
    report: dict[str, Any]
    json_path: Path
    html_path: Path
    alerts: int
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


@dataclass(frozen=True)
class CampaignChains:
    """Referral chains of a campaign (``campaign cascades``): the report's ``cascades`` object and one
    row per referred person (as stored in the lake table ``campaign_cascades``)."""

    campaign: str
    window_days: int
    cascades: dict[str, Any]
    referrals: tuple[dict[str, Any], ...]
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))
