"""The trust stage's lake tables: fake-follower scores, per-post disclosures, audience-quality reports.

Each ``store_*`` function writes its rows and one ``runs`` row in ONE transaction. All three are
**incremental upserts** on their natural key (never a swap of the whole table): connectors add
accounts and posts a batch at a time, and scoring a new batch must not drop the scores of earlier
ones. A re-run over the same input changes nothing (every value is a function of the input; the
time of a run is in ``runs``). The person is in ``account_id`` / ``author`` so ``erase`` reaches
every row.

===========================  =================================  ========================================
table                        key                                written by
===========================  =================================  ========================================
``fake_follower_scores``     (platform, account_id)             ``trust fake-followers`` (initialised
                                                                data dir) / ``--from-lake``, the demo
``disclosures``              (brand, platform, post_id)         ``trust disclosure --from-lake``, demo
``audience_reports``         (brand, account_id)                ``trust report``, the demo
===========================  =================================  ========================================
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from grassroots.lake import Lake, TableSpec, UpsertCounts, arrow_schema
from grassroots.trust.corrections import correct_fake_scores
from grassroots.trust.fake_followers import MODEL_PATH, FakeFollowerScore, score_profiles
from grassroots.trust.profiles import profile_from_mapping
from grassroots.trust.report import CreatorReport

__all__ = [
    "AUDIENCE_REPORTS_TABLE",
    "DISCLOSURES_TABLE",
    "FAKE_FOLLOWER_SCORES_TABLE",
    "fake_follower_model_version",
    "fake_followers_from_lake",
    "store_audience_report",
    "store_disclosures",
    "store_fake_follower_scores",
]

FAKE_FOLLOWER_SCORES_TABLE = TableSpec(
    name="fake_follower_scores",
    columns={
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "probability": "DOUBLE",
        "reasons": "VARCHAR",
        "model": "VARCHAR",
        "prior": "DOUBLE",
        "as_of": "TIMESTAMP",
    },
    key=("platform", "account_id"),
    required=("platform", "account_id", "probability"),
)

DISCLOSURES_TABLE = TableSpec(
    name="disclosures",
    columns={
        "brand": "VARCHAR",
        "platform": "VARCHAR",
        "post_id": "VARCHAR",
        "author": "VARCHAR",
        "disclosure": "VARCHAR",
        "commercial": "VARCHAR",
        "undisclosed_probability": "DOUBLE",
        "status": "VARCHAR",
        "signals": "VARCHAR",
    },
    key=("brand", "platform", "post_id"),
    required=("brand", "platform", "post_id", "disclosure"),
)

AUDIENCE_REPORTS_TABLE = TableSpec(
    name="audience_reports",
    columns={
        "brand": "VARCHAR",
        "account_id": "VARCHAR",
        "handle": "VARCHAR",
        "score": "DOUBLE",
        "parts": "VARCHAR",
        "disclosures": "VARCHAR",
        "commercial": "VARCHAR",
        "commercial_posts": "VARCHAR",
        "undisclosed_posts": "VARCHAR",
        "pod": "VARCHAR",
        "safety": "VARCHAR",
    },
    key=("brand", "account_id"),
    required=("brand", "account_id", "score"),
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def fake_follower_model_version() -> str:
    """``fake_followers@<first 12 hex of the shipped model file's SHA-256>``: which model scored."""
    return "fake_followers@" + hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:12]


def store_fake_follower_scores(
    lake: Lake,
    scores: Sequence[FakeFollowerScore],
    *,
    platform: str | Sequence[str],
    prior: float = 0.5,
    as_of: datetime | None = None,
    source: str = "<profiles>",
) -> UpsertCounts:
    """Upsert one row per scored account (``account_id`` = the profile id) into ``fake_follower_scores``.

    ``platform`` is one platform for all scores, or one per score.
    """
    model = fake_follower_model_version()
    when = as_of.astimezone(UTC).replace(tzinfo=None) if as_of is not None and as_of.tzinfo else as_of
    platforms = [platform] * len(scores) if isinstance(platform, str) else list(platform)
    rows = [
        {
            "platform": p,
            "account_id": str(s.id),
            "probability": float(s.probability),
            "reasons": _json(list(s.reasons)),
            "model": model,
            "prior": prior,
            "as_of": when,
        }
        for s, p in zip(scores, platforms, strict=True)
    ]
    lake.register_table(FAKE_FOLLOWER_SCORES_TABLE)
    return lake.upsert(
        FAKE_FOLLOWER_SCORES_TABLE.name,
        [pa.Table.from_pylist(rows, schema=arrow_schema(FAKE_FOLLOWER_SCORES_TABLE))],
        step="score_fake_followers",
        parameters={"platforms": sorted(set(platforms)), "prior": prior, "model": model, "as_of": when},
        source=source,
    )


