"""Shared test fixtures: the real data in ../shared/data, a CLI runner, temporary data dirs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_file(relative: str) -> Path:
    """Path of a file in ../shared/data, skipping the test with a clear reason when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{relative} (absent in a fresh clone; present in CI)")
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
