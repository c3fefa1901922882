"""`campaign power` against textbook formulas (two-sample z test) and its own inverse."""

from __future__ import annotations

import json
import math
from statistics import NormalDist

import pytest

from grassroots.campaigns import power_analysis
from grassroots.cli.main import main
from grassroots.errors import InvalidInput

N = NormalDist()


def test_textbook_sample_size_for_a_half_sd_effect() -> None:
    # n per arm = 2 (z_.975 + z_.8)^2 / d^2 = 62.8 -> 63 (Cohen's d = 0.5, normal approximation)
    r = power_analysis(baseline_rate=1.0, buyer_mean=0.0, buyer_sd=1.0, effect=0.5, confidence=0.95)
    assert (r.solved, r.n_treatment, r.n_holdout) == ("n", 63, 63)


def test_mde_of_zero_inflated_revenue_by_hand() -> None:
    # rate 0.05, buyers mean 50 sd 40: var = 0.05*1600 + 0.05*0.95*2500 = 198.75
    r = power_analysis(baseline_rate=0.05, buyer_mean=50, buyer_sd=40, n_per_arm=1000)
    se = math.sqrt(198.75 * 2 / 1000)
    assert r.solved == "mde" and r.mean_per_person == pytest.approx(2.5)
    assert r.mde == pytest.approx((N.inv_cdf(0.95) + N.inv_cdf(0.8)) * se)
    assert r.relative_mde == pytest.approx(r.mde / 2.5)
    assert (r.expected_buyers_treatment, r.warnings) == (50.0, ())


def test_lognormal_sigma_gives_the_lognormal_sd() -> None:
    a = power_analysis(baseline_rate=0.1, buyer_mean=50, sigma=1.0, n_per_arm=500)
    b = power_analysis(baseline_rate=0.1, buyer_mean=50, buyer_sd=50 * math.sqrt(math.e - 1), n_per_arm=500)
    assert a.mde == pytest.approx(b.mde)


def test_binary_orders_match_the_two_proportion_formula() -> None:
    r = power_analysis(baseline_rate=0.1, buyer_mean=1, buyer_sd=0, total=4000, holdout_share=0.25)
    se = math.sqrt(0.09 / 3000 + 0.09 / 1000)
    assert (r.n_treatment, r.n_holdout) == (3000, 1000)
    assert r.mde == pytest.approx((N.inv_cdf(0.95) + N.inv_cdf(0.8)) * se)


def test_power_at_the_mde_is_the_requested_power_and_cuped_shrinks_it() -> None:
    mde = power_analysis(baseline_rate=0.05, buyer_mean=50, sigma=1.2, n_per_arm=3000, power=0.9)
    back = power_analysis(baseline_rate=0.05, buyer_mean=50, sigma=1.2, n_per_arm=3000, effect=mde.mde)
    assert back.solved == "power" and back.power == pytest.approx(0.9, abs=1e-6)
    cuped = power_analysis(baseline_rate=0.05, buyer_mean=50, sigma=1.2, n_per_arm=3000, r2=0.36, power=0.9)
    assert cuped.mde == pytest.approx(mde.mde * 0.8)


def test_people_needed_detect_the_effect_and_few_buyers_warn() -> None:
    r = power_analysis(baseline_rate=0.02, buyer_mean=40, sigma=1.0, relative_effect=0.5)
    assert r.mde <= 0.5 * 0.8 + 1e-9  # n rounded up: detects at least the effect
    small = power_analysis(baseline_rate=0.02, buyer_mean=40, sigma=1.0, n_per_arm=200)
    assert len(small.warnings) == 2 and "expects 4.0 buyers" in small.warnings[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_per_arm": 100, "buyer_sd": 1.0, "sigma": 1.0}, "give exactly one"),
        ({"buyer_sd": 1.0}, "give the people or the effect"),
        ({"buyer_sd": 1.0, "n_per_arm": 100, "total": 300}, "not both"),
        ({"buyer_sd": -1.0, "n_per_arm": 100}, "buyer_sd=-1.0"),
        ({"buyer_sd": 1.0, "effect": 0.0}, "effect=0.0: expected a finite, non-zero"),
        ({"buyer_sd": 1.0, "n_per_arm": 100, "power": 1.0}, "power=1.0"),
        ({"buyer_sd": 1.0, "n_per_arm": 100, "confidence": 0.9999}, "confidence="),
        ({"buyer_sd": 1.0, "total": 3, "holdout_share": 0.5}, "each arm needs at least 2"),
    ],
)
def test_bad_options_name_the_parameter(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        power_analysis(baseline_rate=0.1, buyer_mean=10.0, **kwargs)  # type: ignore[arg-type]


def test_cli_json_and_flag_names(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "campaign",
        "power",
        "--rate",
        "0.05",
        "--buyer-mean",
        "50",
        "--sigma",
        "1",
        "--n-per-arm",
        "2000",
    ]
    assert main([*args, "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["solved"] == "mde" and obj["n_treatment"] == 2000 and obj["relative_mde"] > 0
    assert main([*args, "--rate", "0"]) == 2
    assert "--rate 0.0: expected a rate in (0, 1]" in capsys.readouterr().err
