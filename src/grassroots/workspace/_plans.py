"""Workspace methods the screens write with: a seed plan compared with its baselines, shortlists.

Shortlists are small files, one JSON line per account, in ``DATA_DIR/shortlists/<brand slug>.jsonl``
(written aside and renamed): no store migration, and ``erase`` removes a person's lines the way it
does in ``results/`` (the folder is one of :data:`grassroots.ingest.PURGED_FOLDERS`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, NotFound
from grassroots.workspace._base import WorkspaceBase, now
from grassroots.workspace.views import (
    SEED_COSTS,
    PlannedSeeds,
    SeedCost,
    SeedPlanComparison,
    ShortlistEntry,
)

__all__ = ["PlanMethods"]

#: Monte Carlo cascades per plan on the screens (each plan is simulated with the same seed)
_RUNS = 1000


def _within(order: tuple[int, ...], price: Any, k: int, budget: float | None) -> tuple[int, ...]:
    """A baseline's first choices, at most ``k``, each taken while the budget still allows it."""
    out: list[int] = []
    left = budget if budget is not None else float("inf")
    for node in order:
        if len(out) == k:
            break
        if price[node] <= left:
            out.append(node)
            left -= float(price[node])
    return tuple(out)


class PlanMethods(WorkspaceBase):
    """Plan seeds against baselines; keep shortlists of people."""

    def plan_seeds(
        self,
        *,
        k: int = 10,
        budget: float | None = None,
        cost: SeedCost = "uniform",
        community: int | None = None,
        exclude_fakes: bool = True,
        runs: int = _RUNS,
        seed: int = 0,
    ) -> SeedPlanComparison:
        """Choose up to ``k`` seeds on the lake's follows graph (OPIM-C), within ``budget`` when given
        (a seed costs 1, or 1 per 1,000 followers with ``cost="followers"``), counting only people of
        ``community`` (1 = largest; targeted) when given; then simulate it and the celebrity (most
        followers) and PageRank baselines of the same size with ``runs`` cascades each. Accounts whose
        stored fake probability is ≥ 0.5 are never seeds when ``exclude_fakes``. The plan is stored
        in ``seed_plans``."""
        import numpy as np

        from grassroots.network import (
            estimate_spread,
            graph_from_lake,
            node_positions,
            pagerank,
            select_seeds,
            store_seed_plan,
            top_degree,
        )
        from grassroots.trust import FAKE_FOLLOWER_SCORES_TABLE

        if cost not in SEED_COSTS:
            raise InvalidInput(f"cost={cost!r}: expected one of {', '.join(SEED_COSTS)}")
        if not 1 <= k <= 500:
            raise InvalidInput(f"k={k}: expected 1 to 500")
        if budget is not None and budget <= 0:
            raise InvalidInput(f"budget={budget}: expected a positive number")
        with self._lake() as lake:
            graph = graph_from_lake(lake, seed=seed)
            if graph.n == 0:
                raise NotFound("follows: the lake has no follows graph yet; ingest follows first")
            lake.register_table(FAKE_FOLLOWER_SCORES_TABLE)
            fakes = lake.scan("fake_follower_scores", columns=["account_id", "probability"]).to_pylist()
            followers = lake.scan("accounts", columns=["id", "followers"]).to_pylist()
            banned = {r["account_id"] for r in fakes if r["probability"] >= 0.5} if exclude_fakes else set()
            exclude = np.array([label in banned for label in graph.labels], dtype=np.bool_)
            size = {r["id"]: r["followers"] or 0 for r in followers}
            costs = None
            if cost == "followers":
                costs = np.array([max(1.0, size.get(x, 0) / 1000) for x in graph.labels], dtype=np.float64)
            targets = None
            if community is not None:
                where = node_positions(graph, seed=seed)
                if not 1 <= community <= next(iter(where.values())).communities:
                    raise InvalidInput(f"community={community}: no such community in the follows graph")
                targets = np.array([float(where[x].community == community) for x in graph.labels])
            chosen = select_seeds(
                graph, k, seed=seed, targets=targets, exclude=exclude, costs=costs, budget=budget,
                progress=self.progress,
            )  # fmt: skip
            params: dict[str, Any] = {"seed": seed, "runs": runs, "budget": budget, "cost": cost}
            params |= {"community": community, "excluded": int(exclude.sum()), "source": "screens"}
            plan_id = store_seed_plan(lake, graph, chosen, k=k, model="ic", parameters=params, source="web")
        price = costs if costs is not None else np.ones(graph.n)
        seedable = int((~exclude).sum())
        choices = {
            "opim": chosen.seeds,
            "celebrity": _within(top_degree(graph, seedable, exclude=exclude), price, k, budget),
            "pagerank": _within(pagerank(graph, seedable, exclude=exclude), price, k, budget),
        }
        plans = []
        for method, nodes in choices.items():
            spread = estimate_spread(graph, nodes, runs=runs, seed=seed)
            spent = float(price[list(nodes)].sum())
            plans.append(
                PlannedSeeds(
                    method,
                    tuple(graph.labels[i] for i in nodes),
                    spent,
                    spread.mean,
                    spread.mean - spread.halfwidth,
                    spread.mean + spread.halfwidth,
                )
            )
        return SeedPlanComparison(
            k, budget, cost, community, runs, graph.n, graph.m, tuple(plans), plan_id,
            targeted_spread=chosen.spread if community is not None else None,
        )  # fmt: skip

    def _shortlist_file(self, brand: str) -> Path:
        return self.data_dir / "shortlists" / f"{self._brand(brand).slug}.jsonl"

    def shortlist(self, brand: str) -> tuple[ShortlistEntry, ...]:
        """The accounts on the brand's shortlist, in the order they were added."""
        path = self._shortlist_file(brand)
        if not path.exists():
            return ()
        lines = path.read_text(encoding="utf-8").splitlines()
        return tuple(ShortlistEntry(**json.loads(line)) for line in lines if line.strip())

    def shortlist_set(self, brand: str, account_id: str, *, platform: str, listed: bool) -> bool:
        """Put an account on (``listed``) or take it off the brand's shortlist; True when it changed.
        Only accounts that are among the brand's advocates can be listed."""
        name = self._brand(brand).name
        entries = list(self.shortlist(name))
        present = any(e.account_id == account_id and e.platform == platform for e in entries)
        if present == listed:
            return False
        if listed:
            known = {(r.platform, r.account_id) for r in self.advocate_rows(name)}  # type: ignore[attr-defined]
            if (platform, account_id) not in known:
                raise NotFound(f"account_id={account_id!r}: not among the advocates of {name}")
            entries.append(ShortlistEntry(name, platform, account_id, self.actor))
        else:
            entries = [e for e in entries if (e.platform, e.account_id) != (platform, account_id)]
        self._write_shortlist(self._shortlist_file(name), entries)
        return True

    @staticmethod
    def _write_shortlist(path: Path, entries: list[ShortlistEntry]) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        aside = path.with_suffix(f".{os.getpid()}.{now():%H%M%S%f}.tmp")
        text = "".join(
            json.dumps(
                {"brand": e.brand, "platform": e.platform, "account_id": e.account_id, "added_by": e.added_by}
            )
            + "\n"
            for e in entries
        )
        aside.write_text(text, encoding="utf-8")
        os.replace(aside, path)
