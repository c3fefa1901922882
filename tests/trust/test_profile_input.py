"""`trust fake-followers` refuses files that are not profiles, warns when most values are imputed,
and reads real-world values (pandas ``1.0`` booleans, ``1,234`` counts) with the shared value table."""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

import pytest

from grassroots.trust import read_profiles

from ..conftest import run_cli, shared_file


def _refused(path: Path) -> str:
    result = run_cli("trust", "fake-followers", str(path))
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_binary_garbage_is_refused_in_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(bytes(range(256)) * 8 + random.Random(0).randbytes(4096))
    err = _refused(path)
    assert re.match(rf"error: {re.escape(str(path))}:\d+: (no profile fields|not valid CSV)", err), err


def test_a_posts_file_is_refused_not_scored_as_accounts(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    posts = [
        {"platform": "x", "id": str(i), "author": "u1", "text": "love it", "like_count": 3} for i in range(3)
    ]
    path.write_text("".join(json.dumps(p) + "\n" for p in posts))
    err = _refused(path)
    assert re.match(rf"error: {re.escape(str(path))}:\d+: (no profile fields|not valid CSV)", err), err


def test_mostly_imputed_profiles_are_scored_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "handles.csv"
    path.write_text("screen_name\nann\nbo99\n")
    result = run_cli("trust", "fake-followers", str(path))
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2
    assert f"warning: {path}: most profile fields are unknown (71% of scored values" in result.stderr.decode()
    full = tmp_path / "full.csv"
    full.write_text("screen_name,followers_count,friends_count,statuses_count,protected\nann,5,6,7,false\n")
    quiet = run_cli("trust", "fake-followers", str(full))
    assert quiet.returncode == 0 and b"warning" not in quiet.stderr


def test_pandas_floats_and_thousands_separators_are_read(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "screen_name,followers_count,friends_count,default_profile_image,protected,listed_count\n"
        'ann,"1,234",18.0,1.0,0.0,3.0\nbo,1e3,,,,\n'
    )
    ann, bo = read_profiles(path)
    assert (ann.followers, ann.following, ann.picture, ann.private, ann.listed) == (1234, 18, False, False, 3)
    assert (bo.followers, bo.following, bo.picture, bo.private) == (1000, None, None, None)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("2.5", "expected a whole number"),
        ("-3", "must be >= 0"),
        ("NaN", "not a number"),
        ("1e30", "too large"),
    ],
)
def test_refused_counts_are_located(tmp_path: Path, cell: str, problem: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(f"screen_name,followers_count\nann,5\nbo,{cell}\n")
    assert f"{path}:3: followers_count: {problem}" in _refused(path)


@pytest.mark.shared_data
def test_the_cresci_twitter_file_loads_unchanged() -> None:
    path = shared_file("fake-followers/cresci2015-twitter-dev.csv")
    result = run_cli("trust", "fake-followers", str(path))
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    with path.open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert len(out) == len(ids) == 1248 and [o["id"] for o in out] == ids
    assert b"warning" not in result.stderr
    profiles = read_profiles(path)
    assert sum(p.default_profile is True for p in profiles) == 930  # the '1.0' cells
    assert sum(p.picture is False for p in profiles) == 17


def test_export_snapshots_use_the_same_table(tmp_path: Path) -> None:
    from grassroots.errors import InvalidRecord
    from grassroots.trust import read_export

    (tmp_path / "accounts.csv").write_text("id,handle,followers\na1,ann,10\n")
    (tmp_path / "follows.csv").write_text("src,dst\n")
    (tmp_path / "posts.jsonl").write_text("")
    (tmp_path / "comments.jsonl").write_text("")
    snapshots = tmp_path / "account_snapshots.csv"
    snapshots.write_text(
        'account_id,observed_at,followers\na1,2024-01-01,"1,234"\na1,2024-01-08,18.0\na1,2024-01-15,\n'
    )
    assert read_export(tmp_path).snapshots == {"a1": [1234.0, 18.0]}  # the blank week is skipped, not 0
    snapshots.write_text("account_id,observed_at,followers\na1,2024-01-01,5\na1,2024-01-08,NaN\n")
    with pytest.raises(InvalidRecord, match=r"account_snapshots.csv:3: followers: not a number"):
        read_export(tmp_path)
