"""`grassroots portal link|links|surveys export`: advocates' signed portal links and survey answers.

A link is built from the ``base_url`` setting (``GRASSROOTS_BASE_URL``) and a ``portal`` token of
:mod:`grassroots.engage.links`; each is one Workspace call. ``link`` prints the URL alone on stdout,
``links`` a CSV (``person_id,url,expires_at``) for every offered participant.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(help="The advocate portal: personal links, survey answers.", no_args_is_help=True)
surveys_app = typer.Typer(help="The campaign surveys answered on the portal.", no_args_is_help=True)
app.add_typer(surveys_app, name="surveys")

CampaignOpt = Annotated[str, typer.Option("--campaign", help="The campaign (its slug).")]
Days = Annotated[int, typer.Option("--days", help="Days until the link expires (1-365).")]


@app.command("link")
def link(
    campaign: CampaignOpt,
    person: Annotated[str, typer.Option("--person", help="The participant (their person id).")],
    days: Days = 30,
) -> None:
    """Print one offered participant's signed portal link (no password; expires after --days)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        made = ws.portal_link(campaign, person, days=days)
    typer.echo(made.url)


@app.command("links")
def links(campaign: CampaignOpt, days: Days = 30) -> None:
    """Print a CSV person_id,url,expires_at with a link for every offered participant."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        made = ws.portal_links(campaign, days=days)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["person_id", "url", "expires_at"])
    writer.writerows([m.person_id, m.url, m.expires_at.isoformat()] for m in made)


@surveys_app.command("export")
def export(
    campaign: CampaignOpt,
    out: Annotated[
        Path | None, typer.Option(help="CSV file [default: DATA_DIR/results/campaigns/C/surveys.csv].")
    ] = None,
) -> None:
    """Export the campaign's survey answers as CSV; prints where, rows, people and the NPS as JSON."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        done = ws.portal_surveys_export(campaign, out=out)
    emit_json(done.to_dict())
