"""Influence graphs from interactions in the lake: b interacts with a's content ⇒ edge a → b.

An interaction is one of b's posts or comments that replies to, quotes (reshares) or comments on a
post by a, replies to a comment by a, or mentions a (``@handle``; mapped to a's account id through
``accounts``, else kept as ``@handle``). Each post or comment of b counts at most once per a, and
self-interactions are dropped.

The learned probability (``probability="learned"``) is the posterior mean of a Bernoulli rate, "b
reacts to a post of a", with a Beta(α, β) prior (default Beta(1, 9), prior mean 0.1)::

    p(a, b) = (c + α) / (max(N_a, c) + α + β)

where c is the number of b's interactions with a and N_a the number of a's posts in the lake (a
mention counts as reacting to one of a's posts; when a has fewer posts than b's interactions, c is
used, so p ≤ 1). The prior keeps one reply to a single post from meaning certain influence
(1 reply / 1 post gives 2/11 ≈ 0.18, not 1). Pairs that never interacted get no edge. Under
``wc``, ``const:P`` and ``tri`` the interaction pairs are the edges and the counts are ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from grassroots.errors import InvalidInput, SourceError
from grassroots.lake import Lake
from grassroots.network.graph import InfluenceGraph, build_graph

__all__ = ["DEFAULT_PRIOR", "graph_from_interactions", "interaction_counts", "write_edge_list"]

DEFAULT_PRIOR = (1.0, 9.0)
_Pair = tuple[str, str]


def _rows(lake: Lake, table: str, columns: list[str], platform: str | None) -> list[dict[str, object]]:
    """Rows in a fixed order (sorted on every plain column), whatever order the lake stored them in."""
    import pyarrow.types as pat

    where = None if platform is None else {"platform": platform}
    rows = lake.scan(table, columns=columns, where=where)
    keys = [(c, "ascending") for c in columns if not pat.is_nested(rows.schema.field(c).type)]
    return rows.sort_by(keys).to_pylist()  # type: ignore[no-any-return]


def interaction_counts(lake: Lake, *, platform: str | None = None) -> tuple[Counter[_Pair], Counter[str]]:
    """Count interactions per influence pair (a, b) and posts per author in the lake.

    Returns ``(pairs, posts)``: ``pairs[(a, b)]`` = b's posts and comments interacting with a's
    content, ``posts[a]`` = a's posts. Only the columns named in the module docstring are read.
    """
    posts = _rows(
        lake, "posts", ["id", "author", "reply_to_id", "reply_to_author", "quote_of_id", "mentions"], platform
    )
    author_of = {str(p["id"]): p["author"] for p in posts if p["author"] is not None}
    accounts = _rows(lake, "accounts", ["id", "handle"], platform)
    handle_to_id = {str(a["handle"]).lower(): str(a["id"]) for a in accounts if a["handle"]}
    events: set[tuple[str, str, str]] = set()  # (a, b, b's post or comment): each counts once
    for p in posts:
        b, key = p["author"], "p" + str(p["id"])
        if b is None:
            continue
        targets = [p["reply_to_author"] or author_of.get(str(p["reply_to_id"]))]
        targets.append(author_of.get(str(p["quote_of_id"])))
        for handle in p["mentions"] or ():  # type: ignore[attr-defined]
            name = str(handle).lstrip("@").lower()
            targets.append(handle_to_id.get(name, "@" + name))
        events.update((str(a), str(b), key) for a in targets if a is not None and a != b)
    events |= _comment_events(
        _rows(lake, "comments", ["id", "post_id", "author", "reply_to_id"], platform), author_of
    )
    pairs = Counter((a, b) for a, b, _ in events)
    return pairs, Counter(str(p["author"]) for p in posts if p["author"] is not None)


def _comment_events(
    comments: list[dict[str, object]], author_of: dict[str, object]
) -> set[tuple[str, str, str]]:
    """(a, b, comment) for b's comments on a post of a, and on a comment of a (``reply_to_id``)."""
    comment_author = {str(c["id"]): c["author"] for c in comments if c["author"] is not None}
    events = set()
    for c in comments:
        b = c["author"]
        for a in (author_of.get(str(c["post_id"])), comment_author.get(str(c["reply_to_id"]))):
            if a is not None and b is not None and a != b:
                events.add((str(a), str(b), "c" + str(c["id"])))
    return events


def graph_from_interactions(
    lake: Lake,
    *,
    platform: str | None = None,
    probability: str = "learned",
    model: str = "ic",
    prior: tuple[float, float] = DEFAULT_PRIOR,
    seed: int = 0,
) -> InfluenceGraph:
    """Read the lake's interactions into an influence graph (a → b when b interacts with a).

    ``probability`` is ``learned`` (see the module docstring), ``wc``, ``const:P`` or ``tri``.
    """
    alpha, beta = prior
    if not (alpha > 0 and beta > 0):
        raise InvalidInput(f"prior {prior!r}: both Beta parameters must be > 0")
    pairs, posts = interaction_counts(lake, platform=platform)
    if not pairs:
        raise InvalidInput("lake interactions: no replies, quotes, mentions or comments between accounts")
    ordered = sorted(pairs)  # sets iterate in hash order, which changes between processes
    index: dict[str, int] = {}
    src = np.array([index.setdefault(a, len(index)) for a, _ in ordered], dtype=np.int64)
    dst = np.array([index.setdefault(b, len(index)) for _, b in ordered], dtype=np.int64)
    weights = None
    if probability == "learned":
        count = np.array([pairs[pair] for pair in ordered], dtype=np.float64)
        n_posts = np.array([posts.get(a, 0) for a, _ in ordered], dtype=np.float64)
        weights = (count + alpha) / (np.maximum(n_posts, count) + alpha + beta)
        probability = "weight"
    return build_graph(
        src,
        dst,
        tuple(index),
        probability=probability,
        model=model,
        weights=weights,
        source="lake interactions",
        seed=seed,
    )


def write_edge_list(graph: InfluenceGraph, path: str | Path) -> int:
    """Write ``u v p`` lines (tab-separated, u can influence v with probability p); return the edge count.

    The file is what ``network seeds --graph FILE --probability weight`` reads. Ids containing
    whitespace or commas, or starting with ``#`` or ``%``, cannot be written and raise InvalidInput.
    """
    bad = next(
        (lab for lab in graph.labels if not lab or lab[0] in "#%" or len(lab.replace(",", " ").split()) != 1),
        None,
    )
    if bad is not None:
        raise InvalidInput(f"node id {bad!r} cannot be written to an edge list (whitespace, comma, # or %)")
    src = np.repeat(np.arange(graph.n), graph.out_degree())
    labels = graph.labels
    lines = [
        f"{labels[u]}\t{labels[v]}\t{p:.6g}\n"
        for u, v, p in zip(src.tolist(), graph.out_nbr.tolist(), graph.out_p.tolist(), strict=True)
    ]
    try:
        Path(path).write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    return len(lines)
