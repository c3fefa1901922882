"""The brief YAML: every field validated with FILE:LINE: field: problem; `campaign` passed through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grassroots.errors import InvalidRecord
from grassroots.match import load_brief, parse_brief

from ..conftest import run_cli

GOOD = """\
name: Spring glow
brand: Lumenleaf
text:
  values: kindness and slow mornings
  lifestyle: [trail running, oat lattes]
  product: a light face cream
  tone: warm
audience:
  locations: [London, US]
  languages: [EN]
  tiers: [nano, Micro]
  audience_quality_min: 0.7
  competitors: [Dove]
  no_competitor_paid_days: 90
  customers_only: true
  exclude: ["@someone"]
preferences:
  text: 2
  small_audience: 0.5
campaign:
  budget: 5000
  anything: [goes, here]
"""


def test_a_full_brief_parses_with_the_audience_alias_and_campaign_passed_through() -> None:
    brief = parse_brief(GOOD, source="b.yaml")
    assert brief.name == "Spring glow" and brief.brand == "Lumenleaf"
    assert brief.text["lifestyle"] == "trail running, oat lattes"
    f = brief.filters
    assert f.locations == ("London", "US") and f.languages == ("en",) and f.tiers == ("nano", "micro")
    assert (f.audience_quality_min, f.no_competitor_paid_days, f.customers_only) == (0.7, 90, True)
    assert f.competitors == ("Dove",) and f.exclude == ("someone",)
    assert brief.preferences == {"text": 2.0, "small_audience": 0.5}
    assert brief.campaign == {"budget": 5000, "anything": ["goes", "here"]}
    assert brief.full_text.startswith("kindness and slow mornings. trail running")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("text: {lifestyle: x}\nbudget: 3\n", "b.yaml:2: budget: unknown field"),
        ("name: x\n", "b.yaml:1: text: expected a mapping"),
        ("text:\n  mood: happy\n", "b.yaml:2: text.mood: unknown text part"),
        ("text:\n  tone: ''\n", "b.yaml:2: text.tone: expected non-empty text"),
        ("text: {tone: x}\nfilters:\n  tiers: 3\n", "b.yaml:3: filters.tiers: expected a list"),
        ("text: {tone: x}\nfilters:\n  size: [1]\n", "b.yaml:3: filters.size: unknown filter"),
        (
            "text: {tone: x}\nfilters:\n  audience_quality_min: high\n",
            "b.yaml:3: filters.audience_quality_min",
        ),
        ("text: {tone: x}\naudience:\n  no_competitor_paid_days: 0\n", "b.yaml:3: audience.no_competitor"),
        ("text: {tone: x}\nfilters:\n  customers_only: maybe\n", "b.yaml:3: filters.customers_only"),
        ("text: {tone: x}\nfilters: {}\naudience: {}\n", "b.yaml:3: audience: `audience` is an alias"),
        ("text: {tone: x}\npreferences:\n  fame: 1\n", "b.yaml:3: preferences.fame: unknown preference"),
        ("text: {tone: x}\npreferences:\n  text: -1\n", "b.yaml:3: preferences.text: expected a weight"),
        ("text: {tone: x}\npreferences:\n  text: 0\n", "b.yaml:2: preferences: every weight is 0"),
        ("text: [unclosed\n", "b.yaml:2: brief: not valid YAML"),
        ("- a list\n", "b.yaml:1: brief: expected a mapping"),
    ],
)
def test_bad_briefs_name_file_line_and_field(text: str, expected: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        parse_brief(text, source="b.yaml")
    assert str(caught.value).startswith(expected), str(caught.value)


def test_the_cli_reports_a_bad_brief_in_one_line_with_exit_2(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("text:\n  lifestyle: running\nfilters:\n  tiers: 5\n", encoding="utf-8")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    done = run_cli("match", "brief", str(brief), env=env)
    assert done.returncode == 2 and done.stdout == b""
    assert f"{brief}:4: filters.tiers: expected a list of names" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()


def test_the_eval_briefs_load() -> None:
    from ..conftest import ROOT

    for path in sorted((ROOT / "bench" / "match" / "briefs").glob("*.yaml")):
        assert load_brief(path).text
