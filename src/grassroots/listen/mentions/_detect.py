"""Find where a text mentions a brand: names, aliases, products, #hashtags, @handles and URLs.

Matching is case-insensitive on a per-character NFKC view of the text (so full-width or styled
letters match while offsets stay those of the original text). Terms are bounded by anything
that is not a letter or digit, so emoji and punctuation around a name do not hide it
(``"I❤️Apple!!"``), and multi-word names match with spaces, hyphens or nothing in between
(``"Coca Cola"``, ``"Coca-Cola"``, ``"CocaCola"``). Overlapping candidates keep the longest,
then the most specific kind.

Names that are also common words (Apple, Dove, Amazon, Target, ...) are judged by context in
:mod:`grassroots.listen.mentions._context`; every mention carries the reason for its verdict.

>>> from grassroots.listen.brands import Brand
>>> b = Brand(name="Apple", handles=("apple",), products=("iPhone",), domains=("apple.com",))
>>> text = "New iPhone 15 from @Apple, see https://www.apple.com/iphone"
>>> [(m.kind, m.text) for m in find_mentions(text, b)]
[('product', 'iPhone'), ('handle', '@Apple'), ('url', 'https://www.apple.com/iphone')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from grassroots.listen.brands import Brand, slugify
from grassroots.listen.mentions._context import judge_context

__all__ = ["Mention", "MentionKind", "find_mentions"]

MentionKind = Literal["name", "alias", "hashtag", "handle", "url", "product"]

#: When two candidates overlap with the same length, the more specific kind wins.
_PRIORITY: dict[str, int] = {"url": 0, "handle": 1, "hashtag": 2, "product": 3, "name": 4, "alias": 5}
_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
_LEFT = r"(?<![^\W_])"
_RIGHT_NAME = r"(?![^\W_])"


@dataclass(frozen=True)
class Mention:
    """One place a text refers to the brand (or looks like it does and was judged not to).

    ``start``/``end`` are character offsets into the original text; ``term`` is the configured
    term that matched; ``about_brand`` is the verdict (False for "apple pie"), ``confidence`` in
    [0, 1] and ``reason`` a sentence a person can check.
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    term: str
    brand: str
    about_brand: bool
    confidence: float
    reason: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: MentionKind
    term: str
    why: str


def _term_pattern(term: str, *, product: bool) -> str:
    """Regex for a name: tokens joined by optional space/hyphen/dot; products may carry a version."""
    tokens = [re.escape(t) for t in re.split(r"[\s\-_]+", term.strip()) if t]
    body = r"[\s\-_.]*".join(tokens)
    suffix = r"(?:\d+[a-z]?|s|'s)?" if product else ""
    return f"{_LEFT}(?<![@#]){body}{suffix}{_RIGHT_NAME}"


@dataclass(frozen=True)
class _Matcher:
    terms: tuple[tuple[str, re.Pattern[str], MentionKind, str], ...]
    hashtags: frozenset[str]
    hashtag_prefixes: tuple[tuple[str, MentionKind, str], ...]


@lru_cache(maxsize=256)
def _matcher(brand: Brand) -> _Matcher:
    # each pattern runs only when its anchor (a lower-case literal it must contain) is in the text
    terms: list[tuple[str, re.Pattern[str], MentionKind, str]] = []
    for kind, values in (("name", (brand.name,)), ("alias", brand.aliases), ("product", brand.products)):
        for value in values:
            if not slugify(value):  # punctuation only: would match everywhere
                continue
            pattern = _term_pattern(value, product=kind == "product")
            anchor = re.split(r"[\s\-_]+", value.strip().lower())[0]
            terms.append((anchor, re.compile(pattern, re.IGNORECASE), kind, value))  # type: ignore[arg-type]
    for handle in brand.handles:
        pattern = rf"(?<![^\W\d_]|@)@{re.escape(handle)}(?!\w)"
        terms.append(("@" + handle.lower(), re.compile(pattern, re.IGNORECASE), "handle", "@" + handle))
    for domain in brand.domains:
        pattern = rf"(?<![\w.@/-])(?:https?://)?(?:[\w-]+\.)*{re.escape(domain)}(?:/[^\s]*)?(?![\w-])"
        terms.append((domain.lower(), re.compile(pattern, re.IGNORECASE), "url", domain))
    prefixes: list[tuple[str, MentionKind, str]] = [(slugify(brand.name), "name", brand.name)]
    prefixes += [(slugify(a), "alias", a) for a in brand.aliases]
    prefixes += [(slugify(p), "product", p) for p in brand.products]
    prefixes = [p for p in prefixes if len(p[0]) >= 3]
    prefixes.sort(key=lambda p: -len(p[0]))
    tags = frozenset(h.lower() for h in brand.hashtags)
    return _Matcher(tuple(terms), tags, tuple(prefixes))


def _fold(text: str) -> str:
    """Per-character NFKC so styled letters match; characters that expand keep their original form."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).replace("’", "'")


def _candidates(folded: str, matcher: _Matcher) -> list[_Candidate]:
    found: list[_Candidate] = []
    lower = folded.lower()
    for anchor, pattern, kind, term in matcher.terms:
        if anchor not in lower:
            continue
        for m in pattern.finditer(folded):
            why = {"url": f"link to {term}", "handle": f"handle {term}"}.get(kind, f"{kind} {term!r}")
            found.append(_Candidate(m.start(), m.end(), kind, term, why))
    for m in _HASHTAG.finditer(folded) if "#" in folded else ():
        body = m.group(1).lower()
        if body in matcher.hashtags:
            found.append(_Candidate(m.start(), m.end(), "hashtag", "#" + body, f"brand hashtag #{body}"))
            continue
        for prefix, kind, term in matcher.hashtag_prefixes:
            if body.startswith(prefix):
                why = f"hashtag #{m.group(1)} starts with {kind} {term!r}"
                found.append(_Candidate(m.start(), m.end(), "hashtag", term, why))
                break
    return found


def _resolve_overlaps(found: list[_Candidate]) -> list[_Candidate]:
    found.sort(key=lambda c: (c.start, -(c.end - c.start), _PRIORITY[c.kind]))
    kept: list[_Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept


def find_mentions(text: str, brand: Brand, *, include_rejected: bool = False) -> list[Mention]:
    """Every mention of ``brand`` in ``text``, in order of position.

    Mentions judged by context to be about something else (the fruit, the bird) are left out
    unless ``include_rejected`` is true; then they come back with ``about_brand=False`` and the
    reason.
    """
    folded = _fold(text)
    kept = _resolve_overlaps(_candidates(folded, _matcher(brand)))
    mentions: list[Mention] = []
    for cand in kept:
        others = tuple((c.kind, c.term) for c in kept if c is not cand)
        verdict = judge_context(folded, cand.start, cand.end, cand.kind, cand.term, brand, others=others)
        if not verdict.about_brand and not include_rejected:
            continue
        mentions.append(
            Mention(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                kind=cand.kind,
                term=cand.term,
                brand=brand.name,
                about_brand=verdict.about_brand,
                confidence=verdict.confidence,
                reason=f"{cand.why}; {verdict.reason}",
            )
        )
    return mentions
