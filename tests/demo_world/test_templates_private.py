"""Post text comes from templates no detector may import, and carries no generator marker."""

from __future__ import annotations

import json
import re
from pathlib import Path

from grassroots.demo_world import WorldFiles

ROOT = Path(__file__).resolve().parents[2]
_IMPORT = re.compile(r"demo_world\._templates|demo_world import[^\n]*_templates|from \. import _templates")


def test_no_module_outside_demo_world_imports_the_templates() -> None:
    offenders = []
    for folder in ("src", "bench", "scripts", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/demo_world/" in rel or rel.startswith("tests/demo_world/"):
                continue
            if _IMPORT.search(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(rel)
    assert offenders == []


def test_texts_carry_no_generator_marker(world: WorldFiles) -> None:
    marker = re.compile(r"[{}]|template|synthetic|generated|demo[ _-]?world|lorem", re.IGNORECASE)
    for role in ("posts", "comments"):
        with world.path(role).open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                assert not marker.search(text), text
                assert text == text.strip() and "  " not in text
