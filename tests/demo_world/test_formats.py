"""The world's files parse as the formats a user would ingest, and refer to each other consistently."""

from __future__ import annotations

import csv
import json
from datetime import datetime

from grassroots.demo_world import FILES, WorldFiles


def _csv(world: WorldFiles, role: str) -> list[dict[str, str]]:
    with world.path(role).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _jsonl(world: WorldFiles, role: str) -> list[dict[str, object]]:
    with world.path(role).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _utc(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    return parsed


def test_every_file_exists_and_counts_match(world: WorldFiles) -> None:
    for role in FILES:
        assert world.path(role).is_file(), role
    assert len(_csv(world, "accounts")) == world.counts["accounts"] == world.counts["people"]
    assert len(_jsonl(world, "posts")) == world.counts["posts"]


def test_accounts_have_unique_ids_and_typed_fields(world: WorldFiles) -> None:
    rows = _csv(world, "accounts")
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["handle"] for r in rows}) == len(rows)
    for r in rows[:2000]:
        assert r["platform"] == "instagram"
        assert int(r["followers"]) >= 0 and int(r["following"]) >= 0 and int(r["posts"]) >= 0
        assert r["verified"] in ("true", "false") and r["has_profile_picture"] in ("true", "false")
        _utc(r["created_at"])


def test_posts_and_comments_are_valid_jsonl_that_refer_to_known_ids(world: WorldFiles) -> None:
    accounts = {r["id"] for r in _csv(world, "accounts")}
    posts = _jsonl(world, "posts")
    ids = [p["id"] for p in posts]
    assert len(set(ids)) == len(ids)
    for p in posts:
        assert {"platform", "id", "author", "text", "created_at", "like_count", "comment_count"} <= set(p)
        assert p["author"] in accounts
        assert isinstance(p["text"], str) and p["text"].strip()
        assert isinstance(p["like_count"], int) and p["like_count"] >= 0
    times = [_utc(str(p["created_at"])) for p in posts]
    assert times == sorted(times)
    post_time = dict(zip(ids, times, strict=True))
    by_id = {p["id"]: p for p in posts}
    replies = [p for p in posts if "reply_to_id" in p]
    assert replies, "no reply posts"
    for p in replies:
        parent = by_id[str(p["reply_to_id"])]
        assert parent["author"] == p["reply_to_author"] != p["author"]
        assert post_time[str(parent["id"])] < post_time[str(p["id"])]
    comments = _jsonl(world, "comments")
    assert comments, "no comments written"
    for c in comments:
        assert c["post_id"] in post_time and c["author"] in accounts
        assert _utc(str(c["created_at"])) > post_time[c["post_id"]]


def test_follows_and_snapshots_refer_to_accounts(world: WorldFiles, follows: list[tuple[str, str]]) -> None:
    accounts = {r["id"]: int(r["followers"]) for r in _csv(world, "accounts")}
    assert all(src in accounts and dst in accounts and src != dst for src, dst in follows)
    assert len(set(follows)) == len(follows) == world.counts["follows"]
    last: dict[str, tuple[datetime, int]] = {}
    for s in _csv(world, "account_snapshots"):
        when = _utc(s["observed_at"])
        if s["account_id"] not in last or when > last[s["account_id"]][0]:
            last[s["account_id"]] = (when, int(s["followers"]))
    assert set(last) == set(accounts)
    assert all(last[a][1] == accounts[a] for a in accounts)  # the newest snapshot is the profile's count


def test_shopify_exports_use_real_column_names_and_codes(world: WorldFiles) -> None:
    orders = _csv(world, "shopify_orders")
    customers = _csv(world, "shopify_customers")
    for col in ("Name", "Email", "Discount Code", "Created at", "Total", "Lineitem name", "Financial Status"):
        assert col in orders[0]
    for col in ("Customer ID", "Email", "First Name", "Total Spent", "Total Orders"):
        assert col in customers[0]
    emails = {c["Email"] for c in customers}
    assert len({e.lower() for e in emails}) == len(customers)  # one customer per address, as Shopify keeps it
    assert all(o["Email"] in emails for o in orders)
    first_rows = [o for o in orders if o["Total"]]
    assert len({o["Name"] for o in orders}) == len(first_rows)  # one order-level row per order
    for o in first_rows:
        datetime.strptime(o["Created at"], "%Y-%m-%d %H:%M:%S %z")
    assert any(o["Discount Code"] for o in first_rows)


def test_brand_file_loads_as_a_listening_brand(world: WorldFiles) -> None:
    from grassroots.listen import load_brand

    brand = load_brand(world.path("brand"))
    assert brand.name == "Lumenleaf"
    assert "Dove" in brand.competitors
