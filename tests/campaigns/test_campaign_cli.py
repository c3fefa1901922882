"""The campaign commands as a user runs them: JSON on stdout, FILE:LINE errors with exit 2, no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.campaigns.conftest import BRIEF
from tests.conftest import run_cli


def test_create_assign_codes_status_and_the_errors_a_user_meets(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    assert run_cli("brand", "add", "Acme", env=env).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(BRIEF.replace("  value: 15", "  value: 150"), encoding="utf-8")
    refused = run_cli("campaign", "create", str(bad), env=env)
    assert refused.returncode == 2 and refused.stdout == b""
    assert (
        refused.stderr.decode()
        == f"error: {bad}:21: offer.value: a percentage must be in (0, 100], got 150.00\n"
    )
    unlawful = tmp_path / "unlawful.yaml"
    unlawful.write_text(BRIEF.replace("post your honest opinion", "leave a 5-star review"), encoding="utf-8")
    assert run_cli("campaign", "create", str(unlawful), env=env).returncode == 2

    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF, encoding="utf-8")
    made = run_cli("campaign", "create", str(brief), env=env)
    assert made.returncode == 0, made.stderr.decode()
    assert json.loads(made.stdout)["campaign"] == "spring-sampling"
    assert run_cli("campaign", "create", str(brief), env=env).returncode == 2  # one campaign per name

    people = [f"ig:{i}" for i in range(12)]
    pool, consent = tmp_path / "pool.csv", tmp_path / "consent.csv"
    pool.write_text("person_id,tier\r\n" + "".join(f"{p},micro\r\n" for p in people), encoding="utf-8-sig")
    consent.write_text(
        "person_id,purpose,granted,text,channel,recorded_at\n"
        + "".join(f"{p},contact,yes,ok,form,2026-01-01T00:00:00\n" for p in people[:10]),
        encoding="utf-8",
    )
    bad_consent = tmp_path / "bad-consent.csv"
    bad_consent.write_text(
        "person_id,purpose,granted,recorded_at\nig:1,contact,yes,yesterday\n", encoding="utf-8"
    )
    wrong = run_cli("campaign", "consent", str(bad_consent), env=env)
    assert wrong.returncode == 2
    assert wrong.stderr.decode().startswith(f"error: {bad_consent}:2: recorded_at: expected an ISO date-time")
    assert run_cli("campaign", "consent", str(consent), env=env).returncode == 0

    assigned = run_cli("campaign", "assign", "spring-sampling", "--pool", str(pool), env=env)
    assert assigned.returncode == 0, assigned.stderr.decode()
    counts = json.loads(assigned.stdout)["counts"]
    assert counts["no_consent"] == 2 and sum(counts["arms"].values()) == 10
    again = run_cli("campaign", "assign", "spring-sampling", "--pool", str(pool), env=env)
    assert again.returncode == 2 and b"never changed" in again.stderr and b"Traceback" not in again.stderr

    out = tmp_path / "codes.csv"
    codes = run_cli("campaign", "codes", "spring-sampling", "--out", str(out), env=env)
    assert codes.returncode == 0 and json.loads(codes.stdout)["rows"] == counts["offered"]
    assert out.read_text().startswith("code,person_id,value,type,starts_at,ends_at,usage_limit\n")
    status = json.loads(run_cli("campaign", "status", "spring-sampling", env=env).stdout)
    assert status["codes"] == counts["offered"] and status["arms"] == counts["arms"]
    missing = run_cli("campaign", "status", "nope", env=env)
    assert missing.returncode == 3 and missing.stderr.decode().startswith(
        "error: campaign='nope': no such campaign"
    )
