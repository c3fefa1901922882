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
