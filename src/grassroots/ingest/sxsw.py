"""The SXSW 2013 brand-emotion CSV (CrowdFlower): tweets with the brand an emotion is directed at.

Columns: ``tweet_text``, ``emotion_in_tweet_is_directed_at`` (brand or product, often empty) and
``is_there_an_emotion_directed_at_a_brand_or_product``. The file has neither ids nor authors nor
times, and one line has an empty tweet (skipped with a warning): each tweet becomes a post with id
``sxsw-<line>`` (stable for the same file), and its label a ``post_labels`` row
(``label_source = 'sxsw'``). The published file is neither UTF-8 nor cp1252;
``--encoding mac_roman`` reads it without replacement, otherwise each undecodable line falls back
with a warning naming ``FILE:LINE``.

>>> LABELS["Positive emotion"], LABELS["I can't tell"]
('positive', 'unknown')
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from grassroots.ingest._multi import Row
from grassroots.ingest.read import iter_records

__all__ = ["LABELS", "sxsw_rows"]

TEXT, TARGET, EMOTION = (
    "tweet_text",
    "emotion_in_tweet_is_directed_at",
    "is_there_an_emotion_directed_at_a_brand_or_product",
)
LABELS = {
    "Positive emotion": "positive",
    "Negative emotion": "negative",
    "No emotion toward brand or product": "neutral",
    "I can't tell": "unknown",
}


def sxsw_rows(path: Path, platform: str, encoding: str | None, warnings: list[str]) -> Iterator[Row]:
    """A post and a label row per tweet line."""
    for record in iter_records(path, "csv", encoding=encoding, warnings=warnings):
        if record.values is None:
            yield record.line, None, {"error": record.error}, record.raw
            continue
        values = record.values
        if TEXT not in values:
            yield record.line, None, {"field": TEXT, "error": "missing column (is this the SXSW file?)"}, ""
            continue
        if not (values[TEXT] or "").strip():
            warnings.append(f"{path}:{record.line}: empty tweet_text, line skipped")
            continue
        post_id = f"sxsw-{record.line}"
        yield record.line, "posts", {"platform": platform, "id": post_id, "text": values[TEXT]}, record.raw
        emotion = (values.get(EMOTION) or "").strip()
        label = {
            "platform": platform,
            "post_id": post_id,
            "label_source": "sxsw",
            "target": values.get(TARGET),
        }
        label["label"] = LABELS.get(emotion, emotion.lower() or None)
        yield record.line, "post_labels", label, record.raw
