"""A small campaign ready for the advocate portal: an initialised data dir, the brand Acme, a brief
with a survey, consent, a randomised assignment (holdout 0.3), codes and invitations sent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.store import Store, participant_rows, save_brand
from grassroots.workspace import Workspace
from tests.campaigns.conftest import BRIEF

SURVEY = """\
survey:
  nps: How likely are you to recommend Glow Serum to a friend?
  questions:
    - id: texture
      text: How did the texture feel?
      type: choice
      choices: [light, just right, heavy]
      product: glow-serum
    - id: again
      text: How likely are you to buy it again?
      type: scale
      min: 1
      max: 5
    - id: note
      text: Anything else you would like to tell us?
      type: text
"""
PEOPLE = [f"ig:{i}" for i in range(10)]


@dataclass(frozen=True)
class PortalWorld:
    settings: Settings
    workspace: Workspace
    campaign: str
    offered: tuple[str, ...]
    holdout: tuple[str, ...]


def portal_world(root: Path, database_url: str | None = None) -> PortalWorld:
    """Build the world under ``root`` (a SQLite store there, or ``database_url``)."""
    settings = Settings(
        data_dir=root / "data", database_url_override=database_url, base_url="https://brand.example"
    )
    ws = Workspace(settings=settings, actor="test")
    ws.init()
    with Store(settings.database_url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme", "products": ["Glow Serum"]})
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    brief = BRIEF.replace("holdout: 0.5", "holdout: 0.3").replace("strata: [tier, customer]", "strata: []")
    brief = brief.replace("contacts_per_30_days: 1", "contacts_per_30_days: 5") + SURVEY
    (src / "brief.yaml").write_text(brief, encoding="utf-8")
    (src / "pool.csv").write_text(
        "person_id,tier\n" + "".join(f"{p},micro\n" for p in PEOPLE), encoding="utf-8"
    )
    (src / "consent.csv").write_text(
        "person_id,purpose,granted,text,channel,recorded_at\n"
        + "".join(f"{p},contact,yes,You may e-mail me,form,2026-01-01T00:00:00\n" for p in PEOPLE),
        encoding="utf-8",
    )
    slug = ws.campaign_create(src / "brief.yaml").campaign
    ws.campaign_consent(src / "consent.csv")
    ws.campaign_assign(slug, pool=src / "pool.csv")
    ws.campaign_codes(slug)
    ws.campaign_invite(slug)
    with Store(settings.database_url) as store:
        rows = participant_rows(store, 1)
    offered = tuple(str(r["person_id"]) for r in rows if r["selected"])
    holdout = tuple(str(r["person_id"]) for r in rows if not r["selected"])
    return PortalWorld(settings, ws, slug, offered, holdout)
