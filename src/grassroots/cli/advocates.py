"""`grassroots advocates --brand B`: rank the people who already love the brand, with reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grassroots.cli._console import emit_json, err, settings

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

        from grassroots.lake import open_lake
        from grassroots.listen import (
            AdvocateOptions,
            BrandBook,
            discover_advocates,
            read_fake_scores,
            read_shop_customers,
            sentiment_by_name,
        )

        s = settings()
        polarity = sentiment_by_name(sentiment)
        target = BrandBook(s.data_dir / "brands").resolve(brand)
        shop = read_shop_customers(customers) if customers else []
        fakes = read_fake_scores(fake_scores) if fake_scores else None
        options = AdvocateOptions(band=band)
        with open_lake(s.lake_path) as lake:
            ranked = discover_advocates(
                lake,
                target,
                sentiment=polarity,
                customers=shop,
                fake_probability=fakes,
                options=options,
                sentiment_source=sentiment,
            )
        err.print(f"{len(ranked)} accounts mention {target.name}; stored in the lake table 'advocates'")
        shown = [a for a in ranked if a.customer_id] if customers_only else ranked
        if customers_only:
            err.print(f"{len(shown)} of them are linked to a shop customer")
        for row in shown[:limit]:
            emit_json(asdict(row))
