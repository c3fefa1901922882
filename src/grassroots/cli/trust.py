"""`grassroots trust ...` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(help="trust commands.", no_args_is_help=True)


@app.command("fake-followers")
def fake_followers(
    file: Annotated[Path, typer.Argument(help="Profiles: CSV (header row), JSONL or a JSON array.")],
    prior: Annotated[float, typer.Option(help="Expected fake share; 0.5 = equal priors.")] = 0.5,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for account ages (default: newest created_at).")
    ] = None,
) -> None:
    """Probability that each profile is fake, with reasons: one JSON line per input record, in order."""
    from grassroots.cli._console import emit_json
    from grassroots.trust import parse_as_of, read_profiles, score_profiles

    when = parse_as_of(as_of) if as_of is not None else None
    scores = score_profiles(read_profiles(file), prior=prior, as_of=when)
    for score in scores:
        emit_json({"id": score.id, "probability": score.probability, "reasons": list(score.reasons)})


@app.command("disclosure")
def disclosure(
    file: Annotated[Path, typer.Argument(help="Texts: one per line, or JSONL with a 'text' field.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: by extension).")
    ] = None,
    brand: Annotated[str | None, typer.Option(help="Brand name or handle to report as a signal.")] = None,
) -> None:
    """Disclosure verdict (adequate / ambiguous / none), signals with spans, undisclosed probability."""
    from grassroots.cli._console import emit_json
    from grassroots.trust import assess_disclosures

    for item in assess_disclosures(file, fmt=fmt, brand=brand):
        emit_json(item)
