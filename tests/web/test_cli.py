"""`grassroots users`, `grassroots auth` and `grassroots serve` as a user runs them (new processes)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import run_cli


def _init(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert run_cli("init", "--data-dir", str(data)).returncode == 0
    return data


def test_create_key_prints_only_the_key_and_stores_only_its_hash(tmp_path: Path) -> None:
    data = _init(tmp_path)
    made = run_cli("auth", "create-key", "--name", "shop", "--scope", "write", "--data-dir", str(data))
    assert made.returncode == 0, made.stderr
    key = made.stdout.decode()
    assert key.startswith("gr_") and key.endswith("\n") and key.count("\n") == 1 and len(key) > 40
    assert key.strip().encode() not in (data / "grassroots.db").read_bytes()
    listed = run_cli("auth", "list", "--data-dir", str(data))
    (row,) = [json.loads(line) for line in listed.stdout.decode().splitlines()]
    assert (row["name"], row["scope"], row["revoked_at"]) == ("shop", "write", None)
    assert key.strip() not in listed.stdout.decode()
    again = run_cli("auth", "create-key", "--name", "shop", "--scope", "read", "--data-dir", str(data))
    assert again.returncode == 2 and b"exists" in again.stderr and again.stdout == b""
    revoked = run_cli("auth", "revoke", "shop", "--data-dir", str(data))
    assert revoked.returncode == 0 and json.loads(revoked.stdout)["revoked_at"]
    assert run_cli("auth", "revoke", "shop", "--data-dir", str(data)).returncode == 3


def test_a_bad_scope_or_role_is_a_usage_error(tmp_path: Path) -> None:
    data = _init(tmp_path)
    bad = run_cli("auth", "create-key", "--name", "x", "--scope", "root", "--data-dir", str(data))
    assert bad.returncode == 2 and b"--scope 'root': expected one of read, write, admin" in bad.stderr
    role = run_cli("users", "add", "ann", "--role", "boss", "--password-stdin", "--data-dir", str(data))
    assert role.returncode == 2 and b"--role 'boss'" in role.stderr


def test_users_add_reads_the_password_from_stdin_never_argv(tmp_path: Path) -> None:
    data = _init(tmp_path)
    args = ("users", "add", "ann", "--role", "analyst", "--password-stdin", "--data-dir", str(data))
    added = run_cli(*args, input_bytes=b"a long enough password\n")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"name": "ann", "roles": {"*": "analyst"}}
    assert b"a long enough password" not in (data / "grassroots.db").read_bytes()
    short = run_cli(*args, input_bytes=b"short\n")
    assert short.returncode == 2 and b"at least 10 characters" in short.stderr
    no_tty = run_cli("users", "add", "bob", "--role", "viewer", "--data-dir", str(data), input_bytes=b"")
    assert no_tty.returncode == 2 and b"--password-stdin" in no_tty.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_listens_answers_health_holds_the_lock_and_stops_on_sigterm(tmp_path: Path) -> None:
    data = _init(tmp_path)
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "grassroots", "serve", "--port", str(port), "--data-dir", str(data)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        assert server.stderr is not None
        deadline, line = time.monotonic() + 60, b""
        while time.monotonic() < deadline and b"listening on" not in line:
            line = server.stderr.readline()
            assert line or server.poll() is None, "serve exited before listening"
        assert line.decode().strip() == f"listening on http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as found:
            assert json.loads(found.read())["status"] == "ok"
        writer = run_cli("init", "--data-dir", str(data))
        assert writer.returncode == 75 and b"grassroots serve" in writer.stderr, writer.stderr
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert server.stdout is not None and server.stdout.read() == b""
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for pipe in (server.stdout, server.stderr):
            if pipe is not None:
                pipe.close()
    assert run_cli("init", "--data-dir", str(data)).returncode == 0  # the lock is free again
