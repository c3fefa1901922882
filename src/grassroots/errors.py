"""One exception tree for Grassroots.

::

    GrassrootsError                 base of everything we raise on purpose
    ├── InvalidInput                bad user input: a file, line, field or option
    │   ├── InvalidRecord           one record of a file failed validation (file, line, field)
    │   └── InvalidValue            one value cannot be read (field, problem); readers add FILE:LINE
    ├── NotFound                    a named thing (brand, person, run, model) does not exist
    ├── SourceError                 a source could not be read (missing file, unreadable encoding)
    ├── StoreError                  the operational store or the lake refused an operation
    │   └── Busy                    another process is writing the data directory (exit code 75)
    └── MissingDependency           an optional extra is not installed (message names the extra)

Domain code raises these; only ``cli`` and ``web`` translate them for people.
Messages name the bad value and what would be accepted.
"""

from __future__ import annotations

__all__ = [
    "Busy",
    "GrassrootsError",
    "InvalidInput",
    "InvalidRecord",
    "InvalidValue",
    "MissingDependency",
    "NotFound",
    "SourceError",
    "StoreError",
]


class GrassrootsError(Exception):
    """Base class of every error Grassroots raises on purpose."""


class InvalidInput(GrassrootsError):
    """User input (an option, a file, a value) that cannot be used."""


class InvalidRecord(InvalidInput):
    """One record of an input file failed validation.

    The string form is ``FILE:LINE: field: problem`` so a person can jump to it.

    >>> str(InvalidRecord("posts.jsonl", 3, "created_at", "not a date: 'yesterday'"))
    "posts.jsonl:3: created_at: not a date: 'yesterday'"
    """

    def __init__(self, path: str, line: int | None, field: str | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.problem = problem
        super().__init__(self.render())

    def render(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.problem}" if self.field else f"{where}: {self.problem}"


class InvalidValue(InvalidInput):
    """One value of a record cannot be read: ``field`` names it, ``problem`` says why.

    Raised by the shared value parsers (:mod:`grassroots.rules.values`), which see a value but not
    its file; the reader that knows the file and line turns it into :class:`InvalidRecord`.

    >>> str(InvalidValue("followers", "must be >= 0, got -3"))
    'followers: must be >= 0, got -3'
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class NotFound(GrassrootsError):
    """A named thing does not exist."""


class SourceError(GrassrootsError):
    """A source could not be read at all."""


class StoreError(GrassrootsError):
    """The operational store or the lake refused an operation."""


class Busy(StoreError):
    """Another process holds the data directory's writer lock; the message names it. Try again later."""


class MissingDependency(GrassrootsError):
    """An optional extra is missing; the message says which one to install."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"{module} is not installed: pip install 'grassroots[{extra}]'")
