"""`grassroots outreach addresses|preview|send|tasks|import-replies|log`: e-mail and DM outreach.

Each command is one Workspace call and prints one JSON object on stdout (``log`` prints one JSON
object a line); progress and warnings go to stderr.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(
    help="E-mail and direct-message outreach to a campaign's participants.", no_args_is_help=True
)


class StepChoice(StrEnum):
    """A step of the outreach sequence."""

    invite = "invite"
    reminder = "reminder"
    thanks = "thanks"


Campaign = Annotated[str, typer.Option("--campaign", help="The campaign (its slug).")]
Step = Annotated[StepChoice, typer.Option("--step", help="invite, reminder or thanks.")]
Template = Annotated[
    Path | None,
    typer.Option(
        "--template", help="A template file ('Subject: ...', blank line, body) [default: built-in]."
    ),
]
TimeZone = Annotated[
    str, typer.Option("--time-zone", help="Time zone of people whose address has none (IANA name).")
]
Sender = Annotated[
    str | None, typer.Option("--sender", help="The From address [default: outreach@BASE_URL host].")
]


@app.command("addresses")
def addresses(
    file: Annotated[Path, typer.Argument(help="CSV person_id,email,consent_text,recorded_at[,time_zone].")],
) -> None:
    """Keep e-mail addresses people gave with consent to contact (a portal or form export)."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        emit_json(ws.outreach_add_addresses(file).to_dict())


@app.command("preview")
def preview(
    campaign: Campaign,
    step: Step,
    template: Template = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Preview JSONL [default: DATA_DIR/results/outreach/C/STEP-preview.jsonl]."
        ),
    ] = None,
    time_zone: TimeZone = "UTC",
    sender: Sender = None,
) -> None:
    """Write exactly what each consenting person due for STEP would get; nothing is sent without it."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        done = ws.outreach_preview(
            campaign, step=step.value, template=template, out=out, time_zone=time_zone, sender=sender
        )
    emit_json(done.to_dict())


@app.command("send")
def send(
    campaign: Campaign,
    step: Step,
    template: Template = None,
    smtp: Annotated[
        str | None, typer.Option("--smtp", help="Send through this SMTP server, HOST:PORT.")
    ] = None,
    outbox: Annotated[
        Path | None,
        typer.Option("--outbox", help="File outbox folder [default: DATA_DIR/results/outreach/outbox]."),
    ] = None,
    time_zone: TimeZone = "UTC",
    quiet_hours: Annotated[
        str, typer.Option("--quiet-hours", help="No message in these local hours, START-END or none.")
    ] = "21-8",
    sender: Sender = None,
    retries: Annotated[
        int, typer.Option("--retries", min=1, max=10, help="Attempts on temporary failures.")
    ] = 3,
) -> None:
    """Send STEP's previewed e-mails under consent, the frequency limit and quiet hours."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        done = ws.outreach_send(
            campaign, step=step.value, template=template, smtp=smtp, outbox=outbox, time_zone=time_zone,
            quiet_hours=quiet_hours, sender=sender, retries=retries,
        )  # fmt: skip
    emit_json(done.to_dict())


@app.command("tasks")
def tasks(
    campaign: Campaign,
    step: Annotated[
        StepChoice, typer.Option("--step", help="invite, reminder or thanks.")
    ] = StepChoice.invite,
    template: Template = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="CSV [default: DATA_DIR/results/outreach/C/STEP-dm-tasks.csv]."),
    ] = None,
) -> None:
    """The direct-message task list (CSV) for people without a usable e-mail address."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        emit_json(ws.outreach_tasks(campaign, step=step.value, template=template, out=out).to_dict())


@app.command("import-replies")
def import_replies(
    mailbox: Annotated[Path, typer.Argument(help="An mbox file or a Maildir directory.")],
) -> None:
    """Bounces mark addresses undeliverable, replies are recorded, unsubscribe replies opt out."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        emit_json(ws.outreach_import_replies(mailbox).to_dict())


@app.command("log")
def log(
    campaign: Annotated[str | None, typer.Option("--campaign", help="Only this campaign.")] = None,
) -> None:
    """The send log, one JSON object a line (oldest first)."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        rows = ws.outreach_log(campaign=campaign)
    for row in rows:
        emit_json(row)
