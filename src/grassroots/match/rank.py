"""Rank profiles against a brief, explain each fit, save the ranking as a match (lake table ``matches``).

Two stages. First every profile passing the hard filters is scored on its stored vector (cosine with
each text part of the brief, averaged) and on the share of the brief's taxonomy interests it holds.
Then the best ``candidates`` have their recent posts embedded: a person's text score is half the
profile cosine and half the mean over brief parts of the best post's cosine, and that post is the
evidence shown for the part (its text and the span that matched). The final score is the weighted mean
of the soft preferences (``Brief.preferences``; docs/match.md lists them with their 0..1 features).
Profiles marked non-English are not text-ranked (the model is English-only): they are counted and
``why`` says so.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from grassroots.errors import NotFound
from grassroots.lake import Lake, TableSpec
from grassroots.match.brief import TEXT_PARTS, Brief
from grassroots.match.profiles import PROFILES_TABLE, EmbedFn, prototypes
from grassroots.match.taxonomy import MIN_SIMILARITY

__all__ = [
    "MATCHES_TABLE",
    "Evidence",
    "Match",
    "MatchRun",
    "rank_brief",
    "read_profiles",
    "recent_posts",
    "store_match",
]

MATCHES_TABLE = TableSpec(
    name="matches",
    columns={
        "match_id": "VARCHAR",
        "brief": "VARCHAR",
        "rank": "BIGINT",
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "handle": "VARCHAR",
        "score": "DOUBLE",
        "parts": "VARCHAR",
        "filters": "VARCHAR",
        "explanation": "VARCHAR",
    },
    key=("match_id", "platform", "account_id"),
    required=("match_id", "platform", "account_id", "score"),
)


@dataclass(frozen=True)
class Evidence:
    """The post that matched one part of the brief best: its id, text, matched span and cosine."""

    part: str
    post_id: str
    text: str
    span: tuple[int, int]
    similarity: float


@dataclass(frozen=True)
class Match:
    """One ranked person: score, its parts (0..1 features and weights), filters passed, evidence."""

    rank: int
    platform: str
    account_id: str
    handle: str
    score: float
    parts: dict[str, float]
    filters: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    interests: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON object of ``match brief --json`` (docs/match.md)."""
        return {
            "rank": self.rank,
            "platform": self.platform,
            "account_id": self.account_id,
            "handle": self.handle,
            "score": round(self.score, 6),
            "parts": {k: round(v, 6) for k, v in self.parts.items()},
            "filters_passed": list(self.filters),
            "interests": list(self.interests),
            "evidence": [
                {"part": e.part, "post_id": e.post_id, "text": e.text, "span": list(e.span),
                 "similarity": round(e.similarity, 6)}
                for e in self.evidence
            ],
        }  # fmt: skip


@dataclass(frozen=True)
class MatchRun:
    """A ranking: the matches, the brief's interests, counts, and ``why`` when a person was asked about."""

    brief: str
    matches: tuple[Match, ...]
    brief_interests: tuple[str, ...]
    considered: int
    excluded: dict[str, int]
    not_english: int
    why: str | None = None


def read_profiles(lake: Lake) -> tuple[list[dict[str, Any]], NDArray[np.float32]]:
    lake.register_table(PROFILES_TABLE)
    table = lake.scan("profiles")
    if not table.num_rows:
        raise NotFound(
            "no profiles in the lake: run `grassroots match profiles` (Workspace.match_profiles())"
        )
    rows = table.drop(["vector"]).to_pylist()
    blobs = table["vector"].to_pylist()
    vectors = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1) if blobs else None
    return rows, vectors if vectors is not None else np.zeros((0, 384), np.float32)


