"""Campaign tests run on a SQLite file and on a real PostgreSQL database, like the store's."""

from __future__ import annotations

from pathlib import Path

import pytest

BRIEF = """\
name: Spring sampling
brand: Acme
goal: trial of the new serum
shop: acme.example
products:
  - handle: glow-serum
    name: Glow Serum
    unit_cost: 12.50
    variants: [30ml, 50ml]
budget: 500
starts: 2026-03-01
ends: 2026-04-30
analysis_date: 2026-05-31
disclosure: "#ad gifted by Acme"
ask:
  text: Try it and post your honest opinion
  posts: 1
  minutes: 20
offer:
  type: percentage
  value: 15
  usage_limit: 1
  reward_points: 50
design:
  arms: two
  holdout: 0.5
  seed: 7
  strata: [tier, customer]
limits:
  contacts_per_30_days: 1
audience:
  platforms: [instagram]
"""


@pytest.fixture
def brief_file(tmp_path: Path) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated store with the brand Acme configured."""
    from grassroots.store import Store, migrate, save_brand

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = str(request.getfixturevalue("postgres_url"))
    migrate(url)
    with Store(url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
    return url
