"""network domain: influence graphs, diffusion (IC, LT), seed selection, spread estimation.

Public API; other packages import from here only. Results go to the lake tables ``seed_plans`` and
``network_profiles`` (:func:`store_seed_plan`, :func:`store_network_profile`).
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
    ProfileRun,
    SeedingRun,
    profile_from_files,
    profile_run_from_files,
    read_node_categories,
    read_node_values,
    seeds_from_files,
    spread_from_files,
)
from grassroots.network.graph import MODELS, InfluenceGraph, Model, build_graph, load_graph, parse_probability
from grassroots.network.interactions import (
    graph_from_interactions,
    interaction_counts,
    write_edge_list,
)
from grassroots.network.lake_graph import (
    LAKE_SOURCES,
    LakeSource,
    graph_from_follows,
    graph_from_lake,
    lake_edge_file,
)
from grassroots.network.position import NodePosition, node_positions
from grassroots.network.profile import GraphProfile, Homophily, attribute_assortativity, profile_graph
from grassroots.network.result_tables import (
    COMMUNITIES_TABLE,
    NETWORK_PROFILES_TABLE,
    SEED_PLANS_TABLE,
    graph_fingerprint,
    read_communities,
    store_communities,
    store_network_profile,
    store_seed_plan,
)
from grassroots.network.seeding import SeedSelection, select_seeds
from grassroots.network.simulate import SpreadEstimate, estimate_spread

__all__ = [
    "BASELINES",
    "COMMUNITIES_TABLE",
    "LAKE_SOURCES",
    "MODELS",
    "NETWORK_PROFILES_TABLE",
    "SEED_PLANS_TABLE",
    "GraphOptions",
    "GraphProfile",
    "Homophily",
    "InfluenceGraph",
    "LakeSource",
    "Model",
    "NodePosition",
    "ProfileRun",
    "SeedSelection",
    "SeedingRun",
    "SpreadEstimate",
    "attribute_assortativity",
    "build_graph",
    "degree_discount",
    "estimate_spread",
    "graph_fingerprint",
    "graph_from_follows",
    "graph_from_interactions",
    "graph_from_lake",
    "interaction_counts",
    "lake_edge_file",
    "load_graph",
    "node_positions",
    "pagerank",
    "pagerank_scores",
    "parse_probability",
    "profile_from_files",
    "profile_graph",
    "profile_run_from_files",
    "random_seeds",
    "read_communities",
    "read_node_categories",
    "read_node_values",
    "seeds_from_files",
    "select_seeds",
    "spread_from_files",
    "store_communities",
    "store_network_profile",
    "store_seed_plan",
    "top_degree",
    "top_scores",
    "write_edge_list",
]
