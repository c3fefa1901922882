"""A small demo world with every pipeline stage run, built once per test session for the API tests,
and API keys of each scope on it. 300 people, the fast sentiment path, creator reports without the
learned screens, a 5-seed plan with 200 cascades: the Workspace calls ``grassroots demo`` makes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.workspace import Workspace

PEOPLE = 300


@dataclass(frozen=True)
class ApiWorld:
    """The data dir's settings, the demo brand, its top advocate, a creator with a report, keys by scope."""

    settings: Settings
    brand: str
    top: str
    reported: str
    keys: dict[str, str]

    def copy(self, target: Path) -> ApiWorld:
        """The same world in a copy of the data dir (for tests that erase or write the lake)."""
        shutil.copytree(self.settings.data_dir, target)
        (target / "writer.lock").unlink(missing_ok=True)
        return ApiWorld(Settings(data_dir=target), self.brand, self.top, self.reported, self.keys)


def build(data_dir: Path) -> ApiWorld:
    settings = Settings(data_dir=data_dir)
    ws = Workspace(settings=settings, actor="test")
    with ws.writing("api test world"):
        world = ws.demo_world(seed=0, people=PEOPLE)
        ws.init()
        ws.ingest_world(world)
        brand = ws.add_brand(world.world.path("brand"))
        fake = ws.fake_followers_from_lake()
        ws.engagement(brand)
        ws.listen_scan(brand, path="fast")
        found = ws.advocates(brand, sentiment="fast", fake_scores=fake.probabilities)
        ws.disclosures_from_lake(brand=brand.name)
        top = found.advocates[0].account_id
        ws.trust_report(top, brand=brand.name, competitors=brand.competitors, screens=False)
        ws.seeds(k=5, runs=200, exclude=fake.likely_fake)
        ws.network_profile_from_lake()
    keys = {scope: ws.create_key(f"key-{scope}", scope=scope) for scope in ("read", "write", "admin")}
    return ApiWorld(settings, brand.name, top, top, keys)


_BUILT: dict[str, ApiWorld] = {}


@pytest.fixture(scope="session", name="api_world")
def world_fixture(tmp_path_factory: pytest.TempPathFactory) -> ApiWorld:
    """The small world, built once per session."""
    if "world" not in _BUILT:
        _BUILT["world"] = build(tmp_path_factory.mktemp("api") / "data")
    return _BUILT["world"]
