"""Campaign measurement benchmark (issue 13): the fixed coverage grid and the demo-world proof.

    .venv/bin/python -m bench.campaigns [--reps 2000] [--boot-reps 500] [--boot-b 400] [--seeds 200]
                                        [--budget SECONDS] [--quick] [--out DIR]

Resumable: every finished grid cell and world seed is kept in ``bench/out/campaigns-state.json``;
with ``--budget`` the run stops after that many seconds (exit 0, "resume" on stderr) and the next run
carries on. The results JSON is written when everything is done. Never run in CI (``--quick`` is:
a few cells, 100 replications, 4 seeds, seconds). Hold ``/work/heavy.lock`` (or the machine's
equivalent) when running the full grid: about two CPU-minutes for the grid.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import record
from bench.campaigns import grid, referrals, world

STATE = record.ROOT / "bench" / "out" / "campaigns-state.json"


def _load(path: Path, config: dict[str, Any]) -> dict[str, Any]:
    if path.exists():
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if state.get("config") == config:
            return state
        print(f"{path}: made with other settings; starting again", file=sys.stderr)
    return {"config": config, "cells": {}, "world": {}, "referrals": {}}


def _save(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    tmp.replace(path)


def _relative(r: dict[str, float]) -> str:
    """Relative-lift coverage, with the share of runs where the holdout mean was 0 (no relative lift)."""
    text = f"{r['relative_coverage']:.3f}"
    return text + (f" ({r['relative_undefined']:.0%} null)" if r["relative_undefined"] > 0 else "")


def _grid_table(run: record.Run, state: dict[str, Any], designs: list[grid.Design]) -> None:
    table = run.table(
        "grid",
        [
            "n", "rate", "σ", "strata", "true lift", "E buyers (smaller arm)", "defensible",
            "coverage", "width", "warned", "relative coverage", "bootstrap coverage", "bootstrap width",
            "Edgeworth",
        ],
        formats=[
            "{:,}", "{:.0%}", "{:.1f}", None, "{:.3f}", "{:.1f}", None,
            "{:.3f}", "{:.3f}", "{:.0%}", None, "{:.3f}", "{:.3f}", "{:.2f}",
        ],
        title="Coverage of the 90% interval (normal vs percentile bootstrap) per grid cell",
    )  # fmt: skip
    for d in designs:
        r = state["cells"][d.key]
        table.row(
            d.n, d.rate, d.sigma, "4 unequal" if d.strata else "none", grid.truth(d),
            grid.expected_buyers(d), "yes" if grid.defensible(d) else "no",
            r["coverage"], r["width"], r["warned"], _relative(r), r["boot_coverage"], r["boot_width"],
            edgeworth if (edgeworth := grid.predicted_coverage(d)) >= 0 else "< 0 (breaks down)",
        )  # fmt: skip


def _summary(run: record.Run, state: dict[str, Any], designs: list[grid.Design]) -> None:
    table = run.table(
        "grid-summary",
        ["cells", "count", "normal coverage min–max", "normal in [0.86, 0.94]", "bootstrap min–max",
         "bootstrap in [0.86, 0.94]"],
        formats=[None, "{:,}", None, None, None, None],
        title="Grid summary: the goal is normal coverage in [0.86, 0.94] in every defensible cell",
    )  # fmt: skip
    for label, keep in (("defensible", True), ("not defensible", False)):
        rows = [state["cells"][d.key] for d in designs if grid.defensible(d) == keep]
        if not rows:
            continue
        cov = [r["coverage"] for r in rows]
        boot = [r["boot_coverage"] for r in rows]
        ok = sum(0.86 <= c <= 0.94 for c in cov)
        boot_ok = sum(0.86 <= c <= 0.94 for c in boot)
        table.row(
            label, len(rows), f"{min(cov):.3f}–{max(cov):.3f}", f"{ok} of {len(rows)}",
            f"{min(boot):.3f}–{max(boot):.3f}", f"{boot_ok} of {len(rows)}",
        )  # fmt: skip
        run.numbers[f"{label.replace(' ', '_')}_cells_in_range"] = [ok, len(rows)]


def _world_tables(run: record.Run, results: list[dict[str, float]]) -> None:
    table = run.table(
        "world",
        ["quantity", "campaigns", "true", "mean estimate", "90% coverage", "mean width"],
        formats=[None, None, "{:.3f}", "{:.4f}", "{:.3f}", "{:.4f}"],
        title="Demo world: direct lift and spillover recovered (90% intervals)",
    )
    for name, label in (
        ("direct", "direct lift on orders (eligible people)"),
        ("mentions", "direct lift on mentions (eligible people)"),
        ("spillover", "spillover on orders (single-contact friends)"),
    ):
        for null in (0.0, 1.0):
            rows = [r for r in results if r["null"] == null]
            if not rows:
                continue
            kind = f"{len(rows)} {'null' if null else 'with effect'}"
            table.row(
                label, kind, rows[0][f"{name}_true"], float(np.mean([r[f"{name}_est"] for r in rows])),
                float(np.mean([r[f"{name}_hit"] for r in rows])),
                float(np.mean([r[f"{name}_width"] for r in rows])),
            )  # fmt: skip
    run.numbers["spillover_people_mean"] = float(np.mean([r["spill_people"] for r in results]))
    run.numbers["spillover_excluded_both_arms_mean"] = float(np.mean([r["spill_both"] for r in results]))
    _seeding_table(run, [r for r in results if r["null"] == 0.0])


def _seeding_table(run: record.Run, rows: list[dict[str, float]]) -> None:
    table = run.table(
        "seeding",
        ["costs", "strategy", "campaigns", "incremental orders per unit cost", "95% CI",
         "minus follower-count", "95% CI"],
        formats=[None, None, "{:,}", "{:.3f}", None, "{:+.3f}", None],
        title="Seeding from the treated arm: incremental orders per unit of cost",
    )  # fmt: skip
    for prefix, label in (
        ("seeding", f"{world.K} seeds, 1 unit each"),
        ("priced", f"1 + followers/{world.FEE_PER:,.0f}, budget {world.BUDGET:g}"),
    ):
        base = np.array([r[f"{prefix}_followers"] for r in rows])
        for name in ("network", "followers", "random"):
            values = np.array([r[f"{prefix}_{name}"] for r in rows])
            half = 1.96 * values.std(ddof=1) / np.sqrt(len(values))
            diff = values - base
            dhalf = 1.96 * diff.std(ddof=1) / np.sqrt(len(diff))
            table.row(
                label, name, len(values), float(values.mean()), f"± {half:.3f}", float(diff.mean()),
                f"± {dhalf:.3f}",
            )  # fmt: skip


def _referrals(
    args: argparse.Namespace, state: dict[str, Any], the_world: world.World, started: float, path: Path
) -> bool:
    """Run the planted-referral campaigns not done yet; True when the budget ran out."""
    done = state.setdefault("referrals", {})
    fans = referrals.followers_of(the_world)
    for seed in range(args.referral_seeds):
        if str(seed) in done:
            continue
        if time.perf_counter() - started > args.budget:
            print("budget spent: run the same command again to resume", file=sys.stderr)
            return True
        done[str(seed)] = referrals.run_seed(the_world, fans, seed)
        if not args.quick and seed % 20 == 19:
            _save(path, state)
    return False


def _referral_table(run: record.Run, results: list[dict[str, Any]]) -> None:
    table = run.table(
        "referrals",
        ["method", "campaigns", "edge precision", "edge recall", "hops right (people found)",
         "true referrals per campaign", "orders per campaign found / true, hops 1, 2, 3"],
        formats=[None, "{:,}", "{:.3f}", "{:.3f}", "{:.3f}", "{:.1f}", None],
        title="Referral chains vs planted truth: the rules, the earliest-exposure ablation, code only",
    )  # fmt: skip
    for row in referrals.summary(results):
        table.row(*row)
        run.numbers[f"referrals_{row[0]}"] = {"precision": row[2], "recall": row[3], "hops_right": row[4]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=2000, help="replications per grid cell")
    parser.add_argument("--boot-reps", type=int, default=500, help="replications bootstrapped per cell")
    parser.add_argument("--boot-b", type=int, default=400, help="bootstrap resamples per replication")
    parser.add_argument("--seeds", type=int, default=200, help="demo-world campaigns (seeds)")
    parser.add_argument(
        "--referral-seeds", type=int, default=100, help="campaigns with planted referral chains"
    )
    parser.add_argument("--budget", type=float, default=math.inf, help="stop after this many seconds")
    parser.add_argument("--state", type=Path, default=STATE, help="where finished chunks are kept")
    args = record.parse_args(parser, argv)
    if args.quick:
        args.reps, args.boot_reps, args.boot_b, args.seeds, args.referral_seeds = 100, 20, 100, 4, 3
    designs = grid.designs()
    if args.quick:
        designs = [d for d in designs if d.n == 1000 and d.sigma == 1.0 and d.rate == 0.10]
    keys = ("reps", "boot_reps", "boot_b", "seeds", "referral_seeds", "quick")
    config: dict[str, Any] = {k: getattr(args, k) for k in keys}
    config["version"] = 3  # results of an older bench are not reused
    state_path = args.state
    state = _load(state_path, config) if not args.quick else {"config": config, "cells": {}, "world": {}}
    started = time.perf_counter()
    run = record.Run.start("campaigns", argv, quick=args.quick)
    for i, d in enumerate(designs):
        if d.key in state["cells"]:
            continue
        if time.perf_counter() - started > args.budget:
            print("budget spent: run the same command again to resume", file=sys.stderr)
            return 0
        state["cells"][d.key] = grid.run_cell(
            d, reps=args.reps, boot_reps=args.boot_reps, boot_b=args.boot_b, seed=1000 + i
        )
        print(f"cell {d.key}: {state['cells'][d.key]}", file=sys.stderr, flush=True)
        if not args.quick:
            _save(state_path, state)
    the_world = world.load_world(people=2000 if args.quick else 5000)
    for seed in range(args.seeds):
        if str(seed) in state["world"]:
            continue
        if time.perf_counter() - started > args.budget:
            print("budget spent: run the same command again to resume", file=sys.stderr)
            return 0
        state["world"][str(seed)] = world.run_seed(the_world, seed)
        if not args.quick and seed % 20 == 19:
            _save(state_path, state)
    if _referrals(args, state, the_world, started, state_path):
        return 0
    if not args.quick:
        _save(state_path, state)
    _grid_table(run, state, designs)
    _summary(run, state, designs)
    _world_tables(run, [state["world"][str(seed)] for seed in range(args.seeds)])
    _referral_table(run, [state["referrals"][str(seed)] for seed in range(args.referral_seeds)])
    run.numbers["settings"] = config
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