def _competitor_paid(lake: Lake, names: Sequence[str], days: int) -> set[str]:
    """Authors of a paid post naming a competitor in the ``days`` before the newest post."""
    from grassroots.rules import detect_disclosure

    if not names:
        return set()
    posts = lake.scan("posts", columns=["author", "text", "created_at"])
    dates = [d for d in posts["created_at"].to_pylist() if d]
    if not dates:
        return set()
    since = max(dates) - timedelta(days=days)
    lowered = [n.lower() for n in names]
    out: set[str] = set()
    for author, text, created in zip(*(posts[c].to_pylist() for c in posts.column_names), strict=True):
        recent = created and created >= since and text
        if (
            recent
            and any(n in text.lower() for n in lowered)
            and detect_disclosure(text).commercial == "paid"
        ):
            out.add(author)
    return out


def _filter(row: dict[str, Any], brief: Brief, paid: set[str]) -> tuple[list[str], str | None]:
    """Filters passed, or the first one failed (as ``name: reason``)."""
    f, passed = brief.filters, list[str]()
    checks: list[tuple[str, bool, str]] = []
    if f.locations:
        wanted = {x.lower() for x in f.locations}
        place = {str(row["location"] or "").lower(), str(row["country"] or "").lower()}
        checks.append(("locations", bool(wanted & place), f"lives in {row['location'] or 'unknown'}"))
    if f.languages:
        langs = set(str(row["languages"] or "").split(","))
        checks.append(
            ("languages", bool(langs & set(f.languages)), f"writes {row['languages'] or 'unknown'}")
        )
    if f.tiers:
        checks.append(("tiers", row["tier"] in f.tiers, f"tier {row['tier']}"))
    if f.audience_quality_min is not None:
        q = row["audience_quality"]
        ok = q is not None and q >= f.audience_quality_min
        checks.append(
            ("audience_quality_min", ok, f"audience quality {'unknown' if q is None else round(q, 3)}")
        )
    if f.no_competitor_paid_days:
        checks.append(
            ("no_competitor_paid_days", row["account_id"] not in paid, "paid post for a competitor")
        )
    if f.customers_only:
        checks.append(("customers_only", bool(row["customer_id"]), "not a known customer"))
    if f.exclude:
        checks.append(
            ("exclude", row["handle"] not in f.exclude and row["account_id"] not in f.exclude, "excluded")
        )
    for name, ok, reason in checks:
        if not ok:
            return passed, f"{name}: {reason}"
        passed.append(name)
    return passed, None


def _engagement(lake: Lake) -> dict[str, float]:
    """Each account's best engagement percentile within its tier (0..1) from the ``engagement`` table."""
    from grassroots.listen import ENGAGEMENT_TABLE

    lake.register_table(ENGAGEMENT_TABLE)
    table = lake.scan("engagement", columns=["account_id", "tier_percentile"])
    out: dict[str, float] = {}
    for account, pct in zip(
        table["account_id"].to_pylist(), table["tier_percentile"].to_pylist(), strict=True
    ):
        if pct is not None:
            out[account] = max(out.get(account, 0.0), float(pct) / 100 if pct > 1 else float(pct))
    return out


def _brief_interests(part_vectors: NDArray[np.float32], parts: Sequence[str], embed_fn: EmbedFn) -> list[str]:
    """The taxonomy interest nearest each non-tone text part (kept at cosine >= MIN_SIMILARITY)."""
    ids, protos = prototypes(embed_fn)
    out: list[str] = []
    for part, vector in zip(parts, part_vectors, strict=True):
        sims = protos @ vector
        if part != "tone" and sims.max() >= MIN_SIMILARITY and ids[int(sims.argmax())] not in out:
            out.append(ids[int(sims.argmax())])
    return out


def _small(followers: int | None) -> float:
    return max(0.0, min(1.0, 1.0 - math.log10(max(int(followers or 0), 1000) / 1000) / 3))


def _features(row: dict[str, Any], text: float, wanted: list[str]) -> dict[str, float]:
    held = set(json.loads(row["interests"] or "[]"))
    quality = row["audience_quality"]
    return {
        "text": text,
        "interests": len(held & set(wanted)) / len(wanted) if wanted else 0.0,
        "audience_quality": 0.5 if quality is None else float(quality),
        "engagement": float(row.get("engagement") or 0.0),
        "small_audience": _small(row["followers"]),
        "customer": 1.0 if row["customer_id"] else 0.0,
    }


