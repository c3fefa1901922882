"""Advocate discovery over the lake: read posts / accounts / comments, rank, store ``advocates``.

``discover_advocates`` is what ``grassroots advocates --brand B`` calls. Results are written to
the lake table ``advocates`` (one row per brand and account; the brand's previous rows are
replaced, so re-running gives the same rows) with a ``runs`` row named ``rank_advocates``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from grassroots.errors import InvalidRecord, SourceError
from grassroots.lake import Lake, TableSpec
from grassroots.listen.advocates import (
    Advocate,
    AdvocateOptions,
    SentimentFn,
    rank_advocates,
)
from grassroots.listen.advocates_customers import handles_in_note, link_customers
from grassroots.listen.brands import Brand
from grassroots.listen.corrections import correct_advocates

__all__ = ["ADVOCATES_TABLE", "discover_advocates", "read_fake_scores", "read_shop_customers"]

ADVOCATES_TABLE = TableSpec(
    name="advocates",
    columns={
        "brand": "VARCHAR",
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "rank": "BIGINT",
        "handle": "VARCHAR",
        "followers": "BIGINT",
        "tier": "VARCHAR",
        "score": "DOUBLE",
        "organic_positive": "BIGINT",
        "positive_weeks": "BIGINT",
        "paid_or_gifted": "BIGINT",
        "spam": "BIGINT",
        "negative": "BIGINT",
        "brand_posts": "BIGINT",
        "engagement_percentile": "DOUBLE",
        "quality": "DOUBLE",
        "band_weight": "DOUBLE",
        "customer_id": "VARCHAR",
        "explanation": "VARCHAR",
        "posts": "VARCHAR",
    },
    key=("brand", "platform", "account_id"),
    required=("brand", "platform", "account_id"),
)

_POST_COLUMNS = ["platform", "id", "author", "text", "created_at", "reply_to_id"]
_POST_COLUMNS += ["like_count", "comment_count", "share_count", "view_count"]
_ACCOUNT_COLUMNS = ["platform", "id", "handle", "followers", "following", "posts", "has_profile_picture"]


def read_shop_customers(path: Path) -> list[dict[str, object]]:
    """Customer id and social handles (from ``Note`` / ``Tags``) of a Shopify customers export."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    rows = list(csv.DictReader(text.splitlines()))
    if rows and "Customer ID" not in rows[0]:
        raise InvalidRecord(str(path), 1, "Customer ID", "missing column (a Shopify customers export has it)")
    return [
        {
            "customer_id": r["Customer ID"],
            "handles": handles_in_note(f"{r.get('Note', '')} {r.get('Tags', '')}"),
        }
        for r in rows
    ]


def read_fake_scores(path: Path) -> dict[str, float]:
    """Account id -> fake probability from ``grassroots trust fake-followers`` output (JSON lines)."""
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    out: dict[str, float] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidRecord(str(path), number, None, f"not valid JSON: {exc.msg}") from exc
        probability = row.get("probability") if isinstance(row, dict) else None
        if not isinstance(probability, int | float) or not 0 <= probability <= 1:
            raise InvalidRecord(
                str(path), number, "probability", f"expected a number in [0, 1], got {probability!r}"
            )
        if row.get("id") is None:
            raise InvalidRecord(str(path), number, "id", "required")
        out[str(row["id"])] = float(probability)
    return out


def _rows(brand: Brand, ranked: Sequence[Advocate]) -> pa.Table:
    out = []
    for a in ranked:
        row = {k: v for k, v in asdict(a).items() if k != "posts"}
        row["posts"] = json.dumps([asdict(p) for p in a.posts], ensure_ascii=False)
        out.append({"brand": brand.name, **row})
    names = list(ADVOCATES_TABLE.columns)
    return pa.Table.from_pylist(out, schema=None).select(names) if out else pa.table({n: [] for n in names})


def discover_advocates(
    lake: Lake,
    brand: Brand,
    *,
    sentiment: SentimentFn,
    customers: Sequence[dict[str, object]] = (),
    fake_probability: Mapping[str, float] | None = None,
    options: AdvocateOptions | None = None,
    limit: int | None = None,
    sentiment_source: str = "custom",
    corrections: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Advocate]:
    """Rank the advocates of ``brand`` from the lake and store every ranked row in ``advocates``.

    ``sentiment_source`` names the scorer behind ``sentiment`` in the run's recorded parameters;
    ``corrections`` (account id -> a user correction's evidence) removes people marked "not an
    advocate" and puts people marked "advocate" first
    (:func:`grassroots.listen.corrections.correct_advocates`).
    """
    posts = lake.scan("posts", columns=_POST_COLUMNS)
    accounts = lake.scan("accounts", columns=_ACCOUNT_COLUMNS)
    comments = lake.scan("comments", columns=["post_id", "author"])
    links = link_customers(accounts, customers) if customers else None
    ranked = rank_advocates(
        posts,
        accounts,
        brand=brand,
        sentiment=sentiment,
        comments=comments,
        customers=links,
        fake_probability=fake_probability,
        options=options,
    )
    ranked = correct_advocates(ranked, corrections or {})
    lake.register_table(ADVOCATES_TABLE)
    params = asdict(options or AdvocateOptions()) | {"brand": brand.name, "customers": len(customers)}
    params["fake_scores"] = len(fake_probability or {})
    params["sentiment"] = sentiment_source
    params["corrections"] = len(corrections or {})
    lake.upsert(
        "advocates",
        [_rows(brand, ranked)],
        step="rank_advocates",
        parameters=params,
        replace_where=("brand", [brand.name]),
    )
    return ranked[:limit] if limit else ranked
