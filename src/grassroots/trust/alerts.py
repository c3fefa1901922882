"""Which trust findings need a person: undisclosed paid posts and brand-safety flags, as alert drafts.

The stage decides *what* needs attention; :func:`grassroots.store.raise_alerts` stores it (once per
kind, subject and brand, however often the stage re-runs).

Rule for ``undisclosed_paid_post``: the post is not adequately disclosed (``ambiguous`` or
``none``) AND it shows a paid relationship: its commercial label (:mod:`grassroots.rules`:
``paid`` / ``gifted`` / ``affiliate``) is not ``none``, or its undisclosed-sponsorship probability
is at least ``threshold`` (0.8 by default: the model's probability is a likelihood to review, so
only confident cases page a person).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from grassroots.rules import STATUS_TEXT
from grassroots.store import AlertDraft
from grassroots.trust.report import CreatorReport
from grassroots.trust.result_tables import is_commercial

__all__ = ["UNDISCLOSED_ALERT_THRESHOLD", "disclosure_alerts", "safety_alerts"]

UNDISCLOSED_ALERT_THRESHOLD = 0.8


def disclosure_alerts(
    items: Sequence[Mapping[str, Any]], *, brand: str | None, threshold: float = UNDISCLOSED_ALERT_THRESHOLD
) -> Iterator[AlertDraft]:
    """An ``undisclosed_paid_post`` draft for every assessed post (with ``platform``, ``id``,
    ``author``) that shows a paid relationship without an adequate disclosure.

    >>> item = {"platform": "x", "id": "1", "author": "a", "disclosure": "none", "commercial": "paid",
    ...         "undisclosed_probability": 0.3, "signals": [{"kind": "code", "rule": "discount_code",
    ...         "text": "use code ANNA10", "level": "info", "span": [0, 15]}]}
    >>> [(d.kind, d.subject, d.account_id) for d in disclosure_alerts([item], brand="Lumen")]
    [('undisclosed_paid_post', '1', 'a')]
    """
    for item in items:
        commercial = is_commercial(item)
        probability = float(item["undisclosed_probability"])
        if item["disclosure"] == "adequate" or not (commercial or probability >= threshold):
            continue
        evidence = {
            "platform": item["platform"],
            "author": item.get("author"),
            "disclosure": item["disclosure"],
            "status": STATUS_TEXT[item.get("status") or item["disclosure"]],
            "commercial": item["commercial"],
            "undisclosed_probability": probability,
            "signals": [f"{s['rule']}: {s['text']}" for s in item["signals"] if s.get("kind") != "brand"],
        }
        author = item.get("author")
        yield AlertDraft(
            "undisclosed_paid_post",
            str(item["id"]),
            brand=brand or "",
            evidence=evidence,
            account_id=str(author) if author is not None else None,
        )


def safety_alerts(report: CreatorReport, *, brand: str | None) -> Iterator[AlertDraft]:
    """A ``brand_safety`` draft for every flagged post of the creator in ``report``."""
    for item in report.safety:
        evidence = {
            "account_id": report.account_id,
            "handle": report.handle,
            "flags": [f"{f['category']}: {f['evidence']}" for f in item["flags"]],
        }
        yield AlertDraft(
            "brand_safety",
            str(item["post_id"]),
            brand=brand or "",
            evidence=evidence,
            account_id=report.account_id,
        )
