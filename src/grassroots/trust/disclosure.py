"""Is a post's paid relationship disclosed? ``adequate``, ``ambiguous`` or ``none``, with every signal.

The rules live in :mod:`grassroots.trust._disclosure_rules` (FTC Endorsement Guides, "Disclosures
101"); affiliate links in :mod:`grassroots.trust.affiliate`. A sponsorship word inside a negation
("this video is not sponsored") does not count and is reported as a ``negated`` signal. Affiliate
links, discount codes and "link in bio" are *signals of a commercial relationship*, not disclosures:
they never raise the verdict, but they feed the undisclosed-sponsorship probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from grassroots.trust._disclosure_rules import ADEQUATE, AMBIGUOUS, INFO, NEGATION, Rule
from grassroots.trust.affiliate import find_affiliate_links

__all__ = ["Disclosure", "Signal", "detect_disclosure"]

Verdict = Literal["adequate", "ambiguous", "none"]


@dataclass(frozen=True)
class Signal:
    """One matched rule: what matched, where (``start``/``end`` are character offsets), and its weight."""

    kind: str
    rule: str
    level: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "kind": self.kind,
            "rule": self.rule,
            "level": self.level,
            "text": self.text,
            "span": [self.start, self.end],
        }


@dataclass(frozen=True)
class Disclosure:
    """The verdict for one text and the signals behind it (in text order)."""

    disclosure: Verdict
    signals: tuple[Signal, ...]


def _matches(rules: tuple[Rule, ...], text: str) -> list[Signal]:
    out = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            start, end = m.start(), m.end()
            while start < end and not text[start].strip("*([:|.!\n\t "):
                start += 1
            out.append(Signal(rule.kind, rule.name, rule.level, text[start:end], start, end))
    return out


def _overlaps(a: Signal, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def _brand_signals(text: str, brand: str | None) -> list[Signal]:
    if not brand:
        return []
    key = re.sub(r"\W+", "", brand)
    if not key:
        return []
    pattern = re.compile(rf"(?<![\w])[@#]?{re.escape(key)}\w*|{re.escape(brand)}", re.IGNORECASE)
    return [
        Signal("brand", "brand_mention", "info", m.group(0), m.start(), m.end())
        for m in pattern.finditer(text)
    ]


def detect_disclosure(text: str, *, brand: str | None = None) -> Disclosure:
    """Classify the disclosure of one post and list every signal with its span.

    >>> detect_disclosure("Loving my new shoes #ad").disclosure
    'adequate'
    >>> detect_disclosure("new drop #collab @nike").disclosure
    'ambiguous'
    >>> [s.rule for s in detect_disclosure("This video is not sponsored. #adidas").signals]
    ['negated']
    """
    negations = [
        Signal("negation", "negated", "info", m.group(0), m.start(), m.end()) for m in NEGATION.finditer(text)
    ]
    spans = [(s.start, s.end) for s in negations]
    strong = [s for s in _matches(ADEQUATE, text) if not _overlaps(s, spans)]
    weak = [s for s in _matches(AMBIGUOUS, text) if not _overlaps(s, spans)]
    claimed = [(s.start, s.end) for s in strong]
    weak = [s for s in weak if not _overlaps(s, claimed)]
    links = [
        Signal("affiliate_link", f"affiliate_link:{a.network}", "info", a.url, a.start, a.end)
        for a in find_affiliate_links(text)
    ]
    url_spans = [(s.start, s.end) for s in links]
    strong = [s for s in strong if not _overlaps(s, url_spans)]
    weak = [s for s in weak if not _overlaps(s, url_spans)]
    info = _matches(INFO, text) + links + _brand_signals(text, brand)
    verdict: Verdict = "adequate" if strong else "ambiguous" if weak else "none"
    signals = sorted(strong + weak + info + negations, key=lambda s: (s.start, s.end, s.rule))
    return Disclosure(verdict, tuple(signals))
