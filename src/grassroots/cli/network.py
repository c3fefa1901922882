"""`grassroots network ...` commands: seed selection, spread estimation, graph profile."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.network import GraphOptions, LakeSource, SeedingRun

__all__ = ["app"]

app = typer.Typer(help="Choose whom to seed so word of mouth spreads furthest.", no_args_is_help=True)

GraphFile = Annotated[
    Path, typer.Option("--graph", help="Edge list 'u v [weight]' (u can influence v); .gz ok.")
]
Model = Annotated[str, typer.Option("--model", help="Diffusion model: ic or lt.")]
Probability = Annotated[
    str,
    typer.Option(
        "--probability",
        help="Edge probabilities: wc (1/in-degree), const:P, tri (0.1/0.01/0.001 drawn from --seed) "
        "or weight (3rd column).",
    ),
]
Undirected = Annotated[
    bool, typer.Option("--undirected", help="Each line is a mutual tie: add both directions.")
]
Header = Annotated[
    bool, typer.Option("--header", help="Skip the first line (auto for .csv with a text header).")
]
Normalise = Annotated[bool, typer.Option("--normalise", help="LT: rescale incoming weights summing above 1.")]


def _process_age() -> float:
    """Seconds since this process started (Linux /proc; 0.0 elsewhere)."""
    try:
        import os

        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        since_boot = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, since_boot - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def _options(
    probability: str, model: str, undirected: bool, header: bool, normalise: bool, seed: int = 0
) -> GraphOptions:
    from grassroots.network import GraphOptions

    return GraphOptions(probability, model, undirected, True if header else None, normalise, seed)


@app.command()
def seeds(
    graph: GraphFile,
    k: Annotated[int, typer.Option("--k", help="Number of seeds.")],
    model: Model = "ic",
    probability: Probability = "wc",
    epsilon: Annotated[float, typer.Option("--epsilon", help="Approximation slack ε.")] = 0.1,
    delta: Annotated[float | None, typer.Option("--delta", help="Failure probability (default 1/n).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    undirected: Undirected = False,
    header: Header = False,
    normalise: Normalise = False,
    target: Annotated[Path | None, typer.Option("--target", help="Target nodes 'id [weight]'.")] = None,
    exclude: Annotated[Path | None, typer.Option("--exclude", help="Ids never to seed, one a line.")] = None,
    costs: Annotated[
        Path | None, typer.Option("--costs", help="Seed costs 'id cost' (with --budget).")
    ] = None,
    budget: Annotated[float | None, typer.Option("--budget", help="Total budget for --costs.")] = None,
    threads: Annotated[int, typer.Option("--threads", help="Sampling threads.")] = 2,
    json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Print the seed ids, one per line in selection order (estimates and timings go to stderr)."""
    startup = _process_age()
    clock = time.perf_counter()
    from grassroots.cli._console import workspace

    with workspace() as ws:
        run = ws.seeds_from_file(
            graph, k=k, options=_options(probability, model, undirected, header, normalise, seed),
            epsilon=epsilon, delta=delta, seed=seed, target=target, exclude=exclude, costs=costs,
            budget=budget, threads=threads,
        )  # fmt: skip
    _render(run, startup, startup + time.perf_counter() - clock, json)


def _render(run: SeedingRun, startup: float, total: float, as_json: bool) -> None:
    from grassroots.cli._console import emit_json

    sel = run.selection
    timings = {
        "startup": startup,
        "load": run.load_s,
        "sample": sel.sample_s,
        "select": sel.select_s,
        "total": total,
    }
    if as_json:
        emit_json(
            {
                "seeds": list(run.labels),
                "spread": {"mean": sel.spread, "ci95": list(sel.ci95)},
                "epsilon": sel.epsilon,
                "delta": sel.delta,
                "guarantee": sel.guarantee,
                "approximation": sel.approximation,
                "rr_sets": sel.rr_sets,
                "nodes": run.nodes,
                "edges": run.edges,
                "timings_s": {key: round(value, 4) for key, value in timings.items()},
            }
        )
    else:
        sys.stdout.write("".join(label + "\n" for label in run.labels))
    sys.stderr.write(
        f"{len(run.labels)} seeds on {run.nodes} nodes, {run.edges} edges; expected spread {sel.spread:.1f} "
        f"(95% CI {sel.ci95[0]:.1f}-{sel.ci95[1]:.1f}, seeds included)\n"
        f"guarantee: >= {sel.guarantee:.3f} x optimal with probability >= 1 - {sel.delta:.3g} "
        f"(this run's bound {sel.approximation:.3f}); {sel.rr_sets} RR sets\n"
        "timings_s: " + " ".join(f"{key} {value:.3f}" for key, value in timings.items()) + "\n"
    )


