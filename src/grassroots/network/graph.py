"""Directed influence graphs: reading edge lists, edge probabilities, compressed adjacency.

An edge ``u v`` means *u can influence v* (when a follows b, the influence edge is b -> a).
Probabilities are weighted cascade (``wc``: p(u, v) = 1 / in-degree(v), Kempe, Kleinberg, Tardos
2003), a constant (``const:P``), trivalency (``tri``: each edge uniformly one of 0.1, 0.01, 0.001,
drawn from ``seed``; Chen, Wang, Wang, KDD 2010) or the file's third column (``weight``). Duplicate edges and
self-loops are dropped before ``wc`` is computed. The same numbers are the edge weights of the
Linear Threshold model, where the incoming weights of a node must sum to at most 1.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from grassroots.errors import InvalidInput, InvalidRecord, SourceError

__all__ = ["MODELS", "InfluenceGraph", "Model", "build_graph", "load_graph", "parse_probability"]

Model = Literal["ic", "lt"]
MODELS: tuple[Model, ...] = ("ic", "lt")
TRIVALENCY = (0.1, 0.01, 0.001)
_TOLERANCE = 1e-9

IntArray = npt.NDArray[np.int64]
NodeArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class InfluenceGraph:
    """A directed graph with one influence probability (IC) or weight (LT) per edge.

    Node ids are int32 (half the memory traffic of int64 in the samplers). ``in_*`` arrays are
    the reverse adjacency (for reverse-reachable sampling), ``out_*`` the
    forward one (for simulation). ``node_p[v]`` is the probability shared by every in-edge of
    ``v`` (wc and const), or -1 when they differ, which lets samplers skip over failed edges.
    """

    labels: tuple[str, ...]
    in_ptr: IntArray
    in_nbr: NodeArray
    in_p: FloatArray
    out_ptr: IntArray
    out_nbr: NodeArray
    out_p: FloatArray
    node_p: FloatArray
    probability: str
    source: str = ""
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.labels)

    @property
    def m(self) -> int:
        """Number of distinct directed edges (no self-loops)."""
        return int(self.in_nbr.shape[0])

    @cached_property
    def in_cum(self) -> FloatArray:
        """Running sum of incoming weights per node (Linear Threshold in-neighbour choice)."""
        cum = np.cumsum(self.in_p)
        starts = self.in_ptr[:-1]
        base = np.where(starts > 0, cum[np.maximum(starts - 1, 0)], 0.0)
        out: FloatArray = cum - np.repeat(base, np.diff(self.in_ptr))
        return out

    def index(self, label: str) -> int:
        """Node index of an id as written in the file; raises KeyError when absent."""
        if not self._index:
            self._index.update((lab, i) for i, lab in enumerate(self.labels))
        return self._index[label]

    def out_degree(self) -> IntArray:
        """Out-degree of every node (followers, for a follows graph)."""
        return np.diff(self.out_ptr)

    def in_degree(self) -> IntArray:
        """In-degree of every node."""
        return np.diff(self.in_ptr)


def parse_probability(spec: str) -> tuple[str, float]:
    """Parse ``wc``, ``const:P``, ``tri`` or ``weight`` into ``(kind, P)``.

    >>> parse_probability("const:0.02")
    ('const', 0.02)
    """
    if spec in ("wc", "weight", "tri"):
        return spec, 0.0
    if spec.startswith("const:"):
        try:
            p = float(spec[6:])
        except ValueError:
            p = math.nan
        if not 0.0 < p <= 1.0:
            raise InvalidInput(f"probability={spec!r}: const:P needs 0 < P <= 1")
        return "const", p
    raise InvalidInput(f"probability={spec!r}: expected wc, const:P, tri or weight")


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise SourceError(f"{path}: not a readable gzip file: {exc}") from exc
    if raw[:3] == b"\xef\xbb\xbf":
        raw = b"   " + raw[3:]
    return raw


def _has_header(path: Path, raw: bytes) -> bool:
    """Auto-detect a header: only for ``.csv`` files whose first line is not numeric."""
    name = path.name.lower().removesuffix(".gz")
    if not name.endswith(".csv"):
        return False
    first = raw.split(b"\n", 1)[0].replace(b",", b" ").split()[:2]
    try:
        [float(x) for x in first]
    except ValueError:
        return True
    return False


def load_graph(
    path: str | Path,
    *,
    probability: str = "wc",
    model: str = "ic",
    undirected: bool = False,
    header: bool | None = None,
    normalise: bool = False,
    seed: int = 0,
) -> InfluenceGraph:
    """Read an edge list (plain or gzip) into an :class:`InfluenceGraph`.

    Each non-blank line not starting with ``#`` or ``%`` is one edge ``u v``; fields are separated
    by whitespace, tabs or commas; columns after the second are read only for
    ``probability="weight"``. Bad lines raise :class:`InvalidRecord` naming ``FILE:LINE``.
    """
    from grassroots.network._parse import tokenise_edges

    path = Path(path)
    kind, _ = parse_probability(probability)
    raw = _read_bytes(path)
    skip = _has_header(path, raw) if header is None else header
    data = np.frombuffer(raw, dtype=np.uint8)
    spans, lines, u_num, v_num, numeric, bad = tokenise_edges(data, skip, kind == "weight")
    if not bad and not numeric and kind != "weight":  # string ids: a second pass keeps the spans
        spans, lines, u_num, v_num, numeric, bad = tokenise_edges(data, skip, True)
    if bad:
        raise InvalidRecord(str(path), int(bad), "edge", "expected two node ids 'u v'")
    if lines.shape[0] == 0:
        raise InvalidRecord(str(path), None, None, "no edges (empty file or only comments)")
    if numeric:
        uniq, inverse = _dense_ids(np.concatenate([u_num, v_num]))
        labels = tuple(map(str, uniq.tolist()))
        m = lines.shape[0]
        u_idx, v_idx = inverse[:m].astype(np.int64), inverse[m:].astype(np.int64)
    else:
        labels, u_idx, v_idx = _string_ids(raw, spans)
    weights = _read_weights(raw, spans, lines, str(path)) if kind == "weight" else None
    return build_graph(
        u_idx,
        v_idx,
        labels,
        probability=probability,
        model=model,
        undirected=undirected,
        normalise=normalise,
        weights=weights,
        lines=lines,
        source=str(path),
        seed=seed,
    )


def _dense_ids(ids: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct ids and each id's rank: a presence table when ids are dense, else a sort."""
    top = int(ids.max()) if ids.shape[0] else 0
    if top > 4 * ids.shape[0] + 1024:
        uniq, inverse = np.unique(ids, return_inverse=True)
        return uniq, inverse
    present = np.zeros(top + 1, dtype=np.bool_)
    present[ids] = True
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present), rank[ids]


