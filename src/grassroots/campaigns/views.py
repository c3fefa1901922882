"""Read-only summaries of a campaign for screens: the funnel per arm and the lift rows of a report.

The funnel counts, per arm, the people who **reached** each participant state (a person who was
invited, accepted and posted counts under all three), in the lifecycle's order; the holdout is never
contacted, so its row stays at zero past ``assigned``. The lift rows flatten a report's ``lift``
section (arm -> outcome -> :class:`~grassroots.campaigns.LiftResult` as a dict) into one row per arm
and outcome, keeping the outcome's meaning next to its number.

>>> rows = [{"arm": "treatment", "invited_at": 1, "accepted_at": None},
...         {"arm": "holdout", "invited_at": None, "accepted_at": None}]
>>> funnel = arm_funnel(rows, states=("invited", "accepted"))
>>> funnel["treatment"], funnel["holdout"]["invited"]
({'assigned': 1, 'invited': 1, 'accepted': 0}, 0)
>>> report = {"lift": {"treatment": {"orders": {"lift": 0.5, "ci": [0.1, 0.9]}, "revenue": {"error": "x"}}},
...           "outcomes": {"orders": "orders of the linked customer"}}
>>> [(r["outcome"], r["lift"], r["low"], r["error"]) for r in lift_rows(report)]
[('orders', 0.5, 0.1, None), ('revenue', None, None, 'x')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["FUNNEL_STATES", "arm_funnel", "lift_rows"]

#: The participant states in lifecycle order (``declined`` beside ``accepted``).
FUNNEL_STATES = ("invited", "accepted", "declined", "shipped", "delivered", "posted", "redeemed")


def arm_funnel(
    people: Iterable[Mapping[str, Any]], *, states: Sequence[str] = FUNNEL_STATES
) -> dict[str, dict[str, int]]:
    """Arm -> ``assigned`` and each state -> people of the arm who reached it (arms sorted)."""
    out: dict[str, dict[str, int]] = {}
    for person in people:
        counts = out.setdefault(str(person["arm"]), {"assigned": 0, **dict.fromkeys(states, 0)})
        counts["assigned"] += 1
        for state in states:
            if person.get(f"{state}_at") is not None:
                counts[state] += 1
    return dict(sorted(out.items()))


def lift_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per treated arm and outcome: the lift, its interval, the relative lift and its
    interval, the arm sizes, the method, what the outcome is, or the error that kept it from an
    estimate (e.g. an arm with fewer than 2 people)."""
    meaning = report.get("outcomes") or {}
    rows = []
    for arm, by_outcome in sorted((report.get("lift") or {}).items()):
        for outcome, found in by_outcome.items():
            ci = found.get("ci") or [None, None]
            rel = found.get("relative_ci") or [None, None]
            rows.append(
                {
                    "arm": arm,
                    "outcome": outcome,
                    "meaning": meaning.get(outcome, ""),
                    "lift": found.get("lift"),
                    "low": ci[0],
                    "high": ci[1],
                    "relative_lift": found.get("relative_lift"),
                    "relative_low": rel[0],
                    "relative_high": rel[1],
                    "n_treatment": found.get("n_treatment"),
                    "n_holdout": found.get("n_holdout"),
                    "mean_treatment": found.get("mean_treatment"),
                    "mean_holdout": found.get("mean_holdout"),
                    "confidence": found.get("confidence"),
                    "method": found.get("method"),
                    "error": found.get("error"),
                }
            )
    return rows
