"""The sentiment-spike rule on weekly brand_mentions counts."""

from __future__ import annotations

from typing import Any

from grassroots.listen import sentiment_spike_alerts


def _rows(counts: dict[str, tuple[int, int]]) -> list[dict[str, Any]]:
    """Rows about brand A: ``{week: (negative, positive)}``."""
    out = []
    for week, (negative, positive) in counts.items():
        for label, n in (("negative", negative), ("positive", positive)):
            out += [
                {
                    "brand": "A",
                    "subject": "A",
                    "week": week,
                    "author": "x",
                    "label": label,
                    "paid_or_gifted": False,
                }
            ] * n
    return out


def test_a_jump_after_a_quiet_baseline_is_a_spike() -> None:
    weeks = {
        "2026-W01": (2, 5),
        "2026-W02": (3, 5),
        "2026-W03": (2, 5),
        "2026-W04": (3, 5),
        "2026-W05": (10, 5),
    }
    (spike,) = sentiment_spike_alerts(_rows(weeks), brand="A")
    assert spike.subject == "2026-W05" and spike.evidence["baseline_mean"] == 2.5
    assert spike.evidence["baseline_weeks"] == ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]


def test_no_spike_below_the_floor_below_the_factor_or_without_history() -> None:
    small = {"2026-W01": (0, 5), "2026-W05": (4, 5)}  # 4 < 5 negatives
    steady = {
        "2026-W01": (6, 1),
        "2026-W02": (6, 1),
        "2026-W03": (6, 1),
        "2026-W04": (6, 1),
        "2026-W05": (11, 1),
    }
    early = {"2026-W01": (0, 1), "2026-W03": (20, 1)}  # only 2 weeks of history
    for weeks in (small, steady, early):
        assert list(sentiment_spike_alerts(_rows(weeks), brand="A")) == []


def test_weeks_without_mentions_count_zero_and_years_roll_over() -> None:
    weeks = {"2025-W50": (1, 1), "2026-W03": (5, 1)}  # 2025-W52, W01, W02 silent
    (spike,) = sentiment_spike_alerts(_rows(weeks), brand="A")
    assert spike.evidence["baseline_weeks"] == ["2025-W51", "2025-W52", "2026-W01", "2026-W02"]
    assert spike.evidence["baseline_mean"] == 0.0
