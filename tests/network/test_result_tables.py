"""Seed plans and graph profiles as lake tables, tied to the graph's fingerprint."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from grassroots.config import Settings
from grassroots.ingest import initialise
from grassroots.lake import open_lake
from grassroots.network import (
    NETWORK_PROFILES_TABLE,
    SEED_PLANS_TABLE,
    build_graph,
    graph_fingerprint,
    load_graph,
)

from ..conftest import run_cli

EDGES = "hub a\nhub b\nhub c\nb c\nb d\n"


def test_fingerprint_ignores_order_and_sees_every_edge_and_probability(tmp_path: Path) -> None:
    one, two, other = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    one.write_text(EDGES)
    two.write_text("\n".join(reversed(EDGES.splitlines())) + "\n")
    other.write_text(EDGES.replace("b d", "c d"))
    assert graph_fingerprint(load_graph(one)) == graph_fingerprint(load_graph(two))
    assert graph_fingerprint(load_graph(one)) != graph_fingerprint(load_graph(other))
    assert graph_fingerprint(load_graph(one)) != graph_fingerprint(load_graph(one, probability="const:0.5"))
    labels = ("a", "b", "c", "d", "hub")
    src, dst = [4, 4, 4, 1, 1], [0, 1, 2, 2, 3]
    built = build_graph(np.array(src), np.array(dst), labels)
    assert graph_fingerprint(built) == graph_fingerprint(load_graph(one))


def _data_dir(tmp_path: Path) -> Path:
    initialise(Settings(data_dir=tmp_path / "data"))
    return tmp_path / "data"


def _run(data_dir: Path, *args: str) -> str:
    result = run_cli(*args, env={**os.environ, "GRASSROOTS_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def _rows(data_dir: Path, spec_name: str) -> list[dict[str, object]]:
    spec = {SEED_PLANS_TABLE.name: SEED_PLANS_TABLE, NETWORK_PROFILES_TABLE.name: NETWORK_PROFILES_TABLE}[
        spec_name
    ]
    with open_lake(data_dir / "lake.duckdb") as lake:
        lake.register_table(spec)
        rows: list[dict[str, object]] = lake.scan(spec_name).to_pylist()
    return sorted(rows, key=lambda r: (str(r.get("plan_id", r.get("profile_id"))), int(str(r["rank"]))))


def test_seeds_store_writes_the_plan_in_order_and_a_rerun_rewrites_it(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path)
    graph = tmp_path / "g.txt"
    graph.write_text(EDGES)
    args = ("network", "seeds", "--graph", str(graph), "--k", "2", "--probability", "const:1")
    seeds = _run(data_dir, *args).splitlines()
    rows = _rows(data_dir, "seed_plans")
    assert [r["account_id"] for r in rows] == seeds and [r["rank"] for r in rows] == [1, 2]
    plan = rows[0]
    assert plan["graph_fingerprint"] == graph_fingerprint(load_graph(graph, probability="const:1"))
    assert json.loads(str(plan["parameters"]))["probability"] == "const:1"
    assert (plan["k"], plan["model"], plan["nodes"], plan["edges"]) == (2, "ic", 5, 5)
    assert 0 < float(str(plan["guarantee"])) < 1 and float(str(plan["expected_spread"])) >= 2
    _run(data_dir, *args)
    assert _rows(data_dir, "seed_plans") == rows
    _run(data_dir, *args, "--seed", "7")  # other parameters: another plan, kept beside
    assert len({r["plan_id"] for r in _rows(data_dir, "seed_plans")}) == 2
    with open_lake(data_dir / "lake.duckdb") as lake:
        steps = [r.step for r in lake.runs(limit=20)]
        assert steps.count("select_seeds") == 3
        lake.erase_person(seeds[0])
    assert seeds[0] not in {r["account_id"] for r in _rows(data_dir, "seed_plans")}


def test_seeds_need_no_data_dir(tmp_path: Path) -> None:
    graph = tmp_path / "g.txt"
    graph.write_text(EDGES)
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "absent")}
    result = run_cli("network", "seeds", "--graph", str(graph), "--k", "1", env=env)
    assert result.returncode == 0 and not (tmp_path / "absent").exists()


def test_the_lake_graph_plan_and_profile_from_the_workspace(tmp_path: Path) -> None:
    import pyarrow as pa

    from grassroots.workspace import Workspace

    ws = Workspace(data_dir=tmp_path / "data")
    ws.init()
    pairs = [line.split() for line in EDGES.splitlines()]
    follows = pa.table({"platform": ["x"] * 5, "src": [b for _, b in pairs], "dst": [a for a, _ in pairs]})
    with open_lake(ws.settings.lake_path) as lake:
        lake.upsert("follows", [follows])
    plan = ws.seeds(k=2, runs=50)
    rows = _rows(ws.data_dir, "seed_plans")
    assert [r["account_id"] for r in rows] == list(plan.seeds) and rows[0]["plan_id"] == plan.plan_id
    profile = ws.network_profile_from_lake()
    assert [r["account_id"] for r in _rows(ws.data_dir, "network_profiles")] == list(profile.top_pagerank)


def test_profile_stored_one_row_per_top_account(tmp_path: Path) -> None:
    data_dir = _data_dir(tmp_path)
    graph = tmp_path / "g.txt"
    graph.write_text(EDGES)
    report = json.loads(_run(data_dir, "network", "profile", "--graph", str(graph), "--json"))
    rows = _rows(data_dir, "network_profiles")
    assert [r["account_id"] for r in rows] == report["top_pagerank"]
    assert all(r["communities"] == report["communities"] and r["edges"] == 5 for r in rows)
    _run(data_dir, "network", "profile", "--graph", str(graph))
    assert _rows(data_dir, "network_profiles") == rows
