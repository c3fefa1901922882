"""Structured feedback from a customer's message, and personal data masked for logs.

A message is feedback when listen's sentiment model reads it as positive or negative. The record
names the product (a product of the knowledge base named in the message), the topic (the nearest
knowledge-base section, else the message's intent), the sentiment, a severity and the verbatim text.

>>> mask_personal("mail ann.lee@example.com or call +44 20 7946 0958, I'm @ann_lee")
"mail [email] or call [phone], I'm [handle]"
>>> severity_of("negative", "it gave me a rash")
'high'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from grassroots.store import FeedbackRow

__all__ = ["Severity", "feedback_record", "mask_personal", "severity_of"]

Severity = Literal["low", "medium", "high"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{6,}\d(?!\w)")
_HANDLE = re.compile(r"(?<![\w@])@\w{1,50}")
#: words that make a negative message urgent: health, safety, legal, money taken
_URGENT = re.compile(
    r"\b(rash|allerg\w*|burn\w*|hurt|injur\w*|sick|hospital|dangerous|unsafe|fire|smoke|toxic|"
    r"lawyer|legal|fraud|scam|charged twice|stolen)\b",
    re.IGNORECASE,
)


def mask_personal(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and ``@handles`` replaced (for logs)."""
    return _HANDLE.sub("[handle]", _PHONE.sub("[phone]", _EMAIL.sub("[email]", text)))


def severity_of(sentiment: str, text: str) -> Severity:
    """``high``: negative and about health, safety, the law or money taken; ``medium``: negative;
    ``low``: anything else."""
    if sentiment != "negative":
        return "low"
    return "high" if _URGENT.search(text) else "medium"


def _product_in(text: str, products: Sequence[str]) -> str | None:
    lowered = text.lower()
    found = [p for p in products if re.search(rf"\b{re.escape(p.lower())}\b", lowered)]
    return max(found, key=len) if found else None


def feedback_record(text: str, *, sentiment: str, products: Sequence[str], topic: str) -> FeedbackRow | None:
    """The feedback record of a message, or None when it carries no opinion (neutral).

    >>> feedback_record("The Glow Serum broke me out, awful", sentiment="negative",
    ...                 products=["Glow Serum"], topic="returns").severity
    'medium'
    """
    if sentiment not in ("positive", "negative"):
        return None
    product = _product_in(text, products)
    return FeedbackRow(product, topic, sentiment, severity_of(sentiment, text), text)
