"""Compare accurate-path candidates on the development views only, against the shipped model.

A candidate is one or more int8 ONNX sentiment networks (several = the mean of their
probabilities, an ensemble) blended with the shipped fast path by a weight. Every candidate is
scored on three development views, never on TweetEval val or the 2016 test year:

- ``dev``: the seeded leak-free dev split of ``leak_free_splits`` (2,774 tweets, all SemEval years);
- ``dev-2016``: its tweets from the latest training year's files (the year most like what comes
  next, and the hardest one in the fast path's drift measurement);
- ``airline-dev``: the development airline file's tweets by the advocates benchmark's ``dev``
  authors (real brand tweets of another year and kind, never trained on), whole tweet.

For each view: macro recall, and the paired bootstrap (2,000 resamples of the view's tweets) of
the difference to the shipped accurate path, as mean and 95 % interval. A candidate beats the
shipped model by more than noise when the interval on ``dev`` lies above zero and no view's
interval lies below zero. Probabilities are cached under ``--cache`` (per network and view).

Command (from the repo root)::

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/select_sentiment_candidates.py \\
        --candidate new=/tmp/new.onnx \\
        --candidate both=src/grassroots/listen/models/sentiment_minilm_int8.onnx,/tmp/new.onnx

(``shipped`` is always scored first, at every weight; the shipped blend weight is ``--shipped-weight``.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.advocates.airlines import DATA as AIRLINES  # noqa: E402
from bench.advocates.airlines import part_of, read_tweets  # noqa: E402

from grassroots.listen.sentiment.accurate import TransformerSentiment  # noqa: E402
from grassroots.listen.sentiment.corpus import LABELS, leak_free_splits  # noqa: E402
from grassroots.listen.sentiment.fast import FastSentiment  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "text"
MODELS = ROOT / "src" / "grassroots" / "listen" / "models"
SHIPPED = MODELS / "sentiment_minilm_int8.onnx"
WEIGHTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)


def views() -> dict[str, tuple[list[str], np.ndarray]]:
    """The three development views: texts and label ids."""
    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    late = [r for r in splits.dev if re.match(r"twitter-2016", r.source)]
    airline = [t for t in read_tweets(AIRLINES) if part_of(t.author) == "dev"]
    out = {
        "dev": ([r.text for r in splits.dev], [r.label for r in splits.dev]),
        "dev-2016": ([r.text for r in late], [r.label for r in late]),
        "airline-dev": ([t.text for t in airline], [t.label for t in airline]),
    }
    return {k: (texts, np.array([LABELS.index(x) for x in labels])) for k, (texts, labels) in out.items()}


def cached_probs(network: Path, view: str, texts: list[str], cache: Path) -> np.ndarray:
    """The network's probabilities on a view (per text, as the accurate path runs), cached."""
    digest = hashlib.sha256(network.read_bytes()).hexdigest()[:16]
    path = cache / f"{digest}-{view}.npy"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        probs = TransformerSentiment(model_path=network).fit().predict_proba(texts)
        np.save(path, probs)
        print(f"scored {network} on {view} ({len(texts)} texts)", file=sys.stderr, flush=True)
    return np.asarray(np.load(path))


def macro_recall(y: np.ndarray, pred: np.ndarray) -> float:
    return float(np.mean([np.mean(pred[y == k] == k) for k in range(len(LABELS))]))


def bootstrap(y: np.ndarray, a: np.ndarray, b: np.ndarray, n: int = 2000) -> tuple[float, float, float]:
    """Mean and 95 % interval of macro recall(a) - macro recall(b) over paired resamples."""
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        diffs.append(macro_recall(y[i], a[i]) - macro_recall(y[i], b[i]))
    low, high = np.percentile(diffs, [2.5, 97.5])
    return float(np.mean(diffs)), float(low), float(high)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--candidate", action="append", default=[], help="NAME=ONNX[,ONNX...]")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/sentiment-candidates"))
    ap.add_argument("--shipped-weight", type=float, default=0.9)
    args = ap.parse_args()
    data = views()
    fast = FastSentiment.load(MODELS / "sentiment_fast.npz")
    fast_p = {v: fast.predict_proba(texts) for v, (texts, _) in data.items()}

    def deep(paths: list[Path], view: str) -> np.ndarray:
        return np.mean([cached_probs(p, view, data[view][0], args.cache) for p in paths], axis=0)

    shipped = {
        v: args.shipped_weight * deep([SHIPPED], v) + (1 - args.shipped_weight) * fast_p[v] for v in data
    }
    rows = []
    for spec in [f"shipped={SHIPPED}", *args.candidate]:
        name, _, files = spec.partition("=")
        paths = [Path(f) for f in files.split(",")]
        for w in WEIGHTS:
            row: dict[str, object] = {"candidate": name, "weight": w}
            for v, (_, y) in data.items():
                probs = w * deep(paths, v) + (1 - w) * fast_p[v]
                pred, base = probs.argmax(axis=1), shipped[v].argmax(axis=1)
                row[v] = round(macro_recall(y, pred), 4)
                row[f"{v} vs shipped"] = [round(x, 4) for x in bootstrap(y, pred, base)]
            rows.append(row)
            sys.stdout.write(json.dumps(row) + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
