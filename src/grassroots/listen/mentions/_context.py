"""Decide whether a name that is also a common word is about the brand (Apple the company vs the fruit).

Explicit signals (@handle, a link to the brand's domain, a configured product) always count.
A bare name counts when the name is not a common word, or when its context says so: other brand
signals in the same text, words that go with the company or with the other sense (built-in for
the usual ambiguous brands, extendable per brand with ``company_cues`` / ``other_cues``), and
how it is written (a capitalised name mid-sentence reads as a proper noun).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from grassroots.listen.brands import Brand, slugify

__all__ = ["Verdict", "is_ambiguous", "judge_context"]

#: Brand names that are also ordinary words; a bare mention of these needs context.
_COMMON_WORDS = """apple dove amazon target shell gap subway corona jaguar puma orange blackberry oracle visa
mars windows office square uber nest ring slack zoom chase delta frontier spirit monster tide gain joy
cheer bounty
glad ford fossil coach guess express next boots sky sprint virgin"""
COMMON_WORD_BRANDS = frozenset(_COMMON_WORDS.split())

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class Verdict:
    """Whether a mention is about the brand, how sure, and why in words."""

    about_brand: bool
    confidence: float
    reason: str


def is_ambiguous(term: str, brand: Brand) -> bool:
    """True when ``term`` is a common word, so a bare mention needs context to count."""
    return slugify(term) in COMMON_WORD_BRANDS or bool(brand.other_cues)


def _cue_hits(words: set[str], text_lower: str, cues: Sequence[str]) -> list[str]:
    hits = []
    for cue in cues:
        c = cue.lower()
        if (" " in c and c in text_lower) or c in words:
            hits.append(cue)
    return hits


def _capitalised_mid_sentence(text: str, start: int, end: int) -> bool | None:
    """True for ``Apple`` mid-sentence, False for lower case, None when unknowable (start, all caps)."""
    word = text[start:end]
    if word.startswith("#"):
        word = word[1:]
        return None if not word or (word.isupper() and len(word) > 1) else word[0].isupper()
    if not word or (word.isupper() and len(word) > 1):
        return None
    before = text[:start].rstrip()
    if not before or before[-1] in '.!?:"“' or before.endswith("RT"):
        return None
    return word[0].isupper()


def judge_context(
    text: str, start: int, end: int, kind: str, term: str, brand: Brand, *, others: Sequence[tuple[str, str]]
) -> Verdict:
    """The verdict for one candidate mention at ``text[start:end]``; ``others`` are the other matches."""
    if kind in ("url", "handle", "product") or (kind == "hashtag" and term.startswith("#")):
        return Verdict(True, 0.99, f"{kind} is an explicit brand signal")
    if not is_ambiguous(term, brand):
        return Verdict(True, 0.95, f"{term!r} is not a common word")
    explicit = sorted({t for k, t in others if k in ("url", "handle", "product")})
    if explicit:
        return Verdict(True, 0.9, "same text also has " + ", ".join(explicit))
    lower = text.lower()
    words = set(_WORD.findall(lower))
    company = _cue_hits(words, lower, brand.company_cues)
    other = _cue_hits(words, lower, brand.other_cues)
    score = float(len(company) - len(other))
    parts = []
    if company:
        parts.append("company words: " + ", ".join(company))
    if other:
        parts.append("other-sense words: " + ", ".join(other))
    caps = _capitalised_mid_sentence(text, start, end)
    if caps is not None:
        score += 0.5 if caps else -0.5
        parts.append("capitalised mid-sentence" if caps else "written in lower case")
    if not parts:
        parts.append("no context either way; a common word needs evidence")
    about = score > 0
    confidence = min(0.95, 0.5 + 0.15 * abs(score))
    return Verdict(about, round(confidence, 2), "; ".join(parts))
