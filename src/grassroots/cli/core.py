"""Top-level commands: ``init``, ``status``, ``erase``, ``export``, ``doctor``, and the ``ingest`` group."""

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
        person: Annotated[
            str,
            typer.Option("--person", help="Handle (@ optional), account id, Shopify customer id, e-mail."),
        ],
        data_dir: DataDir = None,
    ) -> None:
        """Remove one person from every file the installation writes (journaled: re-run to finish)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace(data_dir=data_dir) as ws:
            removed = ws.erase(person)
        emit_json(removed.to_dict())

    @app.command()
    def backup(
        directory: Annotated[Path, typer.Argument(help="New or empty directory to copy the data dir into.")],
        data_dir: DataDir = None,
    ) -> None:
        """Copy the data dir (lake, SQLite store, secret, files) while no one writes; one JSON line."""
        from grassroots.cli._console import emit_json, err, workspace

        with workspace(data_dir=data_dir) as ws:
            report = ws.backup(directory)
        if not report.store_included:
            err.print("the store is not in the data dir's SQLite file: back it up with pg_dump")
        emit_json({**report.__dict__, "directory": str(report.directory)})

    @app.command()
    def doctor(
        data_dir: DataDir = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON line per check.")] = False,
    ) -> None:
        """Check the data dir, secret, lake and store versions, writer lock and unfinished erases."""
        from dataclasses import asdict

        from grassroots.cli._console import emit_json, workspace

        with workspace(data_dir=data_dir) as ws:
            checks = ws.doctor()
        for check in checks:
            if as_json:
                emit_json(asdict(check))
            else:
                typer.echo(f"{check.status:<5} {check.name:<9} {check.detail}")
        if any(check.status == "fail" for check in checks):
            raise typer.Exit(1)

    app.add_typer(ingest_cli.app, name="ingest")
