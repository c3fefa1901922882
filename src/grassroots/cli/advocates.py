"""`grassroots advocates --brand B`: rank the people who already love the brand, with reasons."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.listen import SentimentName

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the top-level ``advocates`` command to ``app``."""

    @app.command("advocates")
    def advocates(
        brand: Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")],
        limit: Annotated[int, typer.Option(help="How many rows to print (all are stored).")] = 100,
        band: Annotated[tuple[int, int], typer.Option(help="Audience band in followers.")] = (1_000, 100_000),
        customers: Annotated[Path | None, typer.Option(help="Shopify customers CSV to link.")] = None,
        fake_scores: Annotated[
            Path | None, typer.Option(help="Output of `grassroots trust fake-followers` (JSON lines).")
        ] = None,
        customers_only: Annotated[
            bool, typer.Option(help="Print only advocates linked to a shop customer (all are stored).")
        ] = False,
        sentiment: Annotated[
            str, typer.Option(help="Sentiment toward the brand: accurate, fast (listen models) or vader.")
        ] = "accurate",
    ) -> None:
        """Rank accounts by organic, positive, repeated brand mentions; one JSON line per advocate."""
        from dataclasses import asdict

        from grassroots.cli._console import emit_json, err, workspace
        from grassroots.rules import require_at_least

        require_at_least(limit, 1, name="limit")
        with workspace() as ws:
            found = ws.advocates(
                brand,
                sentiment=cast("SentimentName", sentiment),
                customers=customers,
                fake_scores=fake_scores,
                band=band,
            )
        err.print(
            f"{len(found.advocates)} accounts mention {found.brand}; stored in the lake table 'advocates'"
        )
        shown = found.customers() if customers_only else found.advocates
        if customers_only:
            err.print(f"{len(shown)} of them are linked to a shop customer")
        for row in shown[:limit]:
            emit_json(asdict(row))
