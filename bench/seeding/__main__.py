"""Seeding benchmark.

Run: ``.venv/bin/python -m bench.seeding [--part PART]``, PART one of epinions, scaling, strategies,
targeted, demo, timing, lt-floors, tri.

Every spread is judged by cynetdiff's Monte Carlo (a separate C simulator), except in ``lt-floors``:
cynetdiff's LT simulator needed minutes per strategy on Epinions, so our own simulator judges there.
Peer figures (SUBSIM, OPIM-C, best seen) are the ones measured on this machine type in issue 5.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

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
    """Wall and CPU seconds, peak RSS (MB), JSON of ``grassroots network seeds`` in a new process."""
    cmd = [
        "/usr/bin/time",
        "-v",
        str(ROOT / ".venv/bin/grassroots"),
        "network",
        "seeds",
        "--graph",
        str(graph),
    ]
    start = time.perf_counter()
    done = subprocess.run([*cmd, *args, "--json"], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) // 1024  # type: ignore[union-attr]
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
    return wall, cpu, rss, json.loads(done.stdout)


def floors(
    graph: InfluenceGraph, k: int, model: str, runs: int, payoffs: np.ndarray | None = None
) -> dict[str, str]:
    """Judged spread of every baseline strategy."""
    out = {}
    for name, strategy in BASELINES.items():
        mean, half = judge_spread(graph, strategy(graph, k), model=model, runs=runs, payoffs=payoffs)
        out[name] = f"{mean:,.0f} ± {half:,.0f}"
    return out


def part_epinions(runs: int) -> None:
    print("## Epinions (75,879 nodes, 811,480 arcs), k = 100, ε = 0.1, δ = 1/n, 2 threads\n")
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.1f} on 2 cores (other engineers' jobs share the machine)\n")
    for model, prob in (("ic", "wc"), ("ic", "const:0.02"), ("lt", "wc")):
        graph = load_graph(EPINIONS, probability=prob, model=model)
        cpu0 = time.process_time()
        sel = select_seeds(graph, 100, model=model, threads=2)
        cpu = time.process_time() - cpu0
        one = select_seeds(graph, 100, model=model, threads=1)
        mean, half = judge_spread(graph, sel.seeds, model=model, runs=runs)
        wall, wall_cpu, rss, out = whole_command(
            EPINIONS, "--k", "100", "--probability", prob, "--model", model
        )
        per_core = sel.rr_sets / cpu
        edges_core = sel.edges_examined / cpu
        print(f"### {model.upper()} {prob}\n")
        print("| measure | value |\n|---|---|")
        print(f"| spread (cynetdiff MC, {runs} runs) | **{mean:,.0f} ± {half:,.0f}** |")
        print(
            f"| our own estimate (independent RR sets) | {sel.spread:,.0f} "
            f"(95% CI {sel.ci95[0]:,.0f}-{sel.ci95[1]:,.0f}) |"
        )
        print(f"| RR sets (R1 + R2) | {sel.rr_sets:,} ({sel.rr_entries:,} entries) |")
        print(f"| instance guarantee | {sel.approximation:.3f} (needed ≥ {sel.guarantee:.3f}) |")
        t2 = sel.sample_s + sel.select_s
        print(f"| sample + select, 2 threads | **{t2:.3f} s** ({sel.sample_s:.3f} + {sel.select_s:.3f}) |")
        t1 = one.sample_s + one.select_s
        print(f"| sample + select, 1 thread | {t1:.3f} s ({one.sample_s:.3f} + {one.select_s:.3f}) |")
        print(f"| CPU time of sample + select (both threads) | {cpu:.3f} s |")
        print(f"| RR sets per CPU-second (per core) | {per_core:,.0f} |")
        print(f"| in-edges examined per CPU-second (per core) | {edges_core:,.0f} |")
        print(
            f"| whole command, new process | **{wall:.2f} s wall**, {wall_cpu:.2f} s CPU; "
            f"{out['timings_s']} |"
        )
        print(f"| peak RSS | {rss} MB |")
        print(f"| load average (1 min) after this setting | {os.getloadavg()[0]:.1f} on 2 cores |")
        if model == "ic":
            for peer, (secs, spread) in PEERS[prob].items():
                ratio = f"time ratio ours/peer {t2 / secs:.2f}" if secs else ""
                print(f"| peer {peer} | {spread:,} {f'in {secs} s' if secs else ''} {ratio} |")
        for name, value in floors(graph, 100, model, runs).items():
            print(f"| floor: {name} | {value} |")
        print()


def part_lt_floors(runs: int, k: int = 100) -> None:
    """LT weighted cascade on Epinions: ours vs floors, judged by our simulator (cynetdiff's LT: too slow)."""
    from grassroots.network import estimate_spread

    print(f"## Epinions LT weighted cascade, k = {k}: floors by our own Monte Carlo ({runs} runs)\n")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on 2 cores\n")
    graph = load_graph(EPINIONS, probability="wc", model="lt")
    strategies = {"OPIM-C (ours)": select_seeds(graph, k, model="lt", threads=2).seeds}
    strategies.update({name: strategy(graph, k) for name, strategy in BASELINES.items()})
    print("| strategy | spread (mean ± 95% half-width) | 95% CI | simulation CPU s |")
    print("|---|---|---|---|")
    for name, seeds in strategies.items():
        cpu0 = time.process_time()
        est = estimate_spread(graph, list(seeds), model="lt", runs=runs, seed=12345, threads=2)
        cpu = time.process_time() - cpu0
        low, high = est.ci95
        print(f"| {name} | {est.mean:,.0f} ± {est.halfwidth:,.0f} | {low:,.0f}–{high:,.0f} | {cpu:.2f} |")
    print()


def part_tri(runs: int, k: int = 100) -> None:
    """IC trivalency (0.1 / 0.01 / 0.001 per edge, seed 0) on Epinions: ours vs floors, cynetdiff judge."""
    print(f"## Epinions IC trivalency (seed 0), k = {k}, cynetdiff MC {runs} runs\n")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on 2 cores\n")
    graph = load_graph(EPINIONS, probability="tri", seed=0)
    cpu0 = time.process_time()
    sel = select_seeds(graph, k, threads=2)
    cpu = time.process_time() - cpu0
    mean, half = judge_spread(graph, sel.seeds, runs=runs)
    t = sel.sample_s + sel.select_s
    print(f"RR sets {sel.rr_sets:,} ({sel.rr_entries:,} entries); sample + select {t:.2f} s wall, ", end="")
    print(f"{cpu:.2f} s CPU\n")
    print("| strategy | spread |\n|---|---|")
    print(f"| OPIM-C (ours) | {mean:,.0f} ± {half:,.0f} |")
    for name, value in floors(graph, k, "ic", runs).items():
        print(f"| {name} | {value} |")
    print()


def _power_law_graph(m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Directed Chung-Lu graph with about ``m`` arcs on m/10 nodes, power-law degrees (exponent 2.5)."""
    n = m // 10
    rng = np.random.default_rng(seed)
    weight = (np.arange(1, n + 1)) ** (-1 / 1.5)
    cum = np.cumsum(weight) / weight.sum()
    u = np.searchsorted(cum, rng.random(m))
    v = rng.permutation(n)[np.searchsorted(cum, rng.random(m))]
    return u, v


def part_scaling(runs: int) -> None:
    print("## Scaling: weighted cascade, whole command and sample+select time vs edges and k\n")
    print(
        "| graph | nodes | arcs | k | RR sets | sample+select (2 thr) | entries/s "
        "| whole command | peak RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        files = [("epinions", EPINIONS)]
        for m in (2_000_000, 5_000_000, 10_000_000):
            u, v = _power_law_graph(m, 1)
            path = Path(tmp) / f"chung-lu-{m}.txt"
            path.write_text("".join(f"{a}\t{b}\n" for a, b in zip(u.tolist(), v.tolist(), strict=True)))
            files.append((f"Chung-Lu {m // 1_000_000}M", path))
        for name, path in files:
            graph = load_graph(path)
            for k in (10, 100, 1000):
                sel = select_seeds(graph, k, threads=2)
                t = sel.sample_s + sel.select_s
                whole, rss = ("", "")
                if k == 100:
                    wall, cpu, mb, _ = whole_command(path, "--k", "100")
                    whole, rss = f"{wall:.2f} s wall, {cpu:.2f} s CPU", f"{mb} MB"
                rate = sel.rr_entries / sel.sample_s
                print(
                    f"| {name} | {graph.n:,} | {graph.m:,} | {k} | {sel.rr_sets:,} | {t:.3f} s | {rate:,.0f} "
                    f"| {whole} | {rss} |"
                )
    print()


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


def part_strategies(runs: int, k: int = 50) -> None:
    print(f"## Every strategy on every real graph: IC weighted cascade, k = {k}, cynetdiff MC {runs} runs\n")
    print(
        "| graph | nodes | arcs | OPIM-C (ours) | celebrity | degree-discount | pagerank | random "
        "| ours/celebrity |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, graph in _real_graphs():
        sel = select_seeds(graph, k, threads=2)
        mean, half = judge_spread(graph, sel.seeds, runs=runs)
        base = floors(graph, k, "ic", runs)
        celeb = float(base["celebrity"].split(" ")[0].replace(",", ""))
        print(
            f"| {name} | {graph.n:,} | {graph.m:,} | **{mean:,.0f} ± {half:,.0f}** | {base['celebrity']} "
            f"| {base['degree-discount']} | {base['pagerank']} | {base['random']} | {mean / celeb:.3f} |"
        )
    print()


def part_targeted(runs: int, k: int = 20) -> None:
    print(f"## Targeted seeding (IC weighted cascade, k = {k}): spread among the target segment only\n")
    print(
        "| graph | target segment | targets | targeted OPIM-C | global OPIM-C | celebrity "
        "| celebrity in segment |"
    )
    print("|---|---|---|---|---|---|---|")
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
        print(f"| {d} | {label} | {int(weights.sum()):,} | **{cells[0]}** | {' | '.join(cells[1:])} |")
    print()


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


def part_demo(runs: int, k: int = 50) -> None:
    print(
        f"## Demo world (20,000 people, seed 0): IC weighted cascade, k = {k}, spread over real people only\n"
    )
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
    print(
        f"| strategy | seeds | real people reached | people in {city} reached | fake accounts among seeds |"
    )
    print("|---|---|---|---|---|")
    for name, seeds in strategies.items():
        mean, half = judge_spread(graph, seeds, runs=runs, payoffs=real)
        seg, seg_half = judge_spread(graph, seeds, runs=runs, payoffs=segment * real)
        fake_seeds = int(sum(1 for s in seeds if real[s] == 0))
        cells = f"{mean:,.0f} ± {half:,.0f} | {seg:,.0f} ± {seg_half:,.0f}"
        print(f"| {name} | {len(seeds)} | {cells} | {fake_seeds} |")
    print()


def part_timing(runs: int, repeats: int = 5) -> None:
    """Timing only (seeds are deterministic): min and median of repeated runs, in-process and new process."""
    print(f"## Epinions timing, IC k = 100, {repeats} repetitions (min / median)\n")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on 2 cores\n")
    print("| setting | sample + select, wall | CPU | whole command, wall | whole command, CPU | load after |")
    print("|---|---|---|---|---|---|")
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

        print(
            f"| {prob} | {fmt(walls)} | {fmt(cpus)} | {fmt(whole)} | {fmt(whole_cpu)} "
            f"| {os.getloadavg()[0]:.1f} |"
        )
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--part",
        choices=[
            "epinions",
            "scaling",
            "strategies",
            "targeted",
            "demo",
            "timing",
            "lt-floors",
            "tri",
            "all",
        ],
        default="all",
    )
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    if not EPINIONS.exists():
        sys.stderr.write(f"needs {GRAPHS} (../shared/data)\n")
        return 1
    parts = {
        "epinions": part_epinions,
        "scaling": part_scaling,
        "strategies": part_strategies,
        "targeted": part_targeted,
        "demo": part_demo,
        "timing": part_timing,
        "lt-floors": part_lt_floors,
        "tri": part_tri,
    }
    for name, part in parts.items():
        if args.part in (name, "all"):
            part(args.runs)
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
