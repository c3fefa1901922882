"""Check our sentiment models on a user's own labelled posts (``grassroots listen evaluate``).

Labels come from the lake table ``post_labels`` (filled by ``ingest posts --map ...,label=COL``
or by the SXSW reader). Each labelled post is scored toward the brand its label is about: with a
``brand``, only labels whose ``target`` names that brand (its name, an alias or a handle) are
used; without one, each post is scored toward its own ``target`` (resolved as a configured brand
when there is one), and a label without target against the whole post. Labels other than
negative / neutral / positive (``unknown``, ``irrelevant``) are counted as skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from grassroots.errors import InvalidInput, NotFound
from grassroots.lake import DuckDBLake
from grassroots.listen.brands import Brand
from grassroots.listen.sentiment.corpus import LABELS
from grassroots.listen.sentiment.evaluate import LabelScores, label_scores
from grassroots.listen.sentiment.score import load_scorer, score_toward

__all__ = ["EVAL_PATHS", "EvalPath", "LabelCheck", "LabelledPost", "evaluate_labels", "read_labelled_posts"]

EvalPath = Literal["fast", "accurate", "vader"]
EVAL_PATHS: tuple[EvalPath, ...] = ("fast", "accurate", "vader")


@dataclass(frozen=True)
class LabelledPost:
    """A post's text with the human label and what the label is about."""

    post_id: str
    text: str
    label: str
    target: str | None


@dataclass(frozen=True)
class LabelCheck:
    """The result of :func:`evaluate_labels`: which labels, which brand, which model, the scores."""

    label_source: str
    brand: str | None
    path: str
    scores: LabelScores
    skipped: int
    target_found: int
    #: user corrections as additional labels, per kind (``grassroots correct``), reported separately
    corrections: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (what the CLI prints)."""
        head = {"label_source": self.label_source, "brand": self.brand, "path": self.path}
        tail = {"skipped_labels": self.skipped, "target_found": self.target_found}
        extra = {} if self.corrections is None else {"corrections": self.corrections}
        return head | self.scores.as_dict() | tail | extra


def read_labelled_posts(
    lake: DuckDBLake, *, label_source: str | None = None
) -> tuple[str, list[LabelledPost]]:
    """Labelled posts of ``label_source`` (default: the only one in the lake) joined with their text."""
    labels = lake.scan("post_labels").to_pylist()
    sources = sorted({str(r["label_source"]) for r in labels})
    if not sources:
        raise NotFound("no labelled posts in the lake: ingest posts with --map ...,label=COLUMN first")
    if label_source is None:
        if len(sources) > 1:
            raise InvalidInput(f"label_source: several in the lake, choose one of {', '.join(sources)}")
        label_source = sources[0]
    if label_source not in sources:
        raise NotFound(f"label_source={label_source!r}: not in the lake; known: {', '.join(sources)}")
    wanted = {(r["platform"], r["post_id"]): r for r in labels if r["label_source"] == label_source}
    out: list[LabelledPost] = []
    for batch in lake.iter_batches("posts", columns=("platform", "id", "text")):
        for post in batch.to_pylist():
            row = wanted.get((post["platform"], post["id"]))
            if row is not None and row["label"] is not None:
                out.append(LabelledPost(post["id"], post["text"] or "", row["label"], row["target"]))
    return label_source, sorted(out, key=lambda p: p.post_id)


def names_brand(brand: Brand, name: str | None) -> bool:
    """Whether a label's ``target`` names ``brand`` (its name, an alias or a handle, any case)."""
    if not name:
        return False
    key = name.strip().lstrip("@#").lower()
    return key in {n.lower() for n in (brand.name, *brand.aliases, *brand.handles)}


def evaluate_labels(
    lake: DuckDBLake,
    *,
    path: EvalPath = "accurate",
    label_source: str | None = None,
    brand: Brand | None = None,
    resolve: Callable[[str], Brand] = Brand.from_name,
) -> LabelCheck:
    """Score the labelled posts toward their brand with ``path`` and compare with the labels."""
    if path not in EVAL_PATHS:
        raise InvalidInput(f"path={path!r}: expected one of {', '.join(EVAL_PATHS)}")
    source, posts = read_labelled_posts(lake, label_source=label_source)
    if brand is not None:
        posts = [p for p in posts if names_brand(brand, p.target)]
        if not posts:
            raise NotFound(f"no labels of {source!r} are about {brand.name} (label target names it)")
    usable = [p for p in posts if p.label in LABELS]
    targets = _targets(usable, brand, resolve)
    scorer = _VaderScorer() if path == "vader" else load_scorer(path)
    results = score_toward([p.text for p in usable], targets, scorer=scorer)
    scores = label_scores([p.label for p in usable], [r.label for r in results])
    found = sum(r.target_found for r, t in zip(results, targets, strict=True) if t != "")
    return LabelCheck(source, brand.name if brand else None, path, scores, len(posts) - len(usable), found)


def _targets(
    posts: Sequence[LabelledPost], brand: Brand | None, resolve: Callable[[str], Brand]
) -> list[str | Brand]:
    """The brand each post is scored toward; ``""`` (no target) scores the whole post."""
    if brand is not None:
        return [brand] * len(posts)
    known: dict[str, Brand] = {}
    out: list[str | Brand] = []
    for post in posts:
        name = (post.target or "").strip()
        if name and name not in known:
            known[name] = resolve(name)
        out.append(known[name] if name else "")
    return out


class _VaderScorer:
    """VADER's compound score as three-way probabilities (the usual +-0.05 thresholds, one-hot)."""

    def __init__(self) -> None:
        from grassroots.listen.advocates import vader_sentiment

        self._score = vader_sentiment()

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 3))
        for i, compound in enumerate(self._score(texts)):
            out[i, 0 if compound <= -0.05 else 2 if compound >= 0.05 else 1] = 1.0
        return out
