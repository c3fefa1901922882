"""A small demo world with every pipeline stage run, built once per test session for the screens'
tests (the page tests and the browser tests read it; only ``plan_seeds`` and shortlists write).

Kept fast: 300 people, the fast sentiment path, creator reports without the learned screens, a
5-seed plan with 200 cascades. The same Workspace calls ``grassroots demo`` makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.web.world import run_stages

from grassroots.config import Settings
from grassroots.workspace import Workspace

PASSWORD = "screens test password"
PEOPLE = 300


@dataclass(frozen=True)
class World:
    """The data dir, its settings, the demo brand, and users by role (all with :data:`PASSWORD`)."""

    settings: Settings
    brand: str
    top: str  # account id of the top advocate
    users: tuple[str, ...] = ("ann", "ada", "vic")  # admin, analyst, viewer


def build_world(data_dir: Path) -> World:
    """Every demo stage, small."""
    settings = Settings(data_dir=data_dir)
    ws = Workspace(settings=settings, actor="test")
    with ws.writing("screens test world"):
        staged = run_stages(ws, seed=0, people=PEOPLE, k=5, reports=2, customers=True)
    brand, found = staged.brand, staged.found
    ws.add_user("ann", password=PASSWORD, role="admin")  # type: ignore[attr-defined]
    ws.add_user("ada", password=PASSWORD, role="analyst")  # type: ignore[attr-defined]
    ws.add_user("vic", password=PASSWORD, role="viewer")  # type: ignore[attr-defined]
    return World(settings, brand.name, found.advocates[0].account_id)


_BUILT: dict[str, World] = {}


@pytest.fixture(scope="session")
def screens_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The small world, built once per session (the first test that asks pays ~20 s)."""
    if "world" not in _BUILT:
        _BUILT["world"] = build_world(tmp_path_factory.mktemp("screens") / "data")
    return _BUILT["world"]
