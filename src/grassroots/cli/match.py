"""`grassroots match ...` commands: profiles, and people ranked against a brief."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from grassroots.match import Found

__all__ = ["app"]

app = typer.Typer(help="match commands: who fits a brand's brief, and why.", no_args_is_help=True)


@app.command("profiles")
def profiles(
    full: Annotated[
        bool, typer.Option("--full", help="Recompute every profile, not just changed ones.")
    ] = False,
) -> None:
    """Build the lake table 'profiles' (accounts with new posts only, unless --full)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        built = ws.match_profiles(full=full)
    typer.echo(
        f"accounts\t{built.accounts}\nrecomputed\t{built.recomputed}\nembedded_texts\t{built.embedded_texts}"
    )


@app.command("brief")
def brief(
    file: Annotated[Path, typer.Argument(help="The brief YAML (docs/match.md).")],
    limit: Annotated[int, typer.Option(help="How many people to rank.")] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per person (docs/match.md).")
    ] = False,
    why: Annotated[
        str | None, typer.Option("--why", help="Explain where this account id or handle stands.")
    ] = None,
) -> None:
    """Rank people for a brief with a fit explanation; saved in the lake table 'matches'."""
    from grassroots.cli._console import emit_json, err, workspace

    with workspace() as ws:
        result = ws.match_brief(file, limit=limit, why=why)
    run = result.run
    err.print(
        f"match {result.match_id!r}: {len(run.matches)} ranked of {run.considered} profiles; brief interests "
        f"{', '.join(run.brief_interests) or 'none'}; excluded by filter {run.excluded or 'none'}; "
        f"{run.not_english} non-English profiles not text-ranked (the model is English-only)",
        markup=False,
    )
    if run.why:
        err.print(f"why: {run.why}", markup=False)
    for m in run.matches:
        if as_json:
            emit_json(m.to_json())
            continue
        best = max(m.evidence, key=lambda e: e.similarity, default=None)
        quote = f'  {best.part}: "{best.text[best.span[0] : best.span[1]]}"' if best else ""
        typer.echo(f"{m.rank}\t@{m.handle}\t{m.score:.3f}\t{','.join(m.interests)}{quote}")


JsonFlag = Annotated[bool, typer.Option("--json", help="One JSON object per line (docs/match.md).")]


def _found(items: list[Found], as_json: bool) -> None:
    from grassroots.cli._console import emit_json

    for rank, item in enumerate(items, start=1):
        if as_json:
            emit_json({"rank": rank, **item.to_json()})
        elif item.post_id is None:
            typer.echo(f"{rank}\tperson\t@{item.handle}\t{item.score:.3f}\t{','.join(item.interests)}")
        else:
            start, end = item.span or (0, 0)
            text = item.text or ""
            quote = f"{text[:start]}[{text[start:end]}]{text[end:]}" if end > start else text
            typer.echo(f"{rank}\tpost\t@{item.handle}\t{item.score:.3f}\t{item.post_id}\t{quote}")


def _saved(result_id: str) -> None:
    """Say on stderr where a result was saved (stdout carries the result only)."""
    from grassroots.cli._console import err

    err.print(f"saved in the lake table 'match_results' as {result_id!r}", markup=False)


@app.command("like")
def like(
    file: Annotated[Path, typer.Argument(help="People to look like: one account id or handle per line.")],
    limit: Annotated[int, typer.Option(help="How many lookalikes.")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """People like these (lookalikes by profile vector and shared interests), most alike first."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        found = ws.match_like(file, limit=limit)
    _found(list(found.people), as_json)
    _saved(found.result_id)


@app.command("search")
def search(
    text: Annotated[str, typer.Argument(help="What to look for, in English.")],
    limit: Annotated[int, typer.Option(help="How many people and how many posts.")] = 10,
    as_json: JsonFlag = False,
) -> None:
    """People, then posts, whose text means the most like TEXT (semantic, not keyword)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        found = ws.match_search(text, limit=limit)
    _found(list(found.people), as_json)
    _found(list(found.posts), as_json)
    _saved(found.result_id)


@app.command("overlap")
def overlap(
    file: Annotated[Path, typer.Argument(help="The shortlist: one account id or handle per line.")],
    window: Annotated[int, typer.Option(help="Days of engagement used where followers are unknown.")] = 90,
    as_json: JsonFlag = False,
) -> None:
    """Pairwise audience overlap (Jaccard: exact for small audiences, MinHash for large)."""
    from grassroots.cli._console import emit_json, err, workspace

    with workspace() as ws:
        result = ws.match_overlap(file, window_days=window)
    pairs, bases = result.pairs, result.bases
    _saved(result.result_id)
    fallback = sorted(h for h, b in bases.items() if b != "followers")
    if fallback:
        names = ", ".join("@" + h for h in fallback)
        err.print(f"follower lists unknown for {names}: their audience is the people who engaged with them "
                  f"in the last {window} days (or nobody)", markup=False)  # fmt: skip
    for p in pairs:
        if as_json:
            emit_json({"a": p.a, "b": p.b, "jaccard": round(p.jaccard, 6), "method": p.method,
                       "shared": p.shared, "basis": p.basis})  # fmt: skip
        else:
            typer.echo(f"@{p.a}\t@{p.b}\t{p.jaccard:.4f}\t{p.method}\t{p.basis}")


@app.command("roster")
def roster(
    brief: Annotated[Path, typer.Option("--brief", help="The brief YAML whose filters and fit apply.")],
    k: Annotated[int, typer.Option("--k", help="How many people.")],
    budget: Annotated[float | None, typer.Option(help="Spend at most this (needs --costs).")] = None,
    costs: Annotated[Path | None, typer.Option(help="`id_or_handle COST` per line.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Choose K people reaching the most distinct engaged followers, beside top-K by fit and by followers."""
    from grassroots.cli._console import emit_json, err, workspace

    with workspace() as ws:
        result = ws.match_roster(brief, k=k, budget=budget, costs=costs)
    err.print(
        f"audience basis: {result.basis}; saved in the lake table 'match_results' as {result.result_id!r}",
        markup=False,
    )
    for c in result.choices:
        if as_json:
            emit_json({"strategy": c.strategy, "reach": c.reach, "cost": c.cost, "accounts": list(c.accounts),
                       "handles": list(c.handles)})  # fmt: skip
        else:
            typer.echo(
                f"{c.strategy}\treach {c.reach}\tcost {c.cost:g}\t{' '.join('@' + h for h in c.handles)}"
            )


@app.command("list")
def list_matches() -> None:
    """Saved matches: brief rankings and like / search / overlap / roster results (id, kind, people)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        saved = ws.saved_matches()
    for m in saved:
        typer.echo(f"{m.match_id}\t{m.kind}\t{m.people}")


@app.command("pool")
def pool(
    match_id: Annotated[str, typer.Argument(help="A saved match's id (`grassroots match list`).")],
) -> None:
    """A saved match's people as a campaign pool CSV (person_id first) on stdout."""
    import csv
    import sys

    from grassroots.cli._console import workspace

    with workspace() as ws:
        rows = ws.match_pool(match_id)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["person_id", "platform", "handle", "rank", "score"])
    writer.writerows([r["person_id"], r["platform"], r["handle"], r["rank"], r["score"]] for r in rows)
