"""The post plan: for every post its author, kind, time, disclosure and engagement, all as arrays.

Planted posts (advocates, customers, paid / gifted / competitor-paid creators, fake spammers, decoys)
come first; everyday chatter fills the rest up to the requested number of posts. The plan is then
sorted by time so the order of the files says nothing about the truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from grassroots.demo_world._people import People
from grassroots.demo_world.brand import PRODUCTS
from grassroots.demo_world.params import TIERS, WORLD_END, WORLD_START, WorldParams
from grassroots.demo_world.taxonomy import INTEREST_IDS

__all__ = ["KINDS", "PostPlan", "plan_posts"]

I64 = npt.NDArray[np.int64]

#: Every kind of post the world plants (``kind`` in truth-posts.csv).
KINDS = (
    "chatter",
    "positive",
    "neutral",
    "negative",
    "sarcastic",
    "advocate",
    "paid",
    "gifted",
    "competitor_paid",
    "competitor_mention",
    "fake_spam",
    "decoy_apple_fruit",
    "decoy_dove_bird",
    "apple_company",
    "switch",
    "advocate_implicit",
    "advocate_mixed",
    "complaint",
    "promo",
)
K = {name: i for i, name in enumerate(KINDS)}
_START, _END = int(WORLD_START.timestamp()), int(WORLD_END.timestamp())
_WEEK = 7 * 86400


@dataclass(frozen=True)
class PostPlan:
    """One entry per post, sorted by ``time``."""

    post_id: I64
    author: I64
    kind: I64
    time: I64
    disclosure: I64  # 0 none, 1 adequate, 2 ambiguous
    covert: npt.NDArray[np.bool_]
    quoted: npt.NDArray[np.bool_]  # quotes the brand's own reply before the author's words
    competitor: I64
    interest: I64
    product: I64
    likes: I64
    comments: I64  # the platform's count (organic + pod)
    organic_comments: I64
    shares: I64
    views: I64  # -1: not a video
    reply_to: I64  # index of the post this one replies to, -1: none


def _repeat(who: I64, counts: I64, kind: int) -> tuple[I64, I64]:
    return np.repeat(who, counts), np.full(int(counts.sum()), kind, dtype=np.int64)


def _customer_kinds(rng: np.random.Generator, p: WorldParams, n: int) -> I64:
    sarc = 0.25 * p.sarcasm_share
    probs = np.array([0.42, 0.28, 0.25 - sarc, sarc, 0.05])
    names = np.array([K["positive"], K["neutral"], K["negative"], K["sarcastic"], K["switch"]])
    return names[rng.choice(5, size=n, p=probs / probs.sum())]


def _planted(rng: np.random.Generator, people: People, p: WorldParams) -> tuple[I64, I64]:
    """(author, kind) of every brand-related planted post."""
    parts: list[tuple[I64, I64]] = []
    adv = np.flatnonzero(people.is_advocate)
    a, k = _repeat(adv, 4 + rng.poisson(3, len(adv)), K["advocate"])
    u = rng.random(len(k))
    k = np.where(u < p.advocate_implicit_share, K["advocate_implicit"], k)
    mixed = (u >= p.advocate_implicit_share) & (u < p.advocate_implicit_share + p.advocate_mixed_share)
    k = np.where(mixed, K["advocate_mixed"], k)
    if p.hard:
        k = np.where(rng.random(len(k)) < 0.15, K["neutral"], k)
    parts.append((a, k))
    loud = np.flatnonzero(people.loud_complainer)
    a, _ = _repeat(loud, rng.integers(5, 13, len(loud)), 0)
    names = np.array([K["complaint"], K["sarcastic"], K["neutral"], K["positive"]])
    parts.append((a, names[rng.choice(4, size=len(a), p=[0.65, 0.15, 0.12, 0.08])]))
    promo = np.flatnonzero(people.promo_account)
    parts.append(_repeat(promo, rng.integers(8, 21, len(promo)), K["promo"]))
    cust = np.flatnonzero((people.customer_id > 0) & ~people.is_advocate)
    a, _ = _repeat(cust, rng.poisson(0.6, len(cust)), 0)
    parts.append((a, _customer_kinds(rng, p, len(a))))
    for mask, low, high, name in (
        (people.paid, 3, 10, "paid"),
        (people.gifted, 1, 4, "gifted"),
        (people.competitor >= 0, 2, 6, "competitor_paid"),
        (people.fake_spammer, 3, 13, "fake_spam"),
    ):
        who = np.flatnonzero(mask)
        parts.append(_repeat(who, rng.integers(low, high, len(who)), K[name]))
    author = np.concatenate([x for x, _ in parts])
    kind = np.concatenate([y for _, y in parts])
    if len(author) > p.posts // 2:
        keep = rng.random(len(author)) < (p.posts // 2) / len(author)
        author, kind = author[keep], kind[keep]
    return author, kind


def _themed(rng: np.random.Generator, people: People, p: WorldParams) -> tuple[I64, I64]:
    """Decoys (apple the fruit, dove the bird), Apple-the-company and competitor mentions, by interest."""
    real = ~people.is_fake
    cats = np.array([INTEREST_IDS[i[0]].split("/")[0] for i in people.interests])
    parts = []
    for kind, share, topics in (
        ("decoy_apple_fruit", 0.006, ("food", "outdoors", "family")),
        ("decoy_dove_bird", 0.004, ("outdoors", "family", "home")),
        ("apple_company", 0.005, ("tech", "culture", "fitness")),
        ("competitor_mention", 0.003, ("beauty", "values", "style")),
    ):
        pool = np.flatnonzero(real & np.isin(cats, topics))
        pool = pool if len(pool) else np.flatnonzero(real)
        count = max(1, round(share * p.posts))
        parts.append((pool[rng.integers(0, len(pool), count)], np.full(count, K[kind], dtype=np.int64)))
    return np.concatenate([a for a, _ in parts]), np.concatenate([k for _, k in parts])


def _chatter(rng: np.random.Generator, people: People, count: int) -> tuple[I64, I64]:
    weight = np.where(people.is_creator, 6.0, np.where(people.is_fake, 0.05, 1.0))
    author = rng.choice(people.n, size=count, p=weight / weight.sum())
    return author.astype(np.int64), np.full(count, K["chatter"], dtype=np.int64)


def _times(rng: np.random.Generator, kind: I64) -> I64:
    t = rng.integers(_START, _END, size=len(kind))
    paid = kind == K["paid"]
    t[paid] = rng.integers(_START + 4 * _WEEK, _START + 10 * _WEEK, size=int(paid.sum()))
    gifted = kind == K["gifted"]
    t[gifted] = rng.integers(_START + 2 * _WEEK, _START + 8 * _WEEK, size=int(gifted.sum()))
    return t.astype(np.int64)


def _interest(rng: np.random.Generator, people: People, author: I64) -> I64:
    pad = np.full((people.n, 3), -1, dtype=np.int64)
    count = np.zeros(people.n, dtype=np.int64)
    for i, row in enumerate(people.interests):
        pad[i, : len(row)] = row
        count[i] = len(row)
    pick = (rng.random(len(author)) * count[author]).astype(np.int64)
    return pad[author, pick]


def _engagement(
    rng: np.random.Generator, people: People, author: I64, pod_counts: I64
) -> tuple[I64, I64, I64, I64, I64]:
    """Likes, comments (total), organic comments, shares and views per post (Markerly tier rates)."""
    f = people.followers[author].astype(np.float64)
    real_audience = f * (1 - people.fake_share[author])
    tier = np.searchsorted(np.array([t[0] for t in TIERS]), f, side="right") - 1
    like_rate = np.array([t[2] for t in TIERS])[tier]
    comment_rate = np.array([t[3] for t in TIERS])[tier]
    q = rng.lognormal(-0.125, 0.5, size=len(author))
    likes = rng.poisson(real_audience * like_rate * q) + pod_counts
    organic = rng.poisson(real_audience * comment_rate * q)
    shares = rng.poisson(likes * 0.03)
    video = rng.random(len(author)) < 0.3
    views = np.where(video, rng.poisson(real_audience * rng.uniform(0.3, 1.5, len(author))), -1)
    return likes, organic + pod_counts, organic, shares, views.astype(np.int64)


def plan_posts(
    rng: np.random.Generator, people: People, p: WorldParams, following: tuple[I64, I64]
) -> tuple[PostPlan, dict[int, I64]]:
    """The whole plan, plus the pod commenters of each pod post (post index -> person indices).

    ``following`` is the CSR of whom each person follows (for replies).
    """
    a1, k1 = _planted(rng, people, p)
    a2, k2 = _themed(rng, people, p)
    a3, k3 = _chatter(rng, people, max(0, p.posts - len(a1) - len(a2)))
    author = np.concatenate([a1, a2, a3])[: p.posts]
    kind = np.concatenate([k1, k2, k3])[: p.posts]
    time = _times(rng, kind)
    order = np.argsort(time, kind="stable")
    author, kind, time = author[order], kind[order], time[order]
    n = len(author)
    commercial = np.isin(kind, [K["paid"], K["gifted"], K["competitor_paid"]])
    disclosed = commercial & (rng.random(n) < p.disclosure_rate)
    disclosure = np.where(disclosed, np.where(rng.random(n) < p.adequate_share, 1, 2), 0).astype(np.int64)
    covert = np.isin(kind, [K["paid"], K["gifted"], K["fake_spam"]]) & (rng.random(n) < p.covert_paid_share)
    quotable = np.isin(kind, [K[k] for k in ("positive", "neutral", "negative", "sarcastic", "complaint")])
    quoted = quotable & ~people.is_advocate[author] & (rng.random(n) < p.quoted_reply_share)
    competitor = np.where(people.competitor[author] >= 0, people.competitor[author], rng.integers(0, 2, n))
    product = rng.choice(len(PRODUCTS), size=n, p=[0.3, 0.2, 0.2, 0.1, 0.1, 0.1]).astype(np.int64)
    pod_commenters = _pod_commenters(rng, people, p, author)
    pod_counts = np.zeros(n, dtype=np.int64)
    for i, who in pod_commenters.items():
        pod_counts[i] = len(who)
    likes, comments, organic, shares, views = _engagement(rng, people, author, pod_counts)
    ids = 3_000_000_000_000_000_000 + np.cumsum(rng.integers(1, 1_000_000_000, size=n, dtype=np.int64))
    plan = PostPlan(
        post_id=ids.astype(np.int64),
        author=author,
        kind=kind,
        time=time,
        disclosure=disclosure,
        covert=covert,
        quoted=quoted,
        competitor=competitor.astype(np.int64),
        interest=_interest(rng, people, author),
        product=product,
        likes=likes.astype(np.int64),
        comments=comments.astype(np.int64),
        organic_comments=organic.astype(np.int64),
        shares=shares.astype(np.int64),
        views=views,
        reply_to=_replies(rng, author, kind, time, following),
    )
    return plan, pod_commenters


def _replies(rng: np.random.Generator, author: I64, kind: I64, time: I64, following: tuple[I64, I64]) -> I64:
    """Some everyday posts reply to the latest post (within 3 days) of someone their author follows."""
    start, idx = following
    n = len(author)
    cand = np.flatnonzero((kind == K["chatter"]) & (rng.random(n) < _REPLY_SHARE))
    deg = start[author[cand] + 1] - start[author[cand]]
    cand, deg = cand[deg > 0], deg[deg > 0]
    followee = idx[start[author[cand]] + (rng.random(len(cand)) * deg).astype(np.int64)]
    order = np.lexsort((time, author))
    span = int(time.max()) + 1 if n else 1
    keys = author[order] * span + time[order]
    pos = np.searchsorted(keys, followee * span + time[cand] - 1, side="right") - 1
    found = order[np.maximum(pos, 0)]
    ok = (pos >= 0) & (author[found] == followee) & (time[cand] - time[found] < 3 * 86400)
    reply_to = np.full(n, -1, dtype=np.int64)
    reply_to[cand[ok]] = found[ok]
    return reply_to


_REPLY_SHARE = 0.06


def _pod_commenters(rng: np.random.Generator, people: People, p: WorldParams, author: I64) -> dict[int, I64]:
    out: dict[int, I64] = {}
    pod_of_author = people.pod[author]
    members = {k: np.flatnonzero(people.pod == k) for k in np.unique(people.pod[people.pod >= 0])}
    for i in np.flatnonzero(pod_of_author >= 0):
        m = members[int(pod_of_author[i])]
        m = m[m != author[i]]
        out[int(i)] = m[rng.random(len(m)) < p.pod_participation]
    return out
