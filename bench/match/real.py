"""Real-graph figures for bench.match: lookalike precision@k on MUSAE, overlap and roster reach.

- Lookalikes (``grassroots.match.centroid_scores``, the vector part of ``match like``): Twitch-EN
  streamers described by their feature vectors (games played, TF-IDF weighted, unit length), seeds = 10
  random mature-flagged streamers; Facebook pages described by the graph alone (a 64-d spectral
  embedding of the normalised adjacency), seeds = 10 random pages of one category. precision@50 = share of
  the top 50 (seeds left out) with the seeds' label, mean over 20 seed sets, against the base rate (a
  random pick) and against common neighbours with the seeds (a graph baseline), in the same run.
- Overlap: the 40 best-connected nodes' neighbour sets, exact Jaccard against MinHash (256 permutations).
- Roster: k = 10 among the 200 best-connected nodes: distinct neighbours reached by greedy max coverage
  against the top 10 by degree and 10 at random.
"""

from __future__ import annotations

import gzip
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

from grassroots.match import centroid_scores, greedy_cover, jaccard, minhash_jaccard

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "graphs"


def _csv_pairs(path: Path) -> np.ndarray:
    return np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)


def _adjacency(edges: np.ndarray, n: int) -> sparse.csr_matrix:
    rows = np.concatenate([edges[:, 0], edges[:, 1]])
    cols = np.concatenate([edges[:, 1], edges[:, 0]])
    adj = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    adj.data[:] = 1.0
    return adj


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def _precision(scores: np.ndarray, seeds: np.ndarray, labels: np.ndarray, label: int, k: int) -> float:
    scores = scores.astype(np.float64).copy()
    scores[seeds] = -np.inf
    top = np.argsort(-scores, kind="stable")[:k]
    return float((labels[top] == label).mean())


def load_lookalike(
    dataset: str, *, seed: int = 0
) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray, list[int]]:
    """(labels, adjacency, unit vectors, the labels seeds are drawn for) of a MUSAE data set."""
    base = DATA / f"musae-{dataset}"
    target = _csv_pairs(base / "target.csv")
    n = int(target[:, 0].max()) + 1
    labels = np.zeros(n, dtype=np.int64)
    labels[target[:, 0]] = target[:, 1]
    adj = _adjacency(_csv_pairs(base / "edges.csv"), n)
    if dataset == "twitch":
        feats = np.loadtxt(base / "features.csv", delimiter=",", skiprows=1)
        x = sparse.csr_matrix((feats[:, 2], (feats[:, 0].astype(int), feats[:, 1].astype(int))))
        idf = np.log(x.shape[0] / (1 + np.asarray((x > 0).sum(axis=0)).ravel()))
        return labels, adj, _unit(np.asarray((x @ sparse.diags(idf)).todense())), [1]
    deg = np.asarray(adj.sum(axis=1)).ravel()
    norm = sparse.diags(1 / np.sqrt(np.maximum(deg, 1)))
    u, s, _ = svds(norm @ adj @ norm, k=64, random_state=seed)
    return labels, adj, _unit(u * s), sorted(set(labels.tolist()))


def lookalike(dataset: str, *, sets: int = 20, k: int = 50, seed: int = 0) -> dict[str, float]:
    """Mean precision@k of ours (centroid cosine), common neighbours and the base rate."""
    labels, adj, vectors, wanted = load_lookalike(dataset, seed=seed)
    n = len(labels)
    rng = np.random.default_rng(seed)
    ours, graph, base_rate = [], [], []
    for i in range(sets):
        label = wanted[i % len(wanted)]
        seeds = rng.choice(np.flatnonzero(labels == label), size=10, replace=False)
        ours.append(_precision(centroid_scores(vectors, seeds), seeds, labels, label, k))
        common = np.asarray(adj[seeds].sum(axis=0)).ravel() + rng.random(n) * 1e-6
        graph.append(_precision(common, seeds, labels, label, k))
        base_rate.append(float((labels == label).mean()))
    return {"ours": float(np.mean(ours)), "common_neighbours": float(np.mean(graph)),
            "base_rate": float(np.mean(base_rate)), "nodes": n}  # fmt: skip


def _neighbour_sets(name: str) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    if name == "epinions":
        with gzip.open(DATA / "epinions-sym.txt.gz", "rt") as fh:
            for line in fh:
                if not line.startswith("#"):
                    a, b = line.split()
                    out[int(b)].add(int(a))
        return out
    if name == "ego-facebook":
        edges = np.loadtxt(DATA / "snap-ego-facebook.txt", dtype=np.int64, skiprows=1)
    else:
        edges = _csv_pairs(DATA / f"musae-{name}" / "edges.csv")
    for a, b in edges:
        out[int(a)].add(int(b))
        out[int(b)].add(int(a))
    return out


def overlap_and_roster(name: str, *, seed: int = 0) -> dict[str, float]:
    """Exact vs MinHash overlap of the 40 best-connected, and roster reach at k = 10."""
    sets = _neighbour_sets(name)
    by_degree = sorted(sets, key=lambda v: (-len(sets[v]), v))
    short = [frozenset(map(str, sets[v])) for v in by_degree[:40]]
    started = time.perf_counter()
    exact = [jaccard(a, b) for i, a in enumerate(short) for b in short[i + 1 :]]
    t_exact = time.perf_counter() - started
    started = time.perf_counter()
    est = [minhash_jaccard(a, b) for i, a in enumerate(short) for b in short[i + 1 :]]
    t_minhash = time.perf_counter() - started
    pool = by_degree[:200]
    cover = {str(v): sets[v] for v in pool}
    reach = lambda chosen: len(set().union(*(cover[c] for c in chosen)))  # noqa: E731
    rng = np.random.default_rng(seed)
    random_reach = np.mean([reach(rng.choice(list(cover), size=10, replace=False)) for _ in range(20)])
    return {
        "nodes": len(sets), "pairs": len(exact), "mean_jaccard": float(np.mean(exact)),
        "minhash_mae": float(np.mean(np.abs(np.array(exact) - np.array(est)))),
        "exact_s": t_exact, "minhash_s": t_minhash,
        "greedy": reach(greedy_cover(cover, k=10)), "top_degree": reach([str(v) for v in pool[:10]]),
        "random": float(random_reach),
    }  # fmt: skip
