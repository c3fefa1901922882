"""SemEval 2015-2016 topic-targeted tweets (subtask BD): recall of finding the given topic in its tweet.

Each row names a topic (a brand, product, person or event, e.g. ``@microsoft``, ``ice cube``);
the topic is configured as a bare brand (``Brand.from_name``) and the tweet counts as found when
at least one mention is kept. Peer in the same run: case-insensitive substring search of the topic.
Reported over every distinct tweet id of the BD files and over ``twitter-2016test-BD.tsv`` alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from grassroots.listen import Brand, find_mentions

BD_DIR = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "text"
    / "semeval-twitter-sentiment"
    / "BD"
)


def read_bd(path: Path) -> list[tuple[str, str, str]]:
    """``(id, topic, text)`` rows of one BD file."""
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        cols = line.rstrip("\t").split("\t")
        if len(cols) >= 4:
            text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), cols[3])
            rows.append((cols[0], cols[1], text))
    return rows


def recall(rows: list[tuple[str, str, str]]) -> tuple[float, float, list[tuple[str, str]]]:
    """(our recall, substring recall, the misses)."""
    brands: dict[str, Brand] = {}
    ours = substring = 0
    misses = []
    for _, topic, text in rows:
        brand = brands.setdefault(topic, Brand.from_name(topic.lstrip("@#")))
        if find_mentions(text, brand):
            ours += 1
        else:
            misses.append((topic, text))
        substring += topic.lstrip("@#").lower() in text.lower()
    return ours / len(rows), substring / len(rows), misses


def evaluate(bd_dir: Path = BD_DIR) -> dict[str, tuple[int, float, float]]:
    """Recall over all distinct BD tweets and over the 2016 test file."""
    seen: dict[str, tuple[str, str, str]] = {}
    for path in sorted(bd_dir.glob("*.tsv")):
        for row in read_bd(path):
            seen.setdefault(row[0], row)
    test = read_bd(bd_dir / "twitter-2016test-BD.tsv")
    out = {}
    for name, rows in (("all BD files", list(seen.values())), ("2016 test", test)):
        ours, sub, _ = recall(rows)
        out[name] = (len(rows), ours, sub)
    return out


if __name__ == "__main__":
    for name, (n, ours, sub) in evaluate().items():
        print(f"SemEval BD {name}: {n} tweets; topic found: ours {ours:.3f}, substring {sub:.3f}")
