"""Generate a whole demo world into a directory: the files a user would ingest, plus the truth.

Each stage draws from its own child of one ``SeedSequence``, so a world is identical for a seed and
changing how one stage draws does not reshuffle the others. Files are written to a temporary
directory beside the target and moved in at the end, so a failed run leaves no half-written world.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from grassroots._version import __version__
from grassroots.demo_world._accounts import PLATFORM, write_accounts, write_follows, write_snapshots
from grassroots.demo_world._graph import followers_csr, make_follows
from grassroots.demo_world._people import People, make_people
from grassroots.demo_world._plan import plan_posts
from grassroots.demo_world._posts import write_posts
from grassroots.demo_world._shop import write_shop
from grassroots.demo_world._writers import iso
from grassroots.demo_world.brand import DEMO_BRAND, DEMO_BRIEF
from grassroots.demo_world.params import WORLD_END, WORLD_START, WorldParams, tier_of
from grassroots.demo_world.taxonomy import CITIES, INTEREST_IDS
from grassroots.demo_world.truth import SCHEMA, SCHEMA_VERSION
from grassroots.errors import InvalidInput
from grassroots.records import ProgressFn, no_progress

__all__ = ["FILES", "WorldFiles", "generate_world"]

_log = logging.getLogger(__name__)

#: Role -> file name inside a world directory.
FILES = {
    "accounts": "accounts.csv",
    "account_snapshots": "account_snapshots.csv",
    "follows": "follows.csv",
    "posts": "posts.jsonl",
    "comments": "comments.jsonl",
    "shopify_customers": "shopify_customers.csv",
    "shopify_orders": "shopify_orders.csv",
    "brand": "brand.yaml",
    "brief": "brief.yaml",
    "truth": "truth.json",
    "post_truth": "truth-posts.csv",
}


@dataclass(frozen=True)
class WorldFiles:
    """Where a generated world lives and how many rows each file has."""

    directory: Path
    counts: dict[str, int]

    def path(self, role: str) -> Path:
        """Path of one file by role (``posts``, ``accounts``, ``truth``, ... see ``FILES``)."""
        return self.directory / FILES[role]


def generate_world(
    out_dir: Path | str,
    *,
    seed: int = 0,
    people: int = 20_000,
    posts: int | None = None,
    hard: bool = False,
    progress: ProgressFn = no_progress,
) -> WorldFiles:
    """Generate a world of ``people`` people and ``posts`` posts (default 5 per person) into ``out_dir``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     world = generate_world(d, seed=1, people=300, posts=600)
    ...     (world.counts["people"], world.counts["posts"], world.path("posts").name)
    (300, 600, 'posts.jsonl')
    """
    params = WorldParams.default(people=people, posts=posts, seed=seed, hard=hard)
    if seed < 0:
        raise InvalidInput(f"seed={seed}: must be >= 0")
    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".world-", dir=target))
    except OSError as exc:
        raise InvalidInput(f"{target}: cannot write a world there: {exc.strerror or exc}") from exc
    try:
        counts = _generate(work, params, progress)
        for name in FILES.values():
            os.replace(work / name, target / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _log.info("demo world (seed %d) written to %s: %s", seed, target, counts)
    return WorldFiles(directory=target, counts=counts)


def _generate(out: Path, p: WorldParams, progress: ProgressFn) -> dict[str, int]:
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(p.seed).spawn(6)]
    steps = 7
    progress("demo world", 0, steps)
    people = make_people(rngs[0], p)
    src, dst = make_follows(rngs[1], people, p)
    progress("demo world", 1, steps)
    counts = {"people": people.n, "accounts": write_accounts(out / FILES["accounts"], people)}
    counts["account_snapshots"] = write_snapshots(out / FILES["account_snapshots"], rngs[2], people, p)
    counts["follows"] = write_follows(out / FILES["follows"], people, src, dst)
    progress("demo world", 2, steps)
    plan, pods = plan_posts(rngs[3], people, p, followers_csr(dst, src, people.n))
    progress("demo world", 3, steps)
    written = write_posts(out, rngs[4], people, plan, pods, followers_csr(src, dst, people.n), p, progress)
    counts.update(posts=written.posts, comments=written.comments)
    progress("demo world", 5, steps)
    shop = write_shop(out, rngs[5], people, p)
    counts.update(shopify_customers=shop.customers, shopify_orders=shop.orders)
    _write_brand(out / FILES["brand"])
    _write_brief(out / FILES["brief"])
    _write_truth(out / FILES["truth"], p, people, counts, shop.code_orders)
    progress("demo world", steps, steps)
    return counts


def _write_brand(path: Path) -> None:
    import yaml

    header = "# The demo brand (fictional). Load it with the listening commands' --brand option.\n"
    path.write_text(
        header + yaml.safe_dump(DEMO_BRAND, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def _write_brief(path: Path) -> None:
    import yaml

    header = "# The demo brand's matching brief (docs/match.md): grassroots match brief brief.yaml\n"
    path.write_text(
        header + yaml.safe_dump(DEMO_BRIEF, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def _person_rows(people: People) -> list[dict[str, Any]]:
    ids = people.account_id.astype(str)
    bought_at = iso((WORLD_START.timestamp() + (people.bought_week + 1) * 7 * 86400).astype(np.int64))
    comp_keys = ("dove", "verdance")
    rows = []
    for i in range(people.n):
        loc, comp = int(people.location[i]), int(people.competitor[i])
        rows.append(
            {
                "account_id": str(ids[i]),
                "handle": people.username[i],
                "is_fake": bool(people.is_fake[i]),
                "is_advocate": bool(people.is_advocate[i]),
                "pod_id": int(people.pod[i]) if people.pod[i] >= 0 else None,
                "community": int(people.community[i]) if people.community[i] >= 0 else None,
                "interests": [INTEREST_IDS[k] for k in people.interests[i]],
                "location": CITIES[loc][0] if loc >= 0 else None,
                "customer_id": str(people.customer_id[i]) if people.customer_id[i] > 0 else None,
                "is_creator": bool(people.is_creator[i]),
                "tier": tier_of(int(people.followers[i])),
                "followers": int(people.followers[i]),
                "fake_follower_share": round(float(people.fake_share[i]), 4),
                "bought_followers": int(people.bought[i]),
                "bought_at": str(bought_at[i]) if people.bought_week[i] >= 0 else None,
                "paid_by_brand": bool(people.paid[i]),
                "gifted_by_brand": bool(people.gifted[i]),
                "paid_by_competitor": comp_keys[comp] if comp >= 0 else None,
                "fake_spammer": bool(people.fake_spammer[i]),
                "discount_code": people.code[i] or None,
                "disguised_profile": bool(people.disguised[i]),
                "loud_complainer": bool(people.loud_complainer[i]),
                "promo_account": bool(people.promo_account[i]),
            }
        )
    return rows


def _write_truth(
    path: Path, p: WorldParams, people: People, counts: dict[str, int], code_orders: dict[str, int]
) -> None:
    ids = people.account_id.astype(str)
    pods = [
        {"pod_id": k, "members": [str(x) for x in ids[people.pod == k]]}
        for k in range(int(people.pod.max()) + 1)
    ]
    codes = {
        people.code[i]: {
            "owner": str(ids[i]),
            "kind": "paid" if people.paid[i] else "gifted" if people.gifted[i] else "competitor",
            "orders": code_orders.get(people.code[i], 0),
        }
        for i in range(people.n)
        if people.code[i]
    }
    params = {k: v for k, v in asdict(p).items() if k not in ("seed", "people", "posts", "hard")}
    truth = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generator": {
            "package_version": __version__,
            "seed": p.seed,
            "people": p.people,
            "posts": p.posts,
            "hard": p.hard,
        },
        "platform": PLATFORM,
        "period": {"start": WORLD_START.isoformat(), "end": WORLD_END.isoformat()},
        "brand": {"key": "lumenleaf", **DEMO_BRAND},
        "parameters": params,
        "files": {k: v for k, v in FILES.items() if k != "truth"},
        "counts": counts,
        "pods": pods,
        "codes": codes,
    }
    head = json.dumps(truth, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in _person_rows(people))
    path.write_text(f'{head},\n "people": [\n  {rows}\n ]\n}}\n', encoding="utf-8")
