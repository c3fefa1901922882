"""Pure text rules that several domains share (no I/O but reading their own packaged data files).

- :func:`detect_disclosure`: is a post disclosed (``adequate`` / ``ambiguous`` / ``none``) and is it
  commercial (``paid`` / ``gifted`` / ``affiliate`` / ``none``), with every signal's span. listen
  (scan, advocates) and trust (disclosure, report) both call it, so they give one answer.
- :func:`find_affiliate_links`: affiliate URLs (Mathur, Narayanan & Chetty, CSCW 2018 patterns).
"""

from __future__ import annotations

from grassroots.rules.affiliate import AffiliateLink, find_affiliate_links
from grassroots.rules.disclosure import (
    COMMERCIAL,
    VERDICTS,
    Commercial,
    Disclosure,
    Signal,
    Verdict,
    detect_disclosure,
)

__all__ = [
    "COMMERCIAL",
    "VERDICTS",
    "AffiliateLink",
    "Commercial",
    "Disclosure",
    "Signal",
    "Verdict",
    "detect_disclosure",
    "find_affiliate_links",
]
