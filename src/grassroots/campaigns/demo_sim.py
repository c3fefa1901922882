"""A demo-only campaign simulation on the demo world: the files a real campaign would produce.

``make demo`` runs one campaign end to end; since the demo world ends before the campaign starts,
what happens during the campaign is simulated here, with a known true effect, and fed through the
same commands as real files (consent CSV, states CSV, posts JSONL, Shopify orders export):

- **consent**: 90% of the pool opted in through the brand's creator form (channel ``demo-form``);
- **states**: 80% of the invited accept; accepted people are shipped and delivered; 60% post;
- **posts**: each poster writes one post naming the brand; 1 in 4 forgets the disclosure (the
  compliance monitor should catch exactly those);
- **orders**: every linked customer buys in the window with probability ``BASE_RATE``; an offered,
  accepted participant buys with probability ``BASE_RATE + EFFECT`` and uses their code.

- **word of mouth** (:func:`demo_referrals`): referral chains planted from the posts along the
  world's follow graph with :mod:`grassroots.campaigns.demo_referrals` (codes shared, replies that
  spread further), written with their truth (``referrals-truth.csv``: who brought whom, hops).

This is not the causal-recovery benchmark (``bench/campaigns`` checks the statistics at scale);
it only makes the demo's report show a real lift through the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "BASE_RATE",
    "EFFECT",
    "demo_brief",
    "demo_consent",
    "demo_orders",
    "demo_posts",
    "demo_referrals",
    "demo_states",
]

BASE_RATE = 0.10
EFFECT = 0.30
START, END, ANALYSIS = date(2026, 6, 1), date(2026, 6, 30), date(2026, 7, 15)


def demo_brief(brand: str, *, product: str, handle: str, seed: int) -> str:
    """The demo campaign's brief (YAML text)."""
    return (
        f"name: {brand} summer sampling\nbrand: {brand}\ngoal: trial of {product}\n"
        f"shop: {handle.split('-')[0]}.example\n"
        f"products:\n  - handle: {handle}\n    name: {product}\n    unit_cost: 9.50\n    variants: [30ml]\n"
        f"budget: 5000\nstarts: {START}\nends: {END}\nanalysis_date: {ANALYSIS}\n"
        f'disclosure: "#ad gifted by {brand}"\n'
        "ask:\n  text: Try it and post your honest opinion, with the disclosure\n  posts: 1\n  minutes: 20\n"
        "offer:\n  type: percentage\n  value: 20\n  usage_limit: 1\n  reward_points: 100\n"
        f"design:\n  arms: two\n  holdout: 0.5\n  seed: {seed}\n  strata: [tier, customer]\n"
    )


def _rng(seed: int, what: str) -> np.random.Generator:
    return np.random.default_rng([seed, sum(what.encode())])


def demo_consent(people: Sequence[str], *, seed: int) -> str:
    """Consent CSV: 90% of ``people`` granted contact consent (simulated form sign-ups)."""
    rng = _rng(seed, "consent")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["person_id", "purpose", "granted", "text", "channel", "recorded_at"])
    for person in people:
        if rng.random() < 0.9:
            text = "I agree to be contacted about product trials"
            writer.writerow([person, "contact", "yes", text, "demo-form", "2026-05-20T10:00:00"])
    return out.getvalue()


def demo_states(invited: Sequence[str], *, seed: int) -> tuple[str, list[str], list[str]]:
    """States CSV for the invited; also who accepted and who posted."""
    rng = _rng(seed, "states")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["person_id", "state", "at"])
    accepted, posted = [], []
    for person in invited:
        if rng.random() >= 0.8:
            writer.writerow([person, "declined", "2026-06-02T09:00:00"])
            continue
        accepted.append(person)
        for state, day in (("accepted", 2), ("shipped", 4), ("delivered", 7)):
            writer.writerow([person, state, f"2026-06-{day:02d}T09:00:00"])
        if rng.random() < 0.6:
            posted.append(person)
            writer.writerow([person, "posted", "2026-06-12T18:00:00"])
    return out.getvalue(), accepted, posted


def demo_posts(posted: Sequence[str], *, brand: str, product: str, wording: str, seed: int) -> str:
    """Posts JSONL: one post naming the product per poster; every 4th omits the disclosure."""
    rng = _rng(seed, "posts")
    lines = []
    for i, person in enumerate(posted):
        disclosed = i % 4 != 3
        text = f"Two weeks with {product} and my skin is calmer. " + (wording if disclosed else "#gifted")
        when = datetime(2026, 6, 12, 18) + timedelta(minutes=int(rng.integers(0, 600)))
        post = {
            "platform": "instagram", "id": f"9{seed:03d}{i:07d}", "author": person, "text": text,
            "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "like_count": int(rng.integers(5, 200)),
            "comment_count": 0, "share_count": 0, "lang": "en",
        }  # fmt: skip
        lines.append(json.dumps(post))
    return "".join(f"{line}\n" for line in lines)


