"""Every trust figure in one run: ``.venv/bin/python -m bench.trust [--quick] [--out DIR]``.

Needs ../shared/data.

Tables: fake followers (in-domain CV, transfer, the shipped model, Twitter sanity check),
disclosure rules vs the hand labels (confusion matrices and every error are printed, and kept in
``docs/trust.md``), undisclosed-sponsorship likelihood, audience quality and pods on demo worlds,
brand-safety screens vs TF-IDF + LR. ``--quick`` (the CI smoke run) scores only the shipped fake
follower model, one 1,000-person world, and leaves out the 20,000-person worlds and TweetEval.
"""

from __future__ import annotations

import argparse
import sys

from bench import record
from bench.trust import disclosure_eval, fake_followers, safety, undisclosed, world
from grassroots.trust.fake_followers import load_fake_follower_model

THREE = "{:.3f}"


def _fake_followers(run: record.Run, quick: bool) -> None:
    table = run.table(
        "fake_followers",
        ["evaluation", "accuracy", "F1 (fake)", "AUC", "profiles"],
        formats=[None, THREE, THREE, THREE, "{:,}"],
    )
    for name, m, n in fake_followers.evaluations(quick=quick):
        table.row(name, m["accuracy"], m["f1"], m["auc"], n)
    n, share, n_verified, share_verified = fake_followers.twitter_shares(load_fake_follower_model())
    run.numbers["twibot"] = {"users": n, "share_called_real": share, "verified": n_verified}
    run.numbers["twibot"]["verified_called_real"] = share_verified
    print(fake_followers.twitter_lines(load_fake_follower_model())[0])


def _disclosure(run: record.Run) -> None:
    table = run.table(
        "disclosure",
        ["labelled set", "items", "adequate precision", "adequate recall"],
        formats=[None, "{:,}", THREE, THREE],
    )
    for name in ("disclosure.tsv", "disclosure-heldout.tsv", "disclosure-fresh.tsv"):
        n, precision, recall, lines = disclosure_eval.evaluate_counts(name)
        print("\n".join(lines))
        table.row(f"`labels/{name}`", n, precision, recall)


def _undisclosed(run: record.Run, quick: bool) -> None:
    table = run.table("undisclosed", ["measure", "items", "value"], formats=[None, "{:,}", THREE])
    if not quick:
        f = undisclosed.demo_world_figures()
        table.row(
            "AUC, demo world seed 7 (20,000 people), posts not adequately disclosed", f["posts"], f["auc"]
        )
        table.row(
            "AUC, same, posts that target a brand (paid vs genuine advocacy)",
            f["brand_posts"],
            f["brand_auc"],
        )
    n, share = undisclosed.affiliate_share()
    table.row(
        "real YouTube + Pinterest sentences with an affiliate link, no disclosure: share > 0.5", n, share
    )


def _worlds(run: record.Run, quick: bool) -> None:
    table = run.table(
        "worlds",
        ["demo world", "fake accounts: accuracy", "AUC", "creators",
         "audience quality vs planted fake share: Spearman ρ", "pods: precision", "recall",
         "planted pod members"],
        formats=[None, THREE, THREE, "{:,}", THREE, THREE, THREE, "{:,}"],
    )  # fmt: skip
    worlds = [(11, 1_000, False)] if quick else [(11, 3_000, False), (12, 3_000, True), (13, 20_000, False)]
    for seed, people, hard in worlds:
        f = world.world_figures(seed=seed, people=people, hard=hard)
        name = f"seed {seed}, {people:,} people{', `--hard`' if hard else ''}"
        table.row(
            name, f["fake_accuracy"], f["fake_auc"], f["creators"], f["rho"], f["pod_precision"],
            f["pod_recall"], f["planted_pod_members"],
        )  # fmt: skip
        run.numbers[f"world_{seed}_parts_rho"] = f["parts"]


def _safety(run: record.Run) -> None:
    table = run.table(
        "safety",
        ["TweetEval test", "MiniLM + LR screen macro-F1", "TF-IDF + LR macro-F1", "ratio"],
        formats=[None, THREE, THREE, "{:.2f}"],
    )
    for task in ("hate", "offensive"):
        ours, peer = safety.shipped_screen(task), safety.tfidf_baseline(task)
        table.row(task, ours, peer, ours / peer)


def main(argv: list[str] | None = None) -> int:
    args = record.parse_args(argparse.ArgumentParser(description=__doc__.split("\n")[0]), argv)
    run = record.Run.start("trust", argv, quick=args.quick)
    _fake_followers(run, args.quick)
    _disclosure(run)
    _undisclosed(run, args.quick)
    _worlds(run, args.quick)
    if not args.quick:
        _safety(run)
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
