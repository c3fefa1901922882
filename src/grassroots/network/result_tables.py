"""The network stage's lake tables: seed plans and graph profiles, each tied to the graph it came from.

A graph is identified by its **fingerprint**: a hash of its edge list (node ids, edges and
influence probabilities, in a canonical order), so the same graph read from a file or from the
lake, in any line order, has the same fingerprint. A plan or profile id hashes the fingerprint and
the parameters, so re-running the same thing on the same graph rewrites the same rows.

=====================  ===================  ===================================================
table                  key                  one row per
=====================  ===================  ===================================================
``seed_plans``         (plan_id, rank)      chosen seed, in selection order (``rank`` 1, 2, ...);
                                            the plan's estimate, guarantee, parameters repeated
``network_profiles``   (profile_id, rank)   top-PageRank account (``rank`` 1..10); the graph's
                                            measures repeated on each row
=====================  ===================  ===================================================

Both tables **swap per plan / profile** (``replace_where`` on the id): a plan is one decision, so
re-running it replaces all its rows at once (a budgeted plan can change length), while other plans
stay for comparison. Seeds and top accounts are people, so each sits in its own row's
``account_id``: ``erase`` removes exactly that person's rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import numpy as np
import pyarrow as pa

from grassroots.lake import Lake, TableSpec, UpsertCounts, arrow_schema
from grassroots.network.graph import InfluenceGraph
from grassroots.network.profile import GraphProfile
from grassroots.network.seeding import SeedSelection

__all__ = [
    "COMMUNITIES_TABLE",
    "NETWORK_PROFILES_TABLE",
    "SEED_PLANS_TABLE",
    "graph_fingerprint",
    "read_communities",
    "store_communities",
    "store_network_profile",
    "store_seed_plan",
]

_PLAN_COLUMNS = {
    "graph_fingerprint": "VARCHAR",
    "parameters": "VARCHAR",
    "nodes": "BIGINT",
    "edges": "BIGINT",
}

SEED_PLANS_TABLE = TableSpec(
    name="seed_plans",
    columns={
        "plan_id": "VARCHAR",
        "rank": "BIGINT",
        "account_id": "VARCHAR",
        **_PLAN_COLUMNS,
        "k": "BIGINT",
        "model": "VARCHAR",
        "expected_spread": "DOUBLE",
        "ci95_low": "DOUBLE",
        "ci95_high": "DOUBLE",
        "guarantee": "DOUBLE",
        "approximation": "DOUBLE",
        "epsilon": "DOUBLE",
        "delta": "DOUBLE",
        "rr_sets": "BIGINT",
    },
    key=("plan_id", "rank"),
    required=("plan_id", "rank", "graph_fingerprint"),
)

NETWORK_PROFILES_TABLE = TableSpec(
    name="network_profiles",
    columns={
        "profile_id": "VARCHAR",
        "rank": "BIGINT",
        "account_id": "VARCHAR",
        **_PLAN_COLUMNS,
        "reciprocity": "DOUBLE",
        "mean_out_degree": "DOUBLE",
        "max_out_degree": "BIGINT",
        "communities": "BIGINT",
        "modularity": "DOUBLE",
        "largest_communities": "VARCHAR",
        "transitivity": "DOUBLE",
        "average_clustering": "DOUBLE",
        "max_core": "BIGINT",
        "max_core_size": "BIGINT",
        "homophily": "VARCHAR",
    },
    key=("profile_id", "rank"),
    required=("profile_id", "rank", "graph_fingerprint"),
)


def graph_fingerprint(graph: InfluenceGraph) -> str:
    """``sha256:<24 hex>`` of the edge list: node ids, edges and probabilities in a canonical order.

    The order nodes or edges were read in does not matter:

    >>> from grassroots.network.graph import build_graph
    >>> a = build_graph(np.array([0, 1]), np.array([1, 2]), ("x", "y", "z"))
    >>> b = build_graph(np.array([2, 0]), np.array([0, 1]), ("y", "z", "x"))
    >>> graph_fingerprint(a) == graph_fingerprint(b), graph_fingerprint(a)[:7]
    (True, 'sha256:')
    """
    labels = np.array(graph.labels, dtype=str)
    order = np.argsort(labels, kind="stable")
    rank = np.empty(graph.n, dtype=np.int64)
    rank[order] = np.arange(graph.n)
    src = rank[np.repeat(np.arange(graph.n), graph.out_degree())]
    dst = rank[graph.out_nbr.astype(np.int64)]
    edges = np.lexsort((dst, src))
    digest = hashlib.sha256()
    digest.update("\n".join(labels[order].tolist()).encode("utf-8"))
    digest.update(src[edges].astype("<i8").tobytes())
    digest.update(dst[edges].astype("<i8").tobytes())
    digest.update(np.round(graph.out_p[edges].astype(np.float64), 12).astype("<f8").tobytes())
    return "sha256:" + digest.hexdigest()[:24]


def _run_id(prefix: str, fingerprint: str, parameters: Mapping[str, Any]) -> str:
    text = fingerprint + json.dumps(dict(parameters), sort_keys=True, default=str)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def store_seed_plan(
    lake: Lake,
    graph: InfluenceGraph,
    selection: SeedSelection,
    *,
    k: int,
    model: str,
    parameters: Mapping[str, Any],
    source: str = "<graph>",
) -> str:
    """Store the chosen seeds of ``graph`` in order as one plan in ``seed_plans``; returns the plan id.

    ``parameters`` (probability rule, seed, target / exclusion / cost files, ...) are kept as JSON
    and, with the graph's fingerprint, name the plan; ``source`` (where the graph came from) is
    recorded in the run only, so the same graph from another file is the same plan.
    """
    fingerprint = graph_fingerprint(graph)
    settings = {"k": k, "model": model, "epsilon": selection.epsilon, **parameters}
    plan_id = _run_id("plan", fingerprint, settings)
    shared = {
        "plan_id": plan_id,
        "graph_fingerprint": fingerprint,
        "parameters": json.dumps(settings, sort_keys=True, default=str),
        "nodes": graph.n,
        "edges": graph.m,
        "k": k,
        "model": model,
        "expected_spread": selection.spread,
        "ci95_low": selection.ci95[0],
        "ci95_high": selection.ci95[1],
        "guarantee": selection.guarantee,
        "approximation": selection.approximation,
        "epsilon": selection.epsilon,
        "delta": selection.delta,
        "rr_sets": selection.rr_sets,
    }
    rows = [
        {**shared, "rank": rank, "account_id": graph.labels[node]}
        for rank, node in enumerate(selection.seeds, 1)
    ]
    params = {"plan_id": plan_id, **settings}
    _swap(lake, SEED_PLANS_TABLE, ("plan_id", plan_id), rows, "select_seeds", params, source)
    return plan_id


def store_network_profile(
    lake: Lake,
    graph: InfluenceGraph,
    profile: GraphProfile,
    *,
    parameters: Mapping[str, Any],
    source: str = "<graph>",
) -> str:
    """Store ``profile`` of ``graph`` in ``network_profiles`` (one row per top-PageRank account)."""
    fingerprint = graph_fingerprint(graph)
    profile_id = _run_id("profile", fingerprint, parameters)
    measures = {k: v for k, v in asdict(profile).items() if k not in {"top_pagerank", "homophily"}}
    shared = {
        **measures,
        "profile_id": profile_id,
        "graph_fingerprint": fingerprint,
        "parameters": json.dumps(dict(parameters), sort_keys=True, default=str),
        "largest_communities": json.dumps(list(profile.largest_communities)),
        "homophily": json.dumps(_finite(asdict(profile.homophily)) if profile.homophily else None),
    }
    rows = [
        {**shared, "rank": rank, "account_id": label} for rank, label in enumerate(profile.top_pagerank, 1)
    ]
    step_parameters = {"profile_id": profile_id, **parameters}
    _swap(
        lake,
        NETWORK_PROFILES_TABLE,
        ("profile_id", profile_id),
        rows,
        "profile_graph",
        step_parameters,
        source,
    )
    return profile_id


#: Each account's community in the lake's follows graph (the latest ``network profile`` of the lake).
COMMUNITIES_TABLE = TableSpec(
    name="communities",
    columns={
        "account_id": "VARCHAR",
        "community": "BIGINT",
        "community_size": "BIGINT",
        "communities": "BIGINT",
        "graph_fingerprint": "VARCHAR",
        "seed": "BIGINT",
    },
    key=("account_id",),
    required=("account_id", "community"),
)


def store_communities(lake: Lake, graph: InfluenceGraph, positions: Mapping[str, Any], *, seed: int) -> None:
    """Replace ``communities`` with each node's community (``positions``: ``node_positions`` of ``graph``).

    One set at a time (the lake's graph as last profiled), so every earlier row goes in the same
    transaction; campaigns read it for the ``community`` stratum."""
    lake.register_table(COMMUNITIES_TABLE)
    fingerprint = graph_fingerprint(graph)
    old = {
        str(r["graph_fingerprint"])
        for r in lake.scan("communities", columns=["graph_fingerprint"]).to_pylist()
    }
    rows = [
        {"account_id": label, "community": p.community, "community_size": p.community_size,
         "communities": p.communities, "graph_fingerprint": fingerprint, "seed": seed}
        for label, p in sorted(positions.items())
    ]  # fmt: skip
    lake.upsert(
        COMMUNITIES_TABLE.name,
        [pa.Table.from_pylist(rows, schema=arrow_schema(COMMUNITIES_TABLE))],
        step="detect_communities",
        parameters={"graph_fingerprint": fingerprint, "seed": seed},
        source="lake: follows",
        replace_where=("graph_fingerprint", sorted(old | {fingerprint})),
    )


def read_communities(lake: Lake) -> dict[str, str]:
    """Account id -> community number (``"1"`` = the largest) from ``communities``; empty when the
    table was never written (no ``network profile`` of the lake yet)."""
    lake.register_table(COMMUNITIES_TABLE)
    rows = lake.scan("communities", columns=["account_id", "community"]).to_pylist()
    return {str(r["account_id"]): str(r["community"]) for r in rows}


def _finite(values: dict[str, Any]) -> dict[str, Any]:
    """NaN (an undefined measure) as null, so the JSON is valid."""
    return {k: None if isinstance(v, float) and v != v else v for k, v in values.items()}


def _swap(
    lake: Lake,
    spec: TableSpec,
    where: tuple[str, str],
    rows: list[dict[str, Any]],
    step: str,
    parameters: Mapping[str, Any],
    source: str,
) -> UpsertCounts:
    lake.register_table(spec)
    return lake.upsert(
        spec.name,
        [pa.Table.from_pylist(rows, schema=arrow_schema(spec))],
        step=step,
        parameters={**parameters, "source": source},
        source=source,
        replace_where=(where[0], [where[1]]),
    )
