"""Run records: every pipeline step writes one row (what ran, when, how many rows, which code).

>>> counts = UpsertCounts(read=3, inserted=2, updated=1, unchanged=0)
>>> counts.changed
3
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["Reject", "RunRecord", "UpsertCounts", "git_sha", "package_version"]


@dataclass(frozen=True)
class Reject:
    """One input line that was not written, and why (``field: problem``)."""

    line: int
    field: str | None
    problem: str
    raw: str = ""


@dataclass(frozen=True)
class UpsertCounts:
    """What one idempotent upsert did: rows read, inserted, updated, unchanged and rejected."""

    read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int = 0
    run_id: str = ""
    rejects: tuple[Reject, ...] = field(default=(), repr=False)

    @property
    def changed(self) -> int:
        """Rows whose stored values changed (inserted or updated); 0 when a file is re-ingested."""
        return self.inserted + self.updated


@dataclass(frozen=True)
class RunRecord:
    """One row of the ``runs`` table."""

    id: str
    step: str
    started: datetime
    finished: datetime | None
    status: str
    rows_read: int
    rows_inserted: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    parameters: Mapping[str, Any]
    package_version: str
    git_sha: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> RunRecord:
        """Build from a ``SELECT *`` row of ``runs``."""
        values = list(row)
        values[10] = json.loads(values[10] or "{}")
        return cls(*values)


def package_version() -> str:
    """The installed Grassroots version."""
    from grassroots._version import __version__

    return str(__version__)


def git_sha(start: Path | None = None) -> str | None:
    """The commit of the source checkout this code runs from, or None outside a git checkout.

    Reads ``.git`` files directly (no subprocess, no environment).
    """
    here = (start or Path(__file__)).resolve()
    for parent in [here, *here.parents]:
        git = parent / ".git"
        if git.is_dir():
            return _resolve_head(git)
    return None


def _resolve_head(git: Path) -> str | None:
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head or None
        ref = head[5:]
        ref_file = git / ref
        if ref_file.is_file():
            return ref_file.read_text(encoding="utf-8").strip() or None
        packed = git / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                sha, _, name = line.partition(" ")
                if name == ref:
                    return sha
    except OSError:
        return None
    return None
