"""People like these (lookalikes), semantic search over people and posts, and a roster for reach.

Lookalikes: cosine of each profile vector with the normalised mean of the seeds' vectors, plus a
fifth for the share of the seeds' interests a person holds. Search: people by the cosine of their
profile with the query; posts among the recent posts of the best ``pool`` people (embedded at query
time), so a post search costs one small batch, not the whole lake.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grassroots.errors import InvalidRecord
from grassroots.lake import Lake
from grassroots.match.audience import greedy_cover, read_audiences
from grassroots.match.brief import Brief
from grassroots.match.profiles import EmbedFn
from grassroots.match.rank import rank_brief, read_profiles, recent_posts
from grassroots.match.spans import best_spans

__all__ = [
    "Found",
    "RosterChoice",
    "centroid_scores",
    "lookalikes",
    "parse_costs",
    "resolve_people",
    "roster",
    "search",
]


@dataclass(frozen=True)
class Found:
    """One hit: a person (``post_id`` None) or a post, with its score and a reason."""

    kind: str
    account_id: str
    handle: str
    score: float
    post_id: str | None = None
    text: str | None = None
    interests: tuple[str, ...] = ()
    #: for a post: ``[start, end)`` of the clause nearest the query (docs/match.md)
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object of ``match like|search --json`` (docs/match.md)."""
        out: dict[str, Any] = {"kind": self.kind, "account_id": self.account_id, "handle": self.handle}
        out["score"] = round(self.score, 6)
        if self.post_id is not None:
            out |= {"post_id": self.post_id, "text": self.text, "span": list(self.span or (0, 0))}
        return out | {"interests": list(self.interests)}


def resolve_people(rows: Sequence[Mapping[str, Any]], lines: Sequence[str], source: str) -> list[int]:
    """Row indexes of the people named one per line (id or handle, ``@`` optional; ``#`` comments)."""
    by_key: dict[str, int] = {}
    for i, row in enumerate(rows):
        by_key.setdefault(str(row["account_id"]).lower(), i)
        by_key.setdefault(str(row["handle"] or "").lower(), i)
    out: list[int] = []
    for number, raw in enumerate(lines, start=1):
        name = raw.split("#", 1)[0].strip().removeprefix("@").lower()
        if not name:
            continue
        if name not in by_key:
            raise InvalidRecord(source, number, "person", f"{raw.strip()!r} has no profile in the lake")
        if by_key[name] not in out:
            out.append(by_key[name])
    if not out:
        raise InvalidRecord(source, None, "person", "no people named (one id or handle per line)")
    return out


def centroid_scores(vectors: NDArray[np.float32], seeds: Sequence[int]) -> NDArray[np.float32]:
    """Cosine of every row of ``vectors`` (unit rows) with the normalised mean of the ``seeds`` rows.

    >>> v = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
    >>> [round(float(x), 2) for x in centroid_scores(v, [0])]
    [1.0, 0.8, 0.0]
    """
    centroid = vectors[list(seeds)].mean(axis=0)
    centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-9)
    return np.asarray(vectors @ centroid, dtype=np.float32)


def lookalikes(lake: Lake, lines: Sequence[str], *, source: str, limit: int = 50) -> list[Found]:
    """The ``limit`` English profiles most like the named seeds (seeds themselves left out)."""
    rows, vectors = read_profiles(lake)
    seeds = resolve_people(rows, lines, source)
    wanted = {i for s in seeds for i in json.loads(rows[s]["interests"] or "[]")}
    cosine = centroid_scores(vectors, seeds)
    scored = []
    for i, row in enumerate(rows):
        if i in seeds or not row["english"]:
            continue
        held = set(json.loads(row["interests"] or "[]"))
        share = len(held & wanted) / len(wanted) if wanted else 0.0
        scored.append((0.8 * float(cosine[i]) + 0.2 * share, i, held))
    scored.sort(key=lambda x: (-x[0], rows[x[1]]["account_id"]))
    return [_person(rows[i], s, held) for s, i, held in scored[:limit]]


def _person(row: Mapping[str, Any], score: float, held: set[str] | tuple[str, ...]) -> Found:
    return Found("person", str(row["account_id"]), str(row["handle"]), score, interests=tuple(sorted(held)))


