"""Influence graphs from the lake's ``follows`` table: when a follows b, b can influence a.

Ids are the lake's account ids (strings). Probabilities are weighted cascade (``wc``), a constant
(``const:P``), trivalency (``tri``) or the table's ``weight`` column (``weight``; rows without one
are an error). :func:`lake_edge_file` writes a follows or interactions graph as an edge file that
``network seeds --graph FILE --probability weight`` reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow.compute as pc

from grassroots.errors import InvalidInput
from grassroots.lake import Lake
from grassroots.network.graph import InfluenceGraph, build_graph
from grassroots.network.interactions import graph_from_interactions, write_edge_list

__all__ = ["LAKE_SOURCES", "LakeSource", "graph_from_follows", "graph_from_lake", "lake_edge_file"]

LakeSource = Literal["follows", "interactions"]
LAKE_SOURCES: tuple[LakeSource, ...] = ("follows", "interactions")


def graph_from_follows(
    followers: list[str],
    followed: list[str],
    *,
    weights: list[float] | None = None,
    probability: str = "wc",
    model: str = "ic",
    source: str = "follows",
    seed: int = 0,
) -> InfluenceGraph:
    """Build the influence graph of follow pairs (``followers[i]`` follows ``followed[i]``).

    >>> g = graph_from_follows(["ann", "bob"], ["cat", "cat"])
    >>> g.labels, g.out_nbr.tolist(), g.out_ptr.tolist()  # cat -> ann, cat -> bob
    (('ann', 'bob', 'cat'), [0, 1], [0, 0, 0, 2])
    """
    index: dict[str, int] = {}
    dst = np.array([index.setdefault(a, len(index)) for a in followers], dtype=np.int64)
    src = np.array([index.setdefault(b, len(index)) for b in followed], dtype=np.int64)
    if not index:
        raise InvalidInput(f"{source}: no follow edges")
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    return build_graph(
        src, dst, tuple(index), probability=probability, model=model, weights=w, source=source, seed=seed
    )


def graph_from_lake(
    lake: Lake, *, platform: str | None = None, probability: str = "wc", model: str = "ic", seed: int = 0
) -> InfluenceGraph:
    """Read ``follows`` (optionally one platform) from the lake into an influence graph."""
    where = None if platform is None else {"platform": platform}
    # sorted: the lake's row order depends on how ingest wrote it, and the graph (labels, adjacency
    # order, hence the seeds drawn for a given --seed) must not
    table = lake.scan("follows", columns=["src", "dst", "weight"], where=where).sort_by(
        [("src", "ascending"), ("dst", "ascending")]
    )
    weights = None
    if probability == "weight":
        if table.num_rows and pc.any(pc.is_null(table["weight"])).as_py():
            raise InvalidInput("follows: probability='weight' needs a weight on every follow row")
        weights = table["weight"].to_pylist()
    return graph_from_follows(
        table["src"].to_pylist(),
        table["dst"].to_pylist(),
        weights=weights,
        probability=probability,
        model=model,
        source="lake follows",
        seed=seed,
    )


def lake_edge_file(
    lake: Lake,
    out: str | Path,
    *,
    source: str = "follows",
    platform: str | None = None,
    probability: str | None = None,
    seed: int = 0,
) -> InfluenceGraph:
    """Build the ``follows`` or ``interactions`` influence graph and write it to ``out`` as ``u v p`` lines.

    ``probability`` defaults to ``wc`` for follows and ``learned`` for interactions.
    """
    if source == "follows":
        graph = graph_from_lake(lake, platform=platform, probability=probability or "wc", seed=seed)
    elif source == "interactions":
        graph = graph_from_interactions(
            lake, platform=platform, probability=probability or "learned", seed=seed
        )
    else:
        raise InvalidInput(f"source={source!r}: expected one of {', '.join(LAKE_SOURCES)}")
    write_edge_list(graph, out)
    return graph
