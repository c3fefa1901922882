"""`grassroots trust fake-followers FILE`: the CLI contract of issue 4, through a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grassroots.trust import read_profiles

from ..conftest import run_cli, shared_file


def _run(path: Path, *extra: str) -> list[dict[str, object]]:
    result = run_cli("trust", "fake-followers", str(path), *extra)
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_csv_with_multiline_quoted_fields_gives_one_output_per_record(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "screen_name,followers_count,friends_count,statuses_count,description,default_profile_image,x\n"
        'bot123456,3,4000,0,"",TRUE,ignored\n'
        'alice,1200,150,800,"line one\nline two\n",false,\n'
        'carol,,,,"",,\n'
    )
    out = _run(path)
    assert [o["id"] for o in out] == ["bot123456", "alice", "carol"]
    assert out[0]["probability"] > 0.5 > out[1]["probability"]  # type: ignore[operator]
    assert any("imputed" in r for r in out[2]["reasons"])  # type: ignore[union-attr]
    assert not any("imputed" in r for r in out[1]["reasons"] if "private" not in r)  # type: ignore[union-attr]


def test_id_echo_rules_and_record_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"id_str": "0042", "followers_count": 5}\n\n{"user_id": 7}\n'
        '{"followers": 9}\n{"id": 1.5, "screen_name": "z"}\n'
    )
    assert [o["id"] for o in _run(path)] == ["0042", "7", "3", "1.5"]


def test_json_array_booleans_and_twitter_following_flag(tmp_path: Path) -> None:
    rows = [
        {
            "screen_name": "a",
            "friends_count": 10,
            "following": True,
            "protected": "FALSE",
            "followers_count": 500,
        },
        {"screen_name": "b", "following": "false", "protected": "1", "followers_count": 500},
        {"screen_name": "c", "following": 3000, "protected": 0, "followers_count": 2},
    ]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(rows))
    profiles = read_profiles(path)
    assert [p.following for p in profiles] == [10.0, None, 3000.0]
    assert [p.private for p in profiles] == [False, True, False]
    out = _run(path)
    assert len(out) == 3 and any("following unknown" in r for r in out[1]["reasons"])  # type: ignore[union-attr]


def test_prior_moves_probability_and_as_of_sets_age(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"id": "a", "followers_count": 40, "friends_count": 900, "statuses_count": 2, '
        '"created_at": "Tue Nov 18 10:27:25 +0000 2008"}\n'
        '{"id": "b", "created_at": "2010-11-18T10:27:25Z"}\n'
    )
    even, rare = _run(path), _run(path, "--prior", "0.1")
    assert rare[0]["probability"] < even[0]["probability"]  # type: ignore[operator]
    assert any("730 days old as of 2010-11-18" in r for r in even[0]["reasons"])  # type: ignore[union-attr]
    later = _run(path, "--as-of", "2011-11-18")
    assert any("1,095 days old" in r for r in later[0]["reasons"])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("id,followers_count\na,10\nb,lots\n", "p.csv:3: followers_count"),
        ("id,protected\na,maybe\n", "p.csv:2: protected"),
        ('{"id": 1}\n[1]\n', "p.csv:2"),
        ('{"id": 1, "created_at": "yesterday"}\n', "p.csv:1: created_at"),
    ],
)
def test_bad_input_names_file_line_field_and_prints_nothing(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(content)
    result = run_cli("trust", "fake-followers", str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    assert where in result.stderr.decode()


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("relative", "count"),
    [("fake-followers/srf-instagram-labelled.csv", 975), ("fake-followers/instafake-fake.json", 200)],
)
def test_real_shared_files(relative: str, count: int) -> None:
    out = _run(shared_file(relative))
    assert len(out) == count
    assert all(0.0 <= float(o["probability"]) <= 1.0 for o in out)  # type: ignore[arg-type]


def _twitter_file(tmp_path: Path) -> Path:
    """Twenty vendor-style fakes (few followers, following hundreds) and ten ordinary accounts."""
    rows = ["screen_name,followers_count,friends_count,statuses_count,default_profile_image,protected"]
    rows += [f"fake{i:02d},{10 + i % 7},{300 + 11 * i},{20 + i},1," for i in range(20)]
    rows += [f"person{i},{400 + 90 * i},{150 + 5 * i},{900 + 40 * i},,0" for i in range(10)]
    path = tmp_path / "twitter.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_platform_is_detected_per_record_and_can_be_forced(tmp_path: Path) -> None:
    path = _twitter_file(tmp_path)
    auto = _run(path)
    assert {o["platform"] for o in auto} == {"twitter"}
    forced = _run(path, "--platform", "instagram")
    assert {o["platform"] for o in forced} == {"instagram"}
    assert [o["probability"] for o in auto] != [o["probability"] for o in forced]
    assert not any("posts" in r for o in auto for r in o["reasons"])  # type: ignore[attr-defined]
    insta = tmp_path / "insta.csv"
    insta.write_text(
        "Username,Number.of.followers,Number.of.people.they.follow,Number.of.posts\nab,3,900,0\n"
    )
    assert _run(insta)[0]["platform"] == "instagram"
    own = tmp_path / "own.jsonl"
    own.write_text(
        '{"handle": "a", "followers": 3, "platform": "Twitter"}\n{"handle": "b", "followers": 3}\n'
    )
    assert [o["platform"] for o in _run(own)] == ["twitter", "instagram"]


def test_adapt_estimates_the_fake_share_and_reports_it(tmp_path: Path) -> None:
    path = _twitter_file(tmp_path)
    result = run_cli("trust", "fake-followers", str(path), "--adapt")
    assert result.returncode == 0, result.stderr.decode()
    estimate = float(result.stderr.decode().split("prior_estimate=")[1].split()[0])
    assert 0.4 < estimate < 0.95  # 20 of 30 are fakes
    adapted = [json.loads(x)["probability"] for x in result.stdout.decode().splitlines()]
    plain = [o["probability"] for o in _run(path)]
    assert all((a >= p) == (estimate >= 0.5) for a, p in zip(adapted, plain, strict=True))
    assert "prior_estimate" not in run_cli("trust", "fake-followers", str(path)).stderr.decode()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--platform", "tiktok"), "--platform 'tiktok': expected one of instagram, twitter, auto"),
        (("--adapt", "--prior", "0.2"), "adapt"),
        (("--prior", "1.5"), "--prior 1.5"),
    ],
)
def test_bad_options_are_named_and_print_nothing(
    tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    result = run_cli("trust", "fake-followers", str(_twitter_file(tmp_path)), *extra)
    assert result.returncode == 2 and result.stdout == b""
    assert message in result.stderr.decode()


@pytest.mark.shared_data
def test_cresci_twitter_file_is_scored_as_twitter() -> None:
    path = shared_file("fake-followers/cresci2015-twitter-dev.csv")
    result = run_cli("trust", "fake-followers", str(path), "--adapt")
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert len(out) == 1248 and {o["platform"] for o in out} == {"twitter"}
    assert "prior_estimate=" in result.stderr.decode()
