"""`grassroots portal link|links|surveys export` as a user runs them: results on stdout, errors as
one line on stderr with the documented exit code, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from tests.conftest import run_cli
from tests.web.portal_world import portal_world


def test_links_and_the_survey_export_from_the_command_line(tmp_path: Path) -> None:
    w = portal_world(tmp_path)
    env = {
        **os.environ,
        "GRASSROOTS_DATA_DIR": str(w.settings.data_dir),
        "GRASSROOTS_BASE_URL": "https://go.example",
    }
    one = run_cli(
        "portal", "link", "--campaign", w.campaign, "--person", w.offered[0], "--days", "5", env=env
    )
    assert one.returncode == 0, one.stderr.decode()
    url = one.stdout.decode()
    assert url.startswith("https://go.example/p/") and url.count("\n") == 1 and url.endswith("\n")
    assert w.workspace.portal_link_state(url.strip().rsplit("/", 1)[1]) == "valid"

    holdout = run_cli("portal", "link", "--campaign", w.campaign, "--person", w.holdout[0], env=env)
    assert holdout.returncode == 3 and holdout.stdout == b""
    assert (
        holdout.stderr.decode()
        == f"error: --person '{w.holdout[0]}': not offered in campaign '{w.campaign}'\n"
    )
    bad = run_cli(
        "portal", "link", "--campaign", w.campaign, "--person", w.offered[0], "--days", "0", env=env
    )
    assert bad.returncode == 2 and "days" in bad.stderr.decode()
    assert run_cli("portal", "links", "--campaign", "nope", env=env).returncode == 3

    every = run_cli("portal", "links", "--campaign", w.campaign, env=env)
    assert every.returncode == 0
    rows = list(csv.DictReader(io.StringIO(every.stdout.decode())))
    assert [r["person_id"] for r in rows] == sorted(w.offered)
    assert all(r["url"].startswith("https://go.example/p/") and r["expires_at"] for r in rows)

    token = rows[0]["url"].rsplit("/", 1)[1]
    w.workspace.portal_survey(token, {"nps": "9", "texture": "light"})
    out = tmp_path / "answers.csv"
    done = run_cli("portal", "surveys", "export", "--campaign", w.campaign, "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    assert (summary["rows"], summary["people"], summary["nps"], summary["path"]) == (2, 1, 100.0, str(out))
    assert out.read_text(encoding="utf-8").splitlines()[0] == "campaign,person_id,question,answer,answered_at"
