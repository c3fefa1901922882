"""Campaigns: run sampling and coupon campaigns with advocates and measure what they changed.

Measurement (this package's statistics, ``docs/campaigns.md`` "Measurement"):

- :func:`neyman_lift`: difference in means with the Neyman variance and a normal interval,
  post-stratified, relative lift by the delta method, optional CUPED; returns :class:`LiftResult`.
- :func:`lift_from_files`: the same from the ``A.csv`` / ``O.csv`` files of ``grassroots campaign lift``
  (``FILE:LINE: field: problem`` errors).
- :func:`spillover_lift`: word of mouth on friends of treated vs friends of holdout people.
- :func:`power_analysis`: before launch, the minimum detectable effect or the people needed.
"""

from __future__ import annotations

from grassroots.campaigns.lift_files import (
    Assignment,
    lift_from_files,
    read_assignments,
    read_follows,
    read_values,
    spillover_from_files,
)
from grassroots.campaigns.power import PowerResult, power_analysis
from grassroots.campaigns.spillover import SpilloverResult, spillover_lift
from grassroots.campaigns.stats import (
    ARMS,
    CONFIDENCE_RANGE,
    LiftResult,
    StratumShare,
    check_confidence,
    neyman_lift,
)

__all__ = [
    "ARMS",
    "CONFIDENCE_RANGE",
    "Assignment",
    "LiftResult",
    "PowerResult",
    "SpilloverResult",
    "StratumShare",
    "check_confidence",
    "lift_from_files",
    "neyman_lift",
    "power_analysis",
    "read_assignments",
    "read_follows",
    "read_values",
    "spillover_from_files",
    "spillover_lift",
]
