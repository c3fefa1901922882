"""Run every mention benchmark: SXSW attribution, SemEval BD topic recall, ambiguity P/R.

``.venv/bin/python -m bench.mentions [--quick] [--out DIR]`` (a few seconds; ``--quick`` leaves out
the recall over every BD file).
"""

from __future__ import annotations

import argparse
import sys
import time

from bench import record
from bench.mentions import ambiguity, semeval_bd, sxsw
from bench.mentions.ambiguity_pool import HELDOUT_LABELS, LABELS

PR = "precision / recall / accuracy"


def main(argv: list[str] | None = None) -> int:
    """Every figure with the peer measured in the same run, as one table."""
    args = record.parse_args(argparse.ArgumentParser(description=__doc__.split("\n")[0]), argv)
    run = record.Run.start("mentions", argv, quick=args.quick)
    table = run.table("main", ["data", "measure", "ours", "peer in the same run"])
    s = sxsw.evaluate()
    sxsw_rows = f"SXSW 2011 (CrowdFlower), {int(s['with_target']):,} rows with a target"
    table.row(
        sxsw_rows,
        "accuracy of the single attributed brand (Apple / Google)",
        f"**{s['accuracy']:.3f}**",
        f"bare names only (`Brand.from_name`): {s['bare_accuracy']:.3f}",
    )
    table.row(
        "same",
        "recall (gold brand among brands found)",
        f"**{s['recall']:.3f}**",
        f"bare names: {s['bare_recall']:.3f}",
    )
    table.row(
        f"SXSW, {int(s['without_target']):,} rows without a target",
        "share attributed to a brand (no gold; many do name one)",
        f"{s['attributed_without']:.3f}",
        "",
    )
    bd = semeval_bd.evaluate()
    for name, (n, ours, sub) in bd.items():
        if args.quick and name == "all BD files":
            continue
        label = "SemEval BD, all distinct tweets" if name == "all BD files" else "SemEval BD 2016 test"
        measure = "recall of finding the given topic (`Brand.from_name(topic)`)"
        table.row(f"{label}, {n:,} tweets", measure, f"**{ours:.3f}**", f"substring search {sub:.3f}")
    for title, path in (
        ("ambiguity, hand-labelled cases (development: rules written after reading them)", LABELS),
        (
            "ambiguity, **held-out** hand-labelled cases (labelled after the rules were frozen)",
            HELDOUT_LABELS,
        ),
    ):
        result = ambiguity.evaluate(path)
        n, _, _ = result.pop("n")
        (p, r, a), (np_, nr, na) = result["rules"], result["naive match"]
        table.row(
            f"{title}: {int(n)}",
            f'{PR} of "the company"',
            f"**{p:.3f} / {r:.3f} / {a:.3f}**",
            f"every name match counts: {np_:.3f} / {nr:.3f} / {na:.3f}",
        )
    rows, brands = sxsw.read_sxsw(), sxsw.brands()
    t0 = time.perf_counter()
    for text, _ in rows:
        sxsw.attribute(text, brands)
    rate = len(rows) / (time.perf_counter() - t0)
    table.row("SXSW texts", "speed, 2 configured brands, one process", f"{rate:,.0f} posts/s", "")
    run.numbers.update(sxsw_accuracy=round(s["accuracy"], 4), sxsw_posts_per_s=round(rate))
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
