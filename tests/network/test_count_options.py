"""Count options (threads, runs, limits) refuse 0 and negatives, naming the parameter, in one line."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from grassroots.errors import InvalidInput
from grassroots.listen import AdvocateOptions
from grassroots.network import build_graph, estimate_spread, select_seeds

from ..conftest import run_cli


@pytest.mark.parametrize("threads", ["0", "-3"])
def test_network_seeds_refuses_zero_or_negative_threads(tmp_path: Path, threads: str) -> None:
    graph = tmp_path / "g.txt"
    graph.write_text("a b\nb c\n")
    result = run_cli("network", "seeds", "--graph", str(graph), "--k", "1", "--threads", threads)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == f"error: --threads {threads}: expected a whole number >= 1\n"


def test_the_domain_functions_refuse_them_too() -> None:
    graph = build_graph(np.array([0]), np.array([1]), ("a", "b"))
    with pytest.raises(InvalidInput, match=r"^threads=0: "):
        select_seeds(graph, 1, threads=0)
    with pytest.raises(InvalidInput, match=r"^threads=-1: "):
        estimate_spread(graph, [0], threads=-1)
    with pytest.raises(InvalidInput, match=r"^runs=0: "):
        estimate_spread(graph, [0], runs=0)
    with pytest.raises(InvalidInput, match=r"^band\[0\]=-5: "):
        AdvocateOptions(band=(-5, 10))
    with pytest.raises(InvalidInput, match=r"^band=\(10, 5\): "):
        AdvocateOptions(band=(10, 5))


def test_status_runs_and_advocates_limit(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    status = run_cli("status", "--runs", "-1", env=env)
    assert (
        status.returncode == 2
        and status.stderr.decode() == "error: --runs -1: expected a whole number >= 0\n"
    )
    assert run_cli("status", "--runs", "0", env=env).returncode == 0  # the counts, no runs
    limit = run_cli("advocates", "--brand", "Acme", "--limit", "-1", env=env)
    assert (
        limit.returncode == 2 and limit.stderr.decode() == "error: --limit -1: expected a whole number >= 1\n"
    )
