"""The rejects file written by ``--skip-invalid``: one CSV row per rejected input line, with the reason.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage return)
are prefixed with ``'`` so opening the file cannot execute anything.

>>> escape_cell("=HYPERLINK(1)"), escape_cell("fine")
("'=HYPERLINK(1)", 'fine')
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

from grassroots.lake import Reject

__all__ = ["RejectsWriter", "escape_cell"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_RAW = 2000


def escape_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in one cell."""
    return "'" + value if value.startswith(_FORMULA_START) else value


class RejectsWriter:
    """Writes rejects to ``path`` as they come; the file is created on the first reject only."""

    def __init__(self, path: Path, source: Path) -> None:
        self.path = path
        self.source = source
        self.count = 0
        self._handle: IO[str] | None = None
        self._writer: csv.DictWriter[str] | None = None

    def add(self, reject: Reject) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8", errors="backslashreplace", newline="")
            self._writer = csv.DictWriter(self._handle, ["file", "line", "field", "problem", "raw"])
            self._writer.writeheader()
        raw = reject.raw if len(reject.raw) <= _MAX_RAW else reject.raw[:_MAX_RAW] + "..."
        row = {"file": str(self.source), "line": str(reject.line), "field": reject.field or ""}
        row |= {"problem": reject.problem, "raw": raw}
        self._writer.writerow({k: escape_cell(v) for k, v in row.items()})
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()

    @property
    def written(self) -> Path | None:
        """The rejects file, or None when nothing was rejected."""
        return self.path if self.count else None
