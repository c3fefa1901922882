"""`grassroots correct ...`: kept, applied on later runs, exported, erased with the person."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq

from grassroots.config import Settings
from grassroots.store import Store, list_alerts, list_corrections
from tests.conftest import run_cli
from tests.trust.test_result_tables import _run, _table, data_dir

__all__ = ["data_dir"]


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_disclosure_correction_overrides_the_verdict_names_itself_and_stops_the_alert(
    data_dir: Path,
) -> None:
    made = _lines(_run(data_dir, "correct", "disclosure", "p1", "--verdict", "adequate", "--by", "sam"))[0]
    assert (made["kind"], made["subject"], made["value"], made["account_id"]) == (
        "disclosure",
        "p1",
        "adequate",
        "anna",
    )
    out = {
        o["id"]: o for o in _lines(_run(data_dir, "trust", "disclosure", "--from-lake", "--brand", "lumen"))
    }
    assert (out["p1"]["disclosure"], out["p1"]["status"]) == ("adequate", "adequate")
    assert out["p1"]["correction"]["correction_id"] == made["id"]
    rows = {r["post_id"]: r for r in _table(data_dir, "disclosures")}
    first = json.loads(str(rows["p1"]["signals"]))[0]
    assert (first["rule"], first["level"]) == ("user_correction", "adequate") and "by sam" in first["text"]
    with Store(Settings(data_dir=data_dir).database_url) as store:
        assert list_alerts(store) == []  # the person said it is disclosed: nothing to page anyone about
    # taken back: the rules' own answer returns
    _run(data_dir, "correct", "remove", str(made["id"]))
    again = {o["id"]: o for o in _lines(_run(data_dir, "trust", "disclosure", "--from-lake"))}
    assert again["p1"]["status"] == "commercial_undisclosed" and "correction" not in again["p1"]


def test_an_account_correction_overrides_the_fake_follower_verdict(data_dir: Path, tmp_path: Path) -> None:
    before = {o["id"]: o for o in _lines(_run(data_dir, "trust", "fake-followers", "--from-lake"))}
    assert before["ben"]["probability"] > 0.5
    _run(
        data_dir, "correct", "account", "ben", "--is", "real", "--platform", "instagram", "--note", "met him"
    )
    after = {o["id"]: o for o in _lines(_run(data_dir, "trust", "fake-followers", "--from-lake"))}
    assert after["ben"]["probability"] == 0.0 and after["ben"]["reasons"][0].startswith("user correction #")
    assert after["anna"] == before["anna"]
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("id,followers,following,posts\nben,3,4000,0\n", encoding="utf-8")
    (scored,) = _lines(_run(data_dir, "trust", "fake-followers", str(profiles)))
    assert scored["probability"] == 0.0  # a file's ids meet the correction too (it names instagram)


def test_corrections_are_listed_exported_and_erased_with_the_person(data_dir: Path, tmp_path: Path) -> None:
    _run(data_dir, "correct", "disclosure", "p1", "--verdict", "none")
    _run(data_dir, "correct", "account", "anna", "--is", "fake")
    _run(data_dir, "correct", "advocate", "ben", "--brand", "lumen", "--is-advocate")
    listed = _lines(_run(data_dir, "correct", "list"))
    assert [(c["kind"], c["subject"]) for c in listed] == [
        ("disclosure", "p1"),
        ("account", "anna"),
        ("advocate", "ben"),
    ]
    assert [c["subject"] for c in _lines(_run(data_dir, "correct", "list", "--kind", "advocate"))] == ["ben"]
    out = {o["table"]: o for o in _lines(_run(data_dir, "export", str(tmp_path / "out")))}
    assert out["corrections"]["rows"] == 3
    assert pq.read_table(tmp_path / "out" / "corrections.parquet").column("value").to_pylist() == [
        "none",
        "fake",
        "advocate",
    ]
    _run(data_dir, "erase", "--person", "anna")
    with Store(Settings(data_dir=data_dir).database_url) as store:
        assert [c.subject for c in list_corrections(store)] == ["ben"]  # anna's post and account: gone


def test_bad_corrections_exit_2_naming_the_field(data_dir: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir)}
    bad = run_cli("correct", "account", "ben", "--is", "maybe", env=env)
    assert bad.returncode == 2 and "value='maybe': expected one of real, fake" in bad.stderr.decode()
    no_brand = run_cli("correct", "disclosure", "p1", "--verdict", "disclosed", env=env)
    assert no_brand.returncode == 2 and "adequate, ambiguous, none" in no_brand.stderr.decode()
    assert run_cli("correct", "remove", "42", env=env).returncode == 3
    assert run_cli("correct", "list", env=env).stdout == b""
