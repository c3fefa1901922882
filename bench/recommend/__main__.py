"""Benchmark the next-product recommender: item-item vs popularity, recall@10 on planted preferences.

    .venv/bin/python -m bench.recommend [--quick] [--out DIR]

The preferences are a new, separately seeded attribute (``grassroots.demo_world.preferences``; the
generated demo-world files are untouched): 2,000 advocates, 60 product variants in 12 lines, 6 purchases
each drawn 70 % from two planted favourite lines. Each person's last purchase is held out; both models
are fitted on everything else, in this run, and must rank the held-out item in their top 10 (items the
person already has are never offered). Recall@k = share of people whose held-out item is in the top k.
``--quick``: 300 advocates.
"""

from __future__ import annotations

import argparse
import time

from bench import record


def main(argv: list[str] | None = None) -> int:
    from grassroots.demo_world.preferences import plant_preferences
    from grassroots.engage import ItemItemRecommender, PopularityRecommender

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args = record.parse_args(parser, argv)
    run = record.Run.start("recommend", argv, quick=args.quick)
    people = 300 if args.quick else 2000
    world = plant_preferences(people=people, seed=7)
    train = [h[:-1] for h in world.histories.values()]
    held = [h[-1] for h in world.histories.values()]
    table = run.table(
        "main",
        ["model", "recall@5", "recall@10", "fit + recommend seconds"],
        formats=[None, "{:.3f}", "{:.3f}", "{:.2f}"],
        title=f"Next product for {people:,} advocates (planted preferences, seed 7; last purchase held out)",
    )
    for name, model in (
        ("item-item (cosine, shrink 10)", ItemItemRecommender()),
        ("popularity", PopularityRecommender()),
    ):
        started = time.perf_counter()
        model.fit(train)
        ranked = [[r.item for r in model.recommend(h, k=10)] for h in train]
        seconds = time.perf_counter() - started
        hits5 = sum(item in top[:5] for item, top in zip(held, ranked, strict=True)) / len(held)
        hits10 = sum(item in top for item, top in zip(held, ranked, strict=True)) / len(held)
        table.row(name, hits5, hits10, seconds)
    run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
