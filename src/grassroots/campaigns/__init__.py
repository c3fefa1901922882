"""Campaigns: run sampling and coupon campaigns with advocates and measure what they changed.

Lifecycle (``docs/campaigns.md``): a checked :class:`Brief`, a randomised stratified assignment made
once before anything is sent (:func:`assign_campaign`), unguessable codes and discount links
(:func:`issue_codes`, :func:`discount_link`), invitations under consent and frequency limits,
participant states with an append-only log, a fulfilment export, fair-ask checks, the compliance
monitor and the campaign report.

Measurement (this package's statistics, ``docs/campaigns.md`` "Measurement"):

- :func:`neyman_lift`: difference in means with the Neyman variance and a normal interval,
  post-stratified, relative lift by the delta method, optional CUPED; returns :class:`LiftResult`.
- :func:`lift_from_files`: the same from the ``A.csv`` / ``O.csv`` files of ``grassroots campaign lift``
  (``FILE:LINE: field: problem`` errors).
- :func:`spillover_lift`: word of mouth on friends of treated vs friends of holdout people.
- :func:`build_cascades`: referral chains (who brought whom, hops), earliest exposure wins.
- :func:`power_analysis`: before launch, the minimum detectable effect or the people needed.
"""

from __future__ import annotations

from grassroots.campaigns.asks import INCENTIVE_BANNED, STATES, TRANSITIONS, check_ask
from grassroots.campaigns.assignment import (
    ARM_NAMES,
    ArmAssignment,
    Candidate,
    NetworkChooser,
    assign,
    stratum_of,
)
from grassroots.campaigns.brief import (
    DESIGN_ARMS,
    OFFER_TYPES,
    STRATA,
    Ask,
    Brief,
    Design,
    DesignArms,
    Offer,
    OfferType,
    Product,
    brief_from_mapping,
    load_brief,
    parse_brief,
)
from grassroots.campaigns.cascade_data import CASCADES_TABLE, CampaignCascades, store_cascades
from grassroots.campaigns.cascades import (
    EXPOSURE_KINDS,
    Exposure,
    Outcome,
    Referral,
    build_cascades,
    check_window,
    referral_summary,
)
from grassroots.campaigns.compliance import CampaignPost, compliance_alerts
from grassroots.campaigns.files import read_addresses, read_consent, read_pool, read_states
from grassroots.campaigns.lifecycle import (
    FULFILMENT_COLUMNS,
    AssignReport,
    InviteReport,
    assign_campaign,
    close,
    create_campaign,
    fulfilment_rows,
    funnel,
    invite,
    issue_codes,
    load_campaign,
    points_account,
    store_addresses,
    update_states,
)
from grassroots.campaigns.lift_files import (
    Assignment,
    lift_from_files,
    read_assignments,
    read_follows,
    read_values,
    spillover_from_files,
)
from grassroots.campaigns.measure import (
    CampaignMeasure,
    attribute_campaign_orders,
    find_cascades,
    measure_campaign,
    read_posts,
)
from grassroots.campaigns.offers import CODE_COLUMNS, codes_csv, discount_link, make_offers, new_code
from grassroots.campaigns.outcomes import OUTCOMES, OrderFact, Participant, attribute_orders, person_outcomes
from grassroots.campaigns.power import PowerResult, power_analysis
from grassroots.campaigns.report import report_html
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
    "ARM_NAMES",
    "CASCADES_TABLE",
    "CODE_COLUMNS",
    "CONFIDENCE_RANGE",
    "DESIGN_ARMS",
    "EXPOSURE_KINDS",
    "FULFILMENT_COLUMNS",
    "INCENTIVE_BANNED",
    "OFFER_TYPES",
    "OUTCOMES",
    "STATES",
    "STRATA",
    "TRANSITIONS",
    "ArmAssignment",
    "Ask",
    "AssignReport",
    "Assignment",
    "Brief",
    "CampaignCascades",
    "CampaignMeasure",
    "CampaignPost",
    "Candidate",
    "Design",
    "DesignArms",
    "Exposure",
    "InviteReport",
    "LiftResult",
    "NetworkChooser",
    "Offer",
    "OfferType",
    "OrderFact",
    "Outcome",
    "Participant",
    "PowerResult",
    "Product",
    "Referral",
    "SpilloverResult",
    "StratumShare",
    "assign",
    "assign_campaign",
    "attribute_campaign_orders",
    "attribute_orders",
    "brief_from_mapping",
    "build_cascades",
    "check_ask",
    "check_confidence",
    "check_window",
    "close",
    "codes_csv",
    "compliance_alerts",
    "create_campaign",
    "discount_link",
    "find_cascades",
    "fulfilment_rows",
    "funnel",
    "invite",
    "issue_codes",
    "lift_from_files",
    "load_brief",
    "load_campaign",
    "make_offers",
    "measure_campaign",
    "new_code",
    "neyman_lift",
    "parse_brief",
    "person_outcomes",
    "points_account",
    "power_analysis",
    "read_addresses",
    "read_assignments",
    "read_consent",
    "read_follows",
    "read_pool",
    "read_posts",
    "read_states",
    "read_values",
    "referral_summary",
    "report_html",
    "spillover_from_files",
    "spillover_lift",
    "store_addresses",
    "store_cascades",
    "stratum_of",
    "update_states",
]
