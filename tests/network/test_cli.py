"""`grassroots network seeds|spread` in a new process, as other tools call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..conftest import run_cli

STAR = "# hub a reaches everyone, b reaches c\nhub a\nhub b\nhub c\nb c\nb d\n"


def _graph(tmp_path: Path, text: str = STAR) -> Path:
    path = tmp_path / "g.txt"
    path.write_text(text)
    return path


def test_seeds_prints_only_ids_in_selection_order(tmp_path: Path) -> None:
    result = run_cli(
        "network", "seeds", "--graph", str(_graph(tmp_path)), "--k", "2", "--probability", "const:1"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "hub" and len(lines) == 2 and len(set(lines)) == 2
    err = result.stderr.decode()
    assert "expected spread" in err and "RR sets" in err and "timings_s" in err


def test_seeds_json_contract(tmp_path: Path) -> None:
    result = run_cli("network", "seeds", "--graph", str(_graph(tmp_path)), "--k", "1", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["seeds"] == ["hub"]
    assert set(out) >= {"seeds", "spread", "epsilon", "delta", "rr_sets", "nodes", "edges", "timings_s"}
    assert out["nodes"] == 5 and out["edges"] == 5 and out["epsilon"] == 0.1
    assert out["delta"] == 1 / 5
    low, high = out["spread"]["ci95"]
    assert low <= out["spread"]["mean"] <= high and out["spread"]["mean"] >= 1
    assert set(out["timings_s"]) == {"startup", "load", "sample", "select", "total"}


def test_seeds_errors_name_file_and_line(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    too_many = run_cli("network", "seeds", "--graph", str(graph), "--k", "6")
    assert too_many.returncode == 2 and too_many.stdout == b""
    assert f"error: {graph}: --k 6" in too_many.stderr.decode()
    bad = _graph(tmp_path, "a b 0.5\nb c high\n")
    weight = run_cli("network", "seeds", "--graph", str(bad), "--k", "1", "--probability", "weight")
    assert weight.returncode == 2 and f"{bad}:2: weight:" in weight.stderr.decode()


def test_target_exclude_costs_options(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    (tmp_path / "t.txt").write_text("d 5\n")
    (tmp_path / "x.txt").write_text("hub\n")
    (tmp_path / "c.txt").write_text("hub 10\nb 1\nc 1\n")
    args = ("network", "seeds", "--graph", str(graph), "--probability", "const:1")
    targeted = run_cli(
        *args, "--k", "1", "--target", str(tmp_path / "t.txt"), "--exclude", str(tmp_path / "x.txt")
    )
    assert targeted.stdout.decode().split() in (["b"], ["d"])
    excluded = run_cli(*args, "--k", "1", "--exclude", str(tmp_path / "x.txt"))
    assert excluded.stdout.decode().split() == ["b"]
    budgeted = run_cli(*args, "--k", "5", "--costs", str(tmp_path / "c.txt"), "--budget", "2")
    assert budgeted.returncode == 0, budgeted.stderr
    assert "hub" not in budgeted.stdout.decode().split()


def test_spread_accepts_seeds_output(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    seeds = run_cli("network", "seeds", "--graph", str(graph), "--k", "1", "--probability", "const:1")
    (tmp_path / "s.txt").write_bytes(seeds.stdout)
    spread = ("network", "spread", "--graph", str(graph), "--seeds", str(tmp_path / "s.txt"))
    result = run_cli(*spread, "--runs", "50", "--probability", "const:1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "spread 5.00 +- 0.00 runs 50\n"  # hub reaches all 4 others for sure
    wc = run_cli(*spread, "--runs", "4000").stdout.decode().split()
    assert abs(float(wc[1]) - 4.75) <= 2 * float(wc[3])  # exact under wc: a, b, d surely, c w.p. 3/4
    (tmp_path / "bad.txt").write_text("hub\nnobody\n")
    bad = run_cli("network", "spread", "--graph", str(graph), "--seeds", str(tmp_path / "bad.txt"))
    assert bad.returncode == 2 and "bad.txt:2: id: 'nobody' is not a node" in bad.stderr.decode()


PROBE = """
import importlib, sys
import numpy as np
from grassroots import warmup
from grassroots.network import build_graph, estimate_spread, load_graph, select_seeds

kernels = {}
for name in warmup.KERNEL_MODULES:
    mod = importlib.import_module(name)
    mod.warm()
    for attr in dir(mod):
        fn = getattr(mod, attr)
        if hasattr(fn, "stats") and getattr(fn, "signatures", None):
            kernels[name + "." + attr] = fn
before = {key: len(fn.signatures) for key, fn in kernels.items()}
path = sys.argv[1]
for model, prob in (("ic", "wc"), ("ic", "const:0.1"), ("lt", "wc"), ("ic", "weight")):
    graph = load_graph(path, model=model, probability=prob)
    targets = np.ones(graph.n)
    costs = np.ones(graph.n)
    for kwargs in ({}, {"targets": targets}, {"costs": costs, "budget": 2.0}):
        chosen = select_seeds(graph, 2, model=model, threads=2, **kwargs)
        estimate_spread(graph, chosen.seeds, model=model, runs=200)
after = {key: len(fn.signatures) for key, fn in kernels.items()}
def count(fn):
    return sum(fn.stats.cache_hits.values()), sum(fn.stats.cache_misses.values())
stats = {key: count(fn) for key, fn in kernels.items()}
print(repr((stats, before, after)))
"""


def test_kernels_load_from_the_install_time_cache(tmp_path: Path) -> None:
    """After `make`'s warm step, a new process finds every kernel in numba's cache, and real runs
    (IC, LT, weights, targets, costs) need no signature that warm-up did not compile."""
    from grassroots import warmup

    for name in warmup.KERNEL_MODULES:
        __import__(name, fromlist=["warm"]).warm()
    graph = _graph(tmp_path, "a b 0.3\nb c 0.5\nc a 0.2\na c 0.4\nd a 0.1\n")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(graph)], capture_output=True, check=True, text=True
    )
    stats, before, after = eval(out.stdout)  # a literal printed by the probe
    assert "grassroots.network._rr.sample_ic" in stats and "grassroots.network.simulate.simulate_lt" in stats
    assert all(misses == 0 and hits > 0 for hits, misses in stats.values()), stats
    assert before == after


def test_trivalency_option_uses_the_seed(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    args = ("network", "seeds", "--graph", str(graph), "--k", "1", "--probability", "tri", "--json")
    first, again = run_cli(*args, "--seed", "3"), run_cli(*args, "--seed", "3")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["seeds"] == ["hub"]
    assert first.stdout.split(b'"timings_s"')[0] == again.stdout.split(b'"timings_s"')[0]
