"""Audience quality, pods, brand safety and `trust report` on a small generated demo world."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scipy.stats import spearmanr

from grassroots.demo_world import generate_world, load_truth
from grassroots.trust import (
    AudienceInputs,
    Profile,
    audience_quality,
    find_pods,
    read_export,
    score_creators,
    screen_posts,
)

from ..conftest import run_cli


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    generate_world(folder, seed=3, people=1500)
    return folder


def test_audience_quality_falls_with_planted_fake_share(world: Path) -> None:
    truth = load_truth(world / "truth.json")
    scores = score_creators(read_export(world))
    assert len(scores) > 30
    planted = [truth.person(s.account_id).fake_follower_share for s in scores]
    rho = spearmanr([s.score for s in scores], planted)[0]
    assert rho < -0.6
    assert all(0 <= s.score <= 100 and len(s.parts) == 5 for s in scores)


def test_parts_are_neutral_without_evidence_and_show_evidence_with_it() -> None:
    lonely = AudienceInputs(Profile(id="c", line=1, followers=5000), [], [], [], [])
    quality = audience_quality(lonely, {})
    assert quality.score == 50.0 and all("neutral" in p.evidence for p in quality.parts)
    spiky = AudienceInputs(Profile(id="c", line=1, followers=5000), [], [1000, 1010, 2000, 2010], [], [])
    growth = next(p for p in audience_quality(spiky, {}).parts if p.name == "growth")
    assert growth.score < 50 and "+98.0%" in growth.evidence


def test_planted_pods_are_found(world: Path) -> None:
    truth = load_truth(world / "truth.json")
    planted = {m for pod in truth.pods for m in pod}
    flagged = {m.account_id for pod in find_pods(read_export(world)) for m in pod.members}
    hits = len(planted & flagged)
    assert hits / max(1, len(flagged)) >= 0.8 and hits / max(1, len(planted)) >= 0.8


def test_brand_safety_flags_with_evidence() -> None:
    flags = screen_posts(
        ["what a shitty day", "lovely walk", "I love Verdance soap so much!"], competitors=["Verdance"]
    )
    assert [f.category for f in flags[0].flags] == ["profanity"]
    assert flags[1].flags == ()
    assert flags[2].flags[0].category == "competitor_praise" and "Verdance" in flags[2].flags[0].evidence


def test_report_cli_json_and_unknown_creator(world: Path) -> None:
    truth = load_truth(world / "truth.json")
    member = truth.pods[0][0]
    result = run_cli("trust", "report", member, "--export", str(world), "--json", "--no-screens")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert report["account_id"] == member and report["pod"] is not None
    assert {p["name"] for p in report["audience"]["parts"]} >= {"real_followers", "growth"}
    missing = run_cli("trust", "report", "@nobody_at_all", "--export", str(world))
    assert missing.returncode == 3 and missing.stdout == b"" and "nobody_at_all" in missing.stderr.decode()
