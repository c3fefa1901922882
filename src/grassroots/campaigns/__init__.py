"""Campaigns: run sampling and coupon campaigns with advocates and measure what they changed.

Measurement (this package's statistics, ``docs/campaigns.md`` "Measurement"):

- :func:`neyman_lift`: difference in means with the Neyman variance and a normal interval,
  post-stratified, relative lift by the delta method, optional CUPED; returns :class:`LiftResult`.
- :func:`lift_from_files`: the same from the ``A.csv`` / ``O.csv`` files of ``grassroots campaign lift``
  (``FILE:LINE: field: problem`` errors).
"""

from __future__ import annotations

from grassroots.campaigns.lift_files import Assignment, lift_from_files, read_assignments, read_values
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
    "StratumShare",
    "check_confidence",
    "lift_from_files",
    "neyman_lift",
    "read_assignments",
    "read_values",
]
