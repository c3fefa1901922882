"""Themes: the words and phrases that set negative (or positive) posts about a brand apart.

After ``listen scan``, "why are people unhappy?" is a question about words. For each sentiment
label, every word and two-word phrase of the evidence (the part of the post about the brand) is
compared between the posts with that label and all the others with the weighted log-odds ratio
and its z-score, with an informative Dirichlet prior (Monroe, Colaresi & Quinn, "Fightin' Words",
Political Analysis 2008). Counts are posts containing the term, so one spammy post cannot make a
theme. Stop words, the brand's own names and URLs / handles are left out; each theme carries
its numbers and the posts it came from, so a marketer can read them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from grassroots.listen.brands import Brand
from grassroots.listen.sentiment.corpus import LABELS

__all__ = ["Theme", "themes"]

_URL = re.compile(r"https?://\S+|www\.\S+|@\w+")
_WORD = re.compile(r"[a-z][a-z'’]*[a-z]|[a-z]")


@dataclass(frozen=True)
class Theme:
    """One term that is over-represented in posts with ``label``."""

    label: str
    term: str
    posts: int
    share: float
    share_elsewhere: float
    z: float
    examples: tuple[str, ...]


def _terms(text: str, skip: frozenset[str], stop: frozenset[str]) -> set[str]:
    """Words and two-word phrases of ``text`` (lower-cased; stop words and brand words left out).

    >>> text = "The box arrived late, AGAIN! https://x.co @acme"
    >>> sorted(_terms(text, frozenset({"acme"}), frozenset({"the"})))
    ['again', 'arrived', 'arrived late', 'box', 'box arrived', 'late', 'late again']
    """
    words = _WORD.findall(_URL.sub(" ", text.lower()).replace("’", "'"))
    out = {w for w in words if w not in stop and w not in skip and len(w) > 1}
    for a, b in pairwise(words):
        if a in out and b in out:
            out.add(f"{a} {b}")
    return out


def _brand_words(brand: Brand | None) -> frozenset[str]:
    if brand is None:
        return frozenset()
    names = [brand.name, *brand.aliases, *brand.products, *brand.handles, *brand.hashtags]
    return frozenset(w for n in names for w in _WORD.findall(n.lower()))


def themes(
    rows: Sequence[dict[str, Any]],
    *,
    brand: Brand | None = None,
    top: int = 10,
    min_posts: int = 3,
    prior: float = 500.0,
    z_min: float = 1.96,
) -> list[Theme]:
    """The ``top`` themes per label of ``rows`` (``brand_mentions`` rows: ``label``, ``evidence``,
    ``post_id``, ``created_at``), most distinctive first; only terms in at least ``min_posts``
    posts of the label with z >= ``z_min``. ``prior`` is the Dirichlet prior's total weight,
    spread over terms by their overall share."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = frozenset(ENGLISH_STOP_WORDS) | {"im", "i'm", "it's", "don't", "just", "got", "get", "really"}
    skip = _brand_words(brand)
    ordered = sorted(rows, key=lambda r: (str(r.get("created_at") or ""), str(r["post_id"])))
    docs = [
        (r["label"], _terms(str(r.get("evidence") or ""), skip, stop), str(r["post_id"])) for r in ordered
    ]
    overall: Counter[str] = Counter(t for _, terms, _ in docs for t in terms)
    total = sum(overall.values())
    out: list[Theme] = []
    for label in LABELS:
        inside: Counter[str] = Counter(t for lab, terms, _ in docs if lab == label for t in terms)
        n_docs = sum(1 for lab, _, _ in docs if lab == label)
        n_in, n_out = sum(inside.values()), total - sum(inside.values())
        if not n_docs or not n_in:
            continue
        scored = []
        for term, y_in in inside.items():
            if y_in < min_posts:
                continue
            y_out = overall[term] - y_in
            a = prior * overall[term] / total
            delta = math.log((y_in + a) / (n_in + prior - y_in - a)) - math.log(
                (y_out + a) / (n_out + prior - y_out - a)
            )
            z = delta / math.sqrt(1 / (y_in + a) + 1 / (y_out + a))
            if z >= z_min:
                scored.append((z, term, y_in, y_out))
        # a word that only ever appears inside one of the listed phrases adds nothing: keep the phrase
        phrases = {term: y_in for _, term, y_in, _ in scored if " " in term}
        scored = [
            s
            for s in scored
            if " " in s[1] or not any(s[1] in p.split() and n == s[2] for p, n in phrases.items())
        ]
        elsewhere = len(docs) - n_docs
        for z, term, y_in, y_out in sorted(scored, key=lambda s: (-s[0], s[1]))[:top]:
            examples = tuple(pid for lab, terms, pid in docs if lab == label and term in terms)[:3]
            out.append(
                Theme(
                    label=label,
                    term=term,
                    posts=y_in,
                    share=round(y_in / n_docs, 4),
                    share_elsewhere=round(y_out / elsewhere, 4) if elsewhere else 0.0,
                    z=round(z, 2),
                    examples=examples,
                )
            )
    return out
