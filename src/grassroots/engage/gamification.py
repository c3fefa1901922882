"""Gamification as advocate programmes use it: levels from ledger points, badges, a referral
leaderboard. Opt-in and off by default; no dark patterns.

* **Levels** follow the person's points in the rewards ledger (``LEVELS``: the points at which each
  level starts); the page says how many points the next one needs, never how little time is left.
* **Badges** mark things the person did: accepted the invitation, a first post about the campaign
  that counted, a first referral (an order with their code by someone else), feedback given.
* **Leaderboard**: only people who opted in, under the display name they typed (never their handle
  unless they typed it), ranked by referrals; ties share a rank and are listed by name.

>>> level_of(Decimal(60)).name, level_of(Decimal(60)).next_at
('Contributor', 150)
>>> [b.key for b in badges_of(accepted=True, posts=1, referrals=0, answered=False)]
['joined', 'first_post']
>>> [(r.rank, r.name) for r in leaderboard([("Bo", 2), ("Al", 2), ("Cy", 5)])]
[(1, 'Cy'), (2, 'Al'), (2, 'Bo')]
>>> check_display_name("  Sunny  ")
'Sunny'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from grassroots.errors import InvalidValue

__all__ = [
    "BADGES",
    "LEVELS",
    "Badge",
    "Leader",
    "Level",
    "badges_of",
    "check_display_name",
    "leaderboard",
    "level_of",
]

#: (points at which the level starts, its name), in order
LEVELS: tuple[tuple[int, str], ...] = (
    (0, "Newcomer"),
    (50, "Contributor"),
    (150, "Advocate"),
    (400, "Ambassador"),
)
#: badge key -> (name, what earned it)
BADGES: dict[str, tuple[str, str]] = {
    "joined": ("Joined", "You accepted the invitation."),
    "first_post": ("First post", "Your first post about the campaign counted."),
    "first_referral": ("First referral", "Someone ordered with your code."),
    "feedback": ("Feedback given", "You answered the survey."),
}
_NAME_MIN, _NAME_MAX = 2, 40


@dataclass(frozen=True)
class Level:
    """The person's level, their points, and the next level (None at the top)."""

    name: str
    points: Decimal
    next_name: str | None
    next_at: int | None


@dataclass(frozen=True)
class Badge:
    key: str
    name: str
    reason: str


@dataclass(frozen=True)
class Leader:
    """One row of the leaderboard: a display name the person chose and their referrals."""

    rank: int
    name: str
    referrals: int


def level_of(points: Decimal) -> Level:
    """The level reached with ``points``."""
    index = max(i for i, (start, _) in enumerate(LEVELS) if points >= start or i == 0)
    following = LEVELS[index + 1] if index + 1 < len(LEVELS) else None
    return Level(
        LEVELS[index][1], points, following[1] if following else None, following[0] if following else None
    )


def badges_of(*, accepted: bool, posts: int, referrals: int, answered: bool) -> tuple[Badge, ...]:
    """The badges earned, in ``BADGES`` order."""
    earned = {
        "joined": accepted,
        "first_post": posts > 0,
        "first_referral": referrals > 0,
        "feedback": answered,
    }
    return tuple(Badge(key, *BADGES[key]) for key in BADGES if earned[key])


def leaderboard(rows: Iterable[tuple[str, int]], *, limit: int = 10) -> tuple[Leader, ...]:
    """Rank ``(display name, referrals)`` by referrals (ties share a rank, listed by name)."""
    ordered = sorted(rows, key=lambda r: (-r[1], r[0].casefold()))
    out: list[Leader] = []
    for i, (name, count) in enumerate(ordered[:limit]):
        rank = out[-1].rank if out and out[-1].referrals == count else i + 1
        out.append(Leader(rank, name, count))
    return tuple(out)


def check_display_name(text: str) -> str:
    """The display name as typed (trimmed): 2-40 printable characters."""
    name = " ".join(text.split())
    if not _NAME_MIN <= len(name) <= _NAME_MAX:
        raise InvalidValue("display_name", f"expected {_NAME_MIN} to {_NAME_MAX} characters")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise InvalidValue("display_name", "expected printable characters only")
    return name
