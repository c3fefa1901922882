"""The outreach commands as a user runs them: JSON on stdout, ``FILE:LINE: field: problem`` with exit 2
and no traceback on bad input, nothing half-written."""

from __future__ import annotations

import json
import os
from pathlib import Path

from grassroots.store import Store, tables
from tests.conftest import run_cli
from tests.engage.outreach_world import build


def test_outreach_commands_and_the_errors_a_user_meets(tmp_path: Path) -> None:
    world = build(tmp_path)
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(world.ws.data_dir)}
    src = world.src
    bad = src / "bad-addresses.csv"
    bad.write_text(
        "person_id,email,consent_text,recorded_at,time_zone\n"
        "ig:3,cy@example.com,E-mail me,2026-01-01T00:00:00,\n"
        "ig:5,not-an-address,E-mail me,2026-01-01T00:00:00,\n"
    )
    refused = run_cli("outreach", "addresses", str(bad), env=env)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == f"error: {bad}:3: email: not an e-mail address: 'not-an-address'\n"
    with Store(world.settings.database_url) as store:  # nothing of the file was kept
        assert "cy@example.com" not in {r["email"] for r in store.rows(tables.contact_addresses)}
    zone = src / "zone.csv"
    zone.write_text(
        "person_id,email,consent_text,recorded_at,time_zone\nig:3,cy@example.com,ok,2026-01-01,Mars/Base\n"
    )
    assert (
        run_cli("outreach", "addresses", str(zone), env=env)
        .stderr.decode()
        .startswith(f"error: {zone}:2: time_zone: 'Mars/Base': not an IANA time zone")
    )

    template = src / "mine.txt"
    template.write_text("Subject: Hi {{ handle }}\n\nYour code: {{ code }\nBye {{ unsubscribe_url }}\n")
    broken = run_cli(
        "outreach",
        "preview",
        "--campaign",
        world.slug,
        "--step",
        "invite",
        "--template",
        str(template),
        env=env,
    )
    assert broken.returncode == 2 and broken.stderr.decode().startswith(f"error: {template}:3: template: ")
    template.write_text(
        "Subject: Hi {{ handle }}\n\nYou wrote {{ post }}; code {{ code }}.\nStop: {{ unsubscribe_url }}\n"
    )
    shown = run_cli(
        "outreach",
        "preview",
        "--campaign",
        world.slug,
        "--step",
        "invite",
        "--template",
        str(template),
        env=env,
    )
    assert shown.returncode == 0, shown.stderr.decode()
    assert json.loads(shown.stdout)["counts"]["emails"] == 3
    unknown = run_cli("outreach", "preview", "--campaign", world.slug, "--step", "bye", env=env)
    assert unknown.returncode == 2 and b"Traceback" not in unknown.stderr

    wrong_smtp = run_cli(
        "outreach", "send", "--campaign", world.slug, "--step", "invite", "--smtp", "nohost", env=env
    )
    assert wrong_smtp.returncode == 2
    assert wrong_smtp.stderr.decode() == "error: --smtp 'nohost': expected HOST:PORT (e.g. localhost:25)\n"
    quiet = run_cli(
        "outreach", "send", "--campaign", world.slug, "--step", "invite", "--quiet-hours", "none",
        "--template", str(template), env=env,
    )  # fmt: skip
    assert quiet.returncode == 0, quiet.stderr.decode()
    sent = json.loads(quiet.stdout)
    assert sent["counts"]["sent"] == 3 and sent["path"].endswith("results/outreach/outbox/outbox.jsonl")
    lines = [json.loads(x) for x in Path(sent["path"]).read_text().splitlines()]
    assert {x["to"] for x in lines} == {"ann@example.com", "bo@example.com", "dee@example.com"}

    log = run_cli("outreach", "log", "--campaign", world.slug, env=env)
    rows = [json.loads(x) for x in log.stdout.decode().splitlines()]
    assert [r["status"] for r in rows] == ["sent"] * 3 and {r["step"] for r in rows} == {"invite"}

    not_mail = src / "notes.txt"
    not_mail.write_text("hello\n")
    wrong = run_cli("outreach", "import-replies", str(not_mail), env=env)
    assert wrong.returncode == 2
    assert (
        wrong.stderr.decode()
        == f"error: {not_mail}:1: mailbox: not an mbox file (it starts with a 'From ' line)\n"
    )
    tasks = run_cli("outreach", "tasks", "--campaign", world.slug, env=env)
    assert tasks.returncode == 0 and json.loads(tasks.stdout)["counts"] == {"tasks": 2}
