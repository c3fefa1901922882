"""Comments on the world's posts: organic ones from followers, and engagement-pod ones.

Organic comments come hours after a post from the author's in-world followers (a fake follower
leaves spam or generic praise). Pod members comment on each other's posts within minutes, mostly
with generic or emoji-only text; in a ``--hard`` world they are slower and more varied.
"""

from __future__ import annotations

import json
from typing import IO

import numpy as np
import numpy.typing as npt

from grassroots.demo_world import _templates as tpl
from grassroots.demo_world._accounts import PLATFORM
from grassroots.demo_world._people import People
from grassroots.demo_world._plan import KINDS, K, PostPlan
from grassroots.demo_world._writers import iso
from grassroots.demo_world.brand import PRODUCTS
from grassroots.demo_world.params import WorldParams

__all__ = ["CommentWriter"]

I64 = npt.NDArray[np.int64]
_MAX_ORGANIC = 3
_BRAND_KINDS = np.array(
    [K[k] for k in KINDS if k in ("positive", "neutral", "negative", "advocate", "paid", "gifted")]
)


class CommentWriter:
    """Writes the comments of posts ``lo:hi`` of a plan to ``sink`` as JSON lines."""

    def __init__(
        self,
        rng: np.random.Generator,
        people: People,
        plan: PostPlan,
        pods: dict[int, I64],
        followers: tuple[I64, I64],
        p: WorldParams,
        sink: IO[str],
    ) -> None:
        self.rng, self.people, self.plan, self.pods, self.p, self.sink = rng, people, plan, pods, p, sink
        self.start, self.idx = followers
        self.ids = people.account_id.astype(str)
        self.count = 0

    def _organic(self, lo: int, hi: int) -> tuple[I64, I64, I64]:
        """(post index, commenter, seconds after the post) of the organic comments of posts lo:hi."""
        rng, plan = self.rng, self.plan
        c = np.minimum(plan.organic_comments[lo:hi], _MAX_ORGANIC)
        post = np.repeat(np.arange(lo, hi, dtype=np.int64), c)
        author = plan.author[post]
        deg = self.start[author + 1] - self.start[author]
        post, author, deg = post[deg > 0], author[deg > 0], deg[deg > 0]
        who = self.idx[self.start[author] + (rng.random(len(post)) * deg).astype(np.int64)]
        delay = 60 + rng.exponential(5 * 3600, len(post)).astype(np.int64)
        return post, who, delay

    def _pod(self, lo: int, hi: int) -> tuple[I64, I64, I64]:
        posts = [i for i in range(lo, hi) if i in self.pods]
        if not posts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        post = np.concatenate([np.full(len(self.pods[i]), i, dtype=np.int64) for i in posts])
        who = np.concatenate([self.pods[i] for i in posts]).astype(np.int64)
        median, spread = (600.0, 0.8) if self.p.hard else (180.0, 0.6)
        delay = (20 + self.rng.lognormal(np.log(median), spread, len(post))).astype(np.int64)
        return post, who, delay

    def write(self, lo: int, hi: int) -> None:
        """Generate and write the comments of posts ``lo:hi``."""
        o_post, o_who, o_delay = self._organic(lo, hi)
        p_post, p_who, p_delay = self._pod(lo, hi)
        post = np.concatenate([o_post, p_post])
        who = np.concatenate([o_who, p_who])
        created = iso(self.plan.time[post] + np.concatenate([o_delay, p_delay]))
        u = self.rng.random(len(post))
        generic_share = 0.6 if self.p.hard else 0.9
        is_pod = np.arange(len(post)) >= len(o_post)
        fake = self.people.is_fake[who]
        style = np.where(
            is_pod,
            np.where(u < generic_share, 0, 2),
            np.where(fake, np.where(u < 0.5, 1, 0), np.where(u < 0.35, 0, 2)),
        )
        style = np.where((style == 2) & np.isin(self.plan.kind[post], _BRAND_KINDS), 3, style)
        r = self.rng.integers(0, 1 << 62, size=len(post), dtype=np.int64).tolist()
        likes = self.rng.poisson(0.4, len(post)).tolist()
        products = [PRODUCTS[k][0] for k in self.plan.product[post].tolist()]
        cols = zip(
            self.plan.post_id[post].tolist(),
            self.ids[who].tolist(),
            created.tolist(),
            style.tolist(),
            strict=True,
        )
        names = ("generic", "spam", "topical", "brand")
        lines = []
        first_id = 18_000_000_000_000_000 + self.count
        for j, (pid, author, when, st) in enumerate(cols):
            text = json.encoder.encode_basestring(tpl.comment_text(names[st], r[j], products[j]))
            lines.append(
                f'{{"platform": "{PLATFORM}", "id": "{first_id + j}", "post_id": "{pid}", '
                f'"author": "{author}", "text": {text}, "created_at": "{when}", "like_count": {likes[j]}}}\n'
            )
        self.sink.write("".join(lines))
        self.count += len(post)
