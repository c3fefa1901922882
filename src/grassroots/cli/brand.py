"""`grassroots brand ...`: configure the brands to listen for, and find their mentions in a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grassroots.cli._console import emit_json, err, settings

__all__ = ["app"]

app = typer.Typer(help="Configure brands (names, handles, hashtags, products) and find their mentions.")

Many = Annotated[list[str] | None, typer.Option(help="Repeat for several values.")]


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
    from grassroots.listen import Brand, BrandBook, brand_to_mapping, load_brand

    if (name is None) == (file is None):
        raise InvalidInput("brand add: give either a NAME or --file brand.yaml")
    extra = {"aliases": alias, "handles": handle, "hashtags": hashtag, "products": product}
    extra |= {"competitors": competitor, "domains": domain}
    brand = load_brand(file) if file else Brand.from_name(str(name), **{k: v or [] for k, v in extra.items()})
    stored = BrandBook(settings().data_dir / "brands").add(brand)
    err.print(f"stored brand {stored.name!r}")
    emit_json(brand_to_mapping(stored))


@app.command("list")
def list_brands() -> None:
    """Print every configured brand, one JSON object per line."""
    from grassroots.listen import BrandBook, brand_to_mapping

    for brand in BrandBook(settings().data_dir / "brands").list():
        emit_json(brand_to_mapping(brand))


@app.command("mentions")
def mentions(
    file: Annotated[Path, typer.Argument(help="Text file, one post per line (or .jsonl with a text field).")],
    brand: Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: from the suffix).")
    ] = None,
    rejected: Annotated[bool, typer.Option(help="Also show matches judged to be another sense.")] = False,
) -> None:
    """One JSON line per input line: the mentions found, with kind, offsets and reason."""
    from dataclasses import asdict

    from grassroots.ingest import read_texts
    from grassroots.listen import BrandBook, find_mentions

    target = BrandBook(settings().data_dir / "brands").resolve(brand)
    records = read_texts(file, fmt=fmt)  # the whole input is validated before the first line is printed
    for rec in records:
        found = [asdict(m) for m in find_mentions(rec.text, target, include_rejected=rejected)]
        row = {"line": rec.line, "id": rec.id, "mentions": found, "warnings": list(rec.warnings)}
        emit_json(row)


@app.command("engagement")
def engagement(
    brand: Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")],
    category: Many = None,
    tiers: Annotated[
        str | None,
        typer.Option(help="Tier system (markerly_2016, hypeauditor_2023) or a tier YAML file of that shape."),
    ] = None,
) -> None:
    """Engagement per account from the lake (rate, tier percentile, brand share, consistency); JSON lines."""
    from dataclasses import asdict

    from grassroots.lake import open_lake
    from grassroots.listen import BrandBook, engagement_from_lake

    s = settings()
    target = BrandBook(s.data_dir / "brands").resolve(brand)
    with open_lake(s.lake_path) as lake:
        profiles = engagement_from_lake(lake, target, category_terms=category or [], tier_system=tiers)
    err.print(f"{len(profiles)} accounts; stored in the lake table 'engagement'")
    for p in profiles:
        emit_json(asdict(p))
