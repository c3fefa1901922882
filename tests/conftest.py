"""Shared test fixtures: the real data in ../shared/data, a CLI runner, temporary data dirs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def in_ci() -> bool:
    """True under ``CI=true`` (``.ci/run`` sets it): what a test needs must be there, never skipped."""
    return os.environ.get("CI", "").lower() == "true"


def shared_file(relative: str) -> Path:
    """Path of a file in ../shared/data: skips the test with the reason when it is absent, FAILS in CI.

    CI runs a clean clone with ``../shared`` beside it, so a missing file there is a broken setup,
    not a reason to pass quietly.
    """
    path = SHARED_DATA / relative
    if not path.exists():
        reason = f"needs ../shared/data/{relative} (absent: clone with ../shared beside the repo)"
        if in_ci():
            pytest.fail(f"{reason}; CI=true requires it")
        pytest.skip(reason)
    return path


@pytest.fixture
def shared() -> type[object]:
    """Access to ``shared_file`` as a fixture for tests that prefer injection."""
    return shared_file  # type: ignore[return-value]


def run_cli(
    *args: str, input_bytes: bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``grassroots ARGS`` in a new process, as a user would; stdout and stderr kept apart."""
    return subprocess.run(
        [sys.executable, "-m", "grassroots", *args],
        input=input_bytes,
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=600,
    )


# -- a real PostgreSQL server for the store tests --------------------------------------------------


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    """Run as the ``postgres`` user when we are root (initdb refuses root), else as ourselves."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"PostgreSQL is required in CI: {reason} (run scripts/system-deps.sh as root)")
    pytest.skip(f"PostgreSQL unavailable: {reason} (run scripts/system-deps.sh as root)")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server on 127.0.0.1 for this test session; yields an admin URL base.

    Uses ``GRASSROOTS_TEST_POSTGRES_URL`` when set. Otherwise runs ``initdb``/``pg_ctl`` from
    ``/usr/lib/postgresql/*/bin`` (as the ``postgres`` user when root) in a temporary directory on a
    free port, and stops it at exit. Skips when PostgreSQL is absent, but FAILS when ``CI=true``.
    """
    import shutil
    import tempfile

    given = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    bindir = _postgres_bin()
    if bindir is None:
        _unavailable("no /usr/lib/postgresql/*/bin/initdb")
        return
    root = Path(tempfile.mkdtemp(prefix="grassroots-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    try:
        init = [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        ]
        subprocess.run(_as_postgres(init), check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "start",
        ]
        subprocess.run(_as_postgres(start), check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a server: {exc}")
        return
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the session's PostgreSQL server (one per test)."""
    import uuid

    import psycopg

    name = f"gr_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"
