"""Saved results of ``match like|search|overlap|roster``: the lake table ``match_results``.

One table, one row per item of a result (a lookalike, a person or post found, an overlapping pair,
a roster member of each strategy), swapped whole per ``result_id`` (a re-run of the same command on
the same input replaces its rows), with a ``runs`` row per save (step ``match_like``, ``match_search``,
``match_overlap``, ``match_roster``). A person appears only in ``account_id`` (and, for a pair, the
other person in ``other_account_id``), so ``erase`` deletes their rows and clears the pairs that
point at them; a search's text is in ``query``, where ``erase`` redacts ``@handle``.

Saved people lists are campaign pools (:func:`pool_of`): a brief's ranking (``matches``), a
like or search result's people, and a roster's chosen members (strategy ``roster``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa

from grassroots.errors import NotFound
from grassroots.lake import Lake, TableSpec, arrow_schema
from grassroots.match.audience import Overlap
from grassroots.match.similar import Found, RosterChoice

__all__ = [
    "RESULTS_TABLE",
    "ROSTER_ITEMS",
    "ResultKind",
    "SavedMatch",
    "pool_of",
    "read_saved",
    "result_id",
    "saved_matches",
    "store_found",
    "store_overlaps",
    "store_roster",
]

ResultKind = Literal["like", "search", "overlap", "roster"]
#: ``item`` of a roster's rows per strategy (``roster``: the members chosen for reach, the pool)
ROSTER_ITEMS = {
    "greedy max coverage (ours)": "roster",
    "top K by fit": "top_fit",
    "top K by followers": "top_followers",
}

RESULTS_TABLE = TableSpec(
    name="match_results",
    columns={
        "result_id": "VARCHAR",
        "kind": "VARCHAR",
        "item": "VARCHAR",
        "rank": "BIGINT",
        "platform": "VARCHAR",
        "account_id": "VARCHAR",
        "handle": "VARCHAR",
        "post_id": "VARCHAR",
        "other_account_id": "VARCHAR",
        "score": "DOUBLE",
        "detail": "VARCHAR",
        "query": "VARCHAR",
    },
    key=("result_id", "item", "rank"),
    required=("result_id", "kind", "item", "rank"),
)


def result_id(kind: ResultKind, name: str) -> str:
    """The id a result is saved under: ``KIND-`` and a slug of ``name`` (a file's stem, a brief's
    name); a search is named by a hash of its text, so the id never carries a person's handle.

    >>> result_id("like", "Riders list"), result_id("search", "oat lattes")[:7]
    ('like-riders-list', 'search-')
    """
    if kind == "search":
        return "search-" + hashlib.sha256(name.strip().lower().encode()).hexdigest()[:12]
    return f"{kind}-" + (re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "list")


def _write(lake: Lake, rid: str, kind: ResultKind, rows: list[dict[str, Any]], params: dict[str, Any]) -> str:
    lake.register_table(RESULTS_TABLE)
    cols: dict[str, list[Any]] = {c: [] for c in RESULTS_TABLE.columns}
    for row in rows:
        full = {"result_id": rid, "kind": kind, **row}
        for c in cols:
            cols[c].append(full.get(c))
    table = pa.table(cols, schema=arrow_schema(RESULTS_TABLE))
    counts = lake.upsert(
        "match_results",
        [table],
        step=f"match_{kind}",
        parameters={"result_id": rid, **params},
        replace_where=("result_id", [rid]),
    )
    return counts.run_id or ""


def _found_row(item: str, rank: int, f: Found, platform: str) -> dict[str, Any]:
    detail: dict[str, Any] = {"interests": list(f.interests)}
    if f.span is not None:
        detail["span"] = list(f.span)
    return {"item": item, "rank": rank, "platform": platform, "account_id": f.account_id, "handle": f.handle,
            "post_id": f.post_id, "score": f.score, "detail": json.dumps(detail)}  # fmt: skip


def store_found(
    lake: Lake,
    kind: Literal["like", "search"],
    rid: str,
    found: Sequence[Found],
    *,
    query: str | None,
    platforms: dict[str, str],
    params: dict[str, Any],
) -> str:
    """Save a like or search result (people, then posts); the ``runs`` row's id."""
    ranks: dict[str, int] = {}
    rows = []
    for f in found:
        ranks[f.kind] = ranks.get(f.kind, 0) + 1
        row = _found_row(f.kind, ranks[f.kind], f, platforms.get(f.account_id, ""))
        rows.append(row | {"query": query})
    return _write(lake, rid, kind, rows, params)


def store_overlaps(
    lake: Lake, rid: str, pairs: Sequence[Overlap], ids: dict[str, str], params: dict[str, Any]
) -> str:
    """Save overlapping pairs (handles in ``pairs`` mapped to account ids by ``ids``)."""
    rows = [
        {"item": "pair", "rank": n, "account_id": ids[p.a], "handle": p.a, "other_account_id": ids[p.b],
         "score": p.jaccard, "detail": json.dumps({"method": p.method, "shared": p.shared, "basis": p.basis})}
        for n, p in enumerate(pairs, start=1)
    ]  # fmt: skip
    return _write(lake, rid, "overlap", rows, params)


