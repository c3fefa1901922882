"""Pure rules that several domains share (no I/O but reading their own packaged data files).

- :func:`detect_disclosure`: is a post disclosed (``adequate`` / ``ambiguous`` / ``none``) and is it
  commercial (``paid`` / ``gifted`` / ``affiliate`` / ``none``), with every signal's span. listen
  (scan, advocates) and trust (disclosure, report) both call it, so they give one answer.
- :func:`find_affiliate_links`: affiliate URLs (Mathur, Narayanan & Chetty, CSCW 2018 patterns).
- :mod:`grassroots.rules.values` (:func:`parse_count`, :func:`parse_bool`, :func:`parse_consent`, ...):
  how a number, count, amount, boolean or consent value written in a file is read: the one table every
  reader uses (``docs/formats.md`` shows it).
"""

from __future__ import annotations

from grassroots.rules.affiliate import AffiliateLink, find_affiliate_links
from grassroots.rules.disclosure import (
    COMMERCIAL,
    STATUS_TEXT,
    VERDICTS,
    Commercial,
    Disclosure,
    Signal,
    Status,
    Verdict,
    detect_disclosure,
)
from grassroots.rules.values import (
    COUNT_LIMIT,
    FALSE_WORDS,
    TRUE_WORDS,
    parse_amount,
    parse_bool,
    parse_consent,
    parse_count,
    parse_number,
    require_at_least,
)

__all__ = [
    "COMMERCIAL",
    "COUNT_LIMIT",
    "FALSE_WORDS",
    "STATUS_TEXT",
    "TRUE_WORDS",
    "VERDICTS",
    "AffiliateLink",
    "Commercial",
    "Disclosure",
    "Signal",
    "Status",
    "Verdict",
    "detect_disclosure",
    "find_affiliate_links",
    "parse_amount",
    "parse_bool",
    "parse_consent",
    "parse_count",
    "parse_number",
    "require_at_least",
]
