"""The span of a post that matched: the clause whose vector is nearest the brief part or the query.

A post is cut into clauses (at sentence ends, semicolons, commas, dashes and line breaks; a piece of
fewer than :data:`MIN_WORDS` words is joined to its neighbour), each clause is embedded, and the one
with the highest cosine is the span shown. Only the posts shown as evidence are cut, so this costs
one small batch per ranking. A post of one clause matches as a whole (its text without the outer
spaces).

>>> text = "Rode 80k today!! Legs are gone, coffee after"
>>> [text[a:b] for a, b in clauses(text)]
['Rode 80k today!!', 'Legs are gone, coffee after']
>>> clauses("ok")
[(0, 2)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from grassroots.match.profiles import EmbedFn

__all__ = ["MIN_WORDS", "best_spans", "clauses"]

#: a clause shorter than this many words is joined to the one before it
MIN_WORDS = 3
_CUT = re.compile(r"[.!?;]+\s+|,\s+|\s[-–—]+\s|\n+")


def clauses(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each clause of ``text`` (outer spaces and the cutting marks left out)."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in _CUT.finditer(text):
        end = cut.start()
        while end < cut.end() and text[end] in ".!?":
            end += 1
        pieces.append((start, end))
        start = cut.end()
    pieces.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        short = len(text[a:b].split()) < MIN_WORDS
        if out and (short or len(text[out[-1][0] : out[-1][1]].split()) < MIN_WORDS):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out or [(0, len(text))]


def best_spans(items: Sequence[tuple[str, NDArray[np.float32]]], embed_fn: EmbedFn) -> list[tuple[int, int]]:
    """For each ``(text, target vector)`` the clause of the text nearest the target (one batch)."""
    cut = [clauses(text) for text, _ in items]
    wanted = sorted({text[a:b] for (text, _), spans in zip(items, cut, strict=True) if len(spans) > 1
                     for a, b in spans})  # fmt: skip
    index = {t: k for k, t in enumerate(wanted)}
    vectors = embed_fn(wanted) if wanted else np.zeros((0, 1), np.float32)
    out = []
    for (text, target), spans in zip(items, cut, strict=True):
        if len(spans) == 1:
            out.append(spans[0])
            continue
        sims = [float(vectors[index[text[a:b]]] @ target) for a, b in spans]
        out.append(spans[int(np.argmax(sims))])
    return out
