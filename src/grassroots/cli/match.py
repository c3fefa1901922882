"""`grassroots match ...` commands: profiles, and people ranked against a brief."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(help="match commands: who fits a brand's brief, and why.", no_args_is_help=True)


@app.command("profiles")
def profiles(
    full: Annotated[
        bool, typer.Option("--full", help="Recompute every profile, not just changed ones.")
    ] = False,
) -> None:
    """Build the lake table 'profiles' (accounts with new posts only, unless --full)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        built = ws.match_profiles(full=full)
    typer.echo(
        f"accounts\t{built.accounts}\nrecomputed\t{built.recomputed}\nembedded_texts\t{built.embedded_texts}"
    )


@app.command("brief")
def brief(
    file: Annotated[Path, typer.Argument(help="The brief YAML (docs/match.md).")],
    limit: Annotated[int, typer.Option(help="How many people to rank.")] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per person (docs/match.md).")
    ] = False,
    why: Annotated[
        str | None, typer.Option("--why", help="Explain where this account id or handle stands.")
    ] = None,
) -> None:
    """Rank people for a brief with a fit explanation; saved in the lake table 'matches'."""
    from grassroots.cli._console import emit_json, err, workspace

    with workspace() as ws:
        result = ws.match_brief(file, limit=limit, why=why)
    run = result.run
    err.print(
        f"match {result.match_id!r}: {len(run.matches)} ranked of {run.considered} profiles; brief interests "
        f"{', '.join(run.brief_interests) or 'none'}; excluded by filter {run.excluded or 'none'}; "
        f"{run.not_english} non-English profiles not text-ranked (the model is English-only)",
        markup=False,
    )
    if run.why:
        err.print(f"why: {run.why}", markup=False)
    for m in run.matches:
        if as_json:
            emit_json(m.to_json())
            continue
        best = max(m.evidence, key=lambda e: e.similarity, default=None)
        quote = f'  {best.part}: "{best.text[best.span[0] : best.span[1]]}"' if best else ""
        typer.echo(f"{m.rank}\t@{m.handle}\t{m.score:.3f}\t{','.join(m.interests)}{quote}")