def _string_ids(raw: bytes, spans: IntArray) -> tuple[tuple[str, ...], IntArray, IntArray]:
    index: dict[bytes, int] = {}
    us = [index.setdefault(raw[s:e], len(index)) for s, e in spans[:, 0:2].tolist()]
    vs = [index.setdefault(raw[s:e], len(index)) for s, e in spans[:, 2:4].tolist()]
    labels = tuple(b.decode("utf-8", errors="replace") for b in index)
    return labels, np.asarray(us, dtype=np.int64), np.asarray(vs, dtype=np.int64)


def _read_weights(raw: bytes, spans: IntArray, lines: IntArray, path: str) -> FloatArray:
    out = np.empty(spans.shape[0], dtype=np.float64)
    for i, (s, e) in enumerate(spans[:, 4:6].tolist()):
        if s < 0:
            raise InvalidRecord(path, int(lines[i]), "weight", "missing third column (probability='weight')")
        try:
            w = float(raw[s:e])
        except ValueError:
            w = math.nan
        if not 0.0 <= w <= 1.0:
            text = raw[s:e].decode("utf-8", errors="replace")
            raise InvalidRecord(path, int(lines[i]), "weight", f"{text!r} is not a probability in [0, 1]")
        out[i] = w
    return out


def build_graph(
    sources: IntArray,
    targets: IntArray,
    labels: tuple[str, ...],
    *,
    probability: str = "wc",
    model: str = "ic",
    undirected: bool = False,
    normalise: bool = False,
    weights: FloatArray | None = None,
    lines: IntArray | None = None,
    source: str = "<edges>",
    seed: int = 0,
) -> InfluenceGraph:
    """Build the graph from node-index edge arrays: drop self-loops and duplicates, set probabilities.

    ``seed`` draws the trivalency probabilities (``tri``) from a hash of (seed, u, v) node indices,
    so the same file and seed always give every edge the same number (numeric ids: whatever
    the line order).

    >>> g = build_graph(np.array([0, 0, 1, 1]), np.array([1, 2, 2, 2]), ("a", "b", "c"))
    >>> g.m, g.in_p.tolist()
    (3, [1.0, 0.5, 0.5])
    """
    if model not in MODELS:
        raise InvalidInput(f"model={model!r}: expected one of {', '.join(MODELS)}")
    kind, const_p = parse_probability(probability)
    n = len(labels)
    u, v = np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)
    line_of = np.arange(1, u.shape[0] + 1) if lines is None else np.asarray(lines, dtype=np.int64)
    w = np.zeros(u.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    if kind == "weight" and weights is None:
        raise InvalidInput("probability='weight' needs a weight per edge")
    if undirected:
        u, v = np.concatenate([u, v]), np.concatenate([v, u])
        w, line_of = np.concatenate([w, w]), np.concatenate([line_of, line_of])
    from grassroots.network._parse import distinct_edges, stable_order

    first = distinct_edges(u, v, n)
    u, v, w, line_of = u[first], v[first], w[first], line_of[first]
    in_deg = np.bincount(v, minlength=n)
    if kind == "wc":
        w = 1.0 / in_deg[v]
        node_p = np.where(in_deg > 0, 1.0 / np.maximum(in_deg, 1), 0.0)
    elif kind == "const":
        w = np.full(u.shape[0], const_p)
        node_p = np.full(n, const_p)
    else:
        node_p = np.full(n, -1.0)
    order = stable_order(v, n)
    if kind == "tri":
        w = _trivalency(u, v, seed)
    in_ptr = np.concatenate([[0], np.cumsum(in_deg)]).astype(np.int64)
    in_nbr, in_p = u[order], w[order]
    if model == "lt":
        in_p, node_p = _check_lt(in_p, in_ptr, node_p, v[order], line_of[order], labels, source, normalise)
        w = np.empty_like(in_p)
        w[order] = in_p
    out_ptr = np.concatenate([[0], np.cumsum(np.bincount(u, minlength=n))]).astype(np.int64)
    return InfluenceGraph(
        labels=labels,
        in_ptr=in_ptr,
        in_nbr=in_nbr.astype(np.int32),
        in_p=in_p,
        out_ptr=out_ptr,
        out_nbr=v.astype(np.int32),
        out_p=w,
        node_p=node_p.astype(np.float64),
        probability=probability,
        source=source,
    )


def _trivalency(u: IntArray, v: IntArray, seed: int) -> FloatArray:
    """One of :data:`TRIVALENCY` per edge, from a splitmix64 hash of (seed, u, v): reproducible."""
    key = np.uint64((seed * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF)
    with np.errstate(over="ignore"):
        x = key ^ (u.astype(np.uint64) << np.uint64(32)) ^ v.astype(np.uint64)
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    out: FloatArray = np.asarray(TRIVALENCY)[(x % np.uint64(3)).astype(np.int64)]
    return out


def _check_lt(
    in_p: FloatArray,
    in_ptr: IntArray,
    node_p: FloatArray,
    in_dst: IntArray,
    in_line: IntArray,
    labels: tuple[str, ...],
    source: str,
    normalise: bool,
) -> tuple[FloatArray, FloatArray]:
    """Linear Threshold needs incoming weights summing to at most 1 per node (or ``normalise``)."""
    sums = np.bincount(in_dst, weights=in_p, minlength=len(labels))
    over = np.flatnonzero(sums > 1.0 + _TOLERANCE)
    if over.shape[0] == 0:
        return in_p, node_p
    if not normalise:
        node = int(over[0])
        line = int(in_line[in_ptr[node + 1] - 1])
        raise InvalidRecord(
            source,
            line,
            "weight",
            f"incoming weights of node {labels[node]} sum to {sums[node]:.4g} > 1 under model='lt' "
            "(use normalise=True to rescale them)",
        )
    scale = np.where(sums > 1.0, sums, 1.0)
    new_p = in_p / scale[in_dst]
    new_node_p = np.where(node_p >= 0, node_p / scale, node_p)
    return new_p, new_node_p