def demo_orders(
    participants: Sequence[Mapping[str, Any]],
    codes: Mapping[str, str],
    emails: Mapping[str, str],
    accepted: Sequence[str],
    *,
    seed: int,
) -> str:
    """A Shopify orders export of the campaign window (see the module docstring for the effect)."""
    rng = _rng(seed, "orders")
    took = set(accepted)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Name", "Email", "Financial Status", "Currency", "Subtotal", "Total", "Discount Code",
                     "Discount Amount", "Created at"])  # fmt: skip
    number = 0
    for p in participants:
        person = str(p["person_id"])
        email = emails.get(str(p["customer_id"] or ""))
        treated = bool(p["selected"]) and person in took
        rate = BASE_RATE + (EFFECT if treated else 0.0)
        if rng.random() >= rate or (email is None and not treated):
            continue
        number += 1
        subtotal = round(float(rng.lognormal(3.4, 0.5)), 2)
        code = codes.get(person, "") if treated else ""
        discount = round(subtotal * 0.2, 2) if code else 0.0
        when = datetime(2026, 6, 8) + timedelta(hours=int(rng.integers(0, 24 * 20)))
        buyer = email or f"new.buyer{number}@example.org"
        total, created = f"{subtotal - discount:.2f}", when.strftime("%Y-%m-%d %H:%M:%S +0000")
        name = f"#C{number:05d}"
        writer.writerow(
            [name, buyer, "paid", "USD", f"{subtotal:.2f}", total, code, f"{discount:.2f}", created]
        )
    return out.getvalue()


def demo_referrals(
    posts_jsonl: str, follows: Path, codes: Mapping[str, str], pool: set[str], *, product: str, seed: int
) -> tuple[str, str, str]:
    """Planted word of mouth from the participants' posts: ``(posts JSONL, orders CSV rows without a
    header, truth CSV)``. The demo's store ties no follower's shop customer to their account, so the
    planted orders are code orders (a follower with the participant's link) and the rest are replies
    naming the product, which spread further (see :mod:`grassroots.campaigns.demo_referrals`)."""
    from grassroots.campaigns.demo_referrals import ReferralParams, plant_referrals

    fans: dict[str, list[str]] = {}
    with follows.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            fans.setdefault(row["dst"], []).append(row["src"])
    posted = {}
    for line in posts_jsonl.splitlines():
        post = json.loads(line)
        posted[post["author"]] = (datetime.strptime(post["created_at"], "%Y-%m-%dT%H:%M:%SZ"), post["id"])
    params = ReferralParams(reach=0.06, code=0.4, reply=1.0, reply_orders=0.0, follow_orders=False)
    planted = plant_referrals(
        fans, posted, codes, pool, rng=_rng(seed, "referrals"), params=params,
        window=(datetime.combine(START, time.min), datetime.combine(ANALYSIS, time.min)),
        post_id=lambda i: f"8{seed:03d}{i:07d}",
    )  # fmt: skip
    posts, orders, truth = io.StringIO(), io.StringIO(), io.StringIO()
    order_rows, truth_rows = csv.writer(orders, lineterminator="\n"), csv.writer(truth, lineterminator="\n")
    truth_rows.writerow(["person_id", "referrer_id", "root_id", "hops", "kind", "outcome"])
    for i, p in enumerate(planted):
        truth_rows.writerow([p.person, p.parent, p.root, p.hops, p.kind, p.outcome])
        when = p.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        if p.outcome == "mention":
            text = f"Saw this on my feed and tried {product} too, so far so good"
            post = {"platform": "instagram", "id": p.post_id, "author": p.person, "text": text,
                    "created_at": when, "reply_to_id": p.reply_to, "reply_to_author": p.parent,
                    "lang": "en"}  # fmt: skip
            posts.write(json.dumps(post) + "\n")
            continue
        discount = round(p.value * 0.2, 2) if p.code else 0.0
        created = p.at.strftime("%Y-%m-%d %H:%M:%S +0000")
        order_rows.writerow(
            [f"#R{i:05d}", f"referred{seed}.{i}@example.org", "paid", "USD", f"{p.value:.2f}",
             f"{p.value - discount:.2f}", p.code or "", f"{discount:.2f}", created]
        )  # fmt: skip
    return posts.getvalue(), orders.getvalue(), truth.getvalue()
