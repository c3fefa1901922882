"""`grassroots campaign ...` commands: run campaigns with advocates and measure their lift."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from grassroots.cli import campaign_run

if TYPE_CHECKING:
    from grassroots.campaigns import LiftResult

__all__ = ["app"]

app = typer.Typer(help="Run campaigns with advocates and measure what they changed.", no_args_is_help=True)
campaign_run.register(app)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.6g}"


def _interval(ci: tuple[float, float] | None) -> str:
    return "-" if ci is None else f"[{_number(ci[0])}, {_number(ci[1])}]"


def _table(result: LiftResult) -> list[str]:
    """The short table printed without ``--json``."""
    rows = [
        ("method", result.method),
        ("treatment", f"n={result.n_treatment} mean={_number(result.mean_treatment)}"),
        ("holdout", f"n={result.n_holdout} mean={_number(result.mean_holdout)}"),
        ("lift", f"{_number(result.lift)}  {result.confidence:.1%} CI {_interval(result.ci)}"),
        (
            "relative lift",
            f"{_number(result.relative_lift)}  {result.confidence:.1%} CI {_interval(result.relative_ci)}",
        ),
    ]
    for s in result.strata:
        state = "dropped" if s.dropped else f"weight={s.weight:.4g}"
        rows.append((f"stratum {s.stratum}", f"n_treatment={s.n_treatment} n_holdout={s.n_holdout} {state}"))
    width = max(len(k) for k, _ in rows)
    return [f"{k.ljust(width)}  {v}" for k, v in rows]


@app.command()
def lift(
    assignments: Annotated[
        Path, typer.Option("--assignments", help="CSV person_id,arm[,stratum]; arm is treatment or holdout.")
    ],
    outcomes: Annotated[
        Path, typer.Option("--outcomes", help="CSV person_id,value; rows of one person are summed.")
    ],
    confidence: Annotated[
        float, typer.Option("--confidence", help="Confidence of the intervals, in [0.5, 0.999].")
    ] = 0.9,
    covariates: Annotated[
        Path | None,
        typer.Option("--covariates", help="CSV person_id,value of pre-period spend (CUPED adjustment)."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Lift of treatment over holdout: difference in means, Neyman variance, normal interval."""
    from grassroots.campaigns import lift_from_files
    from grassroots.cli._console import emit_json, err

    result = lift_from_files(assignments, outcomes, confidence=confidence, covariates=covariates)
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    if json:
        emit_json(result.to_dict())
        return
    for line in _table(result):
        typer.echo(line)


@app.command()
def power(
    baseline_rate: Annotated[
        float, typer.Option("--rate", help="Baseline purchase rate per person, in (0, 1].")
    ],
    buyer_mean: Annotated[float, typer.Option("--buyer-mean", help="Mean revenue of a buyer.")],
    buyer_sd: Annotated[
        float | None, typer.Option("--buyer-sd", help="Standard deviation of a buyer's revenue.")
    ] = None,
    sigma: Annotated[
        float | None, typer.Option("--sigma", help="Or: log-sd of a log-normal buyer revenue.")
    ] = None,
    n_per_arm: Annotated[int | None, typer.Option("--n-per-arm", help="People in each arm.")] = None,
    total: Annotated[int | None, typer.Option("--total", help="Or: people in both arms.")] = None,
    holdout_share: Annotated[
        float, typer.Option("--holdout-share", help="Share of --total (or of the people needed) held out.")
    ] = 0.5,
    effect: Annotated[
        float | None, typer.Option("--effect", help="Effect to detect on the mean per person.")
    ] = None,
    relative_effect: Annotated[
        float | None, typer.Option("--relative-effect", help="Or: effect relative to the baseline mean.")
    ] = None,
    confidence: Annotated[float, typer.Option("--confidence", help="Two-sided, in [0.5, 0.999].")] = 0.9,
    power: Annotated[float, typer.Option("--power", help="Power, in [0.5, 1).")] = 0.8,
    r2: Annotated[
        float, typer.Option("--r2", help="Variance share explained by pre-period spend (CUPED), in [0, 1).")
    ] = 0.0,
    json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Minimum detectable effect for given people, people for a given effect, or the power of both."""
    from grassroots.campaigns import power_analysis
    from grassroots.cli._console import emit_json, err

    result = power_analysis(
        baseline_rate=baseline_rate,
        buyer_mean=buyer_mean,
        buyer_sd=buyer_sd,
        sigma=sigma,
        n_per_arm=n_per_arm,
        total=total,
        holdout_share=holdout_share,
        effect=effect,
        relative_effect=relative_effect,
        confidence=confidence,
        power=power,
        r2=r2,
    )
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False)
    if json:
        emit_json(result.to_dict())
        return
    rows = [
        ("solved", result.solved),
        ("people", f"treatment={result.n_treatment} holdout={result.n_holdout}"),
        ("per person", f"mean={_number(result.mean_per_person)} sd={_number(result.sd_per_person)}"),
        ("MDE", f"{_number(result.mde)} (relative {_number(result.relative_mde)})"),
        ("power", f"{result.power:.3f} at confidence {result.confidence:.3g}"),
    ]
    for key, value in rows:
        typer.echo(f"{key.ljust(10)}  {value}")


@app.command()
def spillover(
    assignments: Annotated[
        Path, typer.Option("--assignments", help="CSV person_id,arm of the eligible pool (as for lift).")
    ],
    follows: Annotated[Path, typer.Option("--follows", help="CSV src,dst: src follows dst (lake format).")],
    outcomes: Annotated[
        Path, typer.Option("--outcomes", help="CSV person_id,value of friends; rows of one person summed.")
    ],
    confidence: Annotated[
        float, typer.Option("--confidence", help="Confidence of the interval, in [0.5, 0.999].")
    ] = 0.9,
    json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Word of mouth: friends of treated minus friends of holdout people (single-contact friends)."""
    from grassroots.campaigns import spillover_from_files
    from grassroots.cli._console import emit_json

    result = spillover_from_files(assignments, follows, outcomes, confidence=confidence)
    if json:
        emit_json(result.to_dict())
        return
    rows = [
        ("spillover", f"{_number(result.lift)}  {result.confidence:.1%} CI {_interval(result.ci)}"),
        ("exposed", f"n={result.n_exposed} mean={_number(result.mean_exposed)} (friends of treated)"),
        ("control", f"n={result.n_control} mean={_number(result.mean_control)} (friends of holdout)"),
        (
            "excluded",
            f"friends of both arms={result.excluded_both_arms} "
            f"of several in one arm={result.excluded_several_same_arm}",
        ),
    ]
    for key, value in rows:
        typer.echo(f"{key.ljust(9)}  {value}")
