"""``grassroots demo-world`` and ``grassroots demo`` as a user runs them, in a new process."""

from __future__ import annotations

import os
from pathlib import Path

from grassroots.cli.demo import DEMO_STEPS, DemoRun, StageMissing, Step, run_demo
from grassroots.config import Settings
from grassroots.demo_world import load_truth
from grassroots.records import no_progress
from tests.conftest import run_cli


def test_demo_world_writes_the_files_and_prints_counts(tmp_path: Path) -> None:
    result = run_cli(
        "demo-world", "--seed", "5", "--people", "400", "--posts", "1000", "--out", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr.decode()
    lines = dict(line.split("\t") for line in result.stdout.decode().splitlines())
    assert lines["posts"] == "1000" and lines["people"] == "400"
    assert load_truth(tmp_path).seed == 5


def test_demo_world_refuses_a_tiny_world_with_one_line(tmp_path: Path) -> None:
    result = run_cli("demo-world", "--people", "3", "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.decode().startswith("error: --people") and b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_demo_runs_every_stage_and_returns(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    result = run_cli("demo", "--people", "1000", env=env, cwd=tmp_path, input_bytes=b"")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.startswith("demo world: 1,000 people")
    assert (tmp_path / "data" / "demo-world" / "truth.json").is_file()
    steps = [line.split(":")[0] for line in out.splitlines()]
    assert steps == [step.name for step in DEMO_STEPS] + ["results"]
    assert "skipped" not in out  # every stage the demo knows has landed
    assert (tmp_path / "data" / "lake.duckdb").is_file()
    assert "Traceback" not in result.stderr.decode()


def test_a_stage_that_has_not_landed_is_skipped_not_fatal(tmp_path: Path) -> None:
    def missing(run: DemoRun) -> str:
        raise StageMissing("grassroots.example has no run_example yet")

    run = DemoRun(Settings(data_dir=tmp_path), seed=0, people=300, hard=False, progress=no_progress)
    done = run_demo(run, [Step("example", missing), Step("after", lambda r: "ran")])
    assert [(name, summary) for name, summary, _ in done] == [
        ("example", "skipped: grassroots.example has no run_example yet"),
        ("after", "ran"),
    ]
