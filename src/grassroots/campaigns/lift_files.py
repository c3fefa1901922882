"""The two CSV files of ``grassroots campaign lift``: assignments (who is in which arm) and outcomes.

Both have a header; UTF-8 with or without a BOM; LF or CRLF; extra columns are ignored. Every problem
is an :class:`~grassroots.errors.InvalidRecord` ``FILE:LINE: field: problem`` and nothing is guessed:

- ``A.csv`` ``person_id,arm[,stratum]``: ``arm`` is ``treatment`` or ``holdout``; a duplicate
  ``person_id`` names both lines; with a ``stratum`` column every row needs a stratum.
- ``O.csv`` ``person_id,value``: several rows of one person are summed (one row per order); a blank or
  non-numeric value names the line; negative values (refunds) are allowed; a person not in ``A.csv``
  names the line; a person of ``A.csv`` with no row has the value 0.
- ``--covariates`` ``person_id,value`` (CUPED, e.g. pre-period spend): read like ``O.csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from grassroots.campaigns.stats import ARMS, LiftResult, check_confidence, neyman_lift
from grassroots.errors import InvalidInput, InvalidRecord, InvalidValue, SourceError
from grassroots.rules import parse_number

__all__ = ["Assignment", "lift_from_files", "read_assignments", "read_values"]


@dataclass(frozen=True)
class Assignment:
    """One row of ``A.csv``: a person, their arm, their stratum (``None`` without the column)."""

    person_id: str
    arm: str
    stratum: str | None
    line: int


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each data row of a CSV file, after checking its header has ``required``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidRecord(str(path), line, None, f"not UTF-8 (byte {data[exc.start]:#04x})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InvalidRecord(
            str(path), 1, None, f"empty file: expected a header {','.join(required)}"
        ) from None
    except csv.Error as exc:
        raise InvalidRecord(str(path), 1, None, f"bad CSV: {exc}") from None
    for name in required:
        if name not in header:
            raise InvalidRecord(str(path), 1, name, f"missing column (header is {','.join(header)!r})")
    index = {name: header.index(name) for name in header if name}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidRecord(str(path), reader.line_num, None, f"bad CSV: {exc}") from None
        if not any(c.strip() for c in cells):
            continue  # a blank line (a trailing newline written twice) is no record
        yield reader.line_num, {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}


def _person(path: Path, line: int, row: dict[str, str]) -> str:
    person = row["person_id"].strip()
    if not person:
        raise InvalidRecord(str(path), line, "person_id", "blank")
    return person


def read_assignments(path: Path) -> list[Assignment]:
    """The rows of ``A.csv`` in file order; see the module docstring for what is refused."""
    out: list[Assignment] = []
    seen: dict[str, int] = {}
    stratified: bool | None = None
    for line, row in _rows(path, ("person_id", "arm")):
        if stratified is None:
            stratified = "stratum" in row
        person = _person(path, line, row)
        if person in seen:
            problem = f"duplicate {person!r} (lines {seen[person]} and {line})"
            raise InvalidRecord(str(path), line, "person_id", problem)
        seen[person] = line
        arm = row["arm"].strip()
        if arm not in ARMS:
            raise InvalidRecord(str(path), line, "arm", f"expected one of {', '.join(ARMS)}, got {arm!r}")
        stratum = row["stratum"].strip() if stratified else None
        if stratified and not stratum:
            raise InvalidRecord(str(path), line, "stratum", "blank (the file has a stratum column)")
        out.append(Assignment(person, arm, stratum, line))
    return out


def read_values(path: Path, people: Mapping[str, object], *, source: str) -> dict[str, float]:
    """``person_id -> summed value`` of ``O.csv`` (or a covariates file); ``people`` are A.csv's ids.

    ``source`` names the file that defines the people (for the error of an unknown person).
    """
    sums: dict[str, float] = {}
    for line, row in _rows(path, ("person_id", "value")):
        person = _person(path, line, row)
        if person not in people:
            raise InvalidRecord(str(path), line, "person_id", f"{person!r} is not in {source}")
        try:
            value = parse_number(row["value"], field="value")
        except InvalidValue as exc:
            raise InvalidRecord(str(path), line, exc.field, exc.problem) from None
        if value is None:
            raise InvalidRecord(str(path), line, "value", "blank (write 0 for no value)")
        sums[person] = sums.get(person, 0.0) + value
    return sums


def lift_from_files(
    assignments: Path, outcomes: Path, *, confidence: float = 0.9, covariates: Path | None = None
) -> LiftResult:
    """Read ``A.csv`` and ``O.csv`` (and optional CUPED covariates) and estimate the lift."""
    confidence = check_confidence(confidence)
    rows = read_assignments(assignments)
    people = {r.person_id: r for r in rows}
    values = read_values(outcomes, people, source=str(assignments))
    cov = None
    if covariates is not None:
        pre = read_values(covariates, people, source=str(assignments))
        cov = [pre.get(r.person_id, 0.0) for r in rows]
    stratified = bool(rows) and rows[0].stratum is not None
    try:
        return neyman_lift(
            [values.get(r.person_id, 0.0) for r in rows],
            [r.arm for r in rows],
            strata=[str(r.stratum) for r in rows] if stratified else None,
            covariate=cov,
            confidence=confidence,
        )
    except InvalidInput as exc:  # too few people in an arm: a problem of the assignments file
        raise InvalidRecord(str(assignments), None, None, str(exc)) from None
