"""trust domain: is an account real, is a post disclosed, is a creator safe for a brand.

Public API (other domains and the CLI import only from here):

- :func:`read_profiles`, :func:`score_profiles`, :class:`FakeFollowerClassifier`: fake accounts.
- :func:`detect_disclosure`, :func:`assess_text`, :func:`assess_disclosures`: disclosure verdicts,
  signals with spans and the undisclosed-sponsorship probability.
- :func:`parse_as_of`: the ``--as-of`` date reader shared by commands that compute ages.
"""

from __future__ import annotations

from grassroots.trust.assess import assess_disclosures, assess_text
from grassroots.trust.disclosure import Disclosure, Signal, detect_disclosure
from grassroots.trust.fake_followers import (
    FakeFollowerClassifier,
    FakeFollowerScore,
    load_fake_follower_model,
    score_profiles,
)
from grassroots.trust.profiles import Profile, parse_as_of, read_profiles

__all__ = [
    "Disclosure",
    "FakeFollowerClassifier",
    "FakeFollowerScore",
    "Profile",
    "Signal",
    "assess_disclosures",
    "assess_text",
    "detect_disclosure",
    "load_fake_follower_model",
    "parse_as_of",
    "read_profiles",
    "score_profiles",
]
