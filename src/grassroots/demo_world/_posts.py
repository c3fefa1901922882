"""Posts, comments and the per-post truth, streamed to disk in chunks (a million posts in seconds).

Comments: a few organic comments per post from the author's in-world followers (fake followers leave
spam or generic praise), and every pod member's comment on a pod post minutes after it went up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

from grassroots.demo_world import _templates as tpl
from grassroots.demo_world._accounts import PLATFORM
from grassroots.demo_world._people import People
from grassroots.demo_world._plan import KINDS, K, PostPlan
from grassroots.demo_world._writers import iso
from grassroots.demo_world.brand import BRAND_KEY, COMPETITORS, PRODUCTS
from grassroots.demo_world.params import WorldParams
from grassroots.demo_world.taxonomy import CITIES, INTEREST_IDS
from grassroots.records import ProgressFn

__all__ = ["PostCounts", "write_posts"]

I64 = npt.NDArray[np.int64]
_CHUNK = 50_000
_COMP_KEYS = tuple(COMPETITORS)
_SHORTCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_BRANDED = {
    K[k] for k in KINDS if k not in ("chatter", "decoy_apple_fruit", "decoy_dove_bird", "apple_company")
}
_BRANDED -= {K["competitor_paid"], K["competitor_mention"]}
_SENTIMENT = {
    "positive": "positive",
    "advocate": "positive",
    "paid": "positive",
    "gifted": "positive",
    "competitor_paid": "positive",
    "fake_spam": "positive",
    "switch": "positive",
    "advocate_implicit": "positive",
    "advocate_mixed": "mixed",
    "complaint": "negative",
    "promo": "neutral",
    "neutral": "neutral",
    "competitor_mention": "neutral",
    "apple_company": "neutral",
    "negative": "negative",
    "sarcastic": "negative",
}
_TRUTH_COLUMNS = (
    "post_id author kind brand_target decoy sentiment",
    "sarcastic paid gifted disclosed disclosure competitor_paid covert quoted_brand_reply",
)
_TRUTH_HEADER = " ".join(_TRUTH_COLUMNS).replace(" ", ",") + "\n"


@dataclass(frozen=True)
class PostCounts:
    posts: int
    comments: int


def _shortcodes(post_ids: I64) -> list[str]:
    """Instagram-style 11-character shortcodes of post ids (base 64), vectorised."""
    digits = np.empty((len(post_ids), 11), dtype=np.int64)
    rest = post_ids.copy()
    for k in range(10, -1, -1):
        digits[:, k] = rest % 64
        rest //= 64
    table = np.frombuffer(_SHORTCODE.encode(), dtype=np.uint8)
    return table[digits].view("S11").ravel().astype(str).tolist()


def _target(kind: str, competitor: int) -> tuple[str, str]:
    """(brand_target, decoy) of a post of ``kind``."""
    if KINDS.index(kind) in _BRANDED:
        return BRAND_KEY, ""
    if kind in ("competitor_paid", "competitor_mention"):
        return _COMP_KEYS[competitor], ""
    if kind == "apple_company":
        return "apple", ""
    return "", {"decoy_apple_fruit": "apple", "decoy_dove_bird": "dove"}.get(kind, "")


def _truth_tail(kind: str, competitor: int, d: int, covert: bool, quoted: bool) -> str:
    """The truth columns after ``post_id,author,`` for a post of this kind / competitor / disclosure."""
    target, decoy = _target(kind, competitor)
    flags = (kind == "sarcastic", kind == "paid", kind == "gifted", d > 0, kind == "competitor_paid", covert)
    b = ["true" if f else "false" for f in (*flags, quoted)]
    disclosure = ("none", "adequate", "ambiguous")[d]
    sentiment = _SENTIMENT.get(kind, "")
    head = f"{kind},{target},{decoy},{sentiment},{b[0]},{b[1]},{b[2]},{b[3]},{disclosure}"
    return f"{head},{b[4]},{b[5]},{b[6]}\n"


_TRUTH_TAILS = {
    (k, c, d, v, q): _truth_tail(KINDS[k], c, d, v, q)
    for k in range(len(KINDS))
    for c in range(2)
    for d in range(3)
    for v in (False, True)
    for q in (False, True)
}


def _render(plan: PostPlan, people: People, i: int, r: int) -> tuple[str, str]:
    """(text, city or "") of post ``i``; a reply starts with the @handle it answers."""
    a = int(plan.author[i])
    loc = int(people.location[a])
    if plan.reply_to[i] >= 0:
        other = people.username[plan.author[plan.reply_to[i]]]
        return f"@{other} {tpl.comment_text('topical', r, '')}", ""
    comp_name, comp_products = COMPETITORS[_COMP_KEYS[plan.competitor[i]]]
    text = tpl.render_post(
        KINDS[plan.kind[i]],
        r,
        interest=INTEREST_IDS[plan.interest[i]],
        city=CITIES[loc][0] if loc >= 0 else "the city",
        handle=people.username[a],
        code=people.code[a] or "GLOW15",
        product=PRODUCTS[plan.product[i]][0],
        competitor=(comp_name, comp_products[(r >> 55) % len(comp_products)]),
        disclosure=("none", "adequate", "ambiguous")[plan.disclosure[i]],
        covert=bool(plan.covert[i]),
        german=loc >= 0 and CITIES[loc][1] == "DE",
    )
    if plan.quoted[i]:
        text = tpl.quote_brand_reply(text, r)
    return text, (CITIES[loc][0] if loc >= 0 and (r >> 58) % 6 == 0 else "")


def write_posts(
    out: Path,
    rng: np.random.Generator,
    people: People,
    plan: PostPlan,
    pods: dict[int, I64],
    followers: tuple[I64, I64],
    p: WorldParams,
    progress: ProgressFn,
) -> PostCounts:
    """Write ``posts.jsonl``, ``comments.jsonl`` and ``truth-posts.csv`` chunk by chunk."""
    from grassroots.demo_world._comments import CommentWriter

    ids = people.account_id.astype(str)
    n = len(plan.post_id)
    with (
        (out / "posts.jsonl").open("w", encoding="utf-8") as posts,
        (out / "truth-posts.csv").open("w", encoding="utf-8") as truth,
        (out / "comments.jsonl").open("w", encoding="utf-8") as comments,
    ):
        truth.write(_TRUTH_HEADER)
        writer = CommentWriter(rng, people, plan, pods, followers, p, comments)
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            _write_chunk(posts, truth, rng, people, plan, ids, lo, hi)
            writer.write(lo, hi)
            progress("posts", hi, n)
    return PostCounts(posts=n, comments=writer.count)


def _write_chunk(
    posts: IO[str],
    truth: IO[str],
    rng: np.random.Generator,
    people: People,
    plan: PostPlan,
    ids: npt.NDArray[np.str_],
    lo: int,
    hi: int,
) -> None:
    r = rng.integers(0, 1 << 62, size=hi - lo, dtype=np.int64).tolist()
    sl = slice(lo, hi)
    cols = zip(
        plan.post_id[sl].tolist(),
        ids[plan.author[sl]].tolist(),
        iso(plan.time[sl]).tolist(),
        plan.likes[sl].tolist(),
        plan.comments[sl].tolist(),
        plan.shares[sl].tolist(),
        plan.views[sl].tolist(),
        _shortcodes(plan.post_id[sl]),
        plan.kind[sl].tolist(),
        plan.competitor[sl].tolist(),
        plan.disclosure[sl].tolist(),
        plan.covert[sl].tolist(),
        plan.quoted[sl].tolist(),
        strict=True,
    )
    post_lines, truth_lines = [], []
    for j, (
        pid,
        author,
        created,
        likes,
        comments,
        shares,
        views,
        code,
        kind,
        comp,
        disc,
        cov,
        q,
    ) in enumerate(cols):
        text, city = _render(plan, people, lo + j, r[j])
        views_field = f', "view_count": {views}' if views >= 0 else ""
        reply = plan.reply_to[lo + j]
        if reply >= 0:
            views_field += (
                f', "reply_to_id": "{plan.post_id[reply]}", "reply_to_author": "{ids[plan.author[reply]]}"'
            )

        city_field = f', "location": "{city}"' if city else ""
        post_lines.append(
            f'{{"platform": "{PLATFORM}", "id": "{pid}", "author": "{author}", "text": {_json_str(text)}, '
            f'"created_at": "{created}", "like_count": {likes}, "comment_count": {comments}, '
            f'"share_count": {shares}{views_field}, "url": "https://www.instagram.com/p/{code}/", '
            f'"lang": "en"{city_field}}}\n'
        )
        truth_lines.append(f"{pid},{author},{_TRUTH_TAILS[kind, comp, disc, cov, q]}")
    posts.write("".join(post_lines))
    truth.write("".join(truth_lines))


def _json_str(text: str) -> str:
    """``text`` as a JSON string literal, non-ASCII kept as is (the C encoder ``json.dumps`` uses)."""
    return json.encoder.encode_basestring(text)
