"""Where a post talks about the brand: the clause around the first mention.

Sentiment toward a brand is often local ("loved the concert but @ticketco ruined it"), so with a
brand the scorers read the clause holding the mention, widened to its neighbours while it has
fewer than ``min_words`` words besides the mention (too short to carry an opinion). The default
(8) and how much the rest of the post still counts are chosen on SemEval BD train + dev by
``scripts/select_sentiment_window.py`` and recorded in ``listen/models/sentiment_target.json``.
Mentions come from :func:`grassroots.listen.mentions.find_mentions` (case, #hashtags, @handles,
context disambiguation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grassroots.listen.brands import Brand
from grassroots.listen.mentions import find_mentions

__all__ = ["MIN_WORDS", "TargetSpan", "brand_for_name", "find_target"]

# Sentence ends, semicolons, line breaks and contrast words split a post into clauses.
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+|\n+|\s+(?=\b(?:but|however|although|though|whereas|except)\b)", re.I)
_WORD = re.compile(r"\w+")
MIN_WORDS = 8


@dataclass(frozen=True)
class TargetSpan:
    """Character offsets ``[start, end)`` of the window scored for the brand, and the mention."""

    start: int
    end: int
    mention_start: int
    mention_end: int


def brand_for_name(name: str) -> Brand:
    """A brand known only by its name: the name, plus ``#name`` and ``@name`` without spaces.

    >>> brand_for_name("Coca Cola").handles
    ('cocacola',)
    """
    compact = re.sub(r"[^\w]", "", name.lower())
    return Brand(name=name, handles=(compact,) if compact else (), hashtags=(compact,) if compact else ())


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def find_target(text: str, brand: Brand, *, min_words: int = MIN_WORDS) -> TargetSpan | None:
    """The window around the first mention of ``brand`` in ``text``, or None without a mention.

    >>> text = "Great gig tonight. But @TicketCo lost my tickets and never answered my mails"
    >>> span = find_target(text, brand_for_name("TicketCo"))
    >>> text[span.start:span.end]
    'But @TicketCo lost my tickets and never answered my mails'
    """
    mentions = find_mentions(text, brand)
    if not mentions:
        return None
    first = mentions[0]
    clauses = _clauses(text)
    at = next((i for i, (s, e) in enumerate(clauses) if s <= first.start < e), 0)
    lo = hi = at

    def words() -> int:
        return len(_WORD.findall(text[clauses[lo][0] : clauses[hi][1]])) - len(_WORD.findall(first.text))

    while words() < min_words and (lo > 0 or hi < len(clauses) - 1):
        if hi < len(clauses) - 1:
            hi += 1
        else:
            lo -= 1
    return TargetSpan(clauses[lo][0], clauses[hi][1], first.start, first.end)
