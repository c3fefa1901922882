"""A process killed mid-ingest leaves no rows; the CLI reports results on stdout and errors as one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from grassroots.config import Settings
from grassroots.lake import open_lake
from tests.conftest import run_cli

KILLABLE = """
import sys, time
from pathlib import Path
from grassroots.ingest import ingest_file
from grassroots.lake import open_lake

calls = []
def progress(step, done, total):
    calls.append(done)
    if len(calls) == 2:  # one batch of rows is already staged in the open transaction
        print("MID", flush=True)
        time.sleep(120)

with open_lake(Path(sys.argv[1])) as lake:
    ingest_file(lake, Path(sys.argv[2]), "posts", progress=progress)
"""


def test_a_process_killed_mid_ingest_leaves_no_partial_rows(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("platform,id,author,text\n")
        handle.writelines(f"x,{i},u{i % 97},post number {i}\n" for i in range(120_000))
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(settings.lake_path), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"MID", proc.stderr.read() if proc.stderr else b""
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert proc.returncode == -signal.SIGKILL
    with open_lake(settings.lake_path) as lake:
        counts = lake.counts()
    assert counts["posts"] == 0 and counts["runs"] == 0


def test_cli_init_ingest_status_and_a_bad_file(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    assert run_cli("init", env=env).returncode == 0
    good = tmp_path / "posts.jsonl"
    good.write_text('{"platform": "x", "id": "1", "text": "hi"}\n', encoding="utf-8")
    done = run_cli("ingest", "posts", str(good), env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inserted"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("platform,id,text,like_count\nx,2,ok,1\nx,3,no,lots\n", encoding="utf-8")
    failed = run_cli("ingest", "posts", str(bad), env=env)
    assert failed.returncode == 2 and failed.stdout == b""
    assert (
        failed.stderr.decode().strip() == f"error: {bad}:3: like_count: expected a whole number, got 'lots'"
    )
    status = run_cli("status", env=env)
    assert status.returncode == 0
    assert b"ingest:posts" in status.stdout and b"posts" in status.stdout
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("platform,id,handle\nx,u1,ann\n", encoding="utf-8")
    assert run_cli("ingest", "accounts", str(accounts), env=env).returncode == 0
    erased = run_cli("erase", "--person", "@ann", env=env)
    assert erased.returncode == 0, erased.stderr
    assert json.loads(erased.stdout)["lake"]["accounts"] == 1


def test_cli_ingest_without_init_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "nowhere")}
    good = tmp_path / "posts.jsonl"
    good.write_text('{"platform": "x", "id": "1", "text": "hi"}\n', encoding="utf-8")
    result = run_cli("ingest", "posts", str(good), env=env)
    assert result.returncode == 3 and b"grassroots init" in result.stderr  # not found
