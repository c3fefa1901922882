"""precision@100 / recall@100 of advocate discovery against the demo world's planted advocates.

For each world (default and ``--hard``, seeds 1-3, 20,000 people) the same run ranks accounts with
``grassroots.listen.rank_advocates`` and with two baselines over the accounts that mention the
brand: "most positive mentions" (count of brand posts with positive sentiment) and "most followers".
Sentiment on the sentence around the mention, from each source given with ``--sentiment``
(default: the listen fast and accurate models and VADER, each world ranked once per source; the
"most positive mentions" baseline uses the same source as the ranking beside it).
"ours + trust" also passes the trust domain's fake-follower probabilities (``grassroots trust fake-followers``
on the world's accounts.csv), as ``grassroots advocates --fake-scores`` does.
recall@100 = planted advocates in the top 100 / all planted advocates (so it is at most 100/|planted|).

Run: ``.venv/bin/python -m bench.advocates [--people 20000] [--seeds 1 2 3]
[--sentiment fast accurate vader] [--hard both|only|no] [--worlds DIR] [--quick] [--out DIR]``
(``--worlds`` keeps the generated worlds and reuses them, so two rankers can be compared on the same files).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench import record
from bench.advocates.baselines import baselines
from bench.advocates.world import load_world
from grassroots.demo_world import WorldFiles, generate_world, load_truth
from grassroots.listen import load_brand, rank_advocates, sentiment_by_name
from grassroots.listen.advocates import SentimentFn
from grassroots.trust import read_profiles, score_profiles

K = 100


def _at_k(ranked: list[str], planted: set[str]) -> tuple[float, float]:
    hits = sum(1 for a in ranked[:K] if a in planted)
    return hits / K, hits / len(planted)


def run_world(
    seed: int, hard: bool, people: int, work: Path, sources: list[str]
) -> dict[str, dict[str, tuple[float, float]]]:
    """Measure ours and both baselines on one generated world, once per sentiment source."""
    where = work / f"w{seed}{'h' if hard else ''}-{people}"
    if (where / "truth.json").exists():  # kept by an earlier run (--worlds DIR): same seed, same files
        world = WorldFiles(directory=where, counts={})
    else:
        world = generate_world(where, seed=seed, people=people, hard=hard)
    truth = load_truth(world.path("truth"))
    planted = {p.account_id for p in truth.people if p.is_advocate}
    posts, accounts, comments = load_world(world.directory)
    brand = load_brand(world.path("brand"))  # the brand file a marketer would write, not the truth
    fakes = {s.id: s.probability for s in score_profiles(read_profiles(world.path("accounts")))}
    return {
        name: _measure(posts, accounts, comments, brand, _memo(sentiment_by_name(name)), fakes, planted)
        for name in sources
    }


def _memo(sentiment: SentimentFn) -> SentimentFn:
    """Score each distinct text once (the ranking, the trust ranking and a baseline all ask)."""
    seen: dict[str, float] = {}

    def score(texts: Sequence[str]) -> list[float]:
        new = sorted({t for t in texts if t not in seen})
        seen.update(zip(new, sentiment(new), strict=True))
        return [seen[t] for t in texts]

    return score


def _measure(posts, accounts, comments, brand, sentiment, fakes, planted):  # type: ignore[no-untyped-def]
    ranked = rank_advocates(posts, accounts, brand=brand, sentiment=sentiment, comments=comments)
    with_trust = rank_advocates(
        posts, accounts, brand=brand, sentiment=sentiment, comments=comments, fake_probability=fakes
    )
    most_positive, most_followers = baselines(posts, accounts, brand, sentiment)
    return {
        "ours": _at_k([a.account_id for a in ranked], planted),
        "ours + trust": _at_k([a.account_id for a in with_trust], planted),
        "most positive mentions": _at_k(most_positive, planted),
        "most followers": _at_k(most_followers, planted),
        "planted": (float(len(planted)), 0.0),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument(
        "--sentiment", nargs="+", default=["accurate", "fast", "vader"], choices=["fast", "accurate", "vader"]
    )
    parser.add_argument(
        "--worlds", type=Path, help="keep generated worlds here and reuse them (default: temporary)"
    )
    parser.add_argument("--hard", choices=["both", "only", "no"], default="both", help="which worlds to rank")
    args = record.parse_args(parser, argv)
    kinds = {"both": (False, True), "only": (True,), "no": (False,)}[args.hard]
    if args.quick:
        args.people, args.seeds, args.sentiment, kinds = 1_000, [1], ["fast"], (False,)
    run = record.Run.start("advocates", argv, quick=args.quick)
    two = "{:.2f}"
    table = run.table(
        "main",
        ["world", "seed", "sentiment", "planted", f"ours p@{K}", f"ours r@{K}",
         "ours + trust fake scores p@100", "ours + trust r@100", "most positive mentions p@100",
         "most followers p@100", "seconds"],
        formats=[None, None, None, "{:,.0f}", two, two, two, two, two, two, "{:.0f}"],
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for hard in kinds:
            for seed in args.seeds:
                t0 = time.perf_counter()
                by_source = run_world(seed, hard, args.people, args.worlds or Path(tmp), args.sentiment)
                seconds = time.perf_counter() - t0
                for source, r in by_source.items():
                    table.row(
                        "hard" if hard else "default", seed, source, r["planted"][0], *r["ours"],
                        *r["ours + trust"], r["most positive mentions"][0], r["most followers"][0], seconds,
                    )  # fmt: skip
    run.numbers["people"] = args.people
    run.write(args.out)


if __name__ == "__main__":
    main()
