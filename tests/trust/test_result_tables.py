"""Trust results as lake tables: rows and a runs row per command, the same rows on a re-run, alerts once."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.config import Settings
from grassroots.ingest import initialise
from grassroots.lake import open_lake
from grassroots.store import Store, list_alerts
from grassroots.trust import (
    AUDIENCE_REPORTS_TABLE,
    DISCLOSURES_TABLE,
    FAKE_FOLLOWER_SCORES_TABLE,
    CreatorReport,
    safety_alerts,
)
from grassroots.trust.audience import AudienceQuality, QualityPart
from tests.conftest import run_cli

POSTS = [
    ("p1", "anna", "Loving this serum from @lumen, use code ANNA15 for 15% off!"),
    ("p2", "anna", "Thanks @lumen for the free serum! #ad"),
    ("p3", "ben", "rainy day, coffee and a book"),
]
ACCOUNTS = [("anna", "anna_glow", 5000, 300), ("ben", "ben12345678", 3, 4000)]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An initialised data dir whose lake holds two accounts and three posts."""
    settings = Settings(data_dir=tmp_path / "data")
    initialise(settings)
    accounts = pa.table(
        {
            "platform": ["instagram"] * 2,
            "id": [a[0] for a in ACCOUNTS],
            "handle": [a[1] for a in ACCOUNTS],
            "followers": [a[2] for a in ACCOUNTS],
            "following": [a[3] for a in ACCOUNTS],
            "posts": [40, 0],
            "has_profile_picture": [True, False],
            "created_at": [datetime(2020, 1, 1), datetime(2024, 1, 1)],
        }
    )
    posts = pa.table(
        {
            "platform": ["instagram"] * 3,
            "id": [p[0] for p in POSTS],
            "author": [p[1] for p in POSTS],
            "text": [p[2] for p in POSTS],
        }
    )
    with open_lake(settings.lake_path) as lake:
        lake.upsert("accounts", [accounts])
        lake.upsert("posts", [posts])
    return settings.data_dir


def _run(data_dir: Path, *args: str) -> str:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    result = run_cli(*args, env=env)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


SPECS = {spec.name: spec for spec in (FAKE_FOLLOWER_SCORES_TABLE, DISCLOSURES_TABLE, AUDIENCE_REPORTS_TABLE)}


def _table(data_dir: Path, name: str) -> list[dict[str, object]]:
    with open_lake(data_dir / "lake.duckdb") as lake:
        lake.register_table(SPECS[name])
        rows: list[dict[str, object]] = lake.scan(name).to_pylist()
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def _runs(data_dir: Path, step: str) -> list[tuple[int, int, int]]:
    with open_lake(data_dir / "lake.duckdb") as lake:
        found = [r for r in lake.runs(limit=100) if r.step == step]
    return [(r.rows_read, r.rows_inserted, r.rows_unchanged) for r in reversed(found)]


def test_fake_followers_from_the_lake_are_stored_and_rerun_gives_the_same_rows(data_dir: Path) -> None:
    out = [json.loads(line) for line in _run(data_dir, "trust", "fake-followers", "--from-lake").splitlines()]
    assert [(r["platform"], r["id"]) for r in out] == [("instagram", "anna"), ("instagram", "ben")]
    first = _table(data_dir, "fake_follower_scores")
    assert [r["account_id"] for r in first] == ["anna", "ben"]
    by_id = {r["account_id"]: r for r in first}
    assert by_id["ben"]["probability"] > by_id["anna"]["probability"]  # type: ignore[operator]
    assert str(by_id["anna"]["model"]).startswith("fake_followers@")
    assert json.loads(str(by_id["ben"]["reasons"])) == next(r["reasons"] for r in out if r["id"] == "ben")
    _run(data_dir, "trust", "fake-followers", "--from-lake")
    assert _table(data_dir, "fake_follower_scores") == first
    assert _runs(data_dir, "score_fake_followers") == [(2, 2, 0), (2, 0, 2)]


def test_a_profiles_file_is_stored_only_in_an_initialised_data_dir(data_dir: Path, tmp_path: Path) -> None:
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("id,followers,following,posts\nzed,10,3000,0\n", encoding="utf-8")
    elsewhere = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "absent")}
    plain = run_cli("trust", "fake-followers", str(profiles), env=elsewhere)
    assert plain.returncode == 0 and json.loads(plain.stdout)["id"] == "zed"
    assert not (tmp_path / "absent").exists()
    _run(data_dir, "trust", "fake-followers", str(profiles))  # auto: no Twitter column -> instagram
    _run(data_dir, "trust", "fake-followers", str(profiles), "--platform", "twitter")
    assert [(r["platform"], r["account_id"]) for r in _table(data_dir, "fake_follower_scores")] == [
        ("instagram", "zed"),
        ("twitter", "zed"),
    ]


