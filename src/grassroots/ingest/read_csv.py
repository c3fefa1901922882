"""The CSV/TSV reader: RFC 4180 records with their line numbers, and located errors for broken quoting.

A quoted field that never closes would otherwise swallow the rest of the file into one field. Here
it is an error at the line where the quote opened, and the lines it swallowed are read again as
records of their own; so are the later lines of a multi-line record with the wrong number of
columns or a quote closed with text after it (``"abc"def``). Records spanning many lines are warned
about.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from grassroots.errors import SourceError

__all__ = ["MAX_FIELD", "SPAN_WARN_LINES", "RawRecord", "csv_records"]

#: Largest CSV field accepted (a post over 1 MB is fine; 64 MB is surely not a post).
MAX_FIELD = 64 * 1024 * 1024


@dataclass(frozen=True)
class RawRecord:
    """One record as read: its first line number, its values, or why it could not be parsed."""

    line: int
    values: dict[str, Any] | None
    raw: str = ""
    error: str | None = None


class _Lines:
    """Feeds decoded lines to :mod:`csv`, remembers the lines of the current record, takes lines back.

    A record's lines are kept (``taken``) until the next one starts, so a record found broken (a
    quote that never closes, a field over the limit) can be rejected and its later lines re-read.
    """

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self._back: list[tuple[int, str]] = []
        self.taken: list[tuple[int, str]] = []
        self.exhausted = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            number, text = self._back.pop()
        else:
            item = next(self._lines, None)
            if item is None:
                self.exhausted = True
                raise StopIteration
            number, text = item
        self.taken.append((number, text))
        return text + "\n"

    def start_record(self) -> None:
        """Forget the previous record's lines."""
        self.taken = []
        self.exhausted = False

    def reread_after(self, line: int) -> None:
        """Give back the current record's lines after ``line`` (they are read again as new records)."""
        again = [item for item in self.taken if item[0] > line]
        self._back.extend(reversed(again))
        self.taken = [item for item in self.taken if item[0] <= line]

    @property
    def first(self) -> int:
        return self.taken[0][0] if self.taken else 0

    @property
    def last(self) -> int:
        return self.taken[-1][0] if self.taken else 0


#: A record spanning more physical lines than this is warned about (a quote may be misplaced).
SPAN_WARN_LINES = 20


def _quote_state(taken: list[tuple[int, str]], delimiter: str) -> tuple[int | None, bool]:
    """The line where a quoted field opened and never closed (or None), and whether a quoted field
    closed with something other than a delimiter or line end after it (``"abc"def``).

    >>> _quote_state([(4, 'a,"b""c'), (5, 'd')], ",")
    (4, False)
    >>> _quote_state([(4, 'a,"b'), (5, 'c" d')], ",")
    (None, True)
    """
    opened: int | None = None
    odd_close = False
    at_start = True
    for number, text in taken:
        chars = iter(text + "\n")
        for ch in chars:
            if opened is None:
                opened = number if ch == '"' and at_start else None
                at_start = ch in (delimiter, "\n")
            elif ch == '"':
                after = next(chars, "")
                if after != '"':  # a doubled quote is a quote inside the field
                    opened, at_start = None, after in (delimiter, "\n")
                    odd_close = odd_close or not at_start
    return opened, odd_close


def csv_records(
    numbered_lines: Iterator[tuple[int, str]], source: str, warnings: list[str], *, delimiter: str = ","
) -> Iterator[RawRecord]:
    """CSV records (header row first) from ``(line number, text)`` pairs; errors are located records.

    A quoted field that never closes is an error at the line where it opened, and the lines it
    swallowed are read again as records of their own; so are the later lines of a record with the
    wrong number of columns. ``source`` names the file in warnings and header errors.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD))
    lines = _Lines(numbered_lines)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise SourceError(f"{source}:{lines.first}: header: not valid CSV: {exc}") from None
    if header is None:
        return
    if lines.exhausted and _quote_state(lines.taken, delimiter)[0] is not None:
        raise SourceError(f"{source}:1: header: a quote opened here never closes")
    names = [h.strip() for h in header]
    width = len(names)
    while True:
        lines.start_record()
        try:
            row = next(reader, None)
        except csv.Error as exc:
            start = lines.first
            lines.reread_after(start)
            yield RawRecord(start, None, "", f"not valid CSV: {exc}")
            continue
        if row is None:
            return
        taken = lines.taken
        if len(taken) == 1 and len(row) == width and not lines.exhausted:  # the common case, inline
            if "".join(row).strip():
                yield RawRecord(taken[0][0], dict(zip(names, row, strict=True)), delimiter.join(row))
            continue
        record = _csv_record(source, lines, row, names, delimiter, warnings)
        if record is not None:
            yield record


def _csv_record(
    path: str, lines: _Lines, row: list[str], names: list[str], delimiter: str, warnings: list[str]
) -> RawRecord | None:
    """The record for ``row``, or a located error for a quote left open (its later lines re-read)."""
    start, end = lines.first, lines.last
    opened, odd_close = (
        _quote_state(lines.taken, delimiter) if end > start or lines.exhausted else (None, False)
    )
    if opened is not None:
        lines.reread_after(opened)
        raw = lines.taken[-1][1][:200] if lines.taken else ""
        return RawRecord(opened, None, raw, "a quote opened on this line never closes")
    if not "".join(row).strip():
        return None
    raw = delimiter.join(row)
    if len(row) != len(names) or odd_close:
        problem = f"expected {len(names)} columns, got {len(row)}" if len(row) != len(names) else ""
        if end > start:
            lines.reread_after(start)
            problem = problem or "a quoted field closes with text after its quote"
            problem += f" (a quoted field runs from line {start} to {end}; lines after {start} read again)"
            raw = raw[:200]
            return RawRecord(start, None, raw, problem)
        if problem:
            return RawRecord(start, None, raw, problem)
    if end - start >= SPAN_WARN_LINES:
        warnings.append(f"{path}:{start}: one record spans lines {start}-{end}; is a quote misplaced?")
    return RawRecord(start, dict(zip(names, row, strict=True)), raw)
