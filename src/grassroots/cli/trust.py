"""`grassroots trust ...` commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat
    from grassroots.trust import CreatorReport

__all__ = ["app"]

app = typer.Typer(help="trust commands.", no_args_is_help=True)


FromLake = Annotated[
    bool, typer.Option("--from-lake", help="Read the data dir's lake instead of FILE, and store there.")
]


def _file_or_lake(file: Path | None, from_lake: bool) -> None:
    from grassroots.errors import InvalidInput

    if (file is None) != from_lake:
        raise InvalidInput("give either FILE or --from-lake")


@app.command("fake-followers")
def fake_followers(
    file: Annotated[
        Path | None, typer.Argument(help="Profiles: CSV (header row), JSONL or a JSON array.")
    ] = None,
    prior: Annotated[float, typer.Option(help="Expected fake share; 0.5 = equal priors.")] = 0.5,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date for account ages (default: newest created_at).")
    ] = None,
    platform: Annotated[
        str, typer.Option(help="instagram, twitter or auto (each record by its columns).")
    ] = "auto",
    adapt: Annotated[
        bool, typer.Option("--adapt", help="Estimate the file's fake share (EM, no labels) and use it.")
    ] = False,
    from_lake: FromLake = False,
) -> None:
    """Probability that each profile is fake, with reasons: one JSON line per input record, in order.

    In an initialised data dir the scores are also stored in the lake table 'fake_follower_scores'.
    """
    from grassroots.cli._console import emit_json, err, workspace

    _file_or_lake(file, from_lake)
    with workspace() as ws:
        if file is not None:
            result = ws.fake_followers(file, prior=prior, as_of=as_of, platform=platform, adapt=adapt)
        else:
            result = ws.fake_followers_from_lake(prior=prior, as_of=as_of)
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False, soft_wrap=True)
    for row in result.rows():
        emit_json(row)
    err.print(result.summary(), markup=False, soft_wrap=True)


@app.command("disclosure")
def disclosure(
    file: Annotated[
        Path | None, typer.Argument(help="Texts: one per line, or JSONL with a 'text' field.")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: by extension).")
    ] = None,
    brand: Annotated[str | None, typer.Option(help="Brand name or handle to report as a signal.")] = None,
    from_lake: FromLake = False,
) -> None:
    """Disclosure verdict (adequate / ambiguous / none), signals with spans, undisclosed probability.

    With --from-lake every post in the lake is assessed, stored in 'disclosures', and paid posts
    without an adequate disclosure become alerts.
    """
    from grassroots.cli._console import emit_json, err, workspace

    _file_or_lake(file, from_lake)
    with workspace() as ws:
        if file is not None:
            result = ws.disclosures(file, fmt=cast("TextFormat | None", fmt), brand=brand)
        else:
            result = ws.disclosures_from_lake(brand=brand)
    if from_lake:
        err.print(
            f"{len(result.items):,} posts in 'disclosures'; {result.alerts} undisclosed-paid-post alerts"
        )
    for item in result.items:
        emit_json(item.to_dict())


@app.command("report")
def report(
    creator: Annotated[str, typer.Argument(help="Account id or handle (with or without @).")],
    export: Annotated[
        Path | None, typer.Option(help="Directory of export files [default: DATA_DIR/demo-world].")
    ] = None,
    brand: Annotated[
        str | None, typer.Option(help="Brand name, reported as a signal in disclosures.")
    ] = None,
    competitors: Annotated[
        list[str] | None, typer.Option("--competitor", help="Competitor name (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of text.")] = False,
    screens: Annotated[
        bool, typer.Option(help="Use the learned hate / offensive screens (nlp extra).")
    ] = True,
) -> None:
    """Audience quality breakdown, disclosures, engagement pods and brand-safety flags for one creator.

    In an initialised data dir the report is also stored in the lake table 'audience_reports' and
    its brand-safety flags become alerts.
    """
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        result = ws.trust_report(
            creator, export=export, brand=brand, competitors=competitors or (), screens=screens
        )
    if as_json:
        emit_json(result.to_dict())
    else:
        _render_report(result)


def _render_report(report: CreatorReport) -> None:
    """Print the report as a few small tables."""
    from rich.console import Console
    from rich.table import Table

    out = Console(highlight=False)
    out.print(f"[bold]@{report.handle}[/bold] ({report.account_id})")
    table = Table(title=f"Audience quality {report.audience.score:.0f}/100")
    for column in ("part", "score", "weight", "evidence"):
        table.add_column(column)
    for part in report.audience.parts:
        table.add_row(part.name, f"{part.score:.0f}", f"{part.weight:.2f}", part.evidence)
    out.print(table)
    d = report.disclosures
    out.print(
        f"Disclosures: {d['adequate']} adequate, {d['ambiguous']} ambiguous, {d['none']} none "
        f"({d.get('commercial_undisclosed', 0)} of them: commercial signal, not disclosed)"
    )
    c = report.commercial
    out.print(
        f"Commercial: {c['paid']} paid, {c['affiliate']} affiliate, {c['gifted']} gifted, {c['none']} none"
    )
    for post in report.undisclosed_posts:
        out.print(
            f"  possible undisclosed sponsorship p={post['undisclosed_probability']:.2f}: {post['text']}"
        )
    if report.pod is None:
        out.print("Engagement pods: not in a detected pod")
    else:
        out.print(f"Engagement pods: member of pod {report.pod.pod}: {report.pod.evidence}")
    out.print(f"Brand safety: {len(report.safety)} flagged posts")
    for item in report.safety:
        flags = "; ".join(f"{f['category']} ({f['evidence']})" for f in item["flags"])
        out.print(f"  {item['post_id']}: {flags}: {item['text']}")
