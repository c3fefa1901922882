"""The Workspace read views behind the screens, checked against the lake tables they read and the
domain functions they wrap (the pages only format these)."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from grassroots.errors import InvalidInput, NotFound
from grassroots.lake import open_lake
from grassroots.listen import BRAND_MENTIONS_TABLE
from grassroots.network import graph_from_lake, node_positions, profile_graph
from grassroots.trust import FAKE_FOLLOWER_SCORES_TABLE
from grassroots.workspace import Workspace
from tests.web.screens_world import World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here


def _ws(world: World) -> Workspace:
    return Workspace(settings=world.settings, actor="tester")


def test_overview_counts_what_the_scan_stored(screens_world: World) -> None:
    view = _ws(screens_world).overview(screens_world.brand)
    with open_lake(screens_world.settings.lake_path, read_only=True) as lake:
        lake.register_table(BRAND_MENTIONS_TABLE)
        rows = lake.scan("brand_mentions", where={"brand": screens_world.brand}).to_pylist()
    assert sum(p.mentions for p in view.weeks) == len(rows)
    labels = Counter((r["subject"], r["label"]) for r in rows)
    for subject in {r["subject"] for r in rows}:
        points = [p for p in view.weeks if p.subject == subject]
        assert sum(p.positive for p in points) == labels[(subject, "positive")]
        assert sum(p.negative for p in points) == labels[(subject, "negative")]
        assert sum(p.paid for p in points) == sum(
            r["paid_or_gifted"] for r in rows if r["subject"] == subject
        )
    assert view.subjects[0] == screens_world.brand
    assert sum(view.share_of_voice().values()) == pytest.approx(1.0)
    one = max(view.weeks, key=lambda p: p.mentions)
    assert one.net_sentiment == pytest.approx((one.positive - one.negative) / one.mentions)
    assert all(a.status == "open" and a.brand == screens_world.brand for a in view.open_alerts)


def test_advocate_table_sorts_filters_and_pages(screens_world: World) -> None:
    ws = _ws(screens_world)
    rows = ws.advocate_rows(screens_world.brand)
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    page = ws.advocate_table(screens_world.brand, sort="followers", descending=True, limit=3, offset=1)
    expected = sorted(rows, key=lambda r: (r.followers, r.rank), reverse=True)[1:4]
    assert page.rows == tuple(expected) and page.total == len(rows)
    tier = rows[0].tier
    kept = ws.advocate_table(screens_world.brand, tier=tier, limit=500).rows
    assert kept and {r.tier for r in kept} == {tier}
    assert len(kept) == sum(r.tier == tier for r in rows)
    found = ws.advocate_table(screens_world.brand, query="@" + rows[0].handle.upper()).rows
    assert rows[0] in found
    with pytest.raises(InvalidInput, match="sort='nope'"):
        ws.advocate_table(screens_world.brand, sort="nope")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="limit=0"):
        ws.advocate_table(screens_world.brand, limit=0)


def test_advocate_detail_and_person(screens_world: World) -> None:
    ws = _ws(screens_world)
    detail = ws.advocate_detail(screens_world.brand, screens_world.top)
    assert detail.row.account_id == screens_world.top and detail.posts
    assert detail.audience_score is not None and detail.audience_parts  # the world reports on the top two
    person = ws.person(screens_world.top, brand=screens_world.brand)
    assert person.account["id"] == screens_world.top
    assert person.audience is not None and person.audience["score"] == detail.audience_score
    assert person.fake_probability == detail.fake_probability
    assert all(m["author"] == screens_world.top for m in person.brand_posts)
    with pytest.raises(NotFound, match="account_id='nobody'"):
        ws.person("nobody")
    with pytest.raises(NotFound):
        ws.advocate_detail(screens_world.brand, "nobody")


def test_node_positions_agree_with_the_graph_profile(screens_world: World) -> None:
    with open_lake(screens_world.settings.lake_path, read_only=True) as lake:
        graph = graph_from_lake(lake)
    where = node_positions(graph, seed=0)
    profile = profile_graph(graph, seed=0)
    sizes = Counter(p.community for p in where.values())
    # communities are numbered by size; PLM's partition is the profile's up to its parallel nondeterminism
    assert [sizes[c] for c in sorted(sizes)] == sorted(sizes.values(), reverse=True)
    assert all(sizes[p.community] == p.community_size for p in where.values())
    assert abs(len(sizes) - profile.communities) <= 2
    assert node_positions(graph, seed=0) == where  # the same seed gives the same positions
    assert max(p.core for p in where.values()) == profile.max_core
    by_rank = sorted(where.values(), key=lambda p: p.pagerank_rank)
    assert tuple(p.account_id for p in by_rank[:10]) == profile.top_pagerank
    overview = _ws(screens_world).network_overview()
    assert overview.top_pagerank == profile.top_pagerank  # the demo stored the same profile
    assert (
        overview.plan is not None and 1 <= len(overview.plan_seeds) <= overview.plan["k"]
    )  # the newest plan


def test_plan_seeds_keeps_every_plan_within_the_budget(screens_world: World) -> None:
    ws = _ws(screens_world)
    plan = ws.plan_seeds(k=6, budget=2.5, cost="followers", runs=100)
    assert [p.method for p in plan.plans] == ["opim", "celebrity", "pagerank"]
    for p in plan.plans:
        assert p.cost <= 2.5 + 1e-9 and len(p.seeds) <= 6
        assert p.low <= p.spread <= p.high and p.spread >= len(p.seeds)
    with open_lake(screens_world.settings.lake_path, read_only=True) as lake:
        lake.register_table(FAKE_FOLLOWER_SCORES_TABLE)
        scores = lake.scan("fake_follower_scores").to_pylist()
    fakes = {r["account_id"] for r in scores if r["probability"] >= 0.5}
    assert fakes and not fakes & {s for p in plan.plans for s in p.seeds}
    targeted = ws.plan_seeds(k=3, community=1, runs=100)
    assert targeted.targeted_spread is not None and targeted.community == 1
    with pytest.raises(InvalidInput, match="community=999"):
        ws.plan_seeds(k=3, community=999, runs=10)
    with pytest.raises(InvalidInput, match="cost='gold'"):
        ws.plan_seeds(cost="gold")  # type: ignore[arg-type]


def test_shortlists_are_per_brand_and_erased_with_the_person(screens_world: World, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(screens_world.settings.data_dir, copy)
    ws = Workspace(settings=replace(screens_world.settings, data_dir=copy), actor="ada")
    rows = ws.advocate_rows(screens_world.brand)
    one, two = rows[0], rows[1]
    assert ws.shortlist_set(screens_world.brand, one.account_id, platform=one.platform, listed=True)
    assert not ws.shortlist_set(screens_world.brand, one.account_id, platform=one.platform, listed=True)
    ws.shortlist_set(screens_world.brand, two.account_id, platform=two.platform, listed=True)
    assert [(e.account_id, e.added_by) for e in ws.shortlist(screens_world.brand)] == [
        (one.account_id, "ada"),
        (two.account_id, "ada"),
    ]
    assert ws.advocate_table(screens_world.brand, shortlisted_only=True).total == 2
    with pytest.raises(NotFound):
        ws.shortlist_set(screens_world.brand, "nobody", platform=one.platform, listed=True)
    ws.erase(one.account_id)
    files = list((copy / "shortlists").glob("*.jsonl"))
    assert files and all(one.account_id.encode() not in f.read_bytes() for f in files)
    assert [e.account_id for e in ws.shortlist(screens_world.brand)] == [two.account_id]
