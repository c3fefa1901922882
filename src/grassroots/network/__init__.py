"""network domain: influence graphs, diffusion (IC, LT), seed selection, spread estimation.

Public API; other packages import from here only.
"""

from __future__ import annotations

from grassroots.network.baselines import (
    BASELINES,
    degree_discount,
    pagerank,
    pagerank_scores,
    random_seeds,
    top_degree,
    top_scores,
)
from grassroots.network.files import (
    GraphOptions,
    SeedingRun,
    profile_from_files,
    read_node_categories,
    read_node_values,
    seeds_from_files,
    spread_from_files,
)
from grassroots.network.graph import InfluenceGraph, build_graph, load_graph, parse_probability
from grassroots.network.lake_graph import graph_from_follows, graph_from_lake
from grassroots.network.profile import GraphProfile, Homophily, attribute_assortativity, profile_graph
from grassroots.network.seeding import SeedSelection, select_seeds
from grassroots.network.simulate import SpreadEstimate, estimate_spread

__all__ = [
    "BASELINES",
    "GraphOptions",
    "GraphProfile",
    "Homophily",
    "InfluenceGraph",
    "SeedSelection",
    "SeedingRun",
    "SpreadEstimate",
    "attribute_assortativity",
    "build_graph",
    "degree_discount",
    "estimate_spread",
    "graph_from_follows",
    "graph_from_lake",
    "load_graph",
    "pagerank",
    "pagerank_scores",
    "parse_probability",
    "profile_from_files",
    "profile_graph",
    "random_seeds",
    "read_node_categories",
    "read_node_values",
    "seeds_from_files",
    "select_seeds",
    "spread_from_files",
    "top_degree",
    "top_scores",
]