def test_disclosures_from_the_lake_are_stored_with_signals_and_raise_alerts_once(data_dir: Path) -> None:
    _run(data_dir, "trust", "disclosure", "--from-lake", "--brand", "lumen")
    rows = {r["post_id"]: r for r in _table(data_dir, "disclosures")}
    assert set(rows) == {"p1", "p2", "p3"} and rows["p1"]["author"] == "anna"
    assert (rows["p1"]["disclosure"], rows["p1"]["commercial"]) == ("none", "paid")
    assert rows["p2"]["disclosure"] == "adequate"
    # a code and no disclosure words: "commercial signal, not disclosed", in the table and in the alert
    assert [rows[p]["status"] for p in ("p1", "p2", "p3")] == ["commercial_undisclosed", "adequate", "none"]
    assert "discount_code" in {s["rule"] for s in json.loads(str(rows["p1"]["signals"]))}
    first = _table(data_dir, "disclosures")
    _run(data_dir, "trust", "disclosure", "--from-lake", "--brand", "lumen")
    assert _table(data_dir, "disclosures") == first
    assert _runs(data_dir, "assess_disclosures") == [(3, 3, 0), (3, 0, 3)]
    with Store(Settings(data_dir=data_dir).database_url) as store:
        found = list_alerts(store)
    assert [(a.kind, a.subject, a.brand, a.account_id) for a in found] == [
        ("undisclosed_paid_post", "p1", "lumen", "anna")
    ]
    assert found[0].evidence["status"] == "commercial signal, not disclosed"
    listed = [json.loads(line) for line in _run(data_dir, "alerts", "list", "--status", "open").splitlines()]
    assert [a["subject"] for a in listed] == ["p1"]
    done = json.loads(
        _run(data_dir, "alerts", "set", str(listed[0]["id"]), "--status", "handled", "--by", "sam")
    )
    assert (done["status"], done["handled_by"]) == ("handled", "sam")
    assert _run(data_dir, "alerts", "list", "--status", "open") == ""


def test_file_or_lake_not_both(data_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir)}
    texts = tmp_path / "t.txt"
    texts.write_text("hello\n", encoding="utf-8")
    both = run_cli("trust", "disclosure", str(texts), "--from-lake", env=env)
    assert both.returncode == 2 and both.stderr.decode() == "error: give either FILE or --from-lake\n"
    assert run_cli("trust", "fake-followers", env=env).returncode == 2


def test_erase_reaches_the_trust_tables(data_dir: Path) -> None:
    _run(data_dir, "trust", "fake-followers", "--from-lake")
    _run(data_dir, "trust", "disclosure", "--from-lake")
    _run(data_dir, "erase", "--person", "anna")
    assert [r["account_id"] for r in _table(data_dir, "fake_follower_scores")] == ["ben"]
    assert [r["post_id"] for r in _table(data_dir, "disclosures")] == ["p3"]


def test_export_writes_the_trust_tables(data_dir: Path, tmp_path: Path) -> None:
    _run(data_dir, "trust", "fake-followers", "--from-lake")
    _run(data_dir, "trust", "disclosure", "--from-lake")
    out = [json.loads(line) for line in _run(data_dir, "export", str(tmp_path / "out")).splitlines()]
    rows = {o["table"]: o["rows"] for o in out}
    assert rows["fake_follower_scores"] == 2 and rows["disclosures"] == 3
    status = _run(data_dir, "status")
    assert "fake_follower_scores" in status and "disclosures" in status


def test_report_is_stored_with_its_safety_alerts(tmp_path: Path) -> None:
    from grassroots.demo_world import generate_world, load_truth

    world = tmp_path / "world"
    generate_world(world, seed=3, people=300)
    data_dir = tmp_path / "data"
    initialise(Settings(data_dir=data_dir))
    creator = load_truth(world / "truth.json").people[0].account_id
    args = ("trust", "report", creator, "--export", str(world), "--no-screens", "--json", "--brand", "Lumen")
    report = json.loads(_run(data_dir, *args))
    (row,) = _table(data_dir, "audience_reports")
    assert (row["account_id"], row["brand"], row["score"]) == (creator, "Lumen", report["audience"]["score"])
    assert [p["name"] for p in json.loads(str(row["parts"]))] == [
        p["name"] for p in report["audience"]["parts"]
    ]
    _run(data_dir, *args)
    assert _table(data_dir, "audience_reports") == [row]
    assert _runs(data_dir, "creator_report") == [(1, 1, 0), (1, 0, 1)]
    with Store(Settings(data_dir=data_dir).database_url) as store:
        assert len(list_alerts(store, kind="brand_safety")) == len(report["safety"])


def test_safety_alerts_one_per_flagged_post() -> None:
    report = CreatorReport(
        account_id="c1",
        handle="cee",
        audience=AudienceQuality("c1", 50.0, (QualityPart("growth", 50.0, 1.0, "neutral"),)),
        disclosures={"adequate": 0, "ambiguous": 0, "none": 2},
        commercial={"paid": 0, "affiliate": 0, "gifted": 0, "none": 2},
        commercial_posts=(),
        undisclosed_posts=(),
        pod=None,
        safety=(
            {"post_id": "9", "text": "x", "flags": [{"category": "profanity", "evidence": "matched 'damn'"}]},
        ),
    )
    (draft,) = safety_alerts(report, brand="Lumen")
    assert (draft.kind, draft.subject, draft.account_id) == ("brand_safety", "9", "c1")
    assert draft.evidence["flags"] == ["profanity: matched 'damn'"]
