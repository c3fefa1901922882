"""`grassroots brand ...`: configure the brands to listen for, find their mentions, measure engagement."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat

from grassroots.cli._console import emit_json, err, workspace

__all__ = ["app"]

app = typer.Typer(
    help="Configure brands (names, handles, hashtags, products) in the store and find their mentions."
)

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
    file: Annotated[Path | None, typer.Option("--file", help="A brand YAML file to import.")] = None,
) -> None:
    """Add a brand to the store, or add names to an existing one (lists are merged). Prints it."""
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
    """Print every brand in the store, one JSON object per line."""
    from grassroots.listen import brand_to_mapping

    with workspace() as ws:
        brands = ws.brands()
    for brand in brands:
        emit_json(brand_to_mapping(brand))


@app.command("edit")
def edit(
    name: Annotated[str, typer.Argument(help="A configured brand.")],
    add: Annotated[
        list[str] | None, typer.Option("--add", help="FIELD=VALUE to add, e.g. products='Men+Care'.")
    ] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="FIELD=VALUE to remove, e.g. hashtags=dove.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Replace the whole brand with this YAML file.")
    ] = None,
) -> None:
    """Change a stored brand: add or remove list values, or replace it from YAML. Prints it."""
    from grassroots.listen import brand_to_mapping

    with workspace() as ws:
        stored = ws.edit_brand(
            name, add=_pairs(add or [], "--add"), remove=_pairs(remove or [], "--remove"), file=file
        )
    emit_json(brand_to_mapping(stored))


def _pairs(items: list[str], flag: str) -> dict[str, list[str]]:
    from grassroots.errors import InvalidInput

    out: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not value.strip():
            raise InvalidInput(f"{flag} {item!r}: expected FIELD=VALUE, e.g. {flag} products='Men+Care'")
        out.setdefault(key.strip(), []).append(value)
    return out


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="A configured brand.")]) -> None:
    """Remove a brand from the store (its stored results in the lake stay until re-run or erased)."""
    with workspace() as ws:
        gone = ws.remove_brand(name)
    err.print(f"removed brand {gone.name!r}")


@app.command("export")
def export(
    name: Annotated[str, typer.Argument(help="A configured brand.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write this YAML file instead of stdout.")] = None,
) -> None:
    """Write a stored brand as YAML (what `brand add --file` imports)."""
    import sys

    with workspace() as ws:
        text = ws.export_brand(name)
    if out is None:
        sys.stdout.write(text)
        return
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(out)
    err.print(f"wrote {out}")


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
