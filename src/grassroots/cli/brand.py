"""`grassroots brand ...`: configure the brands to listen for, find their mentions, measure engagement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat

from grassroots.cli._console import emit_json, err, workspace

__all__ = ["app"]

app = typer.Typer(help="Configure brands (names, handles, hashtags, products) and find their mentions.")

Many = Annotated[list[str] | None, typer.Option(help="Repeat for several values.")]
BrandOption = Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")]


@app.command("add")
def add(
    name: Annotated[str | None, typer.Argument(help="Brand name (omit with --file).")] = None,
    alias: Many = None,
    handle: Many = None,
    hashtag: Many = None,
    product: Many = None,
    competitor: Many = None,
    domain: Many = None,
    file: Annotated[Path | None, typer.Option("--file", help="A brand YAML file.")] = None,
) -> None:
    """Add a brand, or add names to an existing one (lists are merged). Prints the stored brand."""
    from grassroots.errors import InvalidInput
    from grassroots.listen import brand_to_mapping

    if (name is None) == (file is None):
        raise InvalidInput("brand add: give either a NAME or --file brand.yaml")
    with workspace() as ws:
        stored = ws.add_brand(
            file or str(name), aliases=alias or (), handles=handle or (), hashtags=hashtag or (),
            products=product or (), competitors=competitor or (), domains=domain or (),
        )  # fmt: skip
    err.print(f"stored brand {stored.name!r}")
    emit_json(brand_to_mapping(stored))


@app.command("list")
def list_brands() -> None:
    """Print every configured brand, one JSON object per line."""
    from grassroots.listen import brand_to_mapping

    with workspace() as ws:
        brands = ws.brands()
    for brand in brands:
        emit_json(brand_to_mapping(brand))


@app.command("mentions")
def mentions(
    file: Annotated[Path, typer.Argument(help="Text file, one post per line (or .jsonl with a text field).")],
    brand: BrandOption,
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: from the suffix).")
    ] = None,
    rejected: Annotated[bool, typer.Option(help="Also show matches judged to be another sense.")] = False,
) -> None:
    """One JSON line per input line: the mentions found, with kind, offsets and reason."""
    with workspace() as ws:
        lines = ws.mentions(file, brand=brand, fmt=cast("TextFormat | None", fmt), rejected=rejected)
    for line in lines:
        emit_json(line.to_dict())


@app.command("engagement")
def engagement(
    brand: BrandOption,
    category_terms: Annotated[
        list[str] | None, typer.Option("--category", help="A category word (repeatable).")
    ] = None,
    tier_system: Annotated[
        str | None,
        typer.Option(
            "--tiers", help="Tier system (markerly_2016, hypeauditor_2023) or a tier YAML file of that shape."
        ),
    ] = None,
) -> None:
    """Engagement per account from the lake (rate, tier percentile, brand share, consistency); JSON lines."""
    from dataclasses import asdict

    with workspace() as ws:
        result = ws.engagement(brand, category_terms=category_terms or (), tier_system=tier_system)
    err.print(f"{len(result.profiles)} accounts; stored in the lake table 'engagement'")
    for p in result.profiles:
        emit_json(asdict(p))
