"""`grassroots ingest ...`: load files into the lake (social data) or the store (shop exports)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.ingest import ColumnMap, Source
    from grassroots.ingest import Format as FileFormat

__all__ = ["app"]

app = typer.Typer(help="Load files: posts, accounts, snapshots, comments, follows, shop exports, real dumps.")

FileArg = Annotated[
    Path, typer.Argument(help="The file to load (.jsonl, .csv, .tsv, .parquet, edge list; .gz ok).")
]
Format = Annotated[
    str | None, typer.Option("--format", help="jsonl, csv, tsv, parquet or edges (default: from name).")
]
Platform = Annotated[
    str | None, typer.Option(help="Platform for records that do not name one (e.g. twitter).")
]
Skip = Annotated[
    bool, typer.Option("--skip-invalid", help="Write good rows; bad lines go to a rejects file.")
]
Encoding = Annotated[str | None, typer.Option(help="Text encoding (default UTF-8, with a warned fallback).")]
DataDir = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default: $GRASSROOTS_DATA_DIR).")
]
Map = Annotated[
    str | None,
    typer.Option(
        "--map", help="Which column fills each field: id=COL,author=COL,text=COL,created_at=COL[,label=COL]."
    ),
]
MapFile = Annotated[Path | None, typer.Option("--map-file", help="A YAML map file (columns, date_format).")]
DateFormat = Annotated[
    str | None,
    typer.Option(
        "--date-format",
        help="auto, iso, rfc2822, epoch, epoch_ms, serial_days or a strptime pattern (default auto).",
    ),
]
ClearEmails = Annotated[
    bool, typer.Option("--keep-clear-emails", help="Store e-mails in clear (default: HMAC).")
]
KeepContact = Annotated[
    bool, typer.Option("--keep-contact", help="Keep phone and address columns (dropped).")
]


def _run(
    source: str,
    path: Path,
    data_dir: Path | None,
    *,
    fmt: str | None = None,
    platform: str | None = None,
    skip_invalid: bool = False,
    encoding: str | None = None,
    keep_clear_emails: bool | None = None,
    keep_contact: bool = False,
    column_map: ColumnMap | None = None,
) -> None:
    """Call the Workspace's ingest and render its result: counts on stdout, warnings on stderr."""
    from grassroots.cli._console import emit_json, err, workspace
    from grassroots.errors import InvalidInput

    with workspace(data_dir=data_dir, keep_clear_emails=keep_clear_emails) as ws:
        report = ws.ingest(
            cast("Source", source), path, fmt=cast("FileFormat | None", fmt), platform=platform,
            skip_invalid=skip_invalid, encoding=encoding, keep_contact=keep_contact,
            column_map=column_map,
        )  # fmt: skip
    for warning in report.warnings:
        err.print(f"warning: {warning}", markup=False)
    emit_json(report.summary())
    if report.all_rejected:
        raise InvalidInput(
            f"{path}: every record was rejected ({report.counts.rejected}); see {report.rejects_path}"
        )


def _column_map(spec: str | None, map_file: Path | None, date_format: str | None) -> ColumnMap | None:
    """The map from ``--map`` over ``--map-file``, with ``--date-format``; None when none is given."""
    from dataclasses import replace

    from grassroots.ingest import ColumnMap, check_date_format, load_map_file, merge_maps, parse_map

    cmap = merge_maps(load_map_file(map_file) if map_file else None, parse_map(spec) if spec else None)
    if date_format is not None:
        cmap = replace(cmap or ColumnMap(), date_format=check_date_format(date_format))
    return cmap


def _generic(source: str, help_text: str) -> None:
    @app.command(name=source, help=help_text)
    def command(
        file: FileArg,
        fmt: Format = None,
        platform: Platform = None,
        skip_invalid: Skip = False,
        encoding: Encoding = None,
        map: Map = None,
        map_file: MapFile = None,
        date_format: DateFormat = None,
        data_dir: DataDir = None,
    ) -> None:
        _run(
            source, file, data_dir, fmt=fmt, platform=platform, skip_invalid=skip_invalid,
            encoding=encoding, column_map=_column_map(map, map_file, date_format),
        )  # fmt: skip


def _shape(source: str, help_text: str) -> None:
    @app.command(name=source, help=help_text)
    def command(
        file: FileArg,
        platform: Platform = None,
        skip_invalid: Skip = False,
        encoding: Encoding = None,
        data_dir: DataDir = None,
    ) -> None:
        _run(source, file, data_dir, platform=platform, skip_invalid=skip_invalid, encoding=encoding)


_generic("posts", "Posts, reviews and forum posts (id, author, text, created_at, counts, ...).")
_generic("accounts", "Accounts / profiles (id, handle, followers, following, ...).")
_generic("snapshots", "Account snapshots over time (account_id, observed_at, followers, ...).")
_generic("comments", "Comments on posts (id, post_id, author, text, ...).")
_generic("follows", "Follow edges: src,dst[,weight] CSV/JSONL or plain 'u v' edge lists (SNAP, MUSAE).")
_shape(
    "twitter",
    "Twitter API v1.1 JSON: tweets (with embedded users) or users, one object per line or an array.",
)
_shape("twibot", "The TwiBot-20 JSON dump: profiles, and tweets keyed by (user id, position).")
_shape("sxsw", "The SXSW brand-emotion CSV (tweet text, brand, emotion); try --encoding mac_roman.")


def _shop(source: str, help_text: str) -> None:
    @app.command(name=source, help=help_text)
    def command(
        file: FileArg,
        skip_invalid: Skip = False,
        encoding: Encoding = None,
        keep_clear_emails: ClearEmails = False,
        keep_contact: KeepContact = False,
        data_dir: DataDir = None,
    ) -> None:
        _run(
            source, file, data_dir, skip_invalid=skip_invalid, encoding=encoding,
            keep_clear_emails=keep_clear_emails or None, keep_contact=keep_contact,
        )  # fmt: skip


_shop("shopify-customers", "Shopify customers export CSV (Email hashed, phone/address dropped by default).")
_shop("shopify-orders", "Shopify orders export CSV (Name, Email, Created at, Total, Discount Code, ...).")