@app.command()
def spread(
    graph: GraphFile,
    seeds: Annotated[Path, typer.Option("--seeds", help="Seed ids, one a line (network seeds output).")],
    model: Model = "ic",
    probability: Probability = "wc",
    runs: Annotated[int, typer.Option("--runs", help="Monte Carlo runs.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    undirected: Undirected = False,
    header: Header = False,
    normalise: Normalise = False,
) -> None:
    """Print 'spread MEAN +- HALFWIDTH95 runs R' (seeds counted) by Monte Carlo simulation."""
    from grassroots.cli._console import workspace

    options = _options(probability, model, undirected, header, normalise, seed)
    with workspace() as ws:
        estimate = ws.spread_from_file(graph, seeds, options=options, runs=runs, seed=seed)
    typer.echo(f"spread {estimate.mean:.2f} +- {estimate.halfwidth:.2f} runs {estimate.runs}")


@app.command()
def communities(
    platform: Annotated[str | None, typer.Option("--platform", help="Only this platform's follows.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (community detection).")] = 0,
) -> None:
    """Each account's community in the lake's follows graph, kept in the lake table 'communities'."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        emit_json(ws.network_communities(platform=platform, seed=seed))


@app.command()
def build(
    source: Annotated[str, typer.Option("--from-lake", help="Which lake graph: follows or interactions.")],
    out: Annotated[Path, typer.Option("--out", help="Edge file to write: 'u v p' lines.")],
    platform: Annotated[str | None, typer.Option("--platform", help="Only this platform's rows.")] = None,
    probability: Annotated[
        str | None,
        typer.Option(
            "--probability", help="learned (interactions; default), wc (follows; default), const:P, tri."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (tri).")] = 0,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Data directory holding the lake.")
    ] = None,
) -> None:
    """Write the lake's follows or interactions graph as an edge file for 'seeds --probability weight'."""
    from grassroots.cli._console import err, workspace

    with workspace(data_dir=data_dir) as ws:
        built = ws.network_build(
            out,
            source=cast("LakeSource", source),
            platform=platform,
            probability=probability,
            seed=seed,
        )
    err.print(f"{built.nodes} nodes, {built.edges} influence edges from lake {built.source} -> {built.path}")


@app.command()
def profile(
    graph: GraphFile,
    attributes: Annotated[
        Path | None, typer.Option("--attributes", help="Node categories 'id,value' for homophily.")
    ] = None,
    undirected: Undirected = False,
    header: Header = False,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (community detection).")] = 0,
    json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Report size, reciprocity, communities, clustering, k-core, PageRank and attribute homophily."""
    from dataclasses import asdict

    from grassroots.cli._console import emit_json, workspace

    options = _options("wc", "ic", undirected, header, False)
    with workspace() as ws:
        report = asdict(ws.network_profile(graph, options=options, attributes=attributes, seed=seed))
    if json:
        emit_json(report)
        return
    homophily = report.pop("homophily") or {}
    for key, value in [*report.items(), *((f"homophily.{k}", v) for k, v in homophily.items())]:
        shown = ", ".join(map(str, value)) if isinstance(value, tuple | list) else value
        typer.echo(f"{key:30} {shown:.4g}" if isinstance(shown, float) else f"{key:30} {shown}")
