"""Worlds shared by the demo-world tests: generated once per test session (a few seconds)."""

from __future__ import annotations

import csv

import pytest

from grassroots.demo_world import Truth, WorldFiles, generate_world, load_truth


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> WorldFiles:
    """A default-sized population (rates need numbers) with fewer posts to stay fast."""
    return generate_world(tmp_path_factory.mktemp("world"), seed=11, people=20_000, posts=40_000)


@pytest.fixture(scope="session")
def truth(world: WorldFiles) -> Truth:
    return load_truth(world.path("truth"))


@pytest.fixture(scope="session")
def hard_world(tmp_path_factory: pytest.TempPathFactory) -> WorldFiles:
    return generate_world(tmp_path_factory.mktemp("hard"), seed=11, people=3_000, posts=15_000, hard=True)


@pytest.fixture(scope="session")
def follows(world: WorldFiles) -> list[tuple[str, str]]:
    """(src, dst) of every follow edge of ``world``, read once."""
    with world.path("follows").open(encoding="utf-8", newline="") as fh:
        return [(r["src"], r["dst"]) for r in csv.DictReader(fh)]
