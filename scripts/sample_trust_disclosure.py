"""Draw the disclosure labelling sample (issue 4) from ../shared/data/disclosure, reproducibly.

    .venv/bin/python scripts/sample_trust_disclosure.py OUT.tsv

Writes ``id<TAB>stratum<TAB>text`` (the text only for the person labelling: never commit OUT).
Ids: ``twibot:<user ID>:<tweet index>``, ``youtube:<data row>``, ``pinterest:<data row>`` (1-based rows
after the header). Strata:

- ``tw-tag``: every TwiBot-20 tweet carrying ``#ad``, ``#sponsored`` or ``#<something>partner``;
- ``tw-kw``: up to 80 other tweets mentioning sponsor / partner / paid / gifted / collab / ambassador /
  code / #spon / #sp;
- ``tw-random``: as many tweets as the two above, at random from the same users' timelines;
- ``tw-hard``: tweets with hashtags that start with ``#ad`` but are not ``#ad`` (``#adidas``, ...);
- ``yt-cluster`` / ``pin-cluster``: one sentence from each of 150 / 80 randomly chosen
  ``ward_euclidean_cluster`` values;
- ``yt-kw`` / ``pin-kw``: sentences with disclosure-like words (affiliate, commission, sponsor, code,
  link in bio, #ad, ...), 100 / 30 at random; ``*-hard``: "sponsored by my ...", ``#advice``, ... .
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "disclosure"
TAG = re.compile(r"#(ad|sponsored)\b|#\w*partner\b", re.I)
TW_KW = re.compile(r"sponsor|partner|\bpaid\b|gifted|collab|ambassador|\bcode\b|#spon\b|#sp\b", re.I)
HARD_TAG = re.compile(r"#ad\w+", re.I)
DESC_KW = re.compile(
    r"affiliate|commission|sponsor|\bcode\b|link in (my )?bio|#ad\b|\bpaid\b|gifted|partner|"
    r"amazon associate|free of charge|sent (me|to me)|discount",
    re.I,
)
DESC_HARD = re.compile(r"sponsored by my|#advice|#adidas|\bad(d|v|o|m|a)\w+\b.*\bad\b", re.I)


def twibot(rng: random.Random) -> list[tuple[str, str, str]]:
    users = json.loads((DATA / "twibot20-sample-timelines.json").read_text(encoding="utf-8"))
    tweets = [(f"twibot:{u['ID']}:{i}", t.strip()) for u in users for i, t in enumerate(u["tweet"] or [])]
    tag = [t for t in tweets if TAG.search(t[1])]
    rest = [t for t in tweets if not TAG.search(t[1])]
    kw = [t for t in rest if TW_KW.search(t[1])]
    kw = rng.sample(kw, min(80, len(kw)))
    owners = {t[0].split(":")[1] for t in tag + kw}
    chosen = {t[0] for t in tag + kw}
    pool = [t for t in rest if t[0].split(":")[1] in owners and t[0] not in chosen]
    rand = rng.sample(pool, len(tag) + len(kw))
    taken = chosen | {t[0] for t in rand}
    hard = [t for t in rest if HARD_TAG.search(t[1]) and t[0] not in taken]
    return (
        [(i, "tw-tag", x) for i, x in tag]
        + [(i, "tw-kw", x) for i, x in kw]
        + [(i, "tw-random", x) for i, x in rand]
        + [(i, "tw-hard", x) for i, x in hard]
    )


def sentences(
    name: str, prefix: str, n_clusters: int, n_kw: int, rng: random.Random
) -> list[tuple[str, str, str]]:
    with (DATA / f"{name}-description-sentences.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            (f"{name}:{n}", r["sentence"].strip(), r["ward_euclidean_cluster"])
            for n, r in enumerate(csv.DictReader(handle), start=1)
        ]
    by_cluster: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        by_cluster.setdefault(row[2], []).append(row)
    clusters = rng.sample(sorted(by_cluster), n_clusters)
    picked = [rng.choice(by_cluster[c]) for c in clusters]
    taken = {r[0] for r in picked}
    kw = [r for r in rows if DESC_KW.search(r[1]) and r[0] not in taken]
    kw = rng.sample(kw, min(n_kw, len(kw)))
    taken |= {r[0] for r in kw}
    hard = [r for r in rows if DESC_HARD.search(r[1]) and r[0] not in taken][:15]
    return (
        [(i, f"{prefix}-cluster", x) for i, x, _ in picked]
        + [(i, f"{prefix}-kw", x) for i, x, _ in kw]
        + [(i, f"{prefix}-hard", x) for i, x, _ in hard]
    )


def main(out: Path) -> None:
    rng = random.Random(20261121)
    items = (
        twibot(rng) + sentences("youtube", "yt", 150, 100, rng) + sentences("pinterest", "pin", 80, 30, rng)
    )
    with out.open("w", encoding="utf-8") as handle:
        for item_id, stratum, text in items:
            handle.write(f"{item_id}\t{stratum}\t{' '.join(text.split())}\n")
    print(f"{len(items)} items -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
