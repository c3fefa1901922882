"""Decide whether a name that is also a common word is about the brand (Apple the company vs the fruit).

Explicit signals (@handle, a link to the brand's domain, a configured product, the brand's own
hashtag) always count. A bare name counts when it is not a common word, or when its context says
so. The evidence, each worth points for "company" or "something else":

- other explicit brand signals in the same text (settle it),
- words that go with the company or the other sense anywhere in the text (built-in for the usual
  ambiguous brands in ``_lexicon``, plus the brand's own ``company_cues`` / ``other_cues``),
- the words right before and after the name ("an apple", "target audience", "I dove into"),
- how it is written (a capitalised name mid-sentence reads as a proper noun).

With no evidence either way the name's prior decides (apple: company; target: not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from grassroots.listen.brands import Brand, slugify
from grassroots.listen.mentions._lexicon import GENERIC_COMPANY, SENSES, Sense

__all__ = ["COMMON_WORD_BRANDS", "Verdict", "is_ambiguous", "judge_context"]

_COMMON_WORDS = """apple dove amazon target shell gap subway corona jaguar puma orange blackberry oracle
visa mars windows office square uber nest ring slack zoom chase delta frontier spirit monster tide gain
joy cheer bounty glad ford fossil coach guess express next boots sky sprint virgin"""
#: Brand names that are also ordinary words; a bare mention of these needs context.
COMMON_WORD_BRANDS = frozenset(_COMMON_WORDS.split()) | frozenset(SENSES)

_WORD = re.compile(r"[^\W_]+(?:[-+.'][^\W_]+)*")
_NEUTRAL = Sense(company=(), other=(), prior=False)


@dataclass(frozen=True)
class Verdict:
    """Whether a mention is about the brand, how sure, and why in words."""

    about_brand: bool
    confidence: float
    reason: str


def is_ambiguous(term: str, brand: Brand) -> bool:
    """True when ``term`` is a common word, so a bare mention needs context to count."""
    return slugify(term) in COMMON_WORD_BRANDS or bool(brand.other_cues)


def _hits(words: set[str], phrase_text: str, cues: Sequence[str]) -> list[str]:
    """Cues present: ``word``, ``prefix*`` or a multi-word ``phrase``."""
    found = []
    for cue in cues:
        c = cue.lower()
        if " " in c:
            hit = f" {c} " in phrase_text
        elif c.endswith("*"):
            hit = any(w.startswith(c[:-1]) for w in words)
        else:
            hit = c in words
        if hit:
            found.append(cue)
    return found


def _capitalised_mid_sentence(text: str, start: int, end: int) -> bool | None:
    """True for ``Apple`` mid-sentence, False for lower case, None when unknowable (start, all caps)."""
    word = text[start:end]
    if word.startswith("#"):
        word = word[1:]
        return None if not word or (word.isupper() and len(word) > 1) else word[0].isupper()
    if not word or (word.isupper() and len(word) > 1):
        return None
    before = text[:start].rstrip()
    if not before or before[-1] in '.!?:"“-|(' or before.endswith("RT") or before.endswith("@user"):
        return None
    return word[0].isupper()


@dataclass(frozen=True)
class _Context:
    words: set[str]
    phrase_text: str
    before: str
    after: str


def _context(text: str, start: int, end: int, term: str) -> _Context:
    lower = text.lower()
    words = set(_WORD.findall(lower[:start] + " " + lower[end:]))
    before = _WORD.findall(lower[:start])
    after = _WORD.findall(lower[end:])
    mention = lower[start:end]
    if mention.startswith("#"):  # "#applepie": what follows the name inside the hashtag is context too
        rest = slugify(mention)[len(slugify(term)) :]
        if rest:
            words.add(rest)
            after = [rest, *after]
    phrase_text = " " + " ".join(_WORD.findall(lower)) + " "
    return _Context(words, phrase_text, before[-1] if before else "", after[0] if after else "")


def _evidence(ctx: _Context, sense: Sense, brand: Brand) -> tuple[float, list[str]]:
    company = _hits(ctx.words, ctx.phrase_text, (*sense.company, *GENERIC_COMPANY, *brand.company_cues))
    company += _hits(ctx.words, ctx.phrase_text, brand.competitors)
    other = _hits(ctx.words, ctx.phrase_text, (*sense.other, *brand.other_cues))
    score = float(min(len(company), 3) - min(len(other), 3))
    parts = []
    if company:
        parts.append("company words: " + ", ".join(company))
    if other:
        parts.append("other-sense words: " + ", ".join(other))
    if ctx.before and ctx.before in sense.before_other:
        score -= 1.5
        parts.append(f"'{ctx.before}' before the name")
    elif ctx.before and ctx.before in sense.before_company:
        score += 1.0
        parts.append(f"'{ctx.before}' before the name")
    if ctx.after and ctx.after in sense.after_other:
        score -= 1.5
        parts.append(f"'{ctx.after}' after the name")
    return score, parts


def judge_context(
    text: str, start: int, end: int, kind: str, term: str, brand: Brand, *, others: Sequence[tuple[str, str]]
) -> Verdict:
    """The verdict for one candidate mention at ``text[start:end]``; ``others`` are the other matches."""
    own_tag = kind == "hashtag" and term.startswith("#") and slugify(term) not in COMMON_WORD_BRANDS
    if kind in ("url", "handle", "product") or own_tag:
        return Verdict(True, 0.99, f"{kind} is an explicit brand signal")
    if not is_ambiguous(term, brand):
        return Verdict(True, 0.95, f"{term!r} is not a common word")
    explicit = sorted({t for k, t in others if k in ("url", "handle", "product")})
    if explicit:
        return Verdict(True, 0.9, "same text also has " + ", ".join(explicit))
    sense = SENSES.get(slugify(term), _NEUTRAL)
    score, parts = _evidence(_context(text, start, end, term), sense, brand)
    caps = _capitalised_mid_sentence(text, start, end)
    if caps or (caps is False and not sense.prior):  # lower case says little about a name usually meant
        score += 0.5 if caps else -0.5
        parts.append("capitalised mid-sentence" if caps else "written in lower case")
    if score == 0:
        about = sense.prior
        parts.append(f"no decisive context; {term!r} usually {'is' if about else 'is not'} the brand")
    else:
        about = score > 0
    confidence = min(0.95, 0.55 + 0.1 * abs(score))
    return Verdict(about, round(confidence, 2), "; ".join(parts))
