"""Score a file of texts for disclosure: the domain side of ``grassroots trust disclosure``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from grassroots.ingest import read_texts
from grassroots.records import ProgressFn, no_progress
from grassroots.rules import detect_disclosure
from grassroots.trust.undisclosed import undisclosed_probability

if TYPE_CHECKING:
    from grassroots.lake import Lake

__all__ = ["assess_disclosures", "assess_lake_posts", "assess_text"]


def assess_text(text: str, *, brand: str | None = None) -> dict[str, Any]:
    """One output object: ``disclosure``, ``status``, ``commercial``, ``signals`` (spans),
    ``undisclosed_probability``. ``status`` is the verdict as shown, with ``commercial_undisclosed``
    ("commercial signal, not disclosed") for a post with an affiliate link or code and no disclosure.

    >>> out = assess_text("Thanks @lumen for the free serum!")
    >>> out["disclosure"], out["commercial"], out["undisclosed_probability"], out["signals"][0]["rule"]
    ('adequate', 'gifted', 0.0, 'thanks_for_free')
    >>> assess_text("my glow https://rstyle.me/n/abc")["status"]
    'commercial_undisclosed'
    """
    result = detect_disclosure(text, brand=brand)
    return {
        "disclosure": result.disclosure,
        "status": result.status,
        "commercial": result.commercial,
        "signals": [s.to_dict() for s in result.signals],
        "undisclosed_probability": undisclosed_probability(text, result, brand=brand),
    }


def assess_disclosures(
    path: Path, *, fmt: str | None = None, brand: str | None = None
) -> list[dict[str, Any]]:
    """Read every line of ``path`` first (as ``listen sentiment`` does), then one object per line, in order.

    The JSONL ``id`` is echoed when present; read warnings (replaced bytes) are passed on.
    """
    records = read_texts(path, fmt=fmt)
    out = []
    for record in records:
        item: dict[str, Any] = {}
        if record.id is not None:
            item["id"] = record.id
        item.update(assess_text(record.text, brand=brand))
        if record.warnings:
            item["warnings"] = list(record.warnings)
        out.append(item)
    return out


def assess_lake_posts(
    lake: Lake, *, brand: str | None = None, progress: ProgressFn = no_progress
) -> list[dict[str, Any]]:
    """Assess every post in the lake: ``platform``, ``id``, ``author`` plus :func:`assess_text`'s answer.

    Posts come in (platform, id) order, so the result does not depend on the order ingest stored them.
    """
    posts = lake.scan("posts", columns=["platform", "id", "author", "text"])
    posts = posts.sort_by([("platform", "ascending"), ("id", "ascending")])
    out = []
    total = posts.num_rows
    for n, row in enumerate(posts.to_pylist(), 1):
        item = {"platform": row["platform"], "id": row["id"], "author": row["author"]}
        item.update(assess_text(row["text"] or "", brand=brand))
        out.append(item)
        if n % 5000 == 0 or n == total:
            progress("disclosures", n, total)
    return out
