"""File-level entry points: read a graph and node files, select seeds or estimate spread.

Node files hold one node id per line (as written in the graph file), optionally followed by a
number: a weight for ``--target`` (default 1), a cost for ``--costs`` (required). Blank lines and
lines starting with ``#`` or ``%`` are skipped. Ids absent from the graph are ignored in target
and exclusion files (they cannot be reached or seeded) but are errors in seed files; nodes absent
from a costs file cannot be seeded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from grassroots.errors import InvalidRecord, SourceError
from grassroots.network.graph import InfluenceGraph, load_graph
from grassroots.network.profile import GraphProfile, profile_graph
from grassroots.network.seeding import SeedSelection, select_seeds
from grassroots.network.simulate import SpreadEstimate, estimate_spread
from grassroots.records import ProgressFn
from grassroots.rules import require_at_least

__all__ = [
    "GraphOptions",
    "ProfileRun",
    "SeedingRun",
    "profile_from_files",
    "profile_run_from_files",
    "read_node_categories",
    "read_node_values",
    "seeds_from_files",
    "spread_from_files",
]


@dataclass(frozen=True)
class GraphOptions:
    """How to read a graph file (see :func:`grassroots.network.graph.load_graph`)."""

    probability: str = "wc"
    model: str = "ic"
    undirected: bool = False
    header: bool | None = None
    normalise: bool = False
    seed: int = 0  # draws the ``tri`` (trivalency) probabilities


@dataclass(frozen=True)
class SeedingRun:
    """A seed selection with the graph it was made on and the load time a report needs."""

    labels: tuple[str, ...]
    selection: SeedSelection
    nodes: int
    edges: int
    load_s: float
    graph: InfluenceGraph | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class ProfileRun:
    """A graph profile with the graph it describes (to store it under the graph's fingerprint)."""

    profile: GraphProfile
    graph: InfluenceGraph


def _load(path: Path, options: GraphOptions) -> InfluenceGraph:
    return load_graph(
        path,
        probability=options.probability,
        model=options.model,
        undirected=options.undirected,
        header=options.header,
        normalise=options.normalise,
        seed=options.seed,
    )


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def read_node_categories(path: str | Path, graph: InfluenceGraph) -> dict[int, str]:
    """Read ``id,category`` lines (comma or whitespace); ids absent from the graph (a header) are skipped."""
    out: dict[int, str] = {}
    for line in _lines(Path(path)):
        fields = line.replace(",", " ").split()
        if len(fields) >= 2 and fields[0][0] not in "#%":
            try:
                out[graph.index(fields[0])] = fields[1]
            except KeyError:
                continue
    return out


def read_node_values(
    path: str | Path, graph: InfluenceGraph, *, default: float | None, strict: bool
) -> dict[int, float]:
    """Read ``id [number]`` lines into {node index: number}.

    ``default`` is used when the number is missing (``None`` makes it required); ``strict``
    makes ids absent from the graph an error naming FILE:LINE.
    """
    path = Path(path)
    values: dict[int, float] = {}
    for line_no, line in enumerate(_lines(path), start=1):
        fields = line.replace(",", " ").split()
        if not fields or fields[0][0] in "#%":
            continue
        try:
            node = graph.index(fields[0])
        except KeyError:
            if strict:
                raise InvalidRecord(
                    str(path), line_no, "id", f"{fields[0]!r} is not a node of the graph"
                ) from None
            continue
        values[node] = _number(fields, default, str(path), line_no)
    return values


def _number(fields: list[str], default: float | None, path: str, line_no: int) -> float:
    if len(fields) < 2:
        if default is None:
            raise InvalidRecord(path, line_no, "value", "missing the number after the id")
        return default
    try:
        value = float(fields[1])
    except ValueError:
        value = float("nan")
    if not value >= 0 or value == float("inf"):
        raise InvalidRecord(path, line_no, "value", f"{fields[1]!r} is not a finite number >= 0")
    return value


def _as_array(values: dict[int, float], n: int, fill: float) -> npt.NDArray[np.float64]:
    out = np.full(n, fill)
    if values:
        out[list(values)] = list(values.values())
    return out


def seeds_from_files(
    graph_path: str | Path,
    k: int,
    *,
    options: GraphOptions = GraphOptions(),
    epsilon: float = 0.1,
    delta: float | None = None,
    seed: int = 0,
    targets: str | Path | None = None,
    exclude: str | Path | None = None,
    costs: str | Path | None = None,
    budget: float | None = None,
    threads: int = 2,
    progress: ProgressFn | None = None,
) -> SeedingRun:
    """Load the graph and node files, validate everything, then select seeds."""
    require_at_least(threads, 1, name="threads")
    clock = time.perf_counter()
    graph = _load(Path(graph_path), options)
    weights = exclusion = cost_arr = None
    if targets is not None:
        weights = _as_array(read_node_values(targets, graph, default=1.0, strict=False), graph.n, 0.0)
    if exclude is not None:
        exclusion = np.zeros(graph.n, dtype=np.bool_)
        exclusion[list(read_node_values(exclude, graph, default=0.0, strict=False))] = True
    if costs is not None:
        cost_arr = _as_array(read_node_values(costs, graph, default=None, strict=False), graph.n, np.inf)
        unknown = ~np.isfinite(cost_arr)
        exclusion = unknown if exclusion is None else exclusion | unknown
        cost_arr[unknown] = 1.0
    load_s = time.perf_counter() - clock
    selection = select_seeds(
        graph,
        k,
        model=options.model,
        epsilon=epsilon,
        delta=delta,
        seed=seed,
        targets=weights,
        exclude=exclusion,
        costs=cost_arr,
        budget=budget,
        threads=threads,
        progress=progress,
    )
    labels = tuple(graph.labels[s] for s in selection.seeds)
    return SeedingRun(labels, selection, graph.n, graph.m, load_s, graph)


def spread_from_files(
    graph_path: str | Path,
    seeds_path: str | Path,
    *,
    options: GraphOptions = GraphOptions(),
    runs: int = 1000,
    seed: int = 0,
    threads: int = 2,
) -> SpreadEstimate:
    """Monte Carlo expected spread of the seeds listed in a file (e.g. ``network seeds`` output)."""
    require_at_least(runs, 1, name="runs")
    require_at_least(threads, 1, name="threads")
    graph = _load(Path(graph_path), options)
    chosen = read_node_values(seeds_path, graph, default=0.0, strict=True)
    if not chosen:
        raise InvalidRecord(str(seeds_path), None, None, "no seed ids in the file")
    return estimate_spread(graph, list(chosen), model=options.model, runs=runs, seed=seed, threads=threads)


def profile_from_files(
    graph_path: str | Path,
    *,
    options: GraphOptions = GraphOptions(),
    attributes: str | Path | None = None,
    seed: int = 0,
) -> GraphProfile:
    """Load a graph (and optionally a node-attribute file) and profile it."""
    return profile_run_from_files(graph_path, options=options, attributes=attributes, seed=seed).profile


def profile_run_from_files(
    graph_path: str | Path,
    *,
    options: GraphOptions = GraphOptions(),
    attributes: str | Path | None = None,
    seed: int = 0,
) -> ProfileRun:
    """:func:`profile_from_files`, keeping the loaded graph for :func:`store_network_profile`."""
    graph = _load(Path(graph_path), options)
    attribute = None if attributes is None else read_node_categories(attributes, graph)
    return ProfileRun(profile_graph(graph, attribute=attribute, seed=seed), graph)
