"""Every trust figure in one run: ``.venv/bin/python -m bench.trust [--quick] [--out DIR]``.

Needs ../shared/data.

Tables: fake followers (in-domain CV, transfer, the shipped model, Twitter sanity check),
disclosure rules vs the hand labels (confusion matrices and every error are printed, and kept in
``docs/trust.md``), undisclosed-sponsorship likelihood, audience quality and pods on demo worlds,
brand-safety screens vs TF-IDF + LR. ``--quick`` (the CI smoke run) scores only the shipped fake
follower models, one 1,000-person world, and leaves out the 20,000-person worlds and TweetEval.

Fake followers across platforms (Twitter never trained on / Twitter CV with calibration error /
account-age check / reliability bins / cross-platform matrix) go to ``trust-platforms.json``; the full
run writes it first, ``--part platforms`` writes only it (about a minute) and redraws
``docs/fake-followers-reliability.svg``. ``--part heldout --file PATH`` scores a held-out labelled
Twitter file (cresci-2015 columns and ``dataset`` groups) once with the shipped models.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from bench import record
from bench.trust import disclosure_eval, fake_followers, fake_platforms, safety, undisclosed, world
from grassroots.trust.fake_followers import load_fake_follower_model

THREE = "{:.3f}"
DOCS_SVG = record.ROOT / "docs" / "fake-followers-reliability.svg"


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


def _platforms(run: record.Run, quick: bool) -> None:
    """Fake followers on Twitter: never trained on it, Twitter CV, account age, cross-platform matrix."""
    table = run.table(
        "fake_followers_twitter",
        ["evaluation (cresci-2015 Twitter dev, 469 humans + 779 fakes)", "Twitter labels used for",
         "accuracy", "balanced accuracy", "AUC", "ECE (10 bins)", "profiles"],
        formats=[None, None, THREE, THREE, THREE, THREE, "{:,}"],
    )  # fmt: skip
    rows, estimate = fake_platforms.twitter_untrained()
    run.numbers["twitter_prior_estimate"] = estimate
    run.numbers["twitter_fake_share"] = float(np.mean(fake_platforms.data.cresci_dev()[1]))
    for name, m, n in rows:
        table.row(name, "measuring only", m["accuracy"], m["balanced_accuracy"], m["auc"], None, n)
    if quick:
        return
    rows_cv, kept = fake_platforms.twitter_cv_rows()
    for name, m, n in rows_cv:
        table.row(
            name, "fitting 4/5 (CV)", m["accuracy"], m["balanced_accuracy"], m["auc"], m["ece_prior"], n
        )
        run.numbers[name] = {k: v for k, v in m.items() if k.startswith("ece")}
    for name, m, n in fake_platforms.age_check():
        table.row(name, "fitting 4/5 (CV)", m["accuracy"], m["balanced_accuracy"], m["auc"], None, n)
    reliability = fake_platforms.reliability(kept["y"].tolist(), kept["prior"])
    bins = run.table(
        "fake_followers_reliability",
        ["probability bin", "accounts", "mean probability", "share of fakes"],
        formats=[None, "{:,}", THREE, THREE],
    )
    for lower, n, mean, share in reliability:
        bins.row(f"[{lower:.1f}, {lower + 0.1:.1f})", n, mean, share)
    matrix = run.table(
        "fake_followers_matrix",
        ["train on", "test on", "balanced accuracy (0.5)", "AUC", "profiles"],
        formats=[None, None, THREE, THREE, "{:,}"],
    )
    for train, test, m, n in fake_platforms.matrix():
        matrix.row(
            train, f"{test} (5-fold CV)" if train == test else test, m["balanced_accuracy"], m["auc"], n
        )
    if run.quick is False and DOCS_SVG.parent.exists():
        DOCS_SVG.write_text(
            fake_platforms.svg_reliability(
                reliability, title="Twitter 5-fold CV (Instagram + 4/5 Twitter): reliability, 10 bins"
            ),
            encoding="utf-8",
        )


def _heldout(path: Path | None, out: Path | None) -> int:
    """Score a held-out labelled Twitter file once with the shipped models (nothing is fitted)."""
    if path is None:
        sys.stderr.write("error: --part heldout needs --file PATH\n")
        return 2
    run = record.Run.start("trust-heldout", ["--part", "heldout", "--file", str(path)], module="trust")
    table = run.table(
        "fake_followers_heldout",
        ["evaluation (held-out file, scored once)", "accuracy", "balanced accuracy", "AUC", "profiles"],
        formats=[None, THREE, THREE, THREE, "{:,}"],
    )
    rows, estimate = fake_platforms.twitter_untrained(path)
    for name, m, n in rows:
        table.row(name, m["accuracy"], m["balanced_accuracy"], m["auc"], n)
    run.numbers["prior_estimate"] = estimate
    run.write(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--part",
        choices=["all", "platforms", "heldout"],
        default="all",
        help="platforms: trust-platforms.json only; heldout: score --file once (trust-heldout.json)",
    )
    parser.add_argument("--file", type=Path, help="with --part heldout: a labelled cresci-2015-style CSV")
    args = record.parse_args(parser, argv)
    if args.part == "heldout":
        return _heldout(args.file, args.out)
    if args.part == "platforms" or not args.quick:
        platforms = record.Run.start("trust-platforms", ["--part", "platforms"], module="trust")
        _platforms(platforms, quick=False)
        platforms.write(args.out)
    if args.part == "platforms":
        return 0
    run = record.Run.start("trust", argv, quick=args.quick)
    _fake_followers(run, args.quick)
    if args.quick:
        _platforms(run, quick=True)
    _disclosure(run)
    _undisclosed(run, args.quick)
    _worlds(run, args.quick)
    if not args.quick:
        _safety(run)
    run.write(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
