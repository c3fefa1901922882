"""One answer to "is this post paid, gifted or disclosed?": the disclosure verdict and the commercial label.

:func:`detect_disclosure` gives, for one text,

- ``disclosure``: ``adequate`` / ``ambiguous`` / ``none``, from the FTC-grounded rule table in
  :mod:`grassroots.rules._disclosure_table` (Endorsement Guides, "Disclosures 101"). A sponsorship
  word inside a negation ("this video is not sponsored") does not count and is reported as a
  ``negated`` signal;
- ``commercial``: ``paid`` / ``gifted`` / ``affiliate`` / ``none``, the relationship the post shows,
  whether disclosed or not. Every adequate or ambiguous rule names its relationship (``#ad`` paid,
  ``#gifted`` gifted, "I earn a commission" affiliate), and so do the commercial signals that are not
  disclosures (affiliate links from :mod:`grassroots.rules.affiliate`, tracked shop links, discount
  codes, "link in bio", "shop my ..."). The strongest wins: paid, then affiliate, then gifted.

**Ambiguous maps to commercial.** An ambiguous disclosure (``#collab``, ``#gifted``, "partnering with
@brand") is too weak to tell readers about the relationship, but it still shows one: the post is
commercial, so for advocacy it is not organic. So ``disclosure != "none"`` always implies
``commercial != "none"``; the reverse does not hold (an undisclosed affiliate link or code is
commercial with disclosure ``none``).

Every command that shows the answer (``listen scan``, ``listen advocates``, ``trust disclosure``,
``trust report``) calls this function; ``tests/test_one_answer.py`` checks they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from grassroots.rules._disclosure_table import ADEQUATE, AMBIGUOUS, INFO, NEGATION, Relationship, Rule
from grassroots.rules.affiliate import find_affiliate_links

__all__ = [
    "COMMERCIAL",
    "STATUS_TEXT",
    "VERDICTS",
    "Commercial",
    "Disclosure",
    "Signal",
    "Status",
    "Verdict",
    "detect_disclosure",
]

Verdict = Literal["adequate", "ambiguous", "none"]
Commercial = Literal["paid", "gifted", "affiliate", "none"]
VERDICTS: tuple[Verdict, ...] = ("adequate", "ambiguous", "none")
#: commercial labels, strongest first (the first one a post's signals show is its label)
COMMERCIAL: tuple[Commercial, ...] = ("paid", "affiliate", "gifted", "none")
#: the verdict as shown to people: ``commercial_undisclosed`` is a ``none`` post with an affiliate link or a
#: discount code (what a compliance officer most wants to see)
Status = Literal["adequate", "ambiguous", "commercial_undisclosed", "none"]
STATUS_TEXT: dict[Status, str] = {
    "adequate": "adequate",
    "ambiguous": "ambiguous",
    "commercial_undisclosed": "commercial signal, not disclosed",
    "none": "none",
}
#: signal kinds that show a personal commercial tie by themselves (an affiliate URL, a tracked affiliate
#: link, a discount code); "link in bio" or "shop my ..." alone do not make a post undisclosed-commercial
_UNDISCLOSED_KINDS = frozenset({"affiliate_link", "code"})


@dataclass(frozen=True)
class Signal:
    """One matched rule: what matched, where (``start``/``end`` are character offsets), its level and
    the relationship it shows (``commercial``; None for a negation or a brand name)."""

    kind: str
    rule: str
    level: str
    text: str
    start: int
    end: int
    commercial: Relationship | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        out: dict[str, Any] = {"kind": self.kind, "rule": self.rule, "level": self.level, "text": self.text}
        out["span"] = [self.start, self.end]
        if self.commercial is not None:
            out["commercial"] = self.commercial
        return out


@dataclass(frozen=True)
class Disclosure:
    """The verdict and commercial label for one text, and the signals behind them (in text order)."""

    disclosure: Verdict
    signals: tuple[Signal, ...]
    commercial: Commercial = "none"

    @property
    def paid_or_gifted(self) -> bool:
        """True when the post shows any commercial relationship (so it is not organic)."""
        return self.commercial != "none"

    @property
    def status(self) -> Status:
        """The verdict as shown: ``commercial_undisclosed`` when there is no disclosure at all but an
        affiliate link, a tracked affiliate link or a discount code is present; else the verdict.

        >>> detect_disclosure("my glow https://rstyle.me/n/abc").status
        'commercial_undisclosed'
        >>> detect_disclosure("my glow https://rstyle.me/n/abc #ad").status
        'adequate'
        """
        if self.disclosure != "none":
            return self.disclosure
        for s in self.signals:
            if s.kind in _UNDISCLOSED_KINDS or (s.kind == "link" and s.commercial == "affiliate"):
                return "commercial_undisclosed"
        return "none"

    @property
    def evidence(self) -> tuple[Signal, ...]:
        """The signals the status rests on (disclosure rules, or the commercial signals when undisclosed)."""
        if self.disclosure != "none":
            return tuple(s for s in self.signals if s.level == self.disclosure)
        return tuple(s for s in self.signals if s.commercial is not None)

    @property
    def commercial_signals(self) -> tuple[str, ...]:
        """The matched texts that make the post commercial, in text order, each once."""
        return tuple(dict.fromkeys(s.text for s in self.signals if s.commercial is not None))


def _matches(rules: tuple[Rule, ...], text: str) -> list[Signal]:
    out = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            start, end = m.start(), m.end()
            while start < end and not text[start].strip("*([:|.!\n\t "):
                start += 1
            out.append(Signal(rule.kind, rule.name, rule.level, text[start:end], start, end, rule.commercial))
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


def _commercial(signals: list[Signal]) -> Commercial:
    shown = {s.commercial for s in signals}
    return next((c for c in COMMERCIAL if c in shown), "none")


def detect_disclosure(text: str, *, brand: str | None = None) -> Disclosure:
    """Classify the disclosure and the commercial relationship of one post, with every signal's span.

    >>> d = detect_disclosure("Loving my new shoes #ad")
    >>> d.disclosure, d.commercial
    ('adequate', 'paid')
    >>> d = detect_disclosure("new drop #collab @nike")
    >>> d.disclosure, d.commercial
    ('ambiguous', 'paid')
    >>> d = detect_disclosure("my glow https://rstyle.me/n/abc")
    >>> d.disclosure, d.commercial, d.commercial_signals
    ('none', 'affiliate', ('https://rstyle.me/n/abc',))
    >>> [s.rule for s in detect_disclosure("This video is not sponsored. #adidas").signals]
    ['negated']
    >>> detect_disclosure("had a promo code last month, any new offers?").commercial
    'none'
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
        Signal("affiliate_link", f"affiliate_link:{a.network}", "info", a.url, a.start, a.end, "affiliate")
        for a in find_affiliate_links(text)
    ]
    url_spans = [(s.start, s.end) for s in links]
    strong = [s for s in strong if not _overlaps(s, url_spans)]
    weak = [s for s in weak if not _overlaps(s, url_spans)]
    info = [s for s in _matches(INFO, text) if not _overlaps(s, url_spans)]
    info += links + _brand_signals(text, brand)
    verdict: Verdict = "adequate" if strong else "ambiguous" if weak else "none"
    signals = sorted(strong + weak + info + negations, key=lambda s: (s.start, s.end, s.rule))
    return Disclosure(verdict, tuple(signals), _commercial(strong + weak + info))
