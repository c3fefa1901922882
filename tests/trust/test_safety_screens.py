"""The shipped hate / offensive screens reproduce their recorded TweetEval scores (skip without data)."""

from __future__ import annotations

import re
import sys

import pytest

from ..conftest import ROOT, shared_file

CARD = ROOT / "src" / "grassroots" / "trust" / "models" / "safety_screens.md"


@pytest.mark.shared_data
@pytest.mark.parametrize("task", ["hate", "offensive"])
def test_shipped_screen_reproduces_recorded_score(task: str) -> None:
    shared_file(f"text/tweeteval/{task}/test_text.txt")
    sys.path.insert(0, str(ROOT))
    from bench.trust.safety import shipped_screen

    line = next(x for x in CARD.read_text().splitlines() if x.startswith("recorded:"))
    recorded = float(re.findall(rf"{task}_test300_f1=([\d.]+)", line)[0])
    assert shipped_screen(task, 300) == pytest.approx(recorded, abs=2e-3)


def test_screens_plug_into_screen_posts() -> None:
    from grassroots.trust import screen_posts

    flagged = screen_posts(["a calm walk"], screens={"hate": lambda texts: [0.9 for _ in texts]})
    assert [f.category for f in flagged[0].flags] == ["hate"]
    assert "0.90" in flagged[0].flags[0].evidence
