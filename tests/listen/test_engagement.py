"""Engagement per account on small hand-built tables with known answers."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.lake import open_lake
from grassroots.listen import Brand
from grassroots.listen.engagement import account_engagement, load_tiers, profiles_table, tier_for
from tests.conftest import run_cli

T0 = datetime(2026, 3, 2)


def _posts(rows: list[dict[str, object]]) -> pa.Table:
    cols = ["platform", "id", "author", "text", "created_at", "reply_to_id"]
    cols += ["like_count", "comment_count", "share_count", "view_count"]
    return pa.table({c: [r.get(c) for r in rows] for c in cols})


ACCOUNTS = pa.table(
    {
        "platform": ["ig"] * 4,
        "id": ["a", "b", "c", "d"],
        "handle": ["ann", "bob", "cy", "di"],
        "followers": [2_000, 5_000, 3_000, 50_000],
    }
)
BRAND = Brand.from_name("Acme", competitors=["Rival"])


def test_rates_views_tiers_brand_and_conversations() -> None:
    rows: list[dict[str, object]] = [
        {
            "platform": "ig",
            "id": "1",
            "author": "a",
            "text": "I love Acme",
            "created_at": T0,
            "like_count": 100,
        },
        {
            "platform": "ig",
            "id": "2",
            "author": "a",
            "text": "Rival is ok",
            "created_at": T0 + timedelta(days=14),
        },
        {"platform": "ig", "id": "3", "author": "b", "text": "reply", "reply_to_id": "1", "created_at": T0},
        {"platform": "ig", "id": "4", "author": "b", "text": "video", "like_count": 10, "view_count": 100},
        {"platform": "ig", "id": "5", "author": "c", "text": "x", "like_count": 30, "created_at": T0},
        {"platform": "ig", "id": "6", "author": "d", "text": "#acme", "like_count": 500, "created_at": T0},
    ]
    comments = pa.table({"post_id": ["6", "6"], "author": ["d", "a"]})
    out = {
        p.account_id: p for p in account_engagement(_posts(rows), ACCOUNTS, brand=BRAND, comments=comments)
    }
    a, b, c, d = out["a"], out["b"], out["c"], out["d"]
    assert a.mean_rate == pytest.approx((100 / 2000 + 0) / 2)
    assert b.mean_rate == pytest.approx((0 + 10 / 100) / 2)  # views replace followers where counted
    assert (a.brand_posts, a.category_posts, a.brand_weeks) == (1, 2, 1)
    assert a.conversations_started == 1 and d.conversations_started == 1 and b.conversations_started == 0
    assert (a.tier, d.tier) == ("nano", "micro")
    # a, b, c share the nano tier: b 0.05 > a 0.025 > c 0.01
    assert b.tier_percentile > a.tier_percentile > c.tier_percentile
    assert d.tier_percentile == 50.0  # alone in its tier
    assert a.weeks_observed == 3 and a.active_weeks == 2 and a.consistency == pytest.approx(2 / 3, abs=1e-4)
    assert d.rate_vs_reference == pytest.approx(0.01 / 0.0252, rel=1e-3)
    assert profiles_table(list(out.values())).num_rows == 4


def test_tier_systems_are_sourced_configuration() -> None:
    markerly, hype = load_tiers(), load_tiers("hypeauditor_2023")
    assert {t.source for t in markerly} == {"markerly_2016"}
    assert tier_for(60_000, markerly).name == "micro" and tier_for(60_000, hype).name == "mid"
    assert all(t.reference_rate is None for t in hype)
    rates = [t.reference_rate for t in markerly]
    assert rates == sorted(rates, reverse=True)  # engagement falls with audience size
    with pytest.raises(InvalidInput):
        load_tiers("made_up")


def test_cli_engagement_from_the_lake(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "platform": "ig",
            "id": "1",
            "author": "a",
            "text": "I love Acme",
            "created_at": T0,
            "like_count": 100,
        },
        {"platform": "ig", "id": "2", "author": "b", "text": "lunch", "created_at": T0, "like_count": 10},
    ]
    data = tmp_path / "data"
    data.mkdir()
    with open_lake(data / "lake.duckdb") as lake:
        lake.upsert("posts", [pa.Table.from_pylist(rows)])
        lake.upsert("accounts", [ACCOUNTS])
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data)}
    result = run_cli("brand", "engagement", "--brand", "Acme", env=env)
    assert result.returncode == 0, result.stderr
    out = {r["account_id"]: r for r in map(json.loads, result.stdout.decode().splitlines())}
    assert out["a"]["brand_posts"] == 1 and out["a"]["mean_rate"] == 0.05 and out["b"]["brand_posts"] == 0
    own = tmp_path / "tiers.yaml"
    own.write_text(
        "default: mine\nsystems:\n  mine:\n    - {name: small, min: 0, reference_rate: 0.1}\n"
        "    - {name: big, min: 4000, reference_rate: 0.02}\n",
        encoding="utf-8",
    )
    result = run_cli("brand", "engagement", "--brand", "Acme", "--tiers", str(own), env=env)
    assert result.returncode == 0, result.stderr
    out = {r["account_id"]: r for r in map(json.loads, result.stdout.decode().splitlines())}
    assert (out["a"]["tier"], out["a"]["reference_rate"], out["a"]["rate_vs_reference"]) == (
        "small",
        0.1,
        0.5,
    )
    assert out["b"]["tier"] == "big"


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("    - {name: big, min: 0, reference_rate: 0.02}\n", 5, "min"),
        ("    - {name: big, min: 10, reference_rate: 2}\n", 5, "reference_rate"),
        ("    - {name: big, min: many}\n", 5, "min"),
        ("    - {min: 10}\n", 5, "name"),
    ],
)
def test_a_bad_tier_file_names_line_and_field(tmp_path: Path, row: str, line: int, field: str) -> None:
    path = tmp_path / "tiers.yaml"
    path.write_text(
        "systems:\n  mine:\n    - {name: small, min: 0}\n    # a comment\n" + row, encoding="utf-8"
    )
    with pytest.raises(InvalidRecord) as info:
        load_tiers(str(path))
    assert (info.value.path, info.value.line, info.value.field) == (str(path), line, field)