def _score(features: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(w * features[k] for k, w in weights.items()) / total


def recent_posts(lake: Lake, authors: set[str], recent: int) -> dict[str, list[tuple[str, str]]]:
    posts = lake.scan("posts", columns=["id", "author", "text", "created_at"])
    mine: dict[str, list[tuple[Any, str, str]]] = defaultdict(list)
    for pid, author, text, created in zip(*(posts[c].to_pylist() for c in posts.column_names), strict=True):
        if author in authors and text:
            mine[author].append((created, pid, text))
    return {
        a: [(p, t) for _, p, t in sorted(v, key=lambda x: (x[0] is None, x[0]), reverse=True)[:recent]]
        for a, v in mine.items()
    }


def rank_brief(
    lake: Lake,
    brief: Brief,
    *,
    embed_fn: EmbedFn,
    limit: int = 50,
    candidates: int = 300,
    competitors: Sequence[str] = (),
    why: str | None = None,
    recent: int = 20,
    spans: bool = True,
) -> MatchRun:
    """The top ``limit`` people for ``brief`` with explanations (see the module docstring); without
    ``spans`` each evidence's span is its whole post (saves embedding the clauses)."""
    rows, vectors = read_profiles(lake)
    parts = [p for p in TEXT_PARTS if p in brief.text]
    part_vectors = embed_fn([brief.text[p] for p in parts])
    wanted = _brief_interests(part_vectors, parts, embed_fn)
    names = list(brief.filters.competitors or competitors)
    paid = _competitor_paid(lake, names, brief.filters.no_competitor_paid_days or 0)
    weights = {k: w for k, w in brief.preferences.items() if w > 0}
    if "engagement" in weights:
        percentiles = _engagement(lake)
        for row in rows:
            row["engagement"] = percentiles.get(str(row["account_id"]), 0.0)
    profile_text = (vectors @ part_vectors.T).mean(axis=1) if len(rows) else np.zeros(0)
    excluded: dict[str, int] = defaultdict(int)
    first: list[tuple[float, int, list[str]]] = []
    status: dict[int, str] = {}
    for i, row in enumerate(rows):
        passed, failed = _filter(row, brief, paid)
        if failed:
            excluded[failed.split(":")[0]] += 1
            status[i] = f"excluded by a filter: {failed}"
        elif not row["english"]:
            status[i] = (
                f"not ranked: profile marked non-English ({row['languages']}); the model is English-only"
            )
        else:
            first.append((_score(_features(row, float(profile_text[i]), wanted), weights), i, passed))
    first.sort(key=lambda x: (-x[0], rows[x[1]]["account_id"]))
    pool = first[: max(candidates, limit)]
    posts = recent_posts(lake, {rows[i]["account_id"] for _, i, _ in pool}, recent)
    texts = sorted({t for _, i, _ in pool for _, t in posts.get(rows[i]["account_id"], [])})
    index = {t: k for k, t in enumerate(texts)}
    post_vectors = embed_fn(texts) if texts else np.zeros((0, part_vectors.shape[1]), np.float32)
    scored = [
        _second(
            rows[i],
            passed,
            posts,
            index,
            (post_vectors, part_vectors),
            parts,
            float(profile_text[i]),
            wanted,
            weights,
        )
        for _, i, passed in pool
    ]
    scored.sort(key=lambda m: (-m.score, m.account_id))
    targets = dict(zip(parts, part_vectors, strict=True))
    ranked = _spanned(scored[:limit], targets, embed_fn if spans else None)
    asked = _why(why, rows, status, ranked, first, scored) if why else None
    english = sum(1 for s in status.values() if s.startswith("not ranked"))
    return MatchRun(brief.name, ranked, tuple(wanted), len(rows), dict(excluded), english, asked)


def _spanned(
    scored: Sequence[Match], targets: dict[str, NDArray[np.float32]], embed_fn: EmbedFn | None
) -> tuple[Match, ...]:
    """The ranked matches (rank set), each evidence's span narrowed to the clause nearest its part."""
    from dataclasses import replace

    from grassroots.match.spans import best_spans

    items = [(e.text, targets[e.part]) for m in scored for e in m.evidence]
    spans = iter(best_spans(items, embed_fn) if embed_fn else [(0, len(t)) for t, _ in items])
    return tuple(
        replace(m, rank=r + 1, evidence=tuple(replace(e, span=next(spans)) for e in m.evidence))
        for r, m in enumerate(scored)
    )


def _second(
    row: dict[str, Any],
    passed: list[str],
    posts: dict[str, list[tuple[str, str]]],
    index: dict[str, int],
    vectors: tuple[NDArray[np.float32], NDArray[np.float32]],
    parts: Sequence[str],
    profile_text: float,
    wanted: list[str],
    weights: dict[str, float],
) -> Match:
    post_vectors, part_vectors = vectors
    mine = posts.get(row["account_id"], [])
    evidence: list[Evidence] = []
    best_sims: list[float] = []
    if mine:
        sims = post_vectors[[index[t] for _, t in mine]] @ part_vectors.T
        for k, part in enumerate(parts):
            j = int(sims[:, k].argmax())
            best_sims.append(float(sims[j, k]))
            pid, text = mine[j]
            evidence.append(Evidence(part, pid, text, (0, len(text)), float(sims[j, k])))
    text_score = 0.5 * profile_text + 0.5 * (float(np.mean(best_sims)) if best_sims else profile_text)
    features = _features(row, text_score, wanted)
    parts_out = {k: features[k] for k in weights} | {"profile_similarity": profile_text}
    interests = tuple(json.loads(row["interests"] or "[]"))
    return Match(0, row["platform"], row["account_id"], row["handle"], _score(features, weights), parts_out,
                 tuple(passed), tuple(evidence), interests)  # fmt: skip


def _why(
    person: str,
    rows: list[dict[str, Any]],
    status: dict[int, str],
    ranked: tuple[Match, ...],
    first: list[tuple[float, int, list[str]]],
    scored: list[Match],
) -> str:
    bare = person.removeprefix("@").lower()
    hits = [i for i, r in enumerate(rows) if bare in (str(r["account_id"]).lower(), str(r["handle"]).lower())]
    if not hits:
        return f"{person}: no profile (not in the lake, or profiles not rebuilt since it was ingested)"
    i = hits[0]
    who = f"@{rows[i]['handle']}"
    if i in status:
        return f"{who}: {status[i]}"
    for m in ranked:
        if m.account_id == rows[i]["account_id"]:
            return f"{who}: ranked #{m.rank} (score {m.score:.3f})"
    for r, m in enumerate(scored):
        if m.account_id == rows[i]["account_id"]:
            limit = len(ranked)
            return (
                f"{who}: passed every filter; rank {r + 1} (score {m.score:.3f}), below the limit of {limit}"
            )
    order = [i2 for _, i2, _ in first].index(i)
    return (
        f"{who}: passed every filter; first-stage rank {order + 1} of {len(first)}, not among the candidates"
    )


def store_match(lake: Lake, run: MatchRun, *, match_id: str, parameters: dict[str, Any]) -> str:
    """Write ``run`` as match ``match_id`` (its earlier rows replaced); the ``runs`` row's id."""
    lake.register_table(MATCHES_TABLE)
    cols: dict[str, list[Any]] = {c: [] for c in MATCHES_TABLE.columns}
    for m in run.matches:
        values = {
            "match_id": match_id, "brief": run.brief, "rank": m.rank, "platform": m.platform,
            "account_id": m.account_id, "handle": m.handle, "score": m.score, "parts": json.dumps(m.parts),
            "filters": json.dumps(list(m.filters)), "explanation": json.dumps(m.to_json()["evidence"]),
        }  # fmt: skip
        for k, v in values.items():
            cols[k].append(v)
    from grassroots.lake import arrow_schema

    table = pa.table(cols, schema=arrow_schema(MATCHES_TABLE))
    lake.upsert(
        "matches", [table], step="match_brief", parameters=parameters, replace_where=("match_id", [match_id])
    )
    found = lake.runs(limit=1, step="match_brief")
    return found[0].id if found else ""
