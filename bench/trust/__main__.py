"""Every trust figure in one run: ``.venv/bin/python -m bench.trust`` (needs ../shared/data).

Sections: fake followers (in-domain CV, transfer, Twitter sanity check), disclosure rules vs the
hand labels (confusion matrices and every error), undisclosed-sponsorship likelihood, audience
quality and pods on demo worlds, brand-safety screens vs TF-IDF + LR. ``--quick`` skips the slow
parts (demo worlds of 20,000 people, TweetEval embeddings).
"""

from __future__ import annotations

import sys
import time

from bench.trust import disclosure_eval, fake_followers, safety, undisclosed, world


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    started = time.perf_counter()
    sections = [
        ("Fake followers", fake_followers.evaluate_all),
        ("Disclosure rules (development labels)", lambda: disclosure_eval.evaluate("disclosure.tsv")),
        ("Disclosure rules (held-out labels)", lambda: disclosure_eval.evaluate("disclosure-heldout.tsv")),
        (
            "Disclosure rules (fresh labels, v2 never tuned on)",
            lambda: disclosure_eval.evaluate("disclosure-fresh.tsv"),
        ),
        ("Undisclosed sponsorship", lambda: [undisclosed.affiliate_sentences_above_half()]),
        ("Demo world", lambda: world.world_lines(seed=11, people=3000, hard=False)),
        ("Demo world (hard)", lambda: world.world_lines(seed=12, people=3000, hard=True)),
    ]
    if not quick:
        sections += [
            ("Undisclosed sponsorship (demo world)", undisclosed.demo_world_auc),
            ("Demo world (20,000 people)", lambda: world.world_lines(seed=13, people=20_000, hard=False)),
            ("Brand safety", safety.lines),
        ]
    for title, run in sections:
        t0 = time.perf_counter()
        print(f"== {title}", flush=True)
        for line in run():
            print(line, flush=True)
        print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
    print(f"total {time.perf_counter() - started:.0f} s on a shared 2-core machine (timings are noisy)")


if __name__ == "__main__":
    main(sys.argv[1:])
