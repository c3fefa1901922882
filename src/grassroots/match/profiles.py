"""Profiles: one row per account in the lake table ``profiles`` (docs/match.md "Profiles").

A profile holds the account's vector (the normalised mean of the MiniLM vectors of its bio and its
``recent`` newest posts), its lifestyle interests (the taxonomy interest nearest each of those texts,
kept when at least ``MIN_SHARE`` of them agree), location and country, languages (``english`` is false
when most of its posts or its profile are marked another language: the model is English-only, so such
profiles are marked, not ranked on text), tier, audience quality and customer link.

Recomputed incrementally: an account is embedded again only when its post count or newest post changed
(or it has no profile yet); every run writes a ``runs`` row ``match_profiles``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from grassroots.lake import Lake, TableSpec, arrow_schema
from grassroots.match.taxonomy import INTEREST_TEXT, MIN_SIMILARITY, country_of
from grassroots.records import ProgressFn, no_progress

__all__ = ["PROFILES_TABLE", "EmbedFn", "ProfileBuild", "build_profiles", "interests_of", "prototypes"]

EmbedFn = Callable[[Sequence[str]], NDArray[np.float32]]
#: share of a profile's texts that must fall in an interest for the profile to hold it
MIN_SHARE = 0.2

PROFILES_TABLE = TableSpec(
    name="profiles",
    columns={
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "handle": "VARCHAR",
        "location": "VARCHAR",
        "country": "VARCHAR",
        "languages": "VARCHAR",
        "english": "BOOLEAN",
        "tier": "VARCHAR",
        "followers": "BIGINT",
        "audience_quality": "DOUBLE",
        "customer_id": "VARCHAR",
        "interests": "VARCHAR",
        "post_count": "BIGINT",
        "last_post_at": "TIMESTAMP",
        "texts_used": "BIGINT",
        "vector": "BLOB",
    },
    key=("platform", "account_id"),
    required=("platform", "account_id", "vector"),
)


@dataclass(frozen=True)
class ProfileBuild:
    """What one profile run did: accounts seen, profiles (re)computed, texts embedded."""

    accounts: int
    recomputed: int
    embedded_texts: int
    run_id: str | None


def _has(lake: Lake, table: str) -> bool:
    return table in lake.counts()


def _post_stats(posts: pa.Table) -> dict[tuple[str, str], tuple[int, Any]]:
    stats: dict[tuple[str, str], tuple[int, Any]] = {}
    for platform, author, created in zip(
        posts["platform"].to_pylist(),
        posts["author"].to_pylist(),
        posts["created_at"].to_pylist(),
        strict=True,
    ):
        count, last = stats.get((platform, author), (0, None))
        stats[(platform, author)] = (
            count + 1,
            created if last is None or (created and created > last) else last,
        )
    return stats


def _audience_quality(lake: Lake) -> dict[str, float]:
    """1 - mean fake probability of each account's scored followers (from ``follows``)."""
    from grassroots.trust import FAKE_FOLLOWER_SCORES_TABLE

    if not (_has(lake, "fake_follower_scores") and _has(lake, "follows")):
        return {}
    lake.register_table(
        FAKE_FOLLOWER_SCORES_TABLE
    )  # a stage's table: known to this connection once registered
    fake = lake.scan("fake_follower_scores", columns=["account_id", "probability"])
    prob = dict(zip(fake["account_id"].to_pylist(), fake["probability"].to_pylist(), strict=True))
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for batch in lake.iter_batches("follows", columns=["src", "dst"]):
        for src, dst in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            p = prob.get(src)
            if p is not None:
                acc = sums[dst]
                acc[0] += p
                acc[1] += 1
    return {k: 1.0 - s / n for k, (s, n) in sums.items() if n}


def _customers(lake: Lake) -> dict[str, str]:
    from grassroots.listen import ADVOCATES_TABLE

    if not _has(lake, "advocates"):
        return {}
    lake.register_table(ADVOCATES_TABLE)
    table = lake.scan("advocates", columns=["account_id", "customer_id"])
    ids = zip(table["account_id"].to_pylist(), table["customer_id"].to_pylist(), strict=True)
    return {a: c for a, c in ids if c}


@cache
def _tiers() -> tuple[Any, ...]:
    from grassroots.listen import load_tiers

    return load_tiers()


def _tier(followers: int | None) -> str:
    from grassroots.listen import tier_for

    return str(tier_for(int(followers or 0), _tiers()).name)


@cache
def prototypes(embed_fn: EmbedFn) -> tuple[list[str], NDArray[np.float32]]:
    ids = list(INTEREST_TEXT)
    return ids, embed_fn([INTEREST_TEXT[i] for i in ids])


