"""`grassroots listen ...` commands: parse, call the Workspace, render JSON lines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat
    from grassroots.listen import EvalPath, SentimentPath, SummaryView

__all__ = ["app"]

app = typer.Typer(help="listen commands.", no_args_is_help=True)

BrandOption = Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")]
PathOption = Annotated[str, typer.Option("--path", help="fast (n-grams) or accurate (MiniLM).")]


@app.command("sentiment")
def sentiment(
    file: Annotated[Path, typer.Argument(help="One text per line, or JSONL with a 'text' field (and 'id').")],
    brand: Annotated[
        str | None,
        typer.Option(
            "--brand", help="Score toward this brand: configured brand, brand YAML file, or bare name."
        ),
    ] = None,
    path: PathOption = "accurate",
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: by extension).")
    ] = None,
) -> None:
    """Score sentiment, one JSON line per input line, in order (toward --brand when given)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        scored = ws.sentiment(
            file, brand=brand, path=cast("SentimentPath", path), fmt=cast("TextFormat | None", fmt)
        )
    for line in scored:
        emit_json(line.to_dict())


@app.command("evaluate")
def evaluate(
    brand: Annotated[
        str | None,
        typer.Option(help="Only labels about this brand (configured, YAML file or bare name); default all."),
    ] = None,
    path: Annotated[str, typer.Option("--path", help="fast, accurate or vader.")] = "accurate",
    label_source: Annotated[
        str | None, typer.Option("--labels", help="Label source in the lake (default: the only one).")
    ] = None,
) -> None:
    """Our sentiment toward the brand vs the labels loaded with the posts: recall, confusion matrix (JSON)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        check = ws.listen_evaluate(brand=brand, path=cast("EvalPath", path), label_source=label_source)
    emit_json(check.as_dict())


@app.command("scan")
def scan(
    brand: BrandOption,
    path: PathOption = "accurate",
    by: Annotated[str, typer.Option("--by", help="week, author or post: what each output line is.")] = "week",
) -> None:
    """Find every lake post about the brand, score sentiment toward it, store `brand_mentions`; JSON lines.

    Weeks whose negative mentions spike become `sentiment_spike` alerts.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, err, workspace

    with workspace() as ws:
        result = ws.listen_scan(brand, path=cast("SentimentPath", path), by=cast("SummaryView", by))
    own = len(result.own)
    err.print(
        f"{own} posts about {result.brand}, {len(result.posts) - own} about its competitors; "
        f"stored in the lake table 'brand_mentions'; {result.alerts} sentiment-spike alerts"
    )
    for line in result.summary():
        emit_json(line)


@app.command("themes")
def themes_command(
    brand: BrandOption,
    subject: Annotated[
        str | None, typer.Option(help="A competitor scanned with the brand (default: the brand itself).")
    ] = None,
    top: Annotated[int, typer.Option(help="Themes per sentiment label.")] = 10,
) -> None:
    """Words and phrases that set negative / neutral / positive posts apart (after `listen scan`)."""
    from dataclasses import asdict

    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.themes(brand, subject=subject, top=top)
    for theme in found:
        emit_json(asdict(theme))
