"""The data directory's clear errors: init on a file, an unsupported database URL, a read-only directory
(reads work, writes say so), and `doctor` on a sound and a missing installation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir), **extra}


def _one_line_error(done: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    text = done.stderr.decode()
    assert done.returncode == code, text
    assert "Traceback" not in text and text.count("\n") == 1 and text.startswith("error: "), text
    return text


def test_init_on_a_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("not a directory\n", encoding="utf-8")
    message = _one_line_error(run_cli("init", "--data-dir", str(target)))
    assert f"--data-dir '{target}': exists and is not a directory" in message
    assert target.read_text(encoding="utf-8") == "not a directory\n"


def test_an_unsupported_database_url_leaves_nothing_behind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_cli("init", env=_env(data, GRASSROOTS_DATABASE_URL="mysql://u@localhost/db"))
    assert (
        "database URL scheme 'mysql' is not supported; expected one of sqlite, postgresql"
        in _one_line_error(done)
    )
    assert not data.exists()


def _read_only_runner(data: Path) -> list[str] | None:
    """A command prefix that runs with ``data`` read-only: a read-only bind mount (root), or chmod."""
    if os.geteuid() != 0:
        data.chmod(0o500)
        for path in data.iterdir():
            path.chmod(0o400)
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    mount = f'mount --bind -o ro {data} {data} && exec "$0" "$@"'
    return ["unshare", "--mount", "sh", "-c", mount]


def test_a_read_only_data_dir_reads_and_refuses_writes_saying_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli("init", env=_env(data)).returncode == 0
    accounts = tmp_path / "a.jsonl"
    accounts.write_text('{"platform": "x", "id": "1"}\n', encoding="utf-8")
    assert run_cli("ingest", "accounts", str(accounts), env=_env(data)).returncode == 0
    prefix = _read_only_runner(data)
    if prefix is None:
        pytest.skip("cannot make a directory read-only for root here (no unshare)")

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        command = [*prefix, sys.executable, "-m", "grassroots", *args]
        return subprocess.run(command, capture_output=True, env=_env(data), check=False, timeout=300)

    status = run("status")
    assert status.returncode == 0, status.stderr
    assert any(line.split() == ["accounts", "1"] for line in status.stdout.decode().splitlines())
    exported = run("export", str(tmp_path / "out"), "--table", "accounts")
    assert exported.returncode == 0 and json.loads(exported.stdout)["rows"] == 1, exported.stderr
    for write in (("ingest", "accounts", str(accounts)), ("erase", "--person", "1")):
        message = _one_line_error(run(*write), code=1)  # the write could not finish
        assert "the data directory is read-only" in message and "another process" not in message
    doctor = run("doctor", "--json")
    checks = {c["name"]: c for c in map(json.loads, doctor.stdout.splitlines())}
    assert checks["data_dir"]["status"] == "warn" and "read-only" in checks["data_dir"]["detail"]


def test_doctor_passes_on_a_fresh_installation_and_fails_without_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli("init", env=_env(data)).returncode == 0
    fine = run_cli("doctor", "--json", env=_env(data))
    checks = [json.loads(line) for line in fine.stdout.splitlines()]
    assert fine.returncode == 0, fine.stdout
    assert [c["name"] for c in checks] == [
        "data_dir", "modes", "secret", "lake", "store", "writer", "snapshot", "erasures",
    ]  # fmt: skip
    assert all(c["status"] == "ok" for c in checks), checks
    missing = run_cli("doctor", env=_env(tmp_path / "nowhere"))
    assert missing.returncode == 1 and b"does not exist; run `grassroots init`" in missing.stdout
    (data / "lake.duckdb").chmod(0o644)
    loose = run_cli("doctor", env=_env(data))
    assert loose.returncode == 1 and b"readable by others: lake.duckdb" in loose.stdout
    assert run_cli("init", env=_env(data)).returncode == 0  # init tightens modes again
    assert run_cli("doctor", env=_env(data)).returncode == 0


def test_backup_copies_a_consistent_data_dir_that_restores(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = _env(data)
    assert run_cli("init", env=env).returncode == 0
    accounts = tmp_path / "a.jsonl"
    accounts.write_text('{"platform": "x", "id": "1"}\n{"platform": "x", "id": "2"}\n', encoding="utf-8")
    assert run_cli("ingest", "accounts", str(accounts), env=env).returncode == 0
    inside = run_cli("backup", str(data / "copy"), env=env)
    assert "must be outside the data directory" in _one_line_error(inside)
    done = run_cli("backup", str(tmp_path / "bak"), env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["store_included"] and report["files"] >= 3
    copied = sorted(p.name for p in (tmp_path / "bak").iterdir())
    assert {"lake.duckdb", "grassroots.db", "secret.key"} <= set(copied) and "writer.lock" not in copied
    assert all(p.stat().st_mode & 0o077 == 0 for p in (tmp_path / "bak").rglob("*"))
    restored = _env(tmp_path / "bak")  # a restore is the copy used as the data dir
    status = run_cli("status", env=restored)
    assert any(line.split() == ["accounts", "2"] for line in status.stdout.decode().splitlines())
    assert run_cli("doctor", env=restored).returncode == 0
    assert "not an empty directory" in _one_line_error(run_cli("backup", str(tmp_path / "bak"), env=env))
