"""Workspace methods of the network stage: the seed plan from the lake, graph files, profiles, spread."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import WorkspaceBase, now
from grassroots.workspace.results import NetworkBuildResult, SeedPlanResult

if TYPE_CHECKING:
    from grassroots.network import GraphOptions, GraphProfile, LakeSource, Model, SeedingRun, SpreadEstimate

__all__ = ["NetworkMethods"]


class NetworkMethods(WorkspaceBase):
    """Whom to seed so word of mouth spreads furthest, and what the graph looks like."""

    def seeds(
        self,
        *,
        k: int = 20,
        model: Model = "ic",
        probability: str = "wc",
        exclude: Collection[str] = (),
        platform: str | None = None,
        seed: int = 0,
        runs: int = 1000,
    ) -> SeedPlanResult:
        """Choose ``k`` seeds on the lake's follows graph (a follows b: b can influence a), never one
        of ``exclude`` (e.g. ``FakeFollowerResult.likely_fake``), and estimate their expected reach
        by ``runs`` Monte Carlo cascades. ``probability``: ``wc``, ``const:P``, ``tri`` or ``weight``.
        The plan is written to ``results/seed-plan.txt`` and recorded as a ``seed_plan`` run."""
        import numpy as np

        from grassroots.lake import UpsertCounts
        from grassroots.network import estimate_spread, graph_from_lake, select_seeds

        started = now()
        with self._lake() as lake:
            graph = graph_from_lake(lake, platform=platform, probability=probability, model=model, seed=seed)
            banned = set(exclude)
            mask = np.array([label in banned for label in graph.labels], dtype=np.bool_)
            chosen = select_seeds(graph, k, model=model, seed=seed, exclude=mask, progress=self.progress)
            spread = estimate_spread(graph, chosen.seeds, model=model, runs=runs, seed=seed)
            labels = tuple(graph.labels[i] for i in chosen.seeds)
            path = self._results_file("seed-plan.txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(f"{label}\n" for label in labels), encoding="utf-8")
            params: dict[str, Any] = {
                "k": k,
                "model": model,
                "probability": probability,
                "platform": platform,
            }
            params |= {"seed": seed, "runs": runs, "excluded": int(mask.sum()), "actor": self.actor}
            params["expected_reach"] = round(spread.mean, 3)
            counts = UpsertCounts(read=graph.n, inserted=0, updated=0, unchanged=0)
            run_id = lake.record_run("seed_plan", started=started, counts=counts, parameters=params)
        return SeedPlanResult(
            labels, spread.mean, spread.halfwidth, int(mask.sum()), graph.n, graph.m, run_id, path
        )

    def network_build(
        self,
        out: Path,
        *,
        source: LakeSource = "follows",
        platform: str | None = None,
        probability: str | None = None,
        seed: int = 0,
    ) -> NetworkBuildResult:
        """Write the lake's follows or interactions influence graph as ``u v p`` lines (the edge file
        ``seeds_from_file(..., probability="weight")`` reads)."""
        from grassroots.network import lake_edge_file

        with self._lake(read_only=True) as lake:
            graph = lake_edge_file(
                lake, Path(out), source=source, platform=platform, probability=probability, seed=seed
            )
        return NetworkBuildResult(source, Path(out), graph.n, graph.m)

    def seeds_from_file(
        self,
        graph: Path,
        *,
        k: int,
        options: GraphOptions | None = None,
        epsilon: float = 0.1,
        delta: float | None = None,
        seed: int = 0,
        target: Path | None = None,
        exclude: Path | None = None,
        costs: Path | None = None,
        budget: float | None = None,
        threads: int = 2,
    ) -> SeedingRun:
        """Seeds maximising expected spread on an edge-list file (OPIM-C; targeted, budgeted)."""
        from grassroots.network import GraphOptions, seeds_from_files

        return seeds_from_files(
            graph, k, options=options or GraphOptions(), epsilon=epsilon, delta=delta, seed=seed,
            targets=target, exclude=exclude, costs=costs, budget=budget, threads=threads,
            progress=self.progress,
        )  # fmt: skip

    def spread_from_file(
        self,
        graph: Path,
        seeds: Path,
        *,
        options: GraphOptions | None = None,
        runs: int = 1000,
        seed: int = 0,
    ) -> SpreadEstimate:
        """Monte Carlo expected spread (seeds counted) of the seed ids listed in a file."""
        from grassroots.network import GraphOptions, spread_from_files

        return spread_from_files(graph, seeds, options=options or GraphOptions(), runs=runs, seed=seed)

    def network_profile(
        self,
        graph: Path,
        *,
        options: GraphOptions | None = None,
        attributes: Path | None = None,
        seed: int = 0,
    ) -> GraphProfile:
        """Communities, modularity, reciprocity, clustering, k-core, PageRank, attribute homophily."""
        from grassroots.network import GraphOptions, profile_from_files

        return profile_from_files(graph, options=options or GraphOptions(), attributes=attributes, seed=seed)
