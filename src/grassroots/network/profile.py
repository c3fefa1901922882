"""Graph profile: size, reciprocity, communities, clustering, k-core, PageRank, attribute homophily.

Communities come from networkit's Louvain with refinement (PLM; Staudt & Meyerhenke 2016) on the
undirected version of the graph; networkit is MIT-licensed. Attribute assortativity is Newman's
coefficient for a categorical attribute ("Mixing patterns in networks", Phys. Rev. E 2003):
1 when ties stay inside a category, 0 when they ignore it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from grassroots.network.baselines import pagerank_scores
from grassroots.network.graph import InfluenceGraph

__all__ = ["GraphProfile", "Homophily", "attribute_assortativity", "profile_graph"]


@dataclass(frozen=True)
class Homophily:
    """How much ties stay within a node attribute's categories."""

    nodes_with_value: int
    categories: int
    assortativity: float
    same_share: float
    same_share_expected: float


@dataclass(frozen=True)
class GraphProfile:
    """What a marketer should know about a graph before seeding it."""

    nodes: int
    edges: int
    reciprocity: float
    mean_out_degree: float
    max_out_degree: int
    communities: int
    modularity: float
    largest_communities: tuple[int, ...]
    transitivity: float
    average_clustering: float
    max_core: int
    max_core_size: int
    top_pagerank: tuple[str, ...]
    homophily: Homophily | None


def _undirected_pairs(graph: InfluenceGraph) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    src = np.repeat(np.arange(graph.n), graph.out_degree())
    dst = graph.out_nbr.astype(np.int64)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    key = np.unique(lo * graph.n + hi)
    return key // graph.n, key % graph.n


def attribute_assortativity(graph: InfluenceGraph, values: dict[int, str]) -> Homophily:
    """Newman's categorical assortativity over edges whose two ends both have a value.

    >>> from grassroots.network.graph import build_graph
    >>> g = build_graph(np.array([0, 2]), np.array([1, 3]), tuple("abcd"))
    >>> attribute_assortativity(g, {0: "x", 1: "x", 2: "y", 3: "y"}).assortativity
    1.0
    """
    src = np.repeat(np.arange(graph.n), graph.out_degree())
    codes = {c: i for i, c in enumerate(sorted(set(values.values())))}
    cat = np.full(graph.n, -1)
    for node, value in values.items():
        cat[node] = codes[value]
    a, b = cat[src], cat[graph.out_nbr]
    keep = (a >= 0) & (b >= 0)
    c = len(codes)
    mix = np.zeros((c, c))
    np.add.at(mix, (a[keep], b[keep]), 1.0)
    total = mix.sum()
    if total == 0 or c < 2:
        return Homophily(len(values), c, float("nan"), float("nan"), float("nan"))
    mix /= total
    expected = float((mix.sum(axis=1) * mix.sum(axis=0)).sum())
    same = float(np.trace(mix))
    r = (same - expected) / (1 - expected) if expected < 1 else float("nan")
    return Homophily(len(values), c, r, same, expected)


def profile_graph(
    graph: InfluenceGraph, *, attribute: dict[int, str] | None = None, seed: int = 0
) -> GraphProfile:
    """Profile ``graph``; ``attribute`` maps node index -> category for homophily."""
    import networkit as nk

    nk.engineering.setSeed(seed, True)
    nk.setNumberOfThreads(2)
    lo, hi = _undirected_pairs(graph)
    und = nk.Graph(graph.n, weighted=False, directed=False)
    und.addEdges((lo, hi))
    plm = nk.community.PLM(und, refine=True)
    plm.run()
    parts = plm.getPartition()
    sizes = sorted(Counter(parts.getVector()).values(), reverse=True)
    modularity = nk.community.Modularity().getQuality(parts, und) if und.numberOfEdges() else 0.0
    cores = nk.centrality.CoreDecomposition(und)
    cores.run()
    core = np.asarray(cores.scores(), dtype=np.int64)
    ranks = pagerank_scores(graph)
    top = np.lexsort((np.arange(graph.n), -ranks))[:10]
    src = np.repeat(np.arange(graph.n), graph.out_degree())
    dst = graph.out_nbr.astype(np.int64)
    mutual = int(np.isin(dst * graph.n + src, src * graph.n + dst).sum())
    return GraphProfile(
        nodes=graph.n,
        edges=graph.m,
        reciprocity=mutual / max(graph.m, 1),
        mean_out_degree=graph.m / max(graph.n, 1),
        max_out_degree=int(graph.out_degree().max(initial=0)),
        communities=len(sizes),
        modularity=float(modularity),
        largest_communities=tuple(sizes[:5]),
        transitivity=float(nk.globals.ClusteringCoefficient.exactGlobal(und)) if und.numberOfEdges() else 0.0,
        average_clustering=float(nk.globals.ClusteringCoefficient.sequentialAvgLocal(und)),
        max_core=int(core.max(initial=0)),
        max_core_size=int((core == core.max(initial=0)).sum()),
        top_pagerank=tuple(graph.labels[i] for i in top),
        homophily=None if attribute is None else attribute_assortativity(graph, attribute),
    )
