"""One writer per data directory, tested with real processes: a second writer fails at once naming the
first, readers never wait (they read the snapshot), a killed writer leaves nothing locked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.cli.main import ExitCode
from grassroots.config import Settings
from grassroots.errors import Busy
from grassroots.ingest import initialise
from grassroots.lake import lock_holder, open_lake, snapshot_path, writer_lock
from tests.conftest import run_cli

# Holds the writer lock (as `grassroots serve` would for its lifetime), optionally with the lake open for
# writing, until its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from grassroots.lake import WriterLock, open_lake
lake_path = Path(sys.argv[1])
with WriterLock(lake_path, command="grassroots serve"):
    lake = open_lake(lake_path) if sys.argv[2] == "open" else None
    print("READY", flush=True)
    sys.stdin.read()
    if lake is not None:
        lake.close()
"""

# A reader that opened the lake before any writer came, and keeps it open until its stdin closes.
READER = """
import sys
from pathlib import Path
from grassroots.lake import open_lake
with open_lake(Path(sys.argv[1]), read_only=True) as lake:
    print("READY", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def data(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data")
    initialise(settings)
    with open_lake(settings.lake_path) as lake:
        lake.upsert("accounts", [pa.table({"platform": ["x"], "id": ["1"], "handle": ["ann"]})])
    return settings


def _env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(settings.data_dir)}


@contextmanager
def holding(settings: Settings, *, lake_open: bool) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holding the data directory's writer lock until the block ends."""
    mode = "open" if lake_open else "lock"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(settings.lake_path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdin is not None
    try:
        line = proc.stdout.readline().strip()
        assert line == b"READY", proc.stderr.read() if proc.stderr else b""
        yield proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()


def test_a_cli_write_fails_at_once_naming_the_writer_and_reads_still_work(
    data: Settings, tmp_path: Path
) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"platform": "x", "id": "p1", "author": "1", "text": "hi"}) + "\n")
    with holding(data, lake_open=True) as holder:
        written = run_cli("ingest", "posts", str(posts), env=_env(data))
        assert written.returncode == ExitCode.BUSY, written.stderr
        message = written.stderr.decode()
        assert f"is being written by `grassroots serve` (pid {holder.pid} on " in message
        assert "Traceback" not in message and message.count("\n") == 1
        status = run_cli("status", env=_env(data))
        assert status.returncode == 0, status.stderr
        assert any(line.split() == ["accounts", "1"] for line in status.stdout.decode().splitlines())
        exported = run_cli("export", str(tmp_path / "out"), "--table", "accounts", env=_env(data))
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["rows"] == 1
        assert snapshot_path(data.lake_path).exists()
    assert not snapshot_path(data.lake_path).exists()  # the holder let go: no copy left behind
    assert run_cli("ingest", "posts", str(posts), env=_env(data)).returncode == 0


def test_readers_see_the_lake_as_it_was_when_the_writer_began(data: Settings) -> None:
    with holding(data, lake_open=False):
        with pytest.raises(Busy, match="grassroots serve"):
            open_lake(data.lake_path)
        with open_lake(data.lake_path, read_only=True) as lake:
            assert lake.path == str(snapshot_path(data.lake_path))
            assert lake.counts()["accounts"] == 1
    with open_lake(data.lake_path, read_only=True) as lake:
        assert lake.path == str(data.lake_path)  # nobody writes: the lake itself


def test_a_killed_writer_leaves_the_directory_unlocked(data: Settings) -> None:
    with holding(data, lake_open=True) as holder:
        assert lock_holder(data.data_dir) is not None
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    assert lock_holder(data.data_dir) is None
    doctor = run_cli("doctor", "--json", env=_env(data))
    stale = [json.loads(line) for line in doctor.stdout.splitlines() if b'"snapshot"' in line]
    assert stale[0]["status"] == "fail" and doctor.returncode == 1
    with open_lake(data.lake_path) as lake:  # the next writer takes over and refreshes the snapshot
        assert lake.counts()["accounts"] == 1
    assert not snapshot_path(data.lake_path).exists()


def test_a_writer_waits_briefly_for_a_reader_then_names_it(
    data: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grassroots.lake import _connect

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(data.lake_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stdin is not None
    try:
        assert reader.stdout.readline().strip() == b"READY"
        monkeypatch.setattr(_connect, "READER_WAIT_SECONDS", 0.3)
        with pytest.raises(Busy, match=f"being read by another process.*PID {reader.pid}"):
            open_lake(data.lake_path)
        assert lock_holder(data.data_dir) is None  # the failed writer let go of the lock
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
        for stream in (reader.stdout, reader.stderr):
            if stream:
                stream.close()
    with open_lake(data.lake_path) as lake:
        assert lake.counts()["accounts"] == 1


def test_the_lock_is_reentrant_within_one_process(data: Settings) -> None:
    with writer_lock(data.lake_path, command="grassroots demo") as outer:
        with open_lake(data.lake_path) as lake:
            lake.upsert("accounts", [pa.table({"platform": ["x"], "id": ["2"]})])
        with open_lake(data.lake_path, read_only=True) as lake:  # this process writes: read the lake
            assert lake.counts()["accounts"] == 2
        holder = lock_holder(data.data_dir)
        assert holder is not None and holder.command == "grassroots demo" and holder.pid == os.getpid()
        assert outer.holder == holder
    assert lock_holder(data.data_dir) is None
