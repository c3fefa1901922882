"""Recognise affiliate links: URLs whose host and query mark a commission-paying referral.

Patterns are in Adblock filter syntax (``||host/path*?tag=``), kept in
``data/affiliate_link_patterns.txt``: the list published by Mathur, Narayanan & Chetty (CSCW 2018)
plus a few shorteners of our own. ``||`` anchors a host (any subdomain), ``*`` matches anything and
``^`` a separator (end of URL or one of ``/?&=:``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["AffiliateLink", "find_affiliate_links", "load_affiliate_patterns"]

PATTERNS_PATH = Path(__file__).with_name("data") / "affiliate_link_patterns.txt"
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+|\b[\w-]+(?:\.[\w-]+)+/[^\s<>\"'()\[\]]*", re.I)


@dataclass(frozen=True)
class AffiliateLink:
    """One affiliate URL found in a text, with the network (the pattern's section) and its span."""

    url: str
    network: str
    start: int
    end: int


def _compile(rule: str) -> re.Pattern[str]:
    anchored = rule.startswith("||")
    body = rule[2:] if anchored else rule
    out = []
    for ch in body:
        if ch == "*":
            out.append(".*?")
        elif ch == "^":
            out.append(r"(?:[/?&=:]|$)")
        else:
            out.append(re.escape(ch))
    prefix = r"^(?:[a-z]+://)?(?:[\w-]+\.)*" if anchored else ""
    return re.compile(prefix + "".join(out), re.I)


@cache
def load_affiliate_patterns(path: Path = PATTERNS_PATH) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(network, compiled pattern)`` pairs, in file order."""
    network = "unknown"
    rules: list[tuple[str, re.Pattern[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("!"):
            network = line[1:].strip() or network
            continue
        rules.append((network, _compile(line)))
    return tuple(rules)


def find_affiliate_links(text: str) -> list[AffiliateLink]:
    """Every affiliate URL in ``text``.

    >>> [(a.network, a.start) for a in find_affiliate_links("see amazon.com/dp/B01?tag=me-20 now")]
    [('Amazon', 4)]
    >>> find_affiliate_links("https://www.amazon.com/dp/B01")
    []
    """
    found = []
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,!?;:")
        for network, pattern in load_affiliate_patterns():
            if pattern.search(url):
                found.append(AffiliateLink(url, network, match.start(), match.start() + len(url)))
                break
    return found
