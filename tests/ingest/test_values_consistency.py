"""Counts and booleans are read the same way by every reader (ingest fast and exact paths, trust, Shopify)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidRecord, InvalidValue
from grassroots.ingest import FieldProblem, ingest_file, ingest_source, normalise_row
from grassroots.lake import TABLES, open_lake
from grassroots.rules import parse_bool, parse_consent, parse_count
from grassroots.store import Store, tables
from grassroots.trust import read_profiles

from ..conftest import run_cli

#: JSON values for a count column: the table's forms, the refused ones, and DuckDB's own extras.
COUNTS: list[Any] = [
    12, "12", " 12 ", "\t12\n", "007", 3.0, "18.0", "12.000", "1,234", "1,234.00", "1e3", 1e3, "1.5e1",
    "0x10", "0b1", "1_000", "+5", "-3", -3, -0.0, 2.5, "2.5", "3.0000000000000000001", float("nan"), "NaN",
    1e30, "1e30", "99999999999999999999", 99999999999999999999, "9223372036854775807",
    9223372036854775807, "9223372036854775808", 9007199254740993, "9007199254740993.0", "", None, True,
    "many", [1], {"n": 1},
]  # fmt: skip
BOOLEANS: list[Any] = [True, False, "true", "TRUE", "1.0", "0.0", "0", 1, 0, 1.0, "yes", "maybe", 2, "", None]
NUMBERS: list[Any] = [
    0.5,
    1,
    -1.5,
    1e-3,
    "0.5",
    "1,234.5",
    "1e3",
    "NaN",
    float("nan"),
    "1e400",
    "inf",
    True,
    "",
    None,
]
#: (table, column, forms, forms the fast path must take itself)
CASES = [
    ("accounts", "followers", COUNTS, [12, "12", " 12 ", "007", 3.0, "18.0", 9223372036854775807]),
    ("accounts", "verified", BOOLEANS, [True, False]),
    ("follows", "weight", NUMBERS, [0.5, 1, -1.5, 1e-3]),
]


def _row(table: str, number: int, column: str, value: Any) -> dict[str, Any]:
    keys = {"id": str(number)} if table == "accounts" else {"src": str(number), "dst": "z"}
    return {"platform": "x", **keys, column: value}


def _exact(table: str, row: dict[str, Any], column: str) -> Any:
    """What the exact (per-line) path makes of the value: the stored value or the FieldProblem type."""
    try:
        return normalise_row(TABLES[table], row)[column]
    except FieldProblem:
        return FieldProblem


@pytest.mark.parametrize(("table", "column", "forms", "plain"), CASES)
def test_fast_path_reads_every_form_exactly_as_the_exact_path(
    settings: Settings, tmp_path: Path, table: str, column: str, forms: list[Any], plain: list[Any]
) -> None:
    fast = []
    key = "id" if table == "accounts" else "src"
    with open_lake(settings.lake_path) as lake:
        for number, value in enumerate(forms):
            path = tmp_path / f"a{number}.jsonl"
            row = _row(table, number, column, value)
            path.write_text(json.dumps(row) + "\n")
            expected = _exact(table, row, column)
            if expected is FieldProblem:
                with pytest.raises(InvalidRecord, match=f"a{number}.jsonl:1: {column}: "):
                    ingest_file(lake, path, table)
                continue
            report = ingest_file(lake, path, table)
            stored = lake.scan(table, columns=[column], where={key: str(number)}).column(column)
            assert stored.to_pylist() == [expected], (value, report.fast_path)
            fast += [value] if report.fast_path else []
    assert all(value in fast for value in plain), fast  # the fast path itself was tested


READ = {"count": ["18.0", "1,234", "1e3", " 12 ", "12"], "boolean": ["1.0", "0.0", "TRUE", "no", "1", ""]}
REFUSED = {"count": ["2.5", "-3", "NaN", "1e30", "99999999999999999999", "0x10"], "boolean": ["2", "maybe"]}


def _ingest_account(settings: Settings, tmp_path: Path, followers: str, verified: str) -> dict[str, Any]:
    path = tmp_path / "accounts.csv"
    path.write_text(f'platform,id,followers,verified\nx,1,"{followers}","{verified}"\n')
    ingest_source(settings, "accounts", path)
    with open_lake(settings.lake_path) as lake:
        return lake.scan("accounts", columns=["followers", "verified"]).to_pylist()[0]  # type: ignore[no-any-return]


def _trust_profile(tmp_path: Path, followers: str, protected: str) -> tuple[Any, Any]:
    path = tmp_path / "profiles.csv"
    path.write_text(f'screen_name,followers_count,protected\nann,"{followers}","{protected}"\n')
    (profile,) = read_profiles(path)
    return profile.followers, profile.private


def _shop_customer(settings: Settings, tmp_path: Path, orders: str, consent: str) -> dict[str, Any]:
    path = tmp_path / "customers.csv"
    path.write_text(f'Email,Total Orders,Accepts Email Marketing\nann@example.com,"{orders}","{consent}"\n')
    ingest_source(settings, "shopify-customers", path)
    with Store(settings.database_url) as store:
        return store.rows(tables.customers)[0]


@pytest.mark.parametrize(
    ("count", "flag"), [(c, READ["boolean"][i]) for i, c in enumerate([*READ["count"], "0"])]
)
def test_every_reader_reads_the_same_forms_the_same_way(
    settings: Settings, tmp_path: Path, count: str, flag: str
) -> None:
    want_count, want_flag = parse_count(count, field="n"), parse_bool(flag, field="b")
    account = _ingest_account(settings, tmp_path, count, flag)
    assert (account["followers"], account["verified"]) == (want_count, want_flag)
    assert _trust_profile(tmp_path, count, flag) == (float(want_count or 0), want_flag)
    customer = _shop_customer(settings, tmp_path, count, flag)
    assert customer["total_orders"] == want_count
    assert customer["accepts_marketing"] is parse_consent(flag, field="c")


@pytest.mark.parametrize(("kind", "value"), [(k, v) for k, values in REFUSED.items() for v in values])
def test_every_reader_refuses_the_same_forms_naming_file_line_and_field(
    settings: Settings, tmp_path: Path, kind: str, value: str
) -> None:
    count, flag = (value, "true") if kind == "count" else ("12", value)
    with pytest.raises(InvalidValue):
        (parse_count if kind == "count" else parse_bool)(value, field="x")
    field = {"count": ("followers", "followers_count", "Total Orders"), "boolean": ("verified", "protected")}
    with pytest.raises(InvalidRecord, match=f"accounts.csv:2: {field[kind][0]}: "):
        _ingest_account(settings, tmp_path, count, flag)
    with pytest.raises(InvalidRecord, match=f"profiles.csv:2: {field[kind][1]}: "):
        _trust_profile(tmp_path, count, flag)
    shop_field = field[kind][2] if kind == "count" else "Accepts Email Marketing"
    with pytest.raises(InvalidRecord, match=f"customers.csv:2: {shop_field}: "):
        _shop_customer(settings, tmp_path, count, flag)


def test_a_pandas_written_accounts_file_loses_no_row(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(
        "platform,id,handle,followers,following,posts,verified,is_private,has_profile_picture\n"
        "x,1,ann,18.0,230.0,12.0,1.0,0.0,1.0\n"
        "x,2,bo,5.0,,0.0,,1.0,0.0\n"
        "x,3,cy,1200.0,4.0,,0.0,,\n"
    )
    report = ingest_source(settings, "accounts", path)
    assert (report.counts.inserted, report.counts.rejected) == (3, 0)
    with open_lake(settings.lake_path) as lake:
        rows = {r["id"]: r for r in lake.scan("accounts").to_pylist()}
    assert (rows["1"]["followers"], rows["1"]["verified"], rows["1"]["is_private"]) == (18, True, False)
    assert (rows["2"]["following"], rows["2"]["verified"], rows["2"]["has_profile_picture"]) == (
        None,
        None,
        False,
    )


def test_counts_of_2_63_or_more_are_located_and_skip_invalid_skips_only_that_row(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "accounts.jsonl"
    rows = [{"platform": "x", "id": "1", "followers": 5}, {"platform": "x", "id": "2", "followers": 1e30}]
    rows += [{"platform": "x", "id": "3", "posts": "99999999999999999999"}]
    rows += [{"platform": "x", "id": "4", "following": 2**63 - 1}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(InvalidRecord, match=r"accounts.jsonl:2: followers: too large: 1e\+30"):
        ingest_source(settings, "accounts", path)
    report = ingest_source(settings, "accounts", path, skip_invalid=True)
    assert (report.counts.inserted, report.counts.rejected) == (2, 2)
    rejects = (settings.data_dir / "rejects" / "accounts.jsonl.rejects.csv").read_text()
    assert ",2,followers,too large" in rejects and ",3,posts,too large" in rejects
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(settings.data_dir)}
    result = run_cli("ingest", "accounts", str(path), env=env)
    assert result.returncode == 2 and result.stdout == b""
    assert (
        result.stderr.decode()
        == f"error: {path}:2: followers: too large: 1e+30 (counts must be below 2**63)\n"
    )


def test_twitter_users_read_default_profile_image_with_the_same_table(
    settings: Settings, tmp_path: Path
) -> None:
    users = [{"id_str": str(i), "screen_name": f"u{i}", "default_profile_image": v} for i, v in enumerate(
        [True, "false", "1.0", "0.0", None]
    )]  # fmt: skip
    path = tmp_path / "users.jsonl"
    path.write_text("".join(json.dumps(u) + "\n" for u in users))
    ingest_source(settings, "twitter", path)
    with open_lake(settings.lake_path) as lake:
        rows = lake.scan("accounts", columns=["id", "has_profile_picture"]).to_pylist()
    assert {r["id"]: r["has_profile_picture"] for r in rows} == {
        "0": False,
        "1": True,
        "2": False,
        "3": True,
        "4": None,
    }
    path.write_text(json.dumps({"id_str": "9", "screen_name": "z", "default_profile_image": "maybe"}) + "\n")
    with pytest.raises(InvalidRecord, match=r"users.jsonl:1: has_profile_picture: expected true/false"):
        ingest_source(settings, "twitter", path)
