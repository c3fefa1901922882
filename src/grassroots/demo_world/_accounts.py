"""Accounts, weekly account snapshots (with bought-follower spikes) and the follow edge list as files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from grassroots.demo_world._people import People
from grassroots.demo_world._writers import iso, write_csv
from grassroots.demo_world.params import WORLD_START, WorldParams
from grassroots.demo_world.taxonomy import CITIES

__all__ = ["PLATFORM", "write_accounts", "write_follows", "write_snapshots"]

PLATFORM = "instagram"
_WEEK = 7 * 86400


def write_accounts(path: Path, people: People) -> int:
    """``accounts.csv``: one profile per person, as a platform's API or a scrape would give it."""
    city = np.array([c for c, _, _ in CITIES] + [""], dtype=object)
    location = city[people.location]  # -1 picks the trailing empty string
    return write_csv(
        path,
        {
            "platform": [PLATFORM] * people.n,
            "id": people.account_id.astype(str),
            "handle": people.username,
            "name": [x or None for x in people.name],
            "bio": [x or None for x in people.bio],
            "location": [x or None for x in location],
            "lang": ["en"] * people.n,
            "url": [f"https://www.instagram.com/{h}/" for h in people.username],
            "followers": people.followers,
            "following": people.following,
            "posts": people.posts_count,
            "verified": people.verified,
            "is_private": people.is_private,
            "has_profile_picture": people.has_picture,
            "created_at": iso(people.created_at),
        },
    )


def snapshot_series(rng: np.random.Generator, people: People, p: WorldParams) -> npt.NDArray[np.int64]:
    """Followers per person (rows) per week (columns); the last week equals the reported count.

    Organic growth is smooth (about 1% a week for creators); bought followers arrive in one week.
    """
    weeks = np.arange(p.weeks)
    growth = np.where(
        people.is_creator, rng.normal(0.01, 0.008, people.n), rng.normal(0.003, 0.004, people.n)
    )
    growth = np.clip(growth, -0.01, 0.04)
    organic = (people.followers - people.bought).astype(np.float64)
    base = organic[:, None] / (1 + growth[:, None]) ** (p.weeks - 1 - weeks[None, :])
    base *= 1 + rng.normal(0, 0.002, size=base.shape)
    spike = people.bought[:, None] * (
        (weeks[None, :] >= people.bought_week[:, None]) & (people.bought_week[:, None] >= 0)
    )
    series = np.round(base + spike).astype(np.int64)
    series[:, -1] = people.followers
    return series


def write_snapshots(path: Path, rng: np.random.Generator, people: People, p: WorldParams) -> int:
    """``account_snapshots.csv``: weekly followers / following / posts for every account."""
    followers = snapshot_series(rng, people, p)
    n, w = followers.shape
    weekly_posts = rng.poisson(np.where(people.is_creator, 4.0, 1.0)[:, None], size=(n, w))
    posts = people.posts_count[:, None] - np.cumsum(weekly_posts[:, ::-1], axis=1)[:, ::-1] + weekly_posts
    drift = np.cumsum(rng.integers(-3, 4, size=(n, w)), axis=1)
    following = people.following[:, None] + drift - drift[:, -1:]
    observed = WORLD_START.timestamp() + (np.arange(w) + 1) * _WEEK
    return write_csv(
        path,
        {
            "platform": [PLATFORM] * (n * w),
            "account_id": np.repeat(people.account_id.astype(str), w),
            "observed_at": np.tile(iso(observed.astype(np.int64)), n),
            "followers": followers.ravel(),
            "following": np.maximum(following, 0).ravel(),
            "posts": np.maximum(posts, 0).ravel(),
        },
    )


def write_follows(path: Path, people: People, src: npt.NDArray[np.int64], dst: npt.NDArray[np.int64]) -> int:
    """``follows.csv``: ``platform,src,dst`` where ``src`` follows ``dst`` (account ids)."""
    ids = people.account_id.astype(str)
    return write_csv(path, {"platform": [PLATFORM] * len(src), "src": ids[src], "dst": ids[dst]})