def interests_of(vectors: NDArray[np.float32], embed_fn: EmbedFn) -> list[str]:
    """Taxonomy interests held by a profile whose texts have these vectors (most frequent first)."""
    ids, protos = prototypes(embed_fn)
    if not len(vectors):
        return []
    sims = vectors @ protos.T
    best = sims.argmax(axis=1)
    votes = Counter(ids[b] for b, s in zip(best, sims.max(axis=1), strict=True) if s >= MIN_SIMILARITY)
    return [i for i, n in votes.most_common(3) if n / len(vectors) >= MIN_SHARE]


def _english(account_lang: str | None, post_langs: Sequence[str | None]) -> tuple[list[str], bool]:
    langs = Counter(str(x).lower() for x in [account_lang, *post_langs] if x)
    english = sum(n for lang, n in langs.items() if lang.startswith("en"))
    return sorted(langs), not langs or english * 2 >= sum(langs.values())


def build_profiles(
    lake: Lake,
    *,
    embed_fn: EmbedFn,
    recent: int = 20,
    full: bool = False,
    progress: ProgressFn = no_progress,
) -> ProfileBuild:
    """(Re)compute the ``profiles`` of accounts whose posts changed (all of them with ``full``)."""
    step = "match profiles"
    progress(step, 0, 3)
    accounts = lake.scan(
        "accounts", columns=["platform", "id", "handle", "bio", "location", "lang", "followers"]
    )
    posts = lake.scan("posts", columns=["platform", "id", "author", "text", "created_at", "lang"])
    stats = _post_stats(posts)
    lake.register_table(PROFILES_TABLE)
    done: dict[tuple[str, str], tuple[int, Any]] = {}
    if not full:
        old = lake.scan("profiles", columns=["platform", "account_id", "post_count", "last_post_at"])
        for row in old.to_pylist():
            done[(row["platform"], row["account_id"])] = (row["post_count"], row["last_post_at"])
    rows = [
        r
        for r in accounts.to_pylist()
        if done.get((r["platform"], r["id"])) != stats.get((r["platform"], r["id"]), (0, None))
    ]
    by_author: dict[tuple[str, str], list[tuple[Any, str, str | None]]] = defaultdict(list)
    wanted = {(r["platform"], r["id"]) for r in rows}
    for platform, author, text, created, lang in zip(
        *(posts[c].to_pylist() for c in ("platform", "author", "text", "created_at", "lang")), strict=True
    ):
        if (platform, author) in wanted and text:
            by_author[(platform, author)].append((created, text, lang))
    progress(step, 1, 3)
    texts: dict[str, int] = {}
    plans = []
    for r in rows:
        mine = sorted(
            by_author.get((r["platform"], r["id"]), []), key=lambda x: (x[0] is None, x[0]), reverse=True
        )
        chosen = [t for _, t, _ in mine[:recent]] + ([r["bio"]] if r["bio"] else [])
        plans.append((r, [texts.setdefault(t, len(texts)) for t in chosen], [lang for _, _, lang in mine]))
    vectors = embed_fn(list(texts)) if texts else np.zeros((0, 384), dtype=np.float32)
    progress(step, 2, 3)
    quality, customers = _audience_quality(lake), _customers(lake)
    table = _rows_table(plans, vectors, stats, quality, customers, embed_fn)
    lake.upsert("profiles", [table], step="match_profiles", parameters={"recent": recent, "full": full})
    progress(step, 3, 3)
    run = lake.runs(limit=1, step="match_profiles")
    return ProfileBuild(len(accounts), len(rows), len(texts), run[0].id if run else None)


def _rows_table(
    plans: list[tuple[dict[str, Any], list[int], list[str | None]]],
    vectors: NDArray[np.float32],
    stats: dict[tuple[str, str], tuple[int, Any]],
    quality: dict[str, float],
    customers: dict[str, str],
    embed_fn: EmbedFn,
) -> pa.Table:
    out: dict[str, list[Any]] = {c: [] for c in PROFILES_TABLE.columns}
    for r, idx, post_langs in plans:
        mine = (
            vectors[idx] if idx else np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 384), np.float32)
        )
        mean = mine.mean(axis=0) if len(mine) else np.zeros(384, dtype=np.float32)
        norm = float(np.linalg.norm(mean))
        langs, english = _english(r["lang"], post_langs)
        count, last = stats.get((r["platform"], r["id"]), (0, None))
        values = {
            "platform": r["platform"],
            "account_id": r["id"],
            "handle": r["handle"],
            "location": r["location"],
            "country": country_of(r["location"]),
            "languages": ",".join(langs),
            "english": english,
            "tier": _tier(r["followers"]),
            "followers": r["followers"],
            "audience_quality": quality.get(r["id"]),
            "customer_id": customers.get(r["id"]),
            "interests": json.dumps(interests_of(mine, embed_fn)),
            "post_count": count,
            "last_post_at": last,
            "texts_used": len(idx),
            "vector": (mean / norm if norm else mean).astype(np.float32).tobytes(),
        }
        for key, value in values.items():
            out[key].append(value)
    return pa.table(out, schema=arrow_schema(PROFILES_TABLE))
