"""SXSW 2011 brand attribution: does the detector attribute each tweet to the right brand?

The CrowdFlower file (``../shared/data/text/sxsw-brand-emotion.csv``) is Mac Roman bytes of text
that had already been through a UTF-8 -> cp1252 mix-up; it is decoded as Mac Roman and each
cell repaired (cp1252 -> UTF-8) where that round-trips. Targets map to brands as in issue 3:
iPad, iPhone, "iPad or iPhone App", "Other Apple product or service", Apple -> Apple; Google,
Android, "Android App", "Other Google product or service" -> Google.

On rows with a target: accuracy (the single brand we attribute, most mentions first, equals the
gold brand) and recall (the gold brand is among the brands found). On rows without one: the
share attributed to any brand (no gold; many of those tweets do name a brand).
"""

from __future__ import annotations

import csv
from pathlib import Path

from grassroots.listen import Brand, find_mentions, load_brand

HERE = Path(__file__).resolve().parent
SXSW = HERE.parents[1].parent / "shared" / "data" / "text" / "sxsw-brand-emotion.csv"
TARGET_BRAND = {
    "iPad": "Apple",
    "iPhone": "Apple",
    "iPad or iPhone App": "Apple",
    "Other Apple product or service": "Apple",
    "Apple": "Apple",
    "Google": "Google",
    "Android": "Google",
    "Android App": "Google",
    "Other Google product or service": "Google",
}


def _repair(cell: str) -> str:
    try:
        return cell.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return cell


def read_sxsw(path: Path = SXSW) -> list[tuple[str, str | None]]:
    """``(tweet, gold brand or None)`` per row."""
    text = path.read_bytes().decode("mac_roman")
    rows = list(csv.reader(text.splitlines(keepends=True)))[1:]
    return [(_repair(r[0]), TARGET_BRAND.get(r[1]) if r[1] else None) for r in rows if len(r) >= 2]


def brands() -> list[Brand]:
    """The two configured brands of the benchmark."""
    return [load_brand(HERE / "brands" / "apple.yaml"), load_brand(HERE / "brands" / "google.yaml")]


def attribute(text: str, candidates: list[Brand]) -> tuple[str | None, set[str]]:
    """The brand with the most mentions (earliest first mention breaks ties) and every brand found."""
    scored = []
    for brand in candidates:
        found = find_mentions(text, brand)
        if found:
            scored.append((-len(found), found[0].start, brand.name))
    scored.sort()
    return (scored[0][2] if scored else None), {name for _, _, name in scored}


def evaluate(path: Path = SXSW) -> dict[str, float]:
    """Accuracy and recall on rows with a target, share attributed on rows without."""
    configured = brands()
    bare = [Brand.from_name("Apple"), Brand.from_name("Google")]
    stats = {"with_target": 0.0, "accuracy": 0.0, "recall": 0.0, "bare_accuracy": 0.0, "bare_recall": 0.0}
    stats |= {"without_target": 0.0, "attributed_without": 0.0}
    for text, gold in read_sxsw(path):
        best, found = attribute(text, configured)
        if gold is None:
            stats["without_target"] += 1
            stats["attributed_without"] += best is not None
            continue
        bare_best, bare_found = attribute(text, bare)
        stats["with_target"] += 1
        stats["accuracy"] += best == gold
        stats["recall"] += gold in found
        stats["bare_accuracy"] += bare_best == gold
        stats["bare_recall"] += gold in bare_found
    n = stats["with_target"]
    for key in ("accuracy", "recall", "bare_accuracy", "bare_recall"):
        stats[key] /= n
    stats["attributed_without"] /= stats["without_target"]
    return stats


if __name__ == "__main__":
    s = evaluate()
    print(f"SXSW rows with a target: {int(s['with_target'])}")
    print(f"  configured brands: accuracy {s['accuracy']:.3f}  recall {s['recall']:.3f}")
    print(f"  bare names:        accuracy {s['bare_accuracy']:.3f}  recall {s['bare_recall']:.3f}")
    print(f"SXSW rows without a target: {int(s['without_target'])}")
    print(f"  share attributed {s['attributed_without']:.3f}")
