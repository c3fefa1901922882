"""Draw a HELD-OUT disclosure sample, labelled after the rules were frozen (issue 4).

    .venv/bin/python scripts/sample_trust_disclosure_heldout.py OUT.tsv

Same sources and id scheme as ``sample_trust_disclosure.py``, another seed, excluding every id in
``labels/disclosure.tsv``: 110 YouTube + 60 Pinterest sentences with disclosure-like words, 40 + 20
sentences from random ``ward_euclidean_cluster`` values, 40 random TwiBot-20 tweets.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

from sample_trust_disclosure import DATA, DESC_KW

ROOT = Path(__file__).resolve().parents[1]


def _labelled(names: tuple[str, ...] = ("disclosure.tsv",)) -> set[str]:
    seen: set[str] = set()
    for name in names:
        lines = (ROOT / "labels" / name).read_text(encoding="utf-8").splitlines()
        seen |= {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    return seen


def _sentences(
    name: str, n_kw: int, n_cluster: int, seen: set[str], rng: random.Random
) -> list[tuple[str, str, str]]:
    with (DATA / f"{name}-description-sentences.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            (f"{name}:{n}", r["sentence"].strip(), r["ward_euclidean_cluster"])
            for n, r in enumerate(csv.DictReader(handle), start=1)
            if f"{name}:{n}" not in seen
        ]
    kw = rng.sample([r for r in rows if DESC_KW.search(r[1])], n_kw)
    by_cluster: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        by_cluster.setdefault(row[2], []).append(row)
    picked = [rng.choice(by_cluster[c]) for c in rng.sample(sorted(by_cluster), n_cluster)]
    return [(i, f"{name[:3]}-kw", t) for i, t, _ in kw] + [
        (i, f"{name[:3]}-cluster", t) for i, t, _ in picked
    ]


def main(
    out: Path,
    *,
    seed: int = 4242,
    exclude: tuple[str, ...] = ("disclosure.tsv",),
    sizes: tuple[int, int, int, int, int] = (110, 40, 60, 20, 40),
) -> None:
    """Write the sample; ``sizes`` = YouTube keyword, YouTube cluster, Pinterest keyword, Pinterest
    cluster, random tweets. The defaults reproduce ``labels/disclosure-heldout.tsv``."""
    rng = random.Random(seed)
    seen = _labelled(exclude)
    users = json.loads((DATA / "twibot20-sample-timelines.json").read_text(encoding="utf-8"))
    tweets = [
        (f"twibot:{u['ID']}:{i}", "tw-random", t.strip())
        for u in users
        for i, t in enumerate(u["tweet"] or [])
        if f"twibot:{u['ID']}:{i}" not in seen
    ]
    items = (
        _sentences("youtube", sizes[0], sizes[1], seen, rng)
        + _sentences("pinterest", sizes[2], sizes[3], seen, rng)
        + rng.sample(tweets, sizes[4])
    )
    with out.open("w", encoding="utf-8") as handle:
        for item_id, stratum, text in items:
            handle.write(f"{item_id}\t{stratum}\t{' '.join(text.split())}\n")
    print(f"{len(items)} items -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
