"""A copy of the small screens world ready for campaigns: a shortlist of the brand's top advocates,
each with a standing contact consent (the pool a campaign is built from), and a brief's form fields
whose window covers the world's posts, so the mentions outcome has people on both sides of zero.

A copy, so campaigns, reports and their compliance alerts never reach the other screens' tests.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.workspace import Workspace
from tests.web.screens_world import World

SHORTLIST = 16  # two arms of 8 at a 0.5 holdout: every lift has an interval


@dataclass(frozen=True)
class CampaignWorld:
    """The copied data dir's settings, the brand, and the shortlisted account ids."""

    settings: Settings
    brand: str
    shortlisted: tuple[str, ...]


def campaign_world(world: World, target: Path) -> CampaignWorld:
    """Copy ``world`` to ``target``; shortlist its top advocates with contact consent."""
    shutil.copytree(world.settings.data_dir, target)
    (target / "writer.lock").unlink(missing_ok=True)
    settings = Settings(data_dir=target)
    ws = Workspace(settings=settings, actor="test")
    for entry in ws.shortlist(world.brand):  # another test may have shortlisted in the shared world
        ws.shortlist_set(world.brand, entry.account_id, platform=entry.platform, listed=False)
    rows = ws.advocate_rows(world.brand)[:SHORTLIST]
    for row in rows:
        ws.shortlist_set(world.brand, row.account_id, platform=row.platform, listed=True)
    consent = target / "consent.csv"
    lines = ["person_id,purpose,granted,recorded_at,text,channel"]
    lines += [f"{r.account_id},contact,yes,2020-01-01T00:00:00,May we contact you?,test" for r in rows]
    consent.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws.campaign_consent(consent)
    return CampaignWorld(settings, world.brand, tuple(r.account_id for r in rows))


def brief_fields(name: str = "Spring sampling") -> dict[str, str]:
    """The create form's fields for a valid brief (a window wide enough for every world post)."""
    return {
        "name": name,
        "goal": "Honest reviews of the new serum",
        "shop": "acme.example",
        "budget": "400",
        "starts": "2000-01-01",
        "ends": "2030-12-31",
        "products[0].handle": "glow-serum",
        "products[0].name": "Glow serum",
        "products[0].unit_cost": "12.50",
        "disclosure": "#ad",
        "ask.text": "Try it and post your honest opinion",
        "ask.posts": "1",
        "ask.minutes": "20",
        "offer.type": "percentage",
        "offer.value": "15",
        "design.arms": "two",
        "design.holdout": "0.5",
        "design.seed": "7",
    }
