"""Spillover on friends: the exposure mapping (who counts, who is excluded) and the clustered variance."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from grassroots.campaigns import spillover_lift
from grassroots.cli.main import main
from grassroots.errors import InvalidInput

ARMS = {"t1": "treatment", "t2": "treatment", "t3": "treatment", "h1": "holdout", "h2": "holdout"}


def test_exposure_mapping_and_clustered_variance_by_hand() -> None:
    follows = [
        ("a", "t1"), ("b", "t1"), ("c", "t2"), ("d", "t3"),  # single-contact friends of treated
        ("e", "h1"), ("f", "h2"), ("g", "h2"),  # single-contact friends of holdout
        ("x", "t1"), ("x", "h1"),  # friend of both arms: excluded
        ("y", "t1"), ("y", "t2"),  # several eligible people of one arm: excluded
        ("t1", "h1"),  # an eligible person is not a friend-outcome
    ]  # fmt: skip
    outcomes = {"a": 2.0, "b": 0.0, "c": 1.0, "d": 1.0, "e": 0.0, "f": 1.0, "g": 0.0, "x": 9.0, "y": 9.0}
    r = spillover_lift(ARMS, follows, outcomes, confidence=0.9)
    # treatment clusters (S, c): t1 (2, 2), t2 (1, 1), t3 (1, 1): mean 1; holdout h1 (0, 1), h2 (1, 2): 1/3
    assert (r.mean_exposed, r.mean_control) == (1.0, pytest.approx(1 / 3))
    assert (r.n_exposed, r.n_control, r.excluded_both_arms, r.excluded_several_same_arm) == (4, 3, 1, 1)
    var_t = 3 / 2 * ((2 - 2) ** 2 + 0 + 0) / 16
    var_h = 2 / 1 * ((0 - 1 / 3) ** 2 + (1 - 2 / 3) ** 2) / 9
    se = math.sqrt(var_t + var_h)
    assert r.lift == pytest.approx(2 / 3) and r.se == pytest.approx(se)
    assert r.ci == pytest.approx((2 / 3 - 1.6448536 * se, 2 / 3 + 1.6448536 * se))


def test_an_arm_without_friends_is_refused() -> None:
    with pytest.raises(InvalidInput, match="single-contact friends of at least 2"):
        spillover_lift(ARMS, [("a", "t1"), ("b", "t2")], {})


def test_covers_a_known_spillover_at_the_nominal_rate() -> None:
    """Small simulation (200 draws): friends of treated people order with +0.2; coverage near 0.9."""
    rng = np.random.default_rng(0)
    eligible = [f"e{i}" for i in range(60)]
    follows = [(f"p{j}", eligible[j % 60]) for j in range(600)]
    hits = 0
    for _ in range(200):
        arms = dict(zip(eligible, rng.permutation(["treatment"] * 30 + ["holdout"] * 30), strict=True))
        cluster = {e: rng.normal(0, 0.1) for e in eligible}  # friends of one person share a shock
        outcomes = {
            p: float(rng.random() < 0.2 + 0.2 * (arms[e] == "treatment") + cluster[e]) for p, e in follows
        }
        r = spillover_lift(arms, follows, outcomes)
        hits += r.ci[0] <= 0.2 <= r.ci[1]
    assert 0.84 <= hits / 200 <= 0.96


def _spill_files(tmp_path: Path, follows: str | None = None, outcomes: str | None = None) -> list[str]:
    a = tmp_path / "A.csv"
    a.write_text("person_id,arm\n" + "".join(f"{p},{arm}\n" for p, arm in ARMS.items()), encoding="utf-8")
    f = tmp_path / "F.csv"
    f.write_bytes(
        (
            follows
            or "\ufeffplatform,src,dst\r\nig,a,t1\r\nig,b,t1\r\nig,c,t2\r\nig,d,t3\r\nig,e,h1\r\nig,f,h2\r\n"
            "ig,g,h2\r\nig,x,t1\r\nig,x,h1\r\nig,y,t1\r\nig,y,t2\r\nig,t1,h1\r\n"
        ).encode()
    )
    o = tmp_path / "O.csv"
    o.write_text(
        outcomes or "person_id,value\na,1\na,1\nc,1\nd,1\nf,1\nx,9\ny,9\n", encoding="utf-8"
    )  # a's two orders are summed
    return ["campaign", "spillover", "--assignments", str(a), "--follows", str(f), "--outcomes", str(o)]


def test_cli_matches_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_spill_files(tmp_path), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["lift"] == pytest.approx(2 / 3) and obj["n_exposed"] == 4 and obj["excluded_both_arms"] == 1
    assert main(_spill_files(tmp_path)) == 0
    assert capsys.readouterr().out.startswith("spillover  0.666667  90.0% CI [")


@pytest.mark.parametrize(
    ("follows", "outcomes", "where", "message"),
    [
        ("src,to\na,t1\n", None, "F.csv:1", "dst: missing column"),
        ("src,dst\na,t1\n,t2\n", None, "F.csv:3", "src: blank"),
        (None, "person_id,value\na,1\nnobody,2\n", "O.csv:3", "person_id: 'nobody' is not in"),
        (None, "person_id,value\na,lots\n", "O.csv:2", "value: expected a number"),
        ("src,dst\na,t1\n", "person_id,value\na,1\n", "F.csv", "single-contact friends of at least 2"),
    ],
)
def test_cli_bad_input(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    follows: str | None,
    outcomes: str | None,
    where: str,
    message: str,
) -> None:
    assert main(_spill_files(tmp_path, follows, outcomes)) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and f"{tmp_path}/{where}" in captured.err and message in captured.err
