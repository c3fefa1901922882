"""`grassroots assistant ...`: the feedback assistant (ask, knowledge base, hand-over queue, feedback)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from grassroots.store import QueueStatus

__all__ = ["app"]

app = typer.Typer(
    help="The feedback assistant: ask it, its knowledge base, the hand-over queue.", no_args_is_help=True
)
kb_app = typer.Typer(help="The brand's knowledge base the assistant answers from.", no_args_is_help=True)
queue_app = typer.Typer(help="Questions handed over to a person: list, assign, answer.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
app.add_typer(queue_app, name="queue")


@app.command("ask")
def ask(
    text: Annotated[str, typer.Argument(help="The customer's message.")],
    session: Annotated[str | None, typer.Option(help="Chat session id (default: a new one).")] = None,
    person: Annotated[str | None, typer.Option(help="Who asks (handle, e-mail or id), for erasure.")] = None,
    brand: Annotated[str | None, typer.Option(help="Brand name the assistant speaks for.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole reply as one JSON object.")
    ] = False,
) -> None:
    """Answer from the knowledge base, or say it does not know and hand over to a person."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        reply = ws.assistant_ask(text, session=session, person=person, brand=brand)
    if as_json:
        emit_json(reply.to_dict())
        return
    lines = [reply.answer]
    lines += [f'  source: {s.document} "{s.section}": "{s.quote}"' for s in reply.sources]
    if reply.handover:
        lines.append(f"  handed over to a person (queue item {reply.extra.get('queue_item')})")
    typer.echo("\n".join(lines))


@app.command("chat-link")
def chat_link(
    person: Annotated[
        str | None, typer.Option(help="Who the link is for (id, handle or e-mail); default: anonymous.")
    ] = None,
    days: Annotated[int, typer.Option(help="Days the link stays valid (1 to 365).")] = 30,
    brand: Annotated[str | None, typer.Option(help="Configured brand (default: the only one).")] = None,
) -> None:
    """Print a signed link to the public chat (GRASSROOTS_BASE_URL/chat/TOKEN)."""
    from grassroots.cli._console import workspace

    with workspace() as ws:
        link = ws.assistant_chat_link(person=person, days=days, brand=brand)
    typer.echo(link.url)


@kb_app.command("add")
def kb_add(
    file: Annotated[Path, typer.Argument(help="A knowledge-base Markdown file (docs/formats.md).")],
) -> None:
    """Check a knowledge-base file and add it (a file of the same name is replaced)."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        doc = ws.assistant_kb_add(file)
    emit_json({"document": doc.name, "title": doc.title, "kind": doc.kind, "passages": len(doc.passages)})


@kb_app.command("list")
def kb_list() -> None:
    """The knowledge base's documents, one JSON line each."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        docs = ws.assistant_kb()
    for doc in docs:
        emit_json({"document": doc.name, "title": doc.title, "kind": doc.kind, "passages": len(doc.passages)})


@kb_app.command("remove")
def kb_remove(
    name: Annotated[str, typer.Argument(help="The file name shown by `assistant kb list`.")],
) -> None:
    """Remove one knowledge-base file."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        ws.assistant_kb_remove(name)
    emit_json({"removed": name})


@queue_app.command("list")
def queue_list(
    status: Annotated[str | None, typer.Option(help="open, assigned or answered.")] = None,
) -> None:
    """Queue items, oldest due first, one JSON line each (``overdue`` when past the SLA)."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        items = ws.assistant_queue(status=cast("QueueStatus | None", status))
    for item in items:
        emit_json(item.to_dict())


@queue_app.command("assign")
def queue_assign(
    item: Annotated[int, typer.Argument(help="The queue item's id.")],
    to: Annotated[str, typer.Option(help="Who answers it.")],
) -> None:
    """Assign a queue item to a person."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.assistant_assign(item, to=to)
    emit_json(found.to_dict())


@queue_app.command("answer")
def queue_answer(
    item: Annotated[int, typer.Argument(help="The queue item's id.")],
    text: Annotated[str, typer.Option("--text", help="The answer.")],
    by: Annotated[str, typer.Option(help="Who answered.")],
) -> None:
    """Record a person's answer to a queue item."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        found = ws.assistant_answer(item, answer=text, by=by)
    emit_json(found.to_dict())


@app.command("feedback")
def feedback(
    themes: Annotated[
        bool, typer.Option("--themes", help="Themes per month instead of the records.")
    ] = False,
) -> None:
    """Feedback records the assistant read (product, topic, sentiment, severity, text), or their themes."""
    from grassroots.cli._console import emit_json, workspace

    with workspace() as ws:
        rows = (
            [t.__dict__ for t in ws.assistant_themes()]
            if themes
            else [
                {**r.__dict__, "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in ws.assistant_feedback()
            ]
        )
    for row in rows:
        emit_json(row)
