"""Graph profile on a graph whose answers are known: two 5-cliques joined by one tie."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from grassroots.network import attribute_assortativity, build_graph, profile_graph

from ..conftest import run_cli


def _two_cliques() -> tuple[np.ndarray, np.ndarray]:
    pairs = [(a, b) for group in (range(5), range(5, 10)) for a, b in itertools.combinations(group, 2)]
    pairs.append((4, 5))
    arr = np.array(pairs)
    return arr[:, 0], arr[:, 1]


def test_profile_known_answers() -> None:
    u, v = _two_cliques()
    graph = build_graph(u, v, tuple(str(i) for i in range(10)), undirected=True)
    side = {i: "left" if i < 5 else "right" for i in range(10)}
    report = profile_graph(graph, attribute=side)
    assert (report.nodes, report.edges, report.reciprocity) == (10, 42, 1.0)
    assert report.communities == 2 and report.largest_communities == (5, 5)
    assert report.max_core == 4 and report.max_core_size == 10
    assert report.top_pagerank[0] in {"4", "5"}  # the two bridge ends have the most ties
    assert report.homophily is not None
    # 40 of 42 arcs stay on their side; both sides equally large, so 0.5 expected
    assert report.homophily.same_share == pytest.approx(40 / 42)
    assert report.homophily.assortativity == pytest.approx((40 / 42 - 0.5) / 0.5)


def test_assortativity_is_negative_when_ties_cross() -> None:
    graph = build_graph(np.array([0, 1]), np.array([2, 3]), tuple("abcd"), undirected=True)
    mixed = attribute_assortativity(graph, {0: "x", 1: "x", 2: "y", 3: "y"})
    assert mixed.assortativity == pytest.approx(-1.0)


def test_profile_command(tmp_path: Path) -> None:
    u, v = _two_cliques()
    path = tmp_path / "g.csv"
    path.write_text("a,b\n" + "".join(f"{a},{b}\n" for a, b in zip(u.tolist(), v.tolist(), strict=True)))
    result = run_cli("network", "profile", "--graph", str(path), "--undirected", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["communities"] == 2 and report["nodes"] == 10 and report["homophily"] is None
