"""Top-level commands: ``init``, ``demo-world``, ``demo``, ``status``, ``erase``, ``ingest``."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the top-level commands to ``app``."""

    @app.command()
    def version() -> None:
        """Print the package version."""
        from grassroots import __version__

        typer.echo(__version__)
