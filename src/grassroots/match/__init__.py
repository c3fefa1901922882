"""match domain: profiles, the brief, ranking people against a brief with explanations (docs/match.md).

- :func:`load_brief` / :func:`parse_brief`: the brief YAML (errors ``FILE:LINE: field: problem``).
- :func:`build_profiles`: the lake table ``profiles`` (a vector, interests, place, languages, tier,
  audience quality, customer link per account), recomputed for accounts with new posts only.
- :func:`rank_brief` / :func:`store_match`: ranked people with a fit explanation, saved in ``matches``.
"""

from __future__ import annotations

from grassroots.match.brief import PREFERENCES, TEXT_PARTS, Brief, Filters, load_brief, parse_brief
from grassroots.match.profiles import PROFILES_TABLE, EmbedFn, ProfileBuild, build_profiles, interests_of
from grassroots.match.rank import MATCHES_TABLE, Evidence, Match, MatchRun, rank_brief, store_match
from grassroots.match.taxonomy import CITY_COUNTRY, INTEREST_TEXT, country_of

__all__ = [
    "CITY_COUNTRY",
    "INTEREST_TEXT",
    "MATCHES_TABLE",
    "PREFERENCES",
    "PROFILES_TABLE",
    "TEXT_PARTS",
    "Brief",
    "EmbedFn",
    "Evidence",
    "Filters",
    "Match",
    "MatchRun",
    "ProfileBuild",
    "build_profiles",
    "country_of",
    "interests_of",
    "load_brief",
    "parse_brief",
    "rank_brief",
    "store_match",
]
