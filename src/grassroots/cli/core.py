"""Top-level commands: ``init``, ``status``, ``erase``, ``export``, and the ``ingest`` group."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grassroots.cli import ingest as ingest_cli

__all__ = ["DataDir", "register"]

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory (default: $GRASSROOTS_DATA_DIR or ./grassroots-data)."),
]


def register(app: typer.Typer) -> None:
    """Add the top-level commands and the ``ingest`` group to ``app``."""

    @app.command()
    def version() -> None:
        """Print the package version."""
        from grassroots import __version__

        typer.echo(__version__)

    @app.command()
    def init(data_dir: DataDir = None) -> None:
        """Create the data directory, the per-installation secret, the lake and the store (idempotent)."""
        from grassroots.cli._console import workspace

        with workspace(data_dir=data_dir) as ws:
            report = ws.init()
        typer.echo(f"data dir: {report.data_dir}")
        typer.echo(f"lake:     {report.lake_path}")
        typer.echo(f"store:    {report.database_url}")
        typer.echo(f"secret:   {'created' if report.created_secret else 'kept'}")

    @app.command()
    def status(
        data_dir: DataDir = None,
        runs: Annotated[int, typer.Option(help="How many recent runs to list.")] = 10,
    ) -> None:
        """Show how many rows each table holds and the last runs."""
        from grassroots.cli._console import workspace

        with workspace(data_dir=data_dir) as ws:
            state = ws.status(runs=runs)
        for name, count in {**state.lake_counts, **state.store_counts}.items():
            typer.echo(f"{name:<20} {count:>12,}")
        for run in state.runs:
            counts = (
                f"read {run.rows_read:,} +{run.rows_inserted:,} ~{run.rows_updated:,} !{run.rows_rejected:,}"
            )
            typer.echo(f"{run.started:%Y-%m-%d %H:%M:%S}  {run.step:<28} {run.status:<6} {counts}")

    @app.command()
    def export(
        directory: Annotated[Path, typer.Argument(help="Directory to write <table>.parquet files into.")],
        tables: Annotated[
            list[str] | None, typer.Option("--table", help="Export only this table (repeatable).")
        ] = None,
        data_dir: DataDir = None,
    ) -> None:
        """Write lake tables (default: all, results and runs included) as Parquet; one JSON line per file."""
        from grassroots.cli._console import emit_json, workspace

        with workspace(data_dir=data_dir) as ws:
            files = ws.export(directory, tables=tables)
        for f in files:
            emit_json({"table": f.table, "path": str(f.path), "rows": f.rows})

    @app.command()
    def erase(
        person: Annotated[str, typer.Option("--person", help="Account id or handle, customer id or e-mail.")],
        data_dir: DataDir = None,
    ) -> None:
        """Remove one person from the store and the lake; leaves an audit row (without the raw id)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace(data_dir=data_dir) as ws:
            removed = ws.erase(person)
        emit_json(removed.to_dict())

    app.add_typer(ingest_cli.app, name="ingest")
