"""Benchmark: lookalikes that add graph proximity to the vectors, on MUSAE labels (docs/benchmarks.md).

``match like`` ranks by the cosine with the seeds' centroid; on the MUSAE graphs common neighbours with
the seeds beat it (bench.match, "lookalike"). Here the two are combined: ``w × z(centroid cosine) + (1 −
w) × z(common neighbours)`` (z: standardised over all nodes; common neighbours = the number of seeds a
node is linked to), with ``w`` chosen on a **dev** split and reported once on a **test** split. The split
is by node: labelled nodes with an even id may be dev seeds, odd ids test seeds (20 seed sets of 10 each,
every label in turn, as bench.match draws them); the ranked candidates are every node but the seeds.
Reported against the centroid cosine alone, common neighbours alone and the base rate, same seed sets.

    .venv/bin/python -m bench.match.lookalike [--quick] [--out DIR]
"""

from __future__ import annotations

import argparse
import functools

import numpy as np

from bench import record
from bench.match.real import _precision, load_lookalike
from grassroots.match import centroid_scores

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
DATASETS = {
    "twitch": "Twitch-EN, features (mature flag)",
    "facebook": "Facebook pages, graph only (category)",
}


@functools.cache
def _data(dataset: str) -> tuple:  # type: ignore[type-arg]
    return load_lookalike(dataset)


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / max(float(x.std()), 1e-12)


def _scores(dataset: str, part: int, sets: int, k: int) -> dict[str, list[float]]:
    """precision@k per seed set of every weight, common neighbours and the base rate, on one split."""
    labels, adj, vectors, wanted = _data(dataset)
    rng = np.random.default_rng(part)
    out: dict[str, list[float]] = {"common": [], "base": [], **{f"w{w}": [] for w in WEIGHTS}}
    for i in range(sets):
        label = wanted[i % len(wanted)]
        pool = np.flatnonzero((labels == label) & (np.arange(len(labels)) % 2 == part))
        seeds = rng.choice(pool, size=10, replace=False)
        cosine = _z(centroid_scores(vectors, seeds).astype(np.float64))
        common = np.asarray(adj[seeds].sum(axis=0)).ravel()
        jitter = rng.random(len(labels)) * 1e-6  # ties in common neighbours break at random
        out["common"].append(_precision(common + jitter, seeds, labels, label, k))
        out["base"].append(float((labels == label).mean()))
        for w in WEIGHTS:
            score = w * cosine + (1 - w) * _z(common) + jitter
            out[f"w{w}"].append(_precision(score, seeds, labels, label, k))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", type=int, default=20)
    parser.add_argument("--k", type=int, default=50)
    args = record.parse_args(parser, argv)
    sets = 3 if args.quick else args.sets
    run = record.Run.start("match-lookalike", argv, quick=args.quick, module="match.lookalike")
    cols = ["data set (labels)", "nodes", "w (chosen on dev)", "dev P@50 at w", "**test: combined**",
            "test: centroid cosine (w = 1)", "test: common neighbours", "test: base rate"]  # fmt: skip
    table = run.table("lookalike", cols, formats=[None, "{:,}", "{:.1f}", *["{:.3f}"] * 5])
    for name, what in DATASETS.items():
        if args.quick and name == "facebook":
            continue
        dev = _scores(name, 0, sets, args.k)
        best = max(WEIGHTS, key=lambda w: (np.mean(dev[f"w{w}"]), -w))  # ties: more graph
        run.numbers[f"{name}_dev"] = {f"{w}": round(float(np.mean(dev[f"w{w}"])), 4) for w in WEIGHTS}
        test = _scores(name, 1, sets, args.k)
        nodes = len(_data(name)[0])
        table.row(what, nodes, best, np.mean(dev[f"w{best}"]), np.mean(test[f"w{best}"]),
                  np.mean(test["w1.0"]), np.mean(test["common"]), np.mean(test["base"]))  # fmt: skip
    run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
