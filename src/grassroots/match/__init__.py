"""match domain: profiles, the brief, ranking people against a brief with explanations (docs/match.md).

- :func:`load_brief` / :func:`parse_brief`: the brief YAML (errors ``FILE:LINE: field: problem``).
- :func:`build_profiles`: the lake table ``profiles`` (a vector, interests, place, languages, tier,
  audience quality, customer link per account), recomputed for accounts with new posts only.
- :func:`rank_brief` / :func:`store_match`: ranked people with a fit explanation, saved in ``matches``.
- :func:`lookalikes`, :func:`search`: people like these; people and posts like a text.
- :func:`read_audiences`, :func:`overlaps`, :func:`roster`: audience overlap (exact / MinHash) and a
  roster chosen for distinct engaged followers (greedy max coverage).
- :mod:`grassroots.match.results`: like / search / overlap / roster results saved in ``match_results``;
  :func:`saved_matches`, :func:`pool_of` (a saved match as a campaign pool).
"""

from __future__ import annotations

from grassroots.match.audience import (
    Audience,
    Overlap,
    greedy_cover,
    jaccard,
    minhash_jaccard,
    overlaps,
    read_audiences,
)
from grassroots.match.brief import (
    FILTERS,
    PREFERENCES,
    TEXT_PARTS,
    Brief,
    Filters,
    brief_errors,
    load_brief,
    parse_brief,
)
from grassroots.match.profiles import PROFILES_TABLE, EmbedFn, ProfileBuild, build_profiles, interests_of
from grassroots.match.rank import (
    MATCHES_TABLE,
    Evidence,
    Match,
    MatchRun,
    rank_brief,
    read_profiles,
    store_match,
)
from grassroots.match.results import (
    RESULTS_TABLE,
    SavedMatch,
    pool_of,
    read_saved,
    result_id,
    saved_matches,
)
from grassroots.match.similar import (
    Found,
    RosterChoice,
    centroid_scores,
    lookalikes,
    parse_costs,
    resolve_people,
    roster,
    search,
)
from grassroots.match.taxonomy import CITY_COUNTRY, INTEREST_TEXT, country_of

__all__ = [
    "CITY_COUNTRY",
    "FILTERS",
    "INTEREST_TEXT",
    "MATCHES_TABLE",
    "PREFERENCES",
    "PROFILES_TABLE",
    "RESULTS_TABLE",
    "TEXT_PARTS",
    "Audience",
    "Brief",
    "EmbedFn",
    "Evidence",
    "Filters",
    "Found",
    "Match",
    "MatchRun",
    "Overlap",
    "ProfileBuild",
    "RosterChoice",
    "SavedMatch",
    "brief_errors",
    "build_profiles",
    "centroid_scores",
    "country_of",
    "greedy_cover",
    "interests_of",
    "jaccard",
    "load_brief",
    "lookalikes",
    "minhash_jaccard",
    "overlaps",
    "parse_brief",
    "parse_costs",
    "pool_of",
    "rank_brief",
    "read_audiences",
    "read_profiles",
    "read_saved",
    "resolve_people",
    "result_id",
    "roster",
    "saved_matches",
    "search",
    "store_match",
]