def fake_followers_from_lake(
    lake: Lake,
    *,
    prior: float = 0.5,
    as_of: datetime | None = None,
    corrections: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
) -> list[tuple[str, FakeFollowerScore]]:
    """Score every account in the lake (platform, id order) and store the scores; (platform, score) pairs.

    ``corrections`` ((platform or ``""``, account id) -> a user correction's evidence) override the
    verdict of the accounts a person marked real or fake
    (:func:`~grassroots.trust.corrections.correct_fake_score`).
    """
    accounts = lake.scan("accounts").sort_by([("platform", "ascending"), ("id", "ascending")])
    rows = accounts.to_pylist()
    profiles = [
        profile_from_mapping(r, path="lake: accounts", line=n, number=n) for n, r in enumerate(rows, 1)
    ]
    scores = score_profiles(profiles, prior=prior, as_of=as_of)
    platforms = [str(r["platform"]) for r in rows]
    scores = correct_fake_scores(scores, platforms, corrections or {})
    store_fake_follower_scores(
        lake, scores, platform=platforms, prior=prior, as_of=as_of, source="lake: accounts"
    )
    return list(zip(platforms, scores, strict=True))


def is_commercial(item: Mapping[str, Any]) -> bool:
    """True when an assessed post shows a paid / gifted / affiliate relationship (its ``commercial``
    label from :mod:`grassroots.rules`, the one answer every command gives).

    >>> is_commercial({"commercial": "none"}), is_commercial({"commercial": "gifted"})
    (False, True)
    """
    return str(item["commercial"]) != "none"


def store_disclosures(
    lake: Lake, items: Sequence[Mapping[str, Any]], *, brand: str | None, source: str = "<posts>"
) -> UpsertCounts:
    """Upsert one row per assessed post into ``disclosures``.

    ``items`` are :func:`~grassroots.trust.assess_text` results carrying ``platform``, ``id`` and
    ``author`` of their post; ``brand`` is the one given as a signal (``""`` when none).
    """
    rows = [
        {
            "brand": brand or "",
            "platform": str(i["platform"]),
            "post_id": str(i["id"]),
            "author": i.get("author"),
            "disclosure": i["disclosure"],
            "commercial": str(i["commercial"]),
            "undisclosed_probability": float(i["undisclosed_probability"]),
            "signals": _json(i["signals"]),
            "status": str(i.get("status") or i["disclosure"]),
        }
        for i in items
    ]
    lake.register_table(DISCLOSURES_TABLE)
    return lake.upsert(
        DISCLOSURES_TABLE.name,
        [pa.Table.from_pylist(rows, schema=arrow_schema(DISCLOSURES_TABLE))],
        step="assess_disclosures",
        parameters={"brand": brand or ""},
        source=source,
    )


def store_audience_report(
    lake: Lake, report: CreatorReport, *, brand: str | None, parameters: Mapping[str, Any] | None = None
) -> UpsertCounts:
    """Upsert the creator's report (score, parts, disclosures, pod, safety) into ``audience_reports``."""
    row = {
        "brand": brand or "",
        "account_id": report.account_id,
        "handle": report.handle,
        "score": float(report.audience.score),
        "parts": _json([asdict(p) for p in report.audience.parts]),
        "disclosures": _json(report.disclosures),
        "commercial": _json(report.commercial),
        "commercial_posts": _json(list(report.commercial_posts)),
        "undisclosed_posts": _json(list(report.undisclosed_posts)),
        "pod": _json(asdict(report.pod) if report.pod is not None else None),
        "safety": _json(list(report.safety)),
    }
    lake.register_table(AUDIENCE_REPORTS_TABLE)
    return lake.upsert(
        AUDIENCE_REPORTS_TABLE.name,
        [pa.Table.from_pylist([row], schema=arrow_schema(AUDIENCE_REPORTS_TABLE))],
        step="creator_report",
        parameters={"brand": brand or "", **(parameters or {})},
    )
