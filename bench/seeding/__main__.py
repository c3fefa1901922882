"""Seeding benchmark.

Run: ``.venv/bin/python -m bench.seeding [--part PART] [--runs R] [--quick] [--out DIR]``, PART one of
epinions, scaling, strategies, targeted, demo, timing, lt-floors, tri (default: all of them, several
hours on 2 cores). Each part writes ``bench/results/seeding-PART.json``; ``--quick`` runs a small
generated graph only (the CI smoke run, ``seeding-quick.json``).

Every spread is judged by cynetdiff's Monte Carlo (a separate C simulator), except in ``lt-floors``:
cynetdiff's LT simulator needed minutes per strategy on Epinions, so our own simulator judges there.
Peer figures (SUBSIM, OPIM-C, best seen) are the ones measured on this machine type in issue 5.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench import record
from bench.seeding.judge import judge_spread
from grassroots.network import BASELINES, InfluenceGraph, build_graph, load_graph, select_seeds, top_scores

ROOT = Path(__file__).resolve().parents[2]
GRAPHS = ROOT.parent / "shared" / "data" / "graphs"
EPINIONS = GRAPHS / "epinions-sym.txt.gz"
PEERS = {
    "wc": {"SUBSIM": (0.036, 20420), "OPIM-C": (0.14, 20434), "best seen": (None, 20849)},
    "const:0.02": {"SUBSIM": (4.8, 5262), "OPIM-C": (7.9, 5262), "best seen": (None, 5331)},
}


def whole_command(graph: Path, *args: str) -> tuple[float, float, int, dict[str, object]]:
    """Wall and CPU seconds, peak RSS (MB, ``wait4``), JSON of ``grassroots network seeds`` (new process)."""
    cmd = [sys.executable, "-m", "grassroots", "network", "seeds", "--graph", str(graph), *args, "--json"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, json.loads(out)


def floors(
    graph: InfluenceGraph, k: int, model: str, runs: int, payoffs: np.ndarray | None = None
) -> dict[str, str]:
    """Judged spread of every baseline strategy."""
    out = {}
    for name, strategy in BASELINES.items():
        mean, half = judge_spread(graph, strategy(graph, k), model=model, runs=runs, payoffs=payoffs)
        out[name] = f"{mean:,.0f} ± {half:,.0f}"
    return out


SETTINGS = (("ic", "wc", "IC weighted cascade"), ("ic", "const:0.02", "IC uniform p = 0.02"),
            ("lt", "wc", "LT weighted cascade"))  # fmt: skip


def _epinions_setting(model: str, prob: str, runs: int) -> dict[str, str]:
    """Every measure of one diffusion setting on Epinions, k = 100, as table cells."""
    graph = load_graph(EPINIONS, probability=prob, model=model)
    cpu0 = time.process_time()
    sel = select_seeds(graph, 100, model=model, threads=2)
    cpu = time.process_time() - cpu0
    one = select_seeds(graph, 100, model=model, threads=1)
    mean, half = judge_spread(graph, sel.seeds, model=model, runs=runs)
    wall, wall_cpu, rss, out = whole_command(EPINIONS, "--k", "100", "--probability", prob, "--model", model)
    t2, t1 = sel.sample_s + sel.select_s, one.sample_s + one.select_s
    cells = {
        f"spread, ours (cynetdiff, {runs:,} runs)": f"**{mean:,.0f} ± {half:,.0f}**",
        "our estimate from independent RR sets (95% CI)": (
            f"{sel.spread:,.0f} ({sel.ci95[0]:,.0f}–{sel.ci95[1]:,.0f})"
        ),
        "RR sets (R1 + R2), entries": f"{sel.rr_sets:,}, {sel.rr_entries / 1e6:.2f} M",
        "instance approximation bound (needed)": f"{sel.approximation:.3f} (≥ {sel.guarantee:.3f})",
        "**sample + select**, 2 threads": f"**{t2:.3f} s** ({sel.sample_s:.3f} + {sel.select_s:.3f})",
        "sample + select, 1 thread": f"{t1:.3f} s",
        "same, CPU seconds of both threads": f"{cpu:.3f} s",
        "RR sets per CPU-second (per core)": f"{sel.rr_sets / cpu:,.0f}",
        "in-edges examined per CPU-second (per core)": f"{sel.edges_examined / cpu / 1e6:,.0f} M",
        "**whole command in a new process** (wall / CPU)": f"**{wall:.2f} s** / {wall_cpu:.2f} s",
        "`timings_s` of that command": ", ".join(f"{k} {v}" for k, v in dict(out["timings_s"]).items()),  # type: ignore[call-overload]
        "peak RSS (`/usr/bin/time -v`)": f"{rss} MB",
        "load average after this setting": f"{os.getloadavg()[0]:.1f}",
    }
    for peer, (secs, spread) in PEERS.get(prob, {}).items() if model == "ic" else ():
        cells[f"peer {peer} (issue)"] = f"{spread:,}" + (
            f" in {secs} s (ours / peer time {t2 / secs:.2f})" if secs else ""
        )
    for name, value in floors(graph, 100, model, runs).items():
        cells[f"floor: {name}"] = value
    return cells


def part_epinions(run: record.Run, runs: int) -> None:
    """Epinions, k = 100, ε = 0.1, δ = 1/n, 2 threads: one column per diffusion setting."""
    columns = {label: _epinions_setting(model, prob, runs) for model, prob, label in SETTINGS}
    table = run.table("main", ["", *columns])
    for measure in dict.fromkeys(m for cells in columns.values() for m in cells):
        table.row(measure, *(cells.get(measure, "") for cells in columns.values()))


def part_lt_floors(run: record.Run, runs: int, k: int = 100) -> None:
    """LT weighted cascade on Epinions: ours vs floors, judged by our simulator (cynetdiff's LT: too slow)."""
    from grassroots.network import estimate_spread

    graph = load_graph(EPINIONS, probability="wc", model="lt")
    strategies = {"OPIM-C (ours)": select_seeds(graph, k, model="lt", threads=2).seeds}
    strategies.update({name: strategy(graph, k) for name, strategy in BASELINES.items()})
    table = run.table(
        "main",
        [f"strategy (LT weighted cascade, k = {k})", "spread", "95% CI", "simulation CPU"],
        title=f"Epinions LT weighted cascade, k = {k}: our own Monte Carlo, {runs:,} runs",
    )
    for name, seeds in strategies.items():
        cpu0 = time.process_time()
        est = estimate_spread(graph, list(seeds), model="lt", runs=runs, seed=12345, threads=2)
        cpu = time.process_time() - cpu0
        low, high = est.ci95
        table.row(name, f"{est.mean:,.0f} ± {est.halfwidth:,.0f}", f"{low:,.0f}–{high:,.0f}", f"{cpu:.1f} s")


def part_tri(run: record.Run, runs: int, k: int = 100) -> None:
    """IC trivalency (0.1 / 0.01 / 0.001 per edge, seed 0) on Epinions: ours vs floors, cynetdiff judge."""
    graph = load_graph(EPINIONS, probability="tri", seed=0)
    cpu0 = time.process_time()
    sel = select_seeds(graph, k, threads=2)
    cpu = time.process_time() - cpu0
    mean, half = judge_spread(graph, sel.seeds, runs=runs)
    t = sel.sample_s + sel.select_s
    run.numbers.update(rr_sets=sel.rr_sets, rr_entries=sel.rr_entries, sample_select_s=t, cpu_s=cpu)
    table = run.table(
        "main", [f"strategy (IC trivalency, seed 0, k = {k})", f"spread (cynetdiff, {runs:,} runs)"]
    )
    table.row("OPIM-C (ours)", f"**{mean:,.0f} ± {half:,.0f}**")
    for name, value in floors(graph, k, "ic", runs).items():
        table.row(name, value)


def _power_law_graph(m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Directed Chung-Lu graph with about ``m`` arcs on m/10 nodes, power-law degrees (exponent 2.5)."""
    n = m // 10
    rng = np.random.default_rng(seed)
    weight = (np.arange(1, n + 1)) ** (-1 / 1.5)
    cum = np.cumsum(weight) / weight.sum()
    u = np.searchsorted(cum, rng.random(m))
    v = rng.permutation(n)[np.searchsorted(cum, rng.random(m))]
    return u, v


def part_scaling(
    run: record.Run, runs: int, sizes: tuple[int, ...] = (2_000_000, 5_000_000, 10_000_000)
) -> None:
    """Weighted cascade: whole command and sample + select time against arcs and k."""
    table = run.table(
        "main",
        ["graph", "nodes", "arcs", "k", "RR sets", "sample + select", "entries/s",
         "whole command (wall / CPU)", "peak RSS"],
        formats=[None, "{:,}", "{:,}", "{:,}", "{:,}", "{:.3f} s", "{:,.0f}", None, None],
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        files = [("Epinions", EPINIONS)] if sizes[0] >= 1_000_000 else []  # with the full sizes only
        for m in sizes:
            u, v = _power_law_graph(m, 1)
            path = Path(tmp) / f"chung-lu-{m}.txt"
            path.write_text("".join(f"{a}\t{b}\n" for a, b in zip(u.tolist(), v.tolist(), strict=True)))
            files.append((f"Chung-Lu {m / 1e6:g}M", path))
        for name, path in files:
            graph = load_graph(path)
            for k in (10, 100, 1000) if graph.n > 10_000 else (10, 100):
                sel = select_seeds(graph, k, threads=2)
                t = sel.sample_s + sel.select_s
                whole, rss = ("", "")
                if k == 100:
                    wall, cpu, mb, _ = whole_command(path, "--k", "100")
                    whole, rss = f"{wall:.2f} s / {cpu:.2f} s", f"{mb:,} MB"
                rate = sel.rr_entries / max(sel.sample_s, 1e-9)
                table.row(name, graph.n, graph.m, k, sel.rr_sets, t, rate, whole, rss)


def _real_graphs() -> list[tuple[str, InfluenceGraph]]:
    out = []
    for d in ("musae-twitch", "musae-lastfm", "musae-deezer", "musae-facebook", "musae-github"):
        out.append((d, load_graph(GRAPHS / d / "edges.csv", undirected=True)))
    out.append(
        ("snap-ego-facebook", load_graph(GRAPHS / "snap-ego-facebook.txt", undirected=True, header=True))
    )
    wiki = load_graph(GRAPHS / "snap-wiki-vote.txt")  # u voted for v: v influences u, so reverse
    src = np.repeat(np.arange(wiki.n), wiki.out_degree())
    out.append(("snap-wiki-vote (reversed)", build_graph(wiki.out_nbr, src, wiki.labels)))
    out.append(("epinions", load_graph(EPINIONS)))
    return out


def part_strategies(run: record.Run, runs: int, k: int = 50) -> None:
    """Every strategy on every real graph: IC weighted cascade, cynetdiff judge."""
    table = run.table(
        "main",
        ["graph", "nodes", "arcs", "OPIM-C (ours)", "celebrity", "degree discount", "PageRank", "random",
         "ours / celebrity"],
        formats=[None, "{:,}", "{:,}", None, None, None, None, None, "{:.3f}"],
    )  # fmt: skip
    for name, graph in _real_graphs():
        sel = select_seeds(graph, k, threads=2)
        mean, half = judge_spread(graph, sel.seeds, runs=runs)
        base = floors(graph, k, "ic", runs)
        celeb = float(base["celebrity"].split(" ")[0].replace(",", ""))
        table.row(
            name, graph.n, graph.m, f"**{mean:,.0f} ± {half:,.0f}**", base["celebrity"],
            base["degree-discount"], base["pagerank"], base["random"], mean / celeb,
        )  # fmt: skip


def part_targeted(run: record.Run, runs: int, k: int = 20) -> None:
    """Targeted seeding (IC weighted cascade): spread among the target segment only."""
    table = run.table(
        "main",
        ["graph", "segment", "targets", "**targeted OPIM-C**", "global OPIM-C", "celebrity",
         "celebrity in segment"],
        formats=[None, None, "{:,}", None, None, None, None],
    )  # fmt: skip
    cases = (
        ("musae-facebook", 0, "page type 0"),
        ("musae-twitch", 1, "mature content"),
        ("musae-lastfm", 17, "country 17"),
    )
    for d, value, label in cases:
        graph = load_graph(GRAPHS / d / "edges.csv", undirected=True)
        rows = np.loadtxt(
            GRAPHS / d / "target.csv", delimiter=",", skiprows=1, dtype=np.int64, usecols=(0, 1)
        )
        weights = np.zeros(graph.n)
        for node, tgt in rows.tolist():
            if tgt == value and str(node) in graph.labels:
                weights[graph.index(str(node))] = 1.0
        targeted = select_seeds(graph, k, targets=weights, threads=2).seeds
        plain = select_seeds(graph, k, threads=2).seeds
        celeb = BASELINES["celebrity"](graph, k)
        in_seg = BASELINES["celebrity"](graph, k, exclude=weights == 0)
        cells = []
        for seeds in (targeted, plain, celeb, in_seg):
            mean, half = judge_spread(graph, seeds, runs=runs, payoffs=weights)
            cells.append(f"{mean:,.0f} ± {half:,.0f}")
        table.row(d, label, int(weights.sum()), f"**{cells[0]}**", *cells[1:])


def _demo_graph(tmp: str) -> tuple[InfluenceGraph, dict[str, dict[str, str]], np.ndarray]:
    """The demo world's follow graph as influence edges (b -> a when a follows b), account rows, realness."""
    import csv

    from grassroots.demo_world import generate_world, load_truth

    world = generate_world(Path(tmp) / "world", seed=0, people=20_000)
    with open(world.path("accounts"), newline="") as fh:
        accounts = {row["id"]: row for row in csv.DictReader(fh)}
    index = {acc: i for i, acc in enumerate(accounts)}
    with open(world.path("follows"), newline="") as fh:
        pairs = [
            (index[r["dst"]], index[r["src"]])
            for r in csv.DictReader(fh)
            if r["src"] in index and r["dst"] in index
        ]
    arr = np.array(pairs)
    graph = build_graph(arr[:, 0], arr[:, 1], tuple(accounts))
    fakes = load_truth(world.path("truth")).fakes()
    real = np.array([0.0 if acc in fakes else 1.0 for acc in accounts])
    return graph, accounts, real


def _demo_lake(tmp: str) -> tuple[dict[str, float], dict[str, float], InfluenceGraph]:
    """Ingest the demo world into a lake and run `brand engagement`: engagement and interactions graph.

    Returns (mean engagement rate, mean engagements per post = rate x followers, interactions graph with
    learned probabilities), all read back from the lake through the public APIs.
    """
    from grassroots.config import Settings
    from grassroots.demo_world import FILES
    from grassroots.ingest import ingest_source, initialise
    from grassroots.lake import open_lake
    from grassroots.listen import engagement_from_lake, load_brand
    from grassroots.network import graph_from_interactions

    world_dir = Path(tmp) / "world"
    settings = Settings(data_dir=Path(tmp) / "data")
    initialise(settings)
    for role in ("accounts", "follows", "posts", "comments"):
        ingest_source(settings, role, world_dir / FILES[role])
    with open_lake(settings.lake_path) as lake:
        engagement_from_lake(lake, load_brand(world_dir / FILES["brand"]))
        rows = lake.scan("engagement", columns=["account_id", "mean_rate", "followers"]).to_pylist()
        interactions = graph_from_interactions(lake)
    rate = {r["account_id"]: float(r["mean_rate"] or 0.0) for r in rows}
    per_post = {r["account_id"]: float(r["mean_rate"] or 0.0) * float(r["followers"] or 0) for r in rows}
    return rate, per_post, interactions


def part_demo(run: record.Run, runs: int, k: int = 50) -> None:
    """Demo world (20,000 people, seed 0): IC weighted cascade, spread over real people only."""
    with tempfile.TemporaryDirectory() as tmp:
        graph, accounts, real = _demo_graph(tmp)
        rate, per_post, interactions = _demo_lake(tmp)
    reported = np.array([float(row["followers"] or 0) for row in accounts.values()])
    print(f"graph: {graph.n:,} accounts, {graph.m:,} influence arcs, {int(real.sum()):,} real people")
    print(f"interactions graph (lake): {interactions.n:,} accounts, {interactions.m:,} arcs, learned p\n")
    cities = [row["location"] for row in accounts.values() if row["location"]]
    city = max(set(cities), key=cities.count)
    segment = np.array([1.0 if row["location"] == city else 0.0 for row in accounts.values()])
    inter_seeds = select_seeds(interactions, k, threads=2).seeds
    strategies = {
        "OPIM-C (ours)": select_seeds(graph, k, threads=2).seeds,
        f"OPIM-C targeted at location {city}": select_seeds(graph, k, targets=segment, threads=2).seeds,
        "OPIM-C on the lake's interactions graph": tuple(
            graph.index(interactions.labels[s]) for s in inter_seeds if interactions.labels[s] in accounts
        ),
        "celebrity (reported followers)": tuple(int(i) for i in np.argsort(-reported, kind="stable")[:k]),
        "top engagement rate (lake 'engagement')": top_scores(
            np.array([rate.get(a, 0.0) for a in accounts]), k
        ),
        "top engagements per post (lake 'engagement')": top_scores(
            np.array([per_post.get(a, 0.0) for a in accounts]), k
        ),
        **{name: strategy(graph, k) for name, strategy in BASELINES.items()},
    }
    table = run.table(
        "main",
        [
            "strategy",
            "seeds",
            "real people reached",
            f"people in {city} reached",
            "fake accounts among seeds",
        ],
    )
    run.numbers.update(arcs=graph.m, real_people=int(real.sum()), interaction_arcs=interactions.m)
    for name, seeds in strategies.items():
        mean, half = judge_spread(graph, seeds, runs=runs, payoffs=real)
        seg, seg_half = judge_spread(graph, seeds, runs=runs, payoffs=segment * real)
        fake_seeds = int(sum(1 for s in seeds if real[s] == 0))
        table.row(name, len(seeds), f"{mean:,.0f} ± {half:,.0f}", f"{seg:,.0f} ± {seg_half:,.0f}", fake_seeds)


def part_timing(run: record.Run, runs: int, repeats: int = 5) -> None:
    """Timing only (seeds are deterministic): min and median of repeated runs, in-process and new process."""
    table = run.table(
        "main",
        ["setting", "sample + select, wall", "same, CPU (both threads)", "whole command, wall",
         "whole command, CPU", "load after"],
        title=f"Epinions timing, IC k = 100, {repeats} repetitions (min / median)",
    )  # fmt: skip
    for prob in ("wc", "const:0.02"):
        graph = load_graph(EPINIONS, probability=prob)
        walls, cpus, whole, whole_cpu = [], [], [], []
        for _ in range(repeats):
            cpu0 = time.process_time()
            sel = select_seeds(graph, 100, threads=2)
            cpus.append(time.process_time() - cpu0)
            walls.append(sel.sample_s + sel.select_s)
            wall, cpu, _, _ = whole_command(EPINIONS, "--k", "100", "--probability", prob)
            whole.append(wall)
            whole_cpu.append(cpu)

        def fmt(xs: list[float]) -> str:
            return f"{min(xs):.3f} / {float(np.median(xs)):.3f} s"

        name = "weighted cascade" if prob == "wc" else "uniform 0.02"
        table.row(name, fmt(walls), fmt(cpus), fmt(whole), fmt(whole_cpu), f"{os.getloadavg()[0]:.1f}")


def part_quick(run: record.Run, runs: int) -> None:
    """The CI smoke run: a 20,000-arc generated graph, k = 10, and the whole command once."""
    part_scaling(run, runs, sizes=(20_000,))
    with tempfile.TemporaryDirectory() as tmp:
        u, v = _power_law_graph(20_000, 2)
        path = Path(tmp) / "g.txt"
        path.write_text("".join(f"{a}\t{b}\n" for a, b in zip(u.tolist(), v.tolist(), strict=True)))
        graph = load_graph(path)
        sel = select_seeds(graph, 10, threads=2)
        mean, half = judge_spread(graph, sel.seeds, runs=runs)
        table = run.table("strategies", ["strategy (IC weighted cascade, k = 10)", f"spread ({runs} runs)"])
        table.row("OPIM-C (ours)", f"{mean:,.0f} ± {half:,.0f}")
        for name, value in floors(graph, 10, "ic", runs).items():
            table.row(name, value)


PARTS = {
    "epinions": part_epinions,
    "scaling": part_scaling,
    "strategies": part_strategies,
    "targeted": part_targeted,
    "demo": part_demo,
    "timing": part_timing,
    "lt-floors": part_lt_floors,
    "tri": part_tri,
}
RUNS = {"epinions": 2000, "lt-floors": 2000}  # Monte Carlo runs of the judge by part (default 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all")
    parser.add_argument(
        "--runs", type=int, default=None, help="Monte Carlo runs of the judge (default by part)"
    )
    args = record.parse_args(parser, argv)
    if args.quick:
        run = record.Run.start("seeding-quick", argv, quick=True, module="seeding")
        part_quick(run, args.runs or 100)
        run.write(args.out)
        return 0
    if not EPINIONS.exists():
        sys.stderr.write(f"needs {GRAPHS} (../shared/data)\n")
        return 1
    for name, part in PARTS.items():
        if args.part in (name, "all"):
            runs = args.runs or RUNS.get(name, 1000)
            run = record.Run.start(f"seeding-{name}", ["--part", name, "--runs", str(runs)], module="seeding")
            part(run, runs)
            run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
