"""trust domain: is an account real, is a post disclosed, is a creator safe for a brand.

Public API (other domains and the CLI import only from here):

- :func:`read_profiles`, :func:`score_fake_followers` (per platform, optional label-free prior
  adaptation), :func:`score_profiles`, :class:`FakeFollowerClassifier`: fake accounts.
- :func:`detect_disclosure` (from :mod:`grassroots.rules`, shared with listen), :func:`assess_text`,
  :func:`assess_disclosures`: disclosure verdicts, commercial labels, signals with spans and the
  undisclosed-sponsorship probability.
- :func:`audience_quality`, :func:`score_creators`: the 0-100 audience quality score and its parts.
- :func:`find_pods`: engagement pods; :func:`screen_posts`: brand-safety flags.
- :func:`read_export`, :func:`creator_report`: one creator's report from platform export files.
- :func:`parse_as_of`: the ``--as-of`` date reader shared by commands that compute ages.
- :func:`store_fake_follower_scores`, :func:`store_disclosures`, :func:`store_audience_report`: the
  stage's lake tables (loaded on first use, so file-only commands do not import the lake);
  :func:`assess_lake_posts` assesses every post in the lake.
- :func:`disclosure_alerts`, :func:`safety_alerts`: findings that need a person, as alert drafts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from grassroots.rules import Disclosure, Signal, detect_disclosure
from grassroots.trust.assess import assess_disclosures, assess_lake_posts, assess_text
from grassroots.trust.audience import (
    AudienceInputs,
    AudienceQuality,
    AudienceSettings,
    QualityPart,
    audience_quality,
)
from grassroots.trust.brand_safety import PostSafety, SafetyFlag, load_categories, screen_posts
from grassroots.trust.corrections import (
    check_corrections,
    correct_disclosure,
    correct_fake_score,
    correct_fake_scores,
)
from grassroots.trust.creators import score_creators
from grassroots.trust.export_files import ExportData, read_export
from grassroots.trust.fake_followers import (
    FakeFollowerClassifier,
    FakeFollowerRun,
    FakeFollowerScore,
    load_fake_follower_model,
    score_fake_followers,
    score_profiles,
)
from grassroots.trust.pods import Pod, PodMember, find_pods
from grassroots.trust.profiles import Profile, parse_as_of, read_profiles
from grassroots.trust.report import CreatorReport, creator_report

if TYPE_CHECKING:
    from grassroots.trust.alerts import disclosure_alerts, safety_alerts
    from grassroots.trust.result_tables import (
        AUDIENCE_REPORTS_TABLE,
        DISCLOSURES_TABLE,
        FAKE_FOLLOWER_SCORES_TABLE,
        fake_followers_from_lake,
        store_audience_report,
        store_disclosures,
        store_fake_follower_scores,
    )

#: public names loaded on first use -> the module defining them
_LAZY = {
    "disclosure_alerts": "alerts",
    "safety_alerts": "alerts",
    "AUDIENCE_REPORTS_TABLE": "result_tables",
    "DISCLOSURES_TABLE": "result_tables",
    "FAKE_FOLLOWER_SCORES_TABLE": "result_tables",
    "fake_followers_from_lake": "result_tables",
    "store_audience_report": "result_tables",
    "store_disclosures": "result_tables",
    "store_fake_follower_scores": "result_tables",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"grassroots.trust.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'grassroots.trust' has no attribute {name!r}")


__all__ = [
    "AUDIENCE_REPORTS_TABLE",
    "DISCLOSURES_TABLE",
    "FAKE_FOLLOWER_SCORES_TABLE",
    "AudienceInputs",
    "AudienceQuality",
    "AudienceSettings",
    "CreatorReport",
    "Disclosure",
    "ExportData",
    "FakeFollowerClassifier",
    "FakeFollowerRun",
    "FakeFollowerScore",
    "Pod",
    "PodMember",
    "PostSafety",
    "Profile",
    "QualityPart",
    "SafetyFlag",
    "Signal",
    "assess_disclosures",
    "assess_lake_posts",
    "assess_text",
    "audience_quality",
    "check_corrections",
    "correct_disclosure",
    "correct_fake_score",
    "correct_fake_scores",
    "creator_report",
    "detect_disclosure",
    "disclosure_alerts",
    "fake_followers_from_lake",
    "find_pods",
    "load_categories",
    "load_fake_follower_model",
    "parse_as_of",
    "read_export",
    "read_profiles",
    "safety_alerts",
    "score_creators",
    "score_fake_followers",
    "score_profiles",
    "screen_posts",
    "store_audience_report",
    "store_disclosures",
    "store_fake_follower_scores",
]
