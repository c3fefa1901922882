"""``grassroots demo-world`` and ``grassroots demo`` as a user runs them, in a new process."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

from grassroots.cli.demo import DEMO_STEPS
from grassroots.config import Settings
from grassroots.demo_world import load_truth
from grassroots.lake import open_lake
from grassroots.workspace import Workspace
from tests.conftest import run_cli


def test_demo_world_writes_the_files_and_prints_counts(tmp_path: Path) -> None:
    result = run_cli(
        "demo-world", "--seed", "5", "--people", "400", "--posts", "1000", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = dict(line.split("\t") for line in result.stdout.decode().splitlines())
    assert lines["posts"] == "1000" and lines["people"] == "400"
    assert load_truth(tmp_path).seed == 5


def test_demo_world_refuses_a_tiny_world_with_one_line(tmp_path: Path) -> None:
    result = run_cli("demo-world", "--people", "3", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.decode().startswith("error: --people 3: ") and b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_demo_runs_every_stage_and_returns(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    result = run_cli("demo", "--people", "1000", env=env, cwd=tmp_path, input_bytes=b"")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.startswith("demo world: 1,000 people")
    assert (tmp_path / "data" / "demo-world" / "truth.json").is_file()
    steps = [line.split(":")[0] for line in out.splitlines()]
    assert steps == [step.name for step in DEMO_STEPS] + ["results", "serve"]
    assert out.splitlines()[-1].startswith(f"serve: grassroots serve --data-dir {tmp_path / 'data'}")
    results = tmp_path / "data" / "results"
    for name in ("fake-followers.jsonl", "disclosures.jsonl", "seed-plan.txt"):
        assert (results / name).stat().st_size > 0, name
    assert len((results / "seed-plan.txt").read_text().split()) == 20
    assert (tmp_path / "data" / "lake.duckdb").is_file()
    assistant = next(line for line in out.splitlines() if line.startswith("assistant:"))
    assert "answered from lumenleaf-faq.md" in assistant and "handed over (queue item" in assistant
    campaign = next(line for line in out.splitlines() if line.startswith("campaign:"))
    outbox = results / "outreach" / "outbox" / "outbox.jsonl"
    assert f"invitations e-mailed to the file outbox {outbox}" in campaign
    mails = [json.loads(line) for line in outbox.read_text().splitlines()]
    assert mails and all("List-Unsubscribe-Post: List-Unsubscribe=One-Click" in m["message"] for m in mails)
    assert "Traceback" not in result.stderr.decode()
    status = run_cli("status", env=env).stdout.decode().splitlines()
    counts = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in status if ":" not in line}
    tables = ("fake_follower_scores", "disclosures", "audience_reports", "seed_plans", "network_profiles")
    tables += ("profiles", "matches", "match_results")
    assert all(counts[table] > 0 for table in (*tables, "brand_mentions", "advocates", "engagement"))
    assert counts["brands"] == 1 and counts["alerts"] > 0  # the demo world plants undisclosed paid posts
    with open_lake(tmp_path / "data" / "lake.duckdb") as lake:
        steps = {run.step for run in lake.runs(limit=100)}
    assert {
        "score_fake_followers",
        "assess_disclosures",
        "creator_report",
        "select_seeds",
        "profile_graph",
        "assign_campaign",
        "issue_codes",
        "attribute_orders",
        "report_campaign",
        "campaign_cascades",
        "match_profiles",
        "match_brief",
        "match_like",
        "match_search",
        "match_overlap",
        "match_roster",
    } <= steps
    # the printed login works, and the printed serve command names the demo's data dir
    line = next(x for x in out.splitlines() if x.startswith("dashboard user:"))
    password = line.split(" with password ")[1].split()[0]
    ws = Workspace(settings=Settings(data_dir=tmp_path / "data"))
    assert ws.login("demo", password, ttl=timedelta(minutes=1)) is not None
    assert ws.login("demo", password + "x", ttl=timedelta(minutes=1)) is None
    assert counts["campaign_participants"] > 0 and counts["campaign_offers"] > 0
    portal = next(x for x in out.splitlines() if x.startswith("portal:"))
    url = portal.rsplit(": ", 1)[1].split()[0]  # the line ends with the step's time
    assert url.startswith("http://127.0.0.1:8000/p/"), portal
    assert ws.portal_page(url.rsplit("/", 1)[1]).state not in (None, "invited", "declined")
    (report,) = (results / "campaigns").glob("*/report.html")
    assert "<script" not in report.read_text() and str(report) in out
    assert "Word of mouth" in report.read_text() and counts["campaign_cascades"] > 0
    campaign = next(line for line in out.splitlines() if line.startswith("campaign:"))
    assert "referral chains up to" in campaign
