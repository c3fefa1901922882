"""Listening over the lake: every post that mentions the brand, its sentiment toward it, stored.

``scan_brand`` reads the lake's posts in batches, keeps those in the brand's ``languages`` (posts
without a language tag are kept) with a mention judged to be about the brand
(:func:`~grassroots.listen.mentions.find_mentions`, reasons kept), scores sentiment toward the
brand on them (:func:`~grassroots.listen.sentiment.score_texts`: the window around the
mention, mixed with the whole post), labels its disclosure and commercial relationship with the
shared rules (:func:`grassroots.rules.detect_disclosure`, the same answer ``trust disclosure`` gives;
``paid_or_gifted`` is ``commercial != "none"``) and stores one row per post in the
lake table ``brand_mentions``. The brand's previous rows are swapped in the same transaction, so
re-running gives the same table. ``summarise`` turns the rows into the views a marketer reads:
per ISO week (volume, authors, sentiment mix, net sentiment, paid share) or per author.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Literal

import pyarrow as pa

from grassroots.errors import InvalidInput
from grassroots.lake import Lake, TableSpec, arrow_schema
from grassroots.listen.brands import Brand
from grassroots.listen.mentions import find_mentions
from grassroots.listen.sentiment import SentimentScorer, score_toward
from grassroots.records import ProgressFn, no_progress
from grassroots.rules import detect_disclosure

__all__ = [
    "BRAND_MENTIONS_TABLE",
    "SUMMARY_VIEWS",
    "SummaryView",
    "check_view",
    "read_brand_mentions",
    "scan_brand",
    "summarise",
]

SummaryView = Literal["week", "author", "post"]
SUMMARY_VIEWS: tuple[SummaryView, ...] = ("week", "author", "post")

BRAND_MENTIONS_TABLE = TableSpec(
    name="brand_mentions",
    columns={
        "brand": "VARCHAR",
        "subject": "VARCHAR",
        "platform": "VARCHAR",
        "post_id": "VARCHAR",
        "author": "VARCHAR",
        "created_at": "TIMESTAMP",
        "week": "VARCHAR",
        "lang": "VARCHAR",
        "label": "VARCHAR",
        "score": "DOUBLE",
        "p_negative": "DOUBLE",
        "p_neutral": "DOUBLE",
        "p_positive": "DOUBLE",
        "evidence_start": "BIGINT",
        "evidence_end": "BIGINT",
        "evidence": "VARCHAR",
        "disclosure": "VARCHAR",
        "commercial": "VARCHAR",
        "paid_or_gifted": "BOOLEAN",
        "commercial_signals": "VARCHAR",
        "mentions": "VARCHAR",
    },
    key=("brand", "subject", "platform", "post_id"),
    required=("brand", "subject", "platform", "post_id"),
)

_POST_COLUMNS = ["platform", "id", "author", "text", "created_at", "lang"]
_CHUNK = 1_000
#: language tags that mean "not known", so the post is kept whatever the brand's languages
_UNKNOWN_LANG = {"", "und", "unknown", "zxx"}


def _iso_week(created: Any) -> str | None:
    """``2026-W10`` for a timestamp (or ISO text); None when the post has no date.

    >>> _iso_week(datetime(2026, 3, 4)), _iso_week(None)
    ('2026-W10', None)
    """
    if created is None:
        return None
    when = created if isinstance(created, datetime) else datetime.fromisoformat(str(created))
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def _in_languages(lang: str | None, brand: Brand) -> bool:
    """True when the post's language tag is one of the brand's (or unknown: no tag, ``und``).

    >>> b = Brand.from_name("Acme")  # languages default to ("en",)
    >>> _in_languages("en", b), _in_languages("EN-gb", b), _in_languages(None, b), _in_languages("de", b)
    (True, True, True, False)
    """
    if lang is None or lang.strip().lower() in _UNKNOWN_LANG:
        return True
    primary = lang.strip().lower().split("-")[0].split("_")[0]
    return primary in {x.lower() for x in brand.languages}


def _mentioning(
    batches: Iterator[pa.RecordBatch],
    brand: Brand,
    subjects: Sequence[Brand],
    progress: ProgressFn,
    total: int | None,
) -> list[tuple[dict[str, Any], Brand, list[Any]]]:
    """(post, subject, its mentions) for each post in the brand's languages and each subject
    (the brand, then its competitors) it mentions, judged by context."""
    found, done = [], 0
    progress("find mentions", 0, total)
    for batch in batches:
        for row in batch.to_pylist():
            text = row["text"]
            if not text or not _in_languages(row.get("lang"), brand):
                continue
            for subject in subjects:
                mentions = find_mentions(text, subject)
                if any(m.about_brand for m in mentions):
                    found.append((row, subject, mentions))
        done += batch.num_rows  # reported after the batch's work, so the bar ends when the step does
        progress("find mentions", done, total)
    return found


def scan_brand(
    lake: Lake,
    brand: Brand,
    *,
    scorer: SentimentScorer,
    path: str = "accurate",
    competitors: Sequence[Brand] | None = None,
    progress: ProgressFn = no_progress,
) -> list[dict[str, Any]]:
    """Find, score and store every post about ``brand`` and about each competitor; returns the
    stored rows (oldest first; ``subject`` says whom the row is about).

    ``competitors`` default to bare-name brands for ``brand.competitors`` (pass configured ones for
    better detection); each competitor post is scored toward that competitor, so share of voice and
    the competitors' sentiment come from the same run. ``path`` names the scorer in the ``runs``
    row (``listen_scan``); ``progress`` is told how far the two long steps have got.
    """
    if competitors is None:
        competitors = [Brand.from_name(name) for name in brand.competitors]
    total = lake.counts().get("posts")
    batches = iter(lake.iter_batches("posts", columns=_POST_COLUMNS, batch_size=_CHUNK * 10))
    posts = _mentioning(batches, brand, [brand, *competitors], progress, total)
    scored: list[Any] = []
    progress("score sentiment", 0, len(posts))
    for start in range(0, len(posts), _CHUNK):
        chunk = posts[start : start + _CHUNK]
        texts, about = [p["text"] for p, _, _ in chunk], [subject for _, subject, _ in chunk]
        scored += score_toward(texts, about, scorer=scorer)
        progress("score sentiment", start + len(chunk), len(posts))
    rows = []
    for (post, subject, mentions), s in zip(posts, scored, strict=True):
        found = detect_disclosure(post["text"])
        rows.append(
            {
                "brand": brand.name,
                "subject": subject.name,
                "platform": post["platform"],
                "post_id": str(post["id"]),
                "author": post["author"],
                "created_at": post["created_at"],
                "week": _iso_week(post["created_at"]),
                "lang": post.get("lang"),
                "label": s.label,
                "score": s.score,
                "p_negative": s.probabilities["negative"],
                "p_neutral": s.probabilities["neutral"],
                "p_positive": s.probabilities["positive"],
                "evidence_start": s.evidence_start,
                "evidence_end": s.evidence_end,
                "evidence": s.evidence_text,
                "disclosure": found.disclosure,
                "commercial": found.commercial,
                "paid_or_gifted": found.paid_or_gifted,
                "commercial_signals": json.dumps(list(found.commercial_signals), ensure_ascii=False),
                "mentions": json.dumps(
                    [
                        {
                            k: getattr(m, k)
                            for k in ("start", "end", "text", "kind", "term", "about_brand", "reason")
                        }
                        for m in mentions
                    ],
                    ensure_ascii=False,
                ),
            }
        )
    rows.sort(
        key=lambda r: (
            r["subject"] != brand.name,
            r["subject"],
            r["created_at"] is None,
            r["created_at"] or datetime.min,
            r["platform"],
            r["post_id"],
        )
    )
    lake.register_table(BRAND_MENTIONS_TABLE)
    schema = arrow_schema(BRAND_MENTIONS_TABLE)
    lake.upsert(
        "brand_mentions",
        [pa.Table.from_pylist(rows, schema=schema)],
        step="listen_scan",
        parameters={"brand": brand.name, "sentiment": path, "competitors": [c.name for c in competitors]},
        replace_where=("brand", [brand.name]),
    )
    return rows


def read_brand_mentions(lake: Lake, brand: Brand, *, subject: Brand | None = None) -> list[dict[str, Any]]:
    """The stored ``brand_mentions`` rows of ``brand`` about ``subject`` (default: the brand itself)."""
    lake.register_table(BRAND_MENTIONS_TABLE)
    where = {"brand": brand.name, "subject": (subject or brand).name}
    return lake.scan("brand_mentions", where=where).to_pylist()  # type: ignore[no-any-return]


def _as_json(row: dict[str, Any]) -> dict[str, Any]:
    created = row["created_at"]
    out = dict(row, created_at=created.isoformat() if isinstance(created, datetime) else created)
    for key in ("commercial_signals", "mentions"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


def _counts(members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    counts = {
        label: sum(1 for r in members if r["label"] == label) for label in ("positive", "neutral", "negative")
    }
    return {
        "mentions": len(members),
        **counts,
        "net_sentiment": round((counts["positive"] - counts["negative"]) / len(members), 4)
        if members
        else None,
    }


def check_view(by: str) -> SummaryView:
    """``by`` as a :data:`SummaryView`, or ``InvalidInput`` naming the parameter and the choices."""
    if by not in SUMMARY_VIEWS:
        raise InvalidInput(f"by={by!r}: expected one of {', '.join(SUMMARY_VIEWS)}")
    return by


def summarise(rows: Sequence[dict[str, Any]], by: SummaryView = "week") -> list[dict[str, Any]]:
    """Group stored rows per ISO week (oldest first) or per author (most brand mentions first).

    Each group is about the brand (rows whose ``subject`` is the brand): ``mentions``,
    ``positive`` / ``neutral`` / ``negative`` counts, ``net_sentiment`` = (positive - negative) /
    mentions, ``paid_or_gifted``; per week also ``authors``, ``share_of_voice`` (brand posts over
    brand + competitor posts) and ``competitors`` ({name: mentions, counts, net sentiment}).
    ``by="post"`` returns the rows themselves, ready for JSON (``created_at`` as ISO text, lists
    decoded).

    >>> rows = [{"brand": "A", "subject": "A", "week": "2026-W10", "author": "a", "label": "positive",
    ...          "paid_or_gifted": False},
    ...         {"brand": "A", "subject": "A", "week": "2026-W10", "author": "b", "label": "negative",
    ...          "paid_or_gifted": True},
    ...         {"brand": "A", "subject": "B", "week": "2026-W10", "author": "c", "label": "positive",
    ...          "paid_or_gifted": False}]
    >>> week = summarise(rows)[0]
    >>> week["net_sentiment"], week["share_of_voice"], week["competitors"]["B"]["net_sentiment"]
    (0.0, 0.6667, 1.0)
    >>> summarise(rows, by="author")[0]["author"]
    'a'
    """
    check_view(by)
    if by == "post":
        return [_as_json(r) for r in rows]
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["week"] if by == "week" else row["author"]].append(row)
    out = []
    for key, members in groups.items():
        own = [r for r in members if r["subject"] == r["brand"]]
        if not own and by == "author":
            continue  # an author who only talks about competitors
        group = {by: key, **_counts(own), "paid_or_gifted": sum(1 for r in own if r["paid_or_gifted"])}
        if by == "week":
            others: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for r in members:
                if r["subject"] != r["brand"]:
                    others[r["subject"]].append(r)
            group["authors"] = len({r["author"] for r in own})
            group["share_of_voice"] = round(len(own) / len(members), 4)
            group["competitors"] = {name: _counts(rs) for name, rs in sorted(others.items())}
        out.append(group)
    if by == "week":
        return sorted(out, key=lambda g: (g["week"] is None, g["week"] or ""))
    return sorted(out, key=lambda g: (-g["mentions"], str(g["author"])))
