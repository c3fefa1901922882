"""People of the demo world: who is fake, where they live, what they like, how big their audience is,
and which roles (advocate, pod member, paid creator, customer) are planted on whom.

Everything is drawn with numpy from one seeded generator; per-person Python loops only build strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from grassroots.demo_world import _templates_people as tpl
from grassroots.demo_world.params import WORLD_END, WorldParams
from grassroots.demo_world.taxonomy import CITIES, INTEREST_IDS, INTEREST_WEIGHTS, interest_label

__all__ = ["People", "make_people"]

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bool = npt.NDArray[np.bool_]
_YEAR = 365.25 * 86400


@dataclass(frozen=True)
class People:
    """Column arrays, one entry per person (index = person number)."""

    account_id: I64
    username: list[str]
    name: list[str]
    bio: list[str]
    is_fake: Bool
    community: I64
    location: I64
    interests: list[tuple[int, ...]]
    is_creator: Bool
    followers: I64
    following: I64
    posts_count: I64
    has_picture: Bool
    is_private: Bool
    verified: Bool
    created_at: I64
    fake_share: F64
    bought: I64
    bought_week: I64
    is_advocate: Bool
    pod: I64
    paid: Bool
    gifted: Bool
    competitor: I64
    fake_spammer: Bool
    loud_complainer: Bool
    promo_account: Bool
    customer_id: I64
    code: list[str]
    disguised: Bool  # a fake with a real-looking profile, or a real person with a fake-looking one

    @property
    def n(self) -> int:
        return len(self.account_id)


def _unique_ids(rng: np.random.Generator, n: int, base: int, gap: int) -> I64:
    """``n`` distinct ids above ``base``, in random order (ids never reveal roles or creation order)."""
    ids = base + np.cumsum(rng.integers(1, gap, size=n, dtype=np.int64))
    return rng.permutation(ids)


def _communities(
    rng: np.random.Generator, p: WorldParams, is_fake: Bool
) -> tuple[I64, I64, list[tuple[int, ...]]]:
    """Community, home city and 1-3 interests per person; communities share a city and two core interests."""
    n = len(is_fake)
    n_comm = max(4, round(p.people / 1000))
    city_w = np.array([w for _, _, w in CITIES]) / sum(w for _, _, w in CITIES)
    int_w = np.array(INTEREST_WEIGHTS) / sum(INTEREST_WEIGHTS)
    home = rng.choice(len(CITIES), size=n_comm, p=city_w)
    core = np.array([rng.choice(len(INTEREST_IDS), size=2, replace=False, p=int_w) for _ in range(n_comm)])
    shares = rng.dirichlet(np.full(n_comm, 3.0))
    community = np.where(is_fake, -1, rng.choice(n_comm, size=n, p=shares)).astype(np.int64)
    stay = rng.random(n) < 0.7
    location = np.where(stay, home[np.maximum(community, 0)], rng.choice(len(CITIES), size=n, p=city_w))
    location = np.where(is_fake & (rng.random(n) < 0.7), -1, location).astype(np.int64)
    k = 1 + rng.binomial(2, 0.5, size=n)
    draws = rng.choice(len(INTEREST_IDS), size=(n, 3), p=int_w)
    use_core = rng.random((n, 3)) < np.array([0.85, 0.5, 0.3])
    pick = rng.integers(0, 2, size=(n, 3))
    interests: list[tuple[int, ...]] = []
    for i in range(n):
        c = community[i]
        row = [
            int(core[c, pick[i, j]]) if c >= 0 and use_core[i, j] else int(draws[i, j]) for j in range(k[i])
        ]
        interests.append(tuple(dict.fromkeys(row)))
    return community, location, interests


def _audience(rng: np.random.Generator, p: WorldParams, is_fake: Bool) -> tuple[Bool, I64, F64, I64, I64]:
    """Creators, follower counts (heavy tail), planted fake-follower share, bought followers and week."""
    n = len(is_fake)
    is_creator = ~is_fake & (rng.random(n) < p.creator_share)
    personal = np.minimum(rng.lognormal(np.log(180), 0.9, size=n), 999)
    creator = np.minimum(1000 * (1 - rng.random(n)) ** (-1 / p.follower_tail_index), 3e7)
    fake = np.minimum(rng.lognormal(np.log(30), 1.2, size=n), 5000)
    followers = np.where(is_fake, fake, np.where(is_creator, creator, personal)).astype(np.int64)
    mean_c, mean_p = p.creator_fake_share_mean, p.personal_fake_share_mean
    share = np.where(
        is_creator,
        rng.beta(10 * mean_c, 10 * (1 - mean_c), size=n),
        rng.beta(20 * mean_p, 20 * (1 - mean_p), size=n),
    )
    share = np.where(is_fake, rng.beta(5, 5, size=n), share)
    bought = np.zeros(n, dtype=np.int64)
    buyers = np.flatnonzero(is_creator)
    buyers = rng.choice(buyers, size=max(1, round(p.bought_share * len(buyers))), replace=False)
    bought[buyers] = (followers[buyers] * rng.uniform(0.25, 1.0, size=len(buyers))).astype(np.int64)
    total = followers + bought
    share = (share * followers + 0.95 * bought) / np.maximum(total, 1)
    week = np.full(n, -1, dtype=np.int64)
    week[buyers] = rng.integers(2, p.weeks - 1, size=len(buyers))
    return is_creator, total, share, bought, week


def _profile_numbers(
    rng: np.random.Generator, p: WorldParams, is_fake: Bool, is_creator: Bool
) -> tuple[I64, I64, Bool, Bool, I64, Bool, Bool]:
    """Following, posts, picture, private, account age; plus disguised fakes and fake-looking real people."""
    n = len(is_fake)
    disguised = is_fake & (rng.random(n) < p.disguised_fake_share)
    fakey = ~is_fake & ~is_creator & (rng.random(n) < p.fakey_real_share)
    following = np.where(is_creator, rng.lognormal(np.log(700), 0.9, n), rng.lognormal(np.log(400), 0.7, n))
    following = np.where(rng.random(n) < 0.03, following * 4, following)
    following = np.where(is_fake & ~disguised, rng.lognormal(np.log(1500), 0.6, n), following)
    following = np.where(fakey, following * 3, following)
    posts = np.where(is_creator, rng.lognormal(np.log(500), 0.8, n), rng.lognormal(np.log(60), 1.1, n))
    posts = np.where(is_fake & ~disguised, np.where(rng.random(n) < 0.65, 0, rng.poisson(4, n)), posts)
    posts = np.where(fakey, rng.integers(0, 4, n), posts)
    picture = np.where(is_fake & ~disguised, rng.random(n) < 0.6, ~fakey & (rng.random(n) < 0.99))
    private = np.where(is_creator, rng.random(n) < 0.02, rng.random(n) < np.where(is_fake, 0.3, 0.45))
    age_years = np.where(is_fake & ~disguised, rng.uniform(0.05, 1.5, n), rng.uniform(1, 12, n))
    age_years = np.where(fakey, rng.uniform(0.3, 2, n), age_years)
    created = (WORLD_END.timestamp() - age_years * _YEAR).astype(np.int64)
    following = np.clip(following, 5, 7500).astype(np.int64)
    return following, posts.astype(np.int64), picture, private, created, disguised, fakey


def _names(
    rng: np.random.Generator,
    is_fake: Bool,
    disguised: Bool,
    fakey: Bool,
    interests: list[tuple[int, ...]],
    location: I64,
) -> tuple[list[str], list[str], list[str]]:
    """Display names, unique handles and bios."""
    n = len(is_fake)
    first = rng.integers(0, len(tpl.FIRST_NAMES), n)
    last = rng.integers(0, len(tpl.LAST_NAMES), n)
    r = rng.integers(0, 1 << 62, size=n, dtype=np.int64)
    names, handles, bios, seen = [], [], [], set()
    for i in range(n):
        f, la, ri = tpl.FIRST_NAMES[first[i]], tpl.LAST_NAMES[last[i]], int(r[i])
        interest = INTEREST_IDS[interests[i][0]]
        bot = bool(is_fake[i] and not disguised[i])
        handle = tpl.fake_username(f, ri) if bot else tpl.real_username(f, la, interest, ri)
        while handle in seen:
            handle += str(ri % 10)
            ri //= 10
        seen.add(handle)
        handles.append(handle)
        names.append("" if bot and ri % 3 == 0 else f"{f.title()} {la.title()}")
        city = CITIES[location[i]][0] if location[i] >= 0 else "the world"
        if bot or fakey[i]:
            bios.append(tpl.fake_bio(ri) if bot else "")
        else:
            bios.append(tpl.real_bio(interest_label(interest), city, handle, ri >> 7))
    return names, handles, bios


def make_people(rng: np.random.Generator, p: WorldParams) -> People:
    """Draw every person of the world (roles are planted by ``_roles.plant_roles``)."""
    from grassroots.demo_world._roles import plant_roles

    n = p.people
    is_fake = rng.permutation(n) < round(p.fake_account_share * n)
    community, location, interests = _communities(rng, p, is_fake)
    is_creator, followers, share, bought, week = _audience(rng, p, is_fake)
    following, posts, picture, private, created, disguised, fakey = _profile_numbers(
        rng, p, is_fake, is_creator
    )
    names, handles, bios = _names(rng, is_fake, disguised, fakey, interests, location)
    verified = (followers >= 500_000) & (rng.random(n) < 0.7)
    base = dict(
        account_id=_unique_ids(rng, n, 1_000_000_000, 40_000),
        username=handles,
        name=names,
        bio=bios,
        is_fake=is_fake,
        community=community,
        location=location,
        interests=interests,
        is_creator=is_creator,
        followers=followers,
        following=following,
        posts_count=posts,
        has_picture=picture,
        is_private=private,
        verified=verified,
        created_at=created,
        fake_share=share,
        bought=bought,
        bought_week=week,
    )
    roles = plant_roles(rng, p, base, fakey)
    return People(**base, **roles, disguised=disguised | fakey)  # type: ignore[arg-type]
