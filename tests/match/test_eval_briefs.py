"""The eval briefs of bench/match share no content word with the demo world's posts, comments or profiles.

They were written (with their relevance truth, bench/match/truth.yaml) before the ranker; this keeps a later
edit from leaking the posts' words into them, so the text score measures paraphrase matching, not overlap.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import yaml

from grassroots.demo_world import generate_world

from ..conftest import ROOT

BRIEFS = ROOT / "bench" / "match" / "briefs"
#: function words the briefs may share with posts
STOP = {"a", "an", "and", "the", "of", "for", "with", "on", "in", "to", "at", "or"}


def _stem(word: str) -> str:
    for suffix in ("ing", "ers", "er", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _world_words(directory: Path) -> set[str]:
    words: set[str] = set()
    for name in ("posts.jsonl", "comments.jsonl"):
        for line in (directory / name).read_text(encoding="utf-8").splitlines():
            words.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))
    with (directory / "accounts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.update(re.findall(r"[a-z]+", f"{row['bio']} {row['handle']} {row['name']}".lower()))
    return words


def test_briefs_share_no_content_word_with_the_world(tmp_path: Path) -> None:
    world = generate_world(tmp_path / "w", seed=0, people=1500)
    words = _world_words(world.directory)
    stems = {_stem(w) for w in words}
    truth = yaml.safe_load((ROOT / "bench" / "match" / "truth.yaml").read_text(encoding="utf-8"))
    briefs = sorted(BRIEFS.glob("*.yaml"))
    assert {p.stem for p in briefs} == set(truth)
    for path in briefs:
        text = " ".join(yaml.safe_load(path.read_text(encoding="utf-8"))["text"].values()).lower()
        shared = [
            t for t in re.findall(r"[a-z]+", text) if t not in STOP and (t in words or _stem(t) in stems)
        ]
        assert not shared, f"{path.name} shares {shared} with the demo world"
    assert "cycling" in words  # the check can fail: the world does talk about the interests
