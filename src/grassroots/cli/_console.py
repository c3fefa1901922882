"""What every command shares at the edge: settings, stderr console, progress bars, JSON lines out.

stdout carries results only. Logs and progress go to stderr, and bars are drawn only when stderr is
a terminal.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from grassroots.config import Settings, load_settings
from grassroots.records import ProgressFn

if TYPE_CHECKING:
    from grassroots.workspace import Workspace

__all__ = ["configure_logging", "emit_json", "err", "progress_bars", "settings", "workspace"]

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line, at any width


def settings(**overrides: object) -> Settings:
    """Build settings once for this command (environment, config file, CLI overrides)."""
    return load_settings(overrides=overrides)


def configure_logging(level: str) -> None:
    """Send our log records (``grassroots.*``) at ``level`` and above to stderr, one line each.

    Called once per process at the edge; calling it again only changes the level.
    """
    ours = logging.getLogger("grassroots")
    ours.setLevel(level.upper())
    if not any(getattr(h, "name", None) == "grassroots-stderr" for h in ours.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.name = "grassroots-stderr"
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        ours.addHandler(handler)
        ours.propagate = False


def emit_json(obj: Any) -> None:
    """Write one JSON object as one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")) + "\n")


@contextmanager
def progress_bars() -> Iterator[ProgressFn]:
    """Yield a ``progress(step, done, total)`` callback drawing rich bars on stderr when it is a TTY."""
    if not sys.stderr.isatty():
        yield lambda step, done, total: None
        return
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )
    tasks: dict[str, Any] = {}

    def report(step: str, done: int, total: int | None) -> None:
        if step not in tasks:
            tasks[step] = bars.add_task(step, total=total)
        bars.update(tasks[step], completed=done, total=total)

    with bars:
        yield report


@contextmanager
def workspace(**overrides: object) -> Iterator[Workspace]:
    """The Workspace every command calls: settings from this edge, actor ``cli``, bars on stderr.

    Render results after the ``with`` block, so they are not drawn among the bars.
    """
    from grassroots.workspace import Workspace

    with progress_bars() as progress:
        yield Workspace(settings=settings(**overrides), actor="cli", progress=progress)
