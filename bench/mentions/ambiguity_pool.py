"""The pool of real texts with an ambiguous brand name, and the hand labels committed for them.

``labels/ambiguity.tsv`` holds only ``source<TAB>key<TAB>term<TAB>label`` (label ``company`` or
``other``): the texts stay in ``../shared/data/text`` and are looked up here by (source, key).
Sources: SemEval 2013-2016 tweets (key = tweet id), TweetEval (key = 1-based line number) and
the VADER ground truth (key = its id). SXSW is left out: it is the attribution benchmark.

``python -m bench.mentions.ambiguity_pool --sample`` prints the seeded sample that was labelled.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT_DIR = ROOT.parent / "shared" / "data" / "text"
LABELS = ROOT / "labels" / "ambiguity.tsv"

#: terms and how many distinct texts to sample for each (all of them when fewer exist)
QUOTA = {
    "apple": 90,
    "amazon": 80,
    "target": 60,
    "orange": 30,
    "blackberry": 25,
    "subway": 25,
    "shell": 15,
    "puma": 8,
    "jaguar": 4,
    "dove": 3,
    "corona": 3,
}


def _unescape(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def iter_texts(text_dir: Path = TEXT_DIR) -> Iterator[tuple[str, str, str]]:
    """Yield ``(source, key, text)`` for every text in the labelled sources."""
    for path in sorted((text_dir / "semeval-twitter-sentiment").rglob("*.tsv")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            cols = line.rstrip("\t").split("\t")
            if len(cols) >= 3:
                yield str(path.relative_to(text_dir)), cols[0], _unescape(cols[-1])
    for path in sorted((text_dir / "tweeteval").rglob("*_text.txt")):
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            yield str(path.relative_to(text_dir)), str(i), line
    for path in sorted((text_dir / "vader-ground-truth").rglob("*_GroundTruth.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            cols = line.split("\t")
            if len(cols) >= 3:
                yield str(path.relative_to(text_dir)), cols[0], cols[2]


def _norm(text: str) -> str:
    text = re.sub(r"@\w+", "@user", text.lower())
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()


def pool(text_dir: Path = TEXT_DIR) -> dict[str, list[tuple[str, str, str]]]:
    """Distinct texts (first occurrence wins) containing each term as a word, per term."""
    patterns = {t: re.compile(rf"(?<![^\W_]){t}(?![^\W_])", re.IGNORECASE) for t in QUOTA}
    seen: set[str] = set()
    found: dict[str, list[tuple[str, str, str]]] = {t: [] for t in QUOTA}
    for source, key, text in iter_texts(text_dir):
        norm = _norm(text)
        if norm in seen:
            continue
        for term, pattern in patterns.items():
            if pattern.search(text):
                seen.add(norm)
                found[term].append((source, key, text))
                break
    return found


def sample(seed: int = 7, text_dir: Path = TEXT_DIR) -> list[tuple[str, str, str, str]]:
    """The seeded sample to label: ``(source, key, term, text)``."""
    rng = random.Random(seed)
    out = []
    for term, items in pool(text_dir).items():
        chosen = items if len(items) <= QUOTA[term] else rng.sample(items, QUOTA[term])
        out += [(s, k, term, t) for s, k, t in chosen]
    return out


#: second sample, labelled after the rules were frozen: an honest held-out estimate
HELDOUT_QUOTA = {"apple": 40, "amazon": 30, "target": 40, "orange": 25, "subway": 25, "puma": 5}
HELDOUT_LABELS = ROOT / "labels" / "ambiguity-heldout.tsv"


def heldout_sample(seed: int = 11, text_dir: Path = TEXT_DIR) -> list[tuple[str, str, str, str]]:
    """A fresh seeded sample that excludes every text of the first labelled sample."""
    first = {(s, k) for s, k, _, _ in sample(text_dir=text_dir)}
    rng = random.Random(seed)
    out = []
    for term, items in pool(text_dir).items():
        rest = [it for it in items if (it[0], it[1]) not in first]
        n = HELDOUT_QUOTA.get(term, 0)
        chosen = rest if len(rest) <= n else rng.sample(rest, n)
        out += [(s, k, term, t) for s, k, t in chosen]
    return out


def load_labelled(text_dir: Path = TEXT_DIR, labels: Path = LABELS) -> list[tuple[str, str, bool]]:
    """``(term, text, is_company)`` for every committed label, texts looked up in the shared data."""
    wanted = {}
    for line in labels.read_text(encoding="utf-8").splitlines()[1:]:
        source, key, term, label = line.split("\t")
        wanted[(source, key)] = (term, label == "company")
    out = []
    for source, key, text in iter_texts(text_dir):
        hit = wanted.pop((source, key), None)
        if hit is not None:
            out.append((hit[0], text, hit[1]))
    if wanted:
        raise SystemExit(f"{len(wanted)} labelled texts not found, e.g. {next(iter(wanted))}")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", action="store_true", help="print the sample to label")
    parser.add_argument("--heldout", action="store_true", help="print the held-out sample to label")
    args = parser.parse_args()
    if args.sample or args.heldout:
        for i, (source, key, term, text) in enumerate(heldout_sample() if args.heldout else sample()):
            print(f"{i}\t{source}\t{key}\t{term}\t{text}")
    else:
        print({t: len(v) for t, v in pool().items()})
