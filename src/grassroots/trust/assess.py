"""Score a file of texts for disclosure: the domain side of ``grassroots trust disclosure``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grassroots.ingest import read_texts
from grassroots.rules import detect_disclosure
from grassroots.trust.undisclosed import undisclosed_probability

__all__ = ["assess_disclosures", "assess_text"]


def assess_text(text: str, *, brand: str | None = None) -> dict[str, Any]:
    """One output object: ``disclosure``, ``commercial``, ``signals`` (spans), ``undisclosed_probability``.

    >>> out = assess_text("Thanks @lumen for the free serum!")
    >>> out["disclosure"], out["commercial"], out["undisclosed_probability"], out["signals"][0]["rule"]
    ('adequate', 'gifted', 0.0, 'thanks_for_free')
    """
    result = detect_disclosure(text, brand=brand)
    return {
        "disclosure": result.disclosure,
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
