"""docs/demo-world.md and docs/taxonomy.md describe what the code does (they fail when they drift)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from grassroots.demo_world import CITIES, FILES, INTEREST_IDS, WorldParams

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_parameter_and_file_is_documented() -> None:
    text = (DOCS / "demo-world.md").read_text(encoding="utf-8")
    undocumented = [f.name for f in fields(WorldParams) if f.name not in ("seed", "people", "posts", "hard")]
    undocumented = [name for name in undocumented if f"`{name}`" not in text]
    assert undocumented == []
    assert [name for name in FILES.values() if f"`{name}`" not in text] == []


def test_every_interest_and_city_is_in_the_taxonomy_page() -> None:
    text = (DOCS / "taxonomy.md").read_text(encoding="utf-8")
    assert [i for i in INTEREST_IDS if f"`{i}`" not in text] == []
    assert [c for c, _, _ in CITIES if f"| {c} |" not in text] == []
