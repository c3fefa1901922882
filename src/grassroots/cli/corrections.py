"""`grassroots correct ...`: a person marks a score wrong; every later run applies the correction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.store import CorrectionKind

__all__ = ["app"]

app = typer.Typer(
    help="Correct a score (advocate, disclosure, account): kept in the store, applied on every later run.",
    no_args_is_help=True,
)

Platform = Annotated[str, typer.Option(help="Only on this platform (default: any).")]
Note = Annotated[str | None, typer.Option(help="Why (kept with the correction).")]
By = Annotated[str | None, typer.Option(help="Who corrects (default: cli; also in the audit log).")]


def _store(
    kind: str, subject: str, value: str, platform: str, brand: str | None, note: str | None, by: str | None
) -> None:
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.correct(
            cast("CorrectionKind", kind), subject, value, platform=platform, brand=brand, note=note, by=by
        )
    emit_json(found.to_dict())


@app.command("advocate")
def advocate(
    account: Annotated[str, typer.Argument(help="The account id.")],
    brand: Annotated[str, typer.Option(help="The brand the ranking is for.")],
    is_advocate: Annotated[
        bool, typer.Option("--is-advocate", help="Rank them first instead (default: not an advocate).")
    ] = False,
    platform: Platform = "",
    note: Note = None,
    by: By = None,
) -> None:
    """This person is not an advocate of the brand (or, with --is-advocate, is one); prints the correction."""
    _store("advocate", account, "advocate" if is_advocate else "not_advocate", platform, brand, note, by)


@app.command("disclosure")
def disclosure(
    post: Annotated[str, typer.Argument(help="The post id (a lake post, or a JSONL `id` of a texts file).")],
    verdict: Annotated[
        str, typer.Option(help="adequate (it is disclosed), ambiguous, or none (it is not disclosed).")
    ],
    platform: Platform = "",
    note: Note = None,
    by: By = None,
) -> None:
    """This post's disclosure verdict is wrong: give the right one; prints the correction."""
    _store("disclosure", post, verdict, platform, None, note, by)


@app.command("account")
def account(
    account_id: Annotated[str, typer.Argument(help="The account id.")],
    is_: Annotated[str, typer.Option("--is", help="real or fake.")],
    platform: Platform = "",
    note: Note = None,
    by: By = None,
) -> None:
    """This account is real (or fake): overrides the fake-follower verdict; prints the correction."""
    _store("account", account_id, is_, platform, None, note, by)


@app.command("list")
def list_(
    kind: Annotated[str | None, typer.Option(help="advocate, disclosure or account.")] = None,
    brand: Annotated[str | None, typer.Option(help="Only this brand's (advocate) corrections.")] = None,
) -> None:
    """Print the corrections, oldest first, one JSON object per line."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.corrections(kind=cast("CorrectionKind | None", kind), brand=brand)
    for item in found:
        emit_json(item.to_dict())


@app.command("remove")
def remove(
    correction_id: Annotated[int, typer.Argument(help="The correction's id (from `correct list`).")],
    by: By = None,
) -> None:
    """Take a correction back (audited); prints what was removed."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.remove_correction(correction_id, by=by)
    emit_json(found.to_dict())
