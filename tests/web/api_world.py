"""A small demo world with every pipeline stage run, built once per test session for the API tests,
and API keys of each scope on it. 300 people, the fast sentiment path, creator reports without the
learned screens, a 5-seed plan with 200 cascades: the Workspace calls ``grassroots demo`` makes."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.web.world import run_stages

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
        staged = run_stages(ws, seed=0, people=PEOPLE, k=5)
    brand, top = staged.brand, staged.found.advocates[0].account_id
    keys = {scope: ws.create_key(f"key-{scope}", scope=scope) for scope in ("read", "write", "admin")}
    return ApiWorld(settings, brand.name, top, top, keys)


_BUILT: dict[str, ApiWorld] = {}


@pytest.fixture(scope="session", name="api_world")
def world_fixture(tmp_path_factory: pytest.TempPathFactory) -> ApiWorld:
    """The small world, built once per session."""
    if "world" not in _BUILT:
        _BUILT["world"] = build(tmp_path_factory.mktemp("api") / "data")
    return _BUILT["world"]
