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
        The plan is stored in the lake table ``seed_plans`` (run ``select_seeds``) and exported to
        ``results/seed-plan.txt``."""
        import numpy as np

        from grassroots.network import estimate_spread, graph_from_lake, select_seeds, store_seed_plan

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
            params: dict[str, Any] = {"probability": probability, "platform": platform, "seed": seed}
            params |= {"runs": runs, "excluded": int(mask.sum())}
            plan_id = store_seed_plan(
                lake, graph, chosen, k=k, model=model, parameters=params, source="lake: follows"
            )
            run_id = self._last_run(lake, "select_seeds", started)
        return SeedPlanResult(
            labels, spread.mean, spread.halfwidth, int(mask.sum()), graph.n, graph.m, run_id, path, plan_id
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
        """Seeds maximising expected spread on an edge-list file (OPIM-C; targeted, budgeted). Needs
        no data dir; once the workspace is initialised the plan is stored in ``seed_plans``."""
        from grassroots.network import GraphOptions, seeds_from_files

        chosen = options or GraphOptions()
        run = seeds_from_files(
            graph, k, options=chosen, epsilon=epsilon, delta=delta, seed=seed,
            targets=target, exclude=exclude, costs=costs, budget=budget, threads=threads,
            progress=self.progress,
        )  # fmt: skip
        if self.initialised and run.graph is not None:
            from grassroots.network import store_seed_plan

            files = {"target": target, "exclude": exclude, "costs": costs}
            params: dict[str, Any] = {"probability": chosen.probability, "undirected": chosen.undirected}
            params |= {"normalise": chosen.normalise, "seed": seed, "delta": delta, "budget": budget}
            params |= {name: str(path) for name, path in files.items() if path is not None}
            with self._lake() as lake:
                store_seed_plan(
                    lake,
                    run.graph,
                    run.selection,
                    k=k,
                    model=chosen.model,
                    parameters=params,
                    source=str(graph),
                )
        return run

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
        """Communities, modularity, reciprocity, clustering, k-core, PageRank, attribute homophily.
        Needs no data dir; once the workspace is initialised the profile is stored in
        ``network_profiles``."""
        from grassroots.network import GraphOptions, profile_run_from_files

        chosen = options or GraphOptions()
        done = profile_run_from_files(graph, options=chosen, attributes=attributes, seed=seed)
        if self.initialised:
            from grassroots.network import store_network_profile

            params = {"undirected": chosen.undirected, "seed": seed, "attributes": str(attributes or "")}
            with self._lake() as lake:
                store_network_profile(lake, done.graph, done.profile, parameters=params, source=str(graph))
        return done.profile

    def network_profile_from_lake(
        self, *, platform: str | None = None, probability: str = "wc", seed: int = 0
    ) -> GraphProfile:
        """Profile the lake's follows graph (as :meth:`seeds` sees it); stored in ``network_profiles``,
        and each account's community in ``communities``."""
        from grassroots.network import (
            graph_from_lake,
            node_positions,
            profile_graph,
            store_communities,
            store_network_profile,
        )

        with self._lake() as lake:
            graph = graph_from_lake(lake, platform=platform, probability=probability, seed=seed)
            profile = profile_graph(graph, seed=seed)
            params = {"platform": platform, "probability": probability, "seed": seed}
            store_network_profile(lake, graph, profile, parameters=params, source="lake: follows")
            if graph.n:  # each account's community: the campaigns' ``community`` stratum
                store_communities(lake, graph, node_positions(graph, seed=seed), seed=seed)
        return profile

    def network_communities(self, *, platform: str | None = None, seed: int = 0) -> dict[str, int]:
        """Each account's community in the lake's follows graph (PLM, 1 = the largest), kept in the lake
        table ``communities`` (replaced whole, with a ``detect_communities`` run); campaigns stratify
        by it. Returns the accounts and communities counted."""
        from grassroots.network import graph_from_lake, node_positions, store_communities

        with self._lake() as lake:
            graph = graph_from_lake(lake, platform=platform, seed=seed)  # refuses an empty graph
            where = node_positions(graph, seed=seed)
            store_communities(lake, graph, where, seed=seed)
        return {"accounts": len(where), "communities": next(iter(where.values())).communities}
