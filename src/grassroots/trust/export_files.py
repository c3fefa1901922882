"""Read a directory of platform export files (the demo world writes the same) for the trust stage.

Files: ``accounts.csv`` (profiles), ``account_snapshots.csv`` (weekly counts), ``follows.csv``
(``src`` follows ``dst``), ``posts.jsonl`` and ``comments.jsonl``. Only the columns named here are
read; everything else is ignored.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidRecord, InvalidValue, SourceError
from grassroots.rules import parse_count
from grassroots.trust.profiles import Profile, read_profiles

__all__ = ["ExportData", "read_export"]


@dataclass(frozen=True)
class ExportData:
    """Everything the trust stage reads, indexed by account id."""

    accounts: dict[str, Profile]
    handles: dict[str, str]
    followers: dict[str, list[str]]
    snapshots: dict[str, list[float]]
    posts: dict[str, list[dict[str, Any]]]
    comments: dict[str, list[dict[str, Any]]]


def _need(directory: Path, name: str) -> Path:
    path = directory / name
    if not path.exists():
        raise SourceError(
            f"{path}: missing (expected the platform export files, e.g. from `grassroots demo-world`)"
        )
    return path


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _snapshots(path: Path) -> dict[str, list[tuple[str, float]]]:
    """Follower counts per account, read with the shared value table; a blank count is skipped, not 0."""
    snapshots: dict[str, list[tuple[str, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            try:
                followers = parse_count(row.get("followers"), field="followers")
            except InvalidValue as exc:
                raise InvalidRecord(str(path), reader.line_num, exc.field, exc.problem) from None
            if followers is not None:
                snapshots[row["account_id"]].append((row["observed_at"], float(followers)))
    return snapshots


def read_export(directory: Path) -> ExportData:
    """Read the five export files of ``directory``; comments are keyed by post id, posts by author."""
    accounts = {p.id: p for p in read_profiles(_need(directory, "accounts.csv"))}
    with _need(directory, "accounts.csv").open(encoding="utf-8", newline="") as handle:
        handles = {row["id"]: (row.get("handle") or "").lower() for row in csv.DictReader(handle)}
    followers: dict[str, list[str]] = defaultdict(list)
    with _need(directory, "follows.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            followers[row["dst"]].append(row["src"])
    snapshots = _snapshots(_need(directory, "account_snapshots.csv"))
    posts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for post in _jsonl(_need(directory, "posts.jsonl")):
        posts[str(post["author"])].append(post)
    comments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for comment in _jsonl(_need(directory, "comments.jsonl")):
        comments[str(comment["post_id"])].append(comment)
    return ExportData(
        accounts=accounts,
        handles=handles,
        followers=dict(followers),
        snapshots={k: [c for _, c in sorted(v)] for k, v in snapshots.items()},
        posts=dict(posts),
        comments=dict(comments),
    )