def store_roster(
    lake: Lake, rid: str, choices: Sequence[RosterChoice], platforms: dict[str, str], params: dict[str, Any]
) -> str:
    """Save each strategy's members in choice order (``detail``: the strategy's reach and cost)."""
    rows = []
    for c in choices:
        detail = json.dumps({"strategy": c.strategy, "reach": c.reach, "cost": c.cost})
        for n, (account, handle) in enumerate(zip(c.accounts, c.handles, strict=True), start=1):
            rows.append({"item": ROSTER_ITEMS.get(c.strategy, c.strategy), "rank": n,
                         "platform": platforms.get(account, ""), "account_id": account, "handle": handle,
                         "score": float(c.reach), "detail": detail})  # fmt: skip
    return _write(lake, rid, "roster", rows, params)


@dataclass(frozen=True)
class SavedMatch:
    """One saved result: its id, kind, how many people it holds (as a pool) and its newest run."""

    match_id: str
    kind: str
    people: int
    query: str | None


def saved_matches(lake: Lake) -> list[SavedMatch]:
    """Every saved brief ranking and like / search / overlap / roster result, by id."""
    from grassroots.match.rank import MATCHES_TABLE

    lake.register_table(MATCHES_TABLE)
    lake.register_table(RESULTS_TABLE)
    found: dict[str, SavedMatch] = {}
    briefs = lake.scan("matches", columns=["match_id", "brief"]).to_pylist()
    for row in briefs:
        old = found.get(row["match_id"])
        found[row["match_id"]] = SavedMatch(
            row["match_id"], "brief", (old.people if old else 0) + 1, row["brief"]
        )
    results = lake.scan("match_results", columns=["result_id", "kind", "item", "query"]).to_pylist()
    for row in results:
        old = found.get(row["result_id"])
        people = (old.people if old else 0) + (row["item"] in _POOLED)
        found[row["result_id"]] = SavedMatch(row["result_id"], row["kind"], people, row["query"])
    return sorted(found.values(), key=lambda s: s.match_id)


_POOLED = ("person", "roster")
_POOL_COLUMNS = ["account_id", "platform", "handle", "rank", "score"]


def pool_of(lake: Lake, match_id: str) -> list[dict[str, Any]]:
    """The people of a saved match in rank order, as a campaign pool reads them (``person_id``,
    ``platform``, ``handle``, ``rank``, ``score``); an overlap result has no pool."""
    from grassroots.match.rank import MATCHES_TABLE

    lake.register_table(MATCHES_TABLE)
    lake.register_table(RESULTS_TABLE)
    rows = lake.scan("matches", columns=_POOL_COLUMNS, where={"match_id": match_id}).to_pylist()
    if not rows:
        found = lake.scan("match_results", columns=[*_POOL_COLUMNS, "item"], where={"result_id": match_id})
        rows = [r for r in found.to_pylist() if r.pop("item") in _POOLED]
    if not rows:
        raise NotFound(f"match={match_id!r}: no saved match with people (`grassroots match list`)")
    rows.sort(key=lambda r: r["rank"])
    return [{"person_id": r.pop("account_id"), **r} for r in rows]


def read_saved(lake: Lake, match_id: str) -> dict[str, Any]:
    """One saved result as stored: ``{"match_id", "kind", "rows"}`` (JSON columns decoded, rows in
    rank order; a roster's rows by strategy, then rank)."""
    from grassroots.match.rank import MATCHES_TABLE

    lake.register_table(MATCHES_TABLE)
    lake.register_table(RESULTS_TABLE)
    rows = lake.scan("matches", where={"match_id": match_id}).to_pylist()
    if rows:
        for row in rows:
            for key in ("parts", "filters", "explanation"):
                row[key] = json.loads(row[key] or "null")
        return {"match_id": match_id, "kind": "brief", "rows": sorted(rows, key=lambda r: r["rank"])}
    rows = lake.scan("match_results", where={"result_id": match_id}).to_pylist()
    if not rows:
        raise NotFound(f"match={match_id!r}: no saved match (`grassroots match list`)")
    posts = {r["post_id"] for r in rows if r["post_id"]}
    texts = {}
    if posts:
        table = lake.scan("posts", columns=["id", "text"])
        texts = {
            i: t
            for i, t in zip(table["id"].to_pylist(), table["text"].to_pylist(), strict=True)
            if i in posts
        }
    for row in rows:
        row["detail"] = json.loads(row["detail"] or "{}")
        row["text"] = texts.get(row["post_id"])
    rows.sort(key=lambda r: (r["item"], r["rank"]))
    return {"match_id": match_id, "kind": rows[0]["kind"], "rows": rows}
