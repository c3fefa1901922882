"""Plain records shared by every domain: the vocabulary at the bottom of the stack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ProgressFn", "TextRecord", "no_progress"]

#: ``progress(step, done, total)``: domains report long steps through this; the CLI draws bars on stderr.
ProgressFn = Callable[[str, int, "int | None"], None]


def no_progress(step: str, done: int, total: int | None) -> None:
    """The progress callback that reports nothing."""


@dataclass(frozen=True)
class TextRecord:
    """One input line of a text file (or one JSONL object) to be scored.

    ``line`` is 1-based; ``id`` is echoed verbatim from JSONL input; ``warnings`` explain repairs
    such as replaced undecodable bytes.
    """

    line: int
    text: str
    id: Any = None
    warnings: tuple[str, ...] = field(default=())
