"""`grassroots listen ...` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(help="listen commands.", no_args_is_help=True)


@app.command("sentiment")
def sentiment(
    file: Annotated[Path, typer.Argument(help="One text per line, or JSONL with a 'text' field (and 'id').")],
    brand: Annotated[
        str | None,
        typer.Option(
            "--brand", help="Score toward this brand: configured brand, brand YAML file, or bare name."
        ),
    ] = None,
    path: Annotated[str, typer.Option("--path", help="fast (n-grams) or accurate (MiniLM).")] = "accurate",
    fmt: Annotated[
        str | None, typer.Option("--format", help="text or jsonl (default: by extension).")
    ] = None,
) -> None:
    """Score sentiment, one JSON line per input line, in order (toward --brand when given)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, settings
    from grassroots.ingest import read_texts
    from grassroots.listen import BrandBook, load_scorer, score_texts

    target = BrandBook(settings().data_dir / "brands").resolve(brand) if brand else None
    records = read_texts(file, fmt=fmt)
    results = score_texts([r.text for r in records], scorer=load_scorer(path), brand=target)
    for record, result in zip(records, results, strict=True):
        row = result.as_dict() | ({"id": record.id} if record.id is not None else {})
        warnings = [*record.warnings, *result.warnings]
        emit_json(row | ({"warnings": warnings} if warnings else {}))


@app.command("evaluate")
def evaluate(
    brand: Annotated[
        str | None,
        typer.Option(help="Only labels about this brand (configured, YAML file or bare name); default all."),
    ] = None,
    path: Annotated[str, typer.Option("--path", help="fast, accurate or vader.")] = "accurate",
    labels: Annotated[
        str | None, typer.Option("--labels", help="Label source in the lake (default: the only one).")
    ] = None,
) -> None:
    """Our sentiment toward the brand vs the labels loaded with the posts: recall, confusion matrix (JSON)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, settings
    from grassroots.lake import open_lake
    from grassroots.listen import BrandBook, evaluate_labels

    s = settings()
    book = BrandBook(s.data_dir / "brands")
    target = book.resolve(brand) if brand else None
    with open_lake(s.lake_path) as lake:
        check = evaluate_labels(lake, path=path, label_source=labels, brand=target, resolve=book.resolve)  # type: ignore[arg-type]
    emit_json(check.as_dict())


@app.command("scan")
def scan(
    brand: Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")],
    path: Annotated[str, typer.Option("--path", help="fast (n-grams) or accurate (MiniLM).")] = "accurate",
    by: Annotated[str, typer.Option("--by", help="week, author or post: what each output line is.")] = "week",
) -> None:
    """Find every lake post about the brand, score sentiment toward it, store `brand_mentions`; JSON lines."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, err, progress_bars, settings
    from grassroots.errors import InvalidInput
    from grassroots.lake import open_lake
    from grassroots.listen import BrandBook, load_scorer, scan_brand, summarise

    if by not in ("week", "author", "post"):
        raise InvalidInput(f"--by: expected week, author or post, got {by!r}")
    s = settings()
    book = BrandBook(s.data_dir / "brands")
    target = book.resolve(brand)
    rivals = [book.resolve(name) for name in target.competitors]  # configured ones detect better
    scorer = load_scorer(path)
    with open_lake(s.lake_path) as lake, progress_bars() as progress:
        rows = scan_brand(lake, target, scorer=scorer, path=path, competitors=rivals, progress=progress)
    own = sum(1 for r in rows if r["subject"] == target.name)
    err.print(
        f"{own} posts about {target.name}, {len(rows) - own} about its competitors; "
        "stored in the lake table 'brand_mentions'"
    )
    for line in summarise(rows, by=by):  # type: ignore[arg-type]
        emit_json(line)


@app.command("themes")
def themes_command(
    brand: Annotated[str, typer.Option(help="Configured brand, a brand YAML file, or a bare name.")],
    subject: Annotated[
        str | None, typer.Option(help="A competitor scanned with the brand (default: the brand itself).")
    ] = None,
    top: Annotated[int, typer.Option(help="Themes per sentiment label.")] = 10,
) -> None:
    """Words and phrases that set negative / neutral / positive posts apart (after `listen scan`)."""
    from dataclasses import asdict

    from grassroots.cli._console import emit_json, settings
    from grassroots.errors import InvalidInput, NotFound
    from grassroots.lake import open_lake
    from grassroots.listen import BrandBook, read_brand_mentions, themes

    if top < 1:
        raise InvalidInput(f"--top: expected at least 1, got {top}")
    s = settings()
    book = BrandBook(s.data_dir / "brands")
    target = book.resolve(brand)
    about = book.resolve(subject) if subject else target
    with open_lake(s.lake_path, read_only=True) as lake:
        rows = read_brand_mentions(lake, target, subject=about)
    if not rows:
        raise NotFound(
            f"no scanned posts about {about.name} for {target.name}: run `grassroots listen scan` first"
        )
    for theme in themes(rows, brand=about, top=top):
        emit_json(asdict(theme))
