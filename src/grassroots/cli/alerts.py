"""`grassroots alerts ...`: what needs a person's attention, and marking it handled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.store import AlertKind, AlertStatus

__all__ = ["app"]

app = typer.Typer(help="Alerts that need a person: list them, mark them handled.", no_args_is_help=True)


@app.command("list")
def list_(
    status: Annotated[str | None, typer.Option(help="open, handled or dismissed.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="undisclosed_paid_post, brand_safety, sentiment_spike or campaign_compliance."),
    ] = None,
    brand: Annotated[str | None, typer.Option(help="Only this brand's alerts.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many (newest first).")] = None,
) -> None:
    """Print alerts, newest first, one JSON object per line."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.alerts(
            status=cast("AlertStatus | None", status),
            kind=cast("AlertKind | None", kind),
            brand=brand,
            limit=limit,
        )
    for alert in found:
        emit_json(alert.to_dict())


@app.command("set")
def set_(
    alert_id: Annotated[int, typer.Argument(help="The alert's id (from `alerts list`).")],
    status: Annotated[str, typer.Option(help="handled, dismissed or open.")],
    by: Annotated[str, typer.Option(help="Who handled it (kept with the alert and in the audit log).")],
) -> None:
    """Set an alert's status; prints the alert."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        alert = ws.set_alert(alert_id, status=cast("AlertStatus", status), by=by)
    emit_json(alert.to_dict())
