"""Influence graphs from the lake's follows table (a real DuckDB lake in tmp_path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.errors import InvalidInput
from grassroots.lake import open_lake
from grassroots.network import (
    graph_from_interactions,
    graph_from_lake,
    interaction_counts,
    lake_edge_file,
    load_graph,
    select_seeds,
)

from ..conftest import run_cli


def test_follows_become_influence_edges(tmp_path: Path) -> None:
    rows = {
        "platform": ["instagram"] * 4 + ["tiktok"],
        "src": ["ann", "bob", "cat", "ann", "zed"],
        "dst": ["star", "star", "star", "bob", "ann"],
        "weight": [0.5, 0.5, 0.5, 0.2, None],
    }
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("follows", [pa.table(rows)])
        graph = graph_from_lake(lake, platform="instagram")
        edges = {
            (graph.labels[u], graph.labels[v])
            for u in range(graph.n)
            for v in graph.out_nbr[graph.out_ptr[u] : graph.out_ptr[u + 1]]
        }
        assert edges == {("star", "ann"), ("star", "bob"), ("star", "cat"), ("bob", "ann")}
        assert graph.labels[select_seeds(graph, 1, threads=1).seeds[0]] == "star"
        weighted = graph_from_lake(lake, platform="instagram", probability="weight")
        assert sorted(weighted.in_p.tolist()) == [0.2, 0.5, 0.5, 0.5]
        with pytest.raises(InvalidInput, match="weight on every follow row"):
            graph_from_lake(lake, probability="weight")
        lake_edge_file(lake, tmp_path / "f.txt", source="follows", platform="instagram")
    reread = load_graph(tmp_path / "f.txt", probability="weight")
    assert (
        sorted(reread.in_p.tolist()) == sorted(graph.in_p.tolist()) == [0.5, 0.5, 1.0, 1.0]
    )  # wc: ann has two influencers


def test_the_graph_does_not_depend_on_the_order_rows_were_stored(tmp_path: Path) -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    src, dst = rng.integers(0, 300, 3_000).astype(str), rng.integers(0, 300, 3_000).astype(str)
    keep = src != dst
    edges = pa.table({"platform": ["x"] * int(keep.sum()), "src": src[keep], "dst": dst[keep]})
    graphs = []
    for name, table in (("a", edges), ("b", edges.take(rng.permutation(edges.num_rows)))):
        with open_lake(tmp_path / f"{name}.duckdb") as lake:
            lake.upsert("follows", [table])
            graphs.append(graph_from_lake(lake))
    first, second = graphs
    assert first.labels == second.labels and np.array_equal(first.in_nbr, second.in_nbr)
    assert select_seeds(first, 5, seed=1, threads=1).seeds == select_seeds(second, 5, seed=1, threads=1).seeds


def _interactions_lake(path: Path) -> None:
    """star posts 4 times; ann replies to 2 of them (one reply also @mentions star), bob quotes one,
    cat comments twice on one post
    and eve replies to cat's comment; ann mentions an unknown handle; dan replies to himself."""
    posts = {
        "platform": ["x"] * 9,
        "id": ["s1", "s2", "s3", "s4", "a1", "a2", "b1", "a3", "d1"],
        "author": ["star", "star", "star", "star", "ann", "ann", "bob", "ann", "dan"],
        "text": ["t"] * 9,
        "reply_to_id": [None, None, None, None, "s1", "s2", None, None, "d1"],
        "reply_to_author": [None, None, None, None, "star", None, None, None, "dan"],
        "quote_of_id": [None, None, None, None, None, None, "s3", None, None],
        "mentions": [[], [], [], [], ["@Star"], [], [], ["ghost"], []],
    }
    comments = {
        "platform": ["x", "x", "x"],
        "id": ["c1", "c2", "c3"],
        "post_id": ["s4", "s4", "s4"],
        "author": ["cat", "cat", "eve"],
        "reply_to_id": [None, None, "c1"],
    }
    accounts = {"platform": ["x", "x"], "id": ["star", "ann"], "handle": ["star", "ann"]}
    with open_lake(path) as lake:
        lake.upsert("posts", [pa.table(posts)])
        lake.upsert("comments", [pa.table(comments)])
        lake.upsert("accounts", [pa.table(accounts)])


def test_interactions_become_edges_with_learned_probabilities(tmp_path: Path) -> None:
    _interactions_lake(tmp_path / "lake.duckdb")
    with open_lake(tmp_path / "lake.duckdb") as lake:
        pairs, posts = interaction_counts(lake)
        assert dict(pairs) == {
            ("star", "ann"): 2,
            ("star", "bob"): 1,
            ("star", "cat"): 2,
            ("@ghost", "ann"): 1,
            ("star", "eve"): 1,
            ("cat", "eve"): 1,
        }
        assert posts["star"] == 4
        graph = graph_from_interactions(lake, prior=(1.0, 9.0))
        p = {
            (graph.labels[u], graph.labels[v]): graph.out_p[e]
            for u in range(graph.n)
            for e, v in enumerate(
                graph.out_nbr[graph.out_ptr[u] : graph.out_ptr[u + 1]], start=graph.out_ptr[u]
            )
        }
        assert p[("star", "ann")] == pytest.approx(3 / 14)  # (2 + 1) / (4 + 10)
        assert p[("star", "bob")] == pytest.approx(2 / 14)
        assert p[("@ghost", "ann")] == pytest.approx(2 / 11)  # no posts: c stands in for N
        assert graph.labels[select_seeds(graph, 1, threads=1).seeds[0]] == "star"
        assert graph_from_interactions(lake, probability="wc").in_p.max() == 1.0
        with pytest.raises(InvalidInput, match="no replies"):
            graph_from_interactions(lake, platform="tiktok")


def test_build_command_writes_a_weight_edge_file(tmp_path: Path) -> None:
    _interactions_lake(tmp_path / "lake.duckdb")
    out = tmp_path / "edges.txt"
    built = run_cli(
        "network", "build", "--from-lake", "interactions", "--out", str(out), "--data-dir", str(tmp_path)
    )
    assert built.returncode == 0, built.stderr
    lines = sorted(out.read_text().splitlines())
    assert len(lines) == 6 and lines[-1].split("\t")[:2] == ["star", "eve"]
    seeds = run_cli("network", "seeds", "--graph", str(out), "--k", "1", "--probability", "weight")
    assert seeds.returncode == 0, seeds.stderr
    assert seeds.stdout.decode() == "star\n"
    bad = run_cli("network", "build", "--from-lake", "likes", "--out", str(out), "--data-dir", str(tmp_path))
    assert bad.returncode == 2 and "expected one of follows, interactions" in bad.stderr.decode()


def test_interactions_graph_is_the_same_in_every_process(tmp_path: Path) -> None:
    _interactions_lake(tmp_path / "lake.duckdb")
    code = (
        "import sys; from grassroots.lake import open_lake;"
        "from grassroots.network import graph_from_interactions;"
        "g = graph_from_interactions(open_lake(__import__('pathlib').Path(sys.argv[1])));"
        "print(g.labels, g.out_nbr.tolist(), g.out_p.tolist())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "lake.duckdb")],
            env={**os.environ, "PYTHONHASHSEED": str(h)},
            capture_output=True,
            check=True,
        ).stdout
        for h in (1, 2, 3)
    }
    assert len(outputs) == 1
