"""Sentiment spikes: weeks whose negative talk about the brand jumps, as alert drafts.

The rule (one line, on the ``brand_mentions`` rows of the brand itself, per ISO week): a week is a
**spike** when its negative mentions number at least ``min_negative`` (5) AND at least ``factor``
(2) times the mean of the ``baseline`` (4) calendar weeks before it (a week without mentions counts
0). Weeks with fewer than ``baseline`` weeks of history before the first mentioned week are not
judged: there is nothing to compare them with.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from grassroots.listen.scan import summarise
from grassroots.store import AlertDraft

__all__ = ["sentiment_spike_alerts"]


def _monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def _week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def sentiment_spike_alerts(
    rows: Sequence[dict[str, Any]],
    *,
    brand: str,
    min_negative: int = 5,
    factor: float = 2.0,
    baseline: int = 4,
) -> Iterator[AlertDraft]:
    """A ``sentiment_spike`` draft (subject: the ISO week) for every spike week of ``brand``.

    >>> rows = [{"brand": "A", "subject": "A", "week": w, "author": "x", "label": label,
    ...          "paid_or_gifted": False}
    ...         for w, label, n in [("2026-W01", "negative", 1), ("2026-W05", "negative", 6),
    ...                             ("2026-W05", "positive", 2)] for _ in range(n)]
    >>> [(d.subject, d.evidence["negative"], d.evidence["baseline_mean"])
    ...  for d in sentiment_spike_alerts(rows, brand="A")]
    [('2026-W05', 6, 0.25)]
    """
    weeks = {w["week"]: w for w in summarise(rows) if w["week"]}
    if not weeks:
        return
    first = min(_monday(w) for w in weeks)
    for week, counts in sorted(weeks.items()):
        monday = _monday(week)
        if (monday - first).days < 7 * baseline:
            continue
        before = [_week(monday - timedelta(weeks=i)) for i in range(1, baseline + 1)]
        mean = sum(weeks[w]["negative"] if w in weeks else 0 for w in before) / baseline
        negative = int(counts["negative"])
        if negative >= min_negative and negative >= factor * mean:
            evidence = {
                "negative": negative,
                "mentions": counts["mentions"],
                "net_sentiment": counts["net_sentiment"],
                "baseline_weeks": before[::-1],
                "baseline_mean": mean,
                "rule": f"negative >= {min_negative} and >= {factor:g} x mean of the {baseline} weeks before",
            }
            yield AlertDraft("sentiment_spike", week, brand=brand, evidence=evidence)