def search(
    lake: Lake, text: str, *, embed_fn: EmbedFn, limit: int = 20, pool: int = 200
) -> tuple[list[Found], list[Found]]:
    """(people, posts) best matching ``text``; posts come from the best ``pool`` people's recent posts."""
    rows, vectors = read_profiles(lake)
    query = embed_fn([text])[0]
    cosine = vectors @ query
    order = [i for i in np.argsort(-cosine, kind="stable") if rows[i]["english"]]
    people = [
        _person(rows[i], float(cosine[i]), tuple(json.loads(rows[i]["interests"] or "[]"))) for i in order
    ]
    top = {str(rows[i]["account_id"]): rows[i] for i in order[:pool]}
    posts = recent_posts(lake, set(top), 20)
    items = [(a, pid, t) for a, mine in posts.items() for pid, t in mine]
    if not items:
        return people[:limit], []
    sims = embed_fn([t for _, _, t in items]) @ query
    ranked = sorted(range(len(items)), key=lambda j: (-sims[j], items[j][1]))[:limit]
    spans = best_spans([(items[j][2], query) for j in ranked], embed_fn)
    found = [
        Found("post", items[j][0], str(top[items[j][0]]["handle"]), float(sims[j]), items[j][1], items[j][2],
              span=span)
        for j, span in zip(ranked, spans, strict=True)
    ]  # fmt: skip
    return people[:limit], found


@dataclass(frozen=True)
class RosterChoice:
    """One way of choosing a roster and the distinct audience it reaches."""

    strategy: str
    accounts: tuple[str, ...]
    handles: tuple[str, ...]
    reach: int
    cost: float


def roster(
    lake: Lake,
    brief: Brief,
    *,
    embed_fn: EmbedFn,
    k: int,
    costs: Mapping[str, float] | None = None,
    budget: float | None = None,
    candidates: int = 50,
    competitors: Sequence[str] = (),
) -> tuple[list[RosterChoice], str]:
    """Greedy max-coverage roster among the brief's best ``candidates`` against top-K by fit and by
    followers (same candidates, same budget); also the audience basis used."""
    run = rank_brief(lake, brief, embed_fn=embed_fn, limit=candidates, competitors=competitors, spans=False)
    ids = [m.account_id for m in run.matches]
    handles = {m.account_id: m.handle for m in run.matches}
    audiences = read_audiences(lake, ids)
    sets, bases = {}, set()
    for a in ids:
        people, basis = audiences[a].people(engaged=True)
        sets[a] = set(people)
        bases.add(basis)
    rows, _ = read_profiles(lake)
    followers = {str(r["account_id"]): int(r["followers"] or 0) for r in rows}

    def afford(order: Sequence[str]) -> list[str]:
        chosen: list[str] = []
        spent = 0.0
        for a in order:
            cost = (costs or {}).get(a, 1.0)
            if len(chosen) < k and (budget is None or spent + cost <= budget):
                chosen.append(a)
                spent += cost
        return chosen

    choices = {
        "greedy max coverage (ours)": greedy_cover(sets, k=k, costs=costs, budget=budget),
        "top K by fit": afford(ids),
        "top K by followers": afford(sorted(ids, key=lambda a: (-followers.get(a, 0), a))),
    }
    out = []
    for name, chosen in choices.items():
        reach = len(set().union(*(sets[a] for a in chosen))) if chosen else 0
        cost = sum((costs or {}).get(a, 1.0) for a in chosen)
        out.append(RosterChoice(name, tuple(chosen), tuple(handles[a] for a in chosen), reach, cost))
    return out, " + ".join(sorted(bases - {"none"})) or "none"


def parse_costs(lines: Sequence[str], *, source: str) -> dict[str, float]:
    """``id_or_handle COST`` per line (whitespace or comma; ``#`` comments; ``@`` optional), as
    ``match roster --costs`` reads them; errors ``SOURCE:LINE: cost: problem``.

    >>> parse_costs(["@ann 2.5", "# none", "bo, 1"], source="costs")
    {'ann': 2.5, 'bo': 1.0}
    """
    out: dict[str, float] = {}
    for number, raw in enumerate(lines, start=1):
        parts = raw.split("#", 1)[0].replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise InvalidRecord(source, number, "cost", f"expected `id cost`, got {raw.strip()!r}")
        try:
            cost = float(parts[1])
        except ValueError:
            cost = -1.0
        if not cost > 0 or cost != cost or cost == float("inf"):
            raise InvalidRecord(source, number, "cost", f"expected a positive number, got {parts[1]!r}")
        out[parts[0].removeprefix("@")] = cost
    return out
