"""Influence graphs from the lake's follows table (a real DuckDB lake in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.errors import InvalidInput
from grassroots.lake import open_lake
from grassroots.network import graph_from_lake, select_seeds


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
