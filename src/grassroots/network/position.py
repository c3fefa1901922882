"""Where each account sits in the influence graph: its community, PageRank and k-core.

The graph profile (:func:`~grassroots.network.profile.profile_graph`) summarises the whole graph;
this module gives the same three measures per node, so a person's page can say "community 2 of 5
(130 people), PageRank 0.004 (rank 12 of 400), 18-core of a graph whose deepest core is 22".
Communities are numbered by size (1 = largest), so the numbers match ``largest_communities``.

>>> import numpy as np
>>> from grassroots.network.graph import build_graph
>>> g = build_graph(np.array([0, 1, 2, 3]), np.array([1, 2, 0, 4]), tuple("abcde"))
>>> p = node_positions(g)
>>> p["a"].core, p["e"].core, p["a"].nodes
(2, 1, 5)

References: Blondel et al., "Fast unfolding of communities in large networks", 2008 (Louvain / PLM);
Batagelj, Zaversnik, "An O(m) algorithm for cores decomposition of networks", 2003.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from grassroots.network.baselines import pagerank_scores
from grassroots.network.graph import InfluenceGraph
from grassroots.network.profile import _undirected_pairs

__all__ = ["NodePosition", "node_positions"]


@dataclass(frozen=True)
class NodePosition:
    """One account's place in the graph (``community`` 1 = the largest community)."""

    account_id: str
    community: int
    community_size: int
    communities: int
    pagerank: float
    pagerank_rank: int  # 1 = highest PageRank
    core: int
    max_core: int
    out_degree: int  # accounts it can influence (its followers in the graph)
    nodes: int


def node_positions(graph: InfluenceGraph, *, seed: int = 0) -> dict[str, NodePosition]:
    """Community (PLM on the undirected graph), PageRank and core number of every node, by label."""
    import networkit as nk

    nk.engineering.setSeed(seed, True)
    nk.setNumberOfThreads(1)  # parallel PLM is not deterministic: the same seed must give the same page
    lo, hi = _undirected_pairs(graph)
    und = nk.Graph(graph.n, weighted=False, directed=False)
    und.addEdges((lo, hi))
    plm = nk.community.PLM(und, refine=True)
    plm.run()
    raw = plm.getPartition().getVector()
    sizes = Counter(raw)
    order = sorted(sizes, key=lambda c: (-sizes[c], c))
    number = {c: i + 1 for i, c in enumerate(order)}
    cores = nk.centrality.CoreDecomposition(und)
    cores.run()
    core = np.asarray(cores.scores(), dtype=np.int64)
    ranks = pagerank_scores(graph)
    rank_of = np.empty(graph.n, dtype=np.int64)
    rank_of[np.lexsort((np.arange(graph.n), -ranks))] = np.arange(1, graph.n + 1)
    degree = graph.out_degree()
    top_core = int(core.max(initial=0))
    return {
        label: NodePosition(
            account_id=label,
            community=number[raw[i]],
            community_size=sizes[raw[i]],
            communities=len(sizes),
            pagerank=float(ranks[i]),
            pagerank_rank=int(rank_of[i]),
            core=int(core[i]),
            max_core=top_core,
            out_degree=int(degree[i]),
            nodes=graph.n,
        )
        for i, label in enumerate(graph.labels)
    }
