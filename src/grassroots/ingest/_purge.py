"""Removing one person's lines from the text files an installation writes (rejects, results, demo files).

A line goes when it names the person: a JSON line whose id-like field (``id``, ``author``,
``account_id``, ``handle``, ``email``, ...) holds one of their ids, handles or e-mail addresses, or
whose free text has ``@handle`` or the address in it; a CSV row (a rejects file) when one of its
cells, or the raw input line it quotes, does; a plain text line (``seed-plan.txt``) when it is one
of their ids. Whole-token comparison keeps ``ann`` from matching ``joanne``, and ``77`` in
``"likes": 77`` is not an account. Each file is rewritten aside and renamed, so it is whole before
and after.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Identifiers", "purge_files"]

#: Folders of the data directory holding files the product writes from people's data.
PURGED_FOLDERS = ("rejects", "results", "demo-world", "shortlists")
_TEXT_SUFFIXES = (".jsonl", ".json", ".csv", ".tsv", ".txt")
#: JSON keys whose values identify someone; other values count only when their text has ``@handle`` / e-mail.
_ID_KEY = re.compile(r"(^|_)(id|author|src|dst|user|account|customer|handle|email|username|screen_name)s?$")
_TOKEN = re.compile(r"[\w.+-]+@[\w.-]+\w|@?[\w.]+")


@dataclass(frozen=True)
class Identifiers:
    """What names the person in a file: ids (exact), handles and e-mails (any case)."""

    ids: frozenset[str]
    handles: frozenset[str]
    emails: frozenset[str]

    def token(self, word: str) -> bool:
        """Is this whole token one of the person's identifiers?"""
        low = word.lower()
        return word in self.ids or low.removeprefix("@") in self.handles or low in self.emails

    def text(self, text: str) -> bool:
        """Does free text name the person: ``@handle`` or their e-mail address in it?"""
        for word in _TOKEN.findall(text):
            low = word.lower()
            if (word.startswith("@") and low[1:] in self.handles) or low in self.emails:
                return True
        return False


def _json_names(value: object, ident: Identifiers, key: str = "") -> bool:
    if isinstance(value, str):
        return (bool(_ID_KEY.search(key.lower())) and ident.token(value)) or ident.text(value)
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return bool(_ID_KEY.search(key.lower())) and str(value) in ident.ids
    if isinstance(value, dict):
        return any(_json_names(v, ident, str(k)) for k, v in value.items())
    if isinstance(value, list):
        return any(_json_names(v, ident, key) for v in value)
    return False


def _line_names(line: str, ident: Identifiers) -> bool:
    """A raw input line (JSON, CSV, or an edge list): does it name the person?"""
    text = line.strip()
    if text.startswith(("{", "[")):
        try:
            return _json_names(json.loads(text), ident)
        except ValueError:
            pass
    # a CSV cell may hold several lines (a DM task's message): read the text as a whole CSV
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row] if text else []
    words = [w for cell in cells for w in re.split(r"[\s;|]+", cell.strip()) if w]
    # a rewards-ledger account ``person:ID:points`` names the person ID (which may hold ``:`` itself)
    words += [
        w.split(":", 1)[1].rsplit(":", 1)[0] for w in words if w.startswith("person:") and w.count(":") >= 2
    ]
    return any(ident.token(w) for w in words) or any(ident.text(cell) for cell in cells)


def _purge_csv(text: str, ident: Identifiers) -> tuple[str, int]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    kept = [rows[0]] if rows else []
    for row in rows[1:]:
        if not any(ident.token(cell) or ident.text(cell) or _line_names(cell, ident) for cell in row):
            kept.append(row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    return out.getvalue(), len(rows) - len(kept)


def _purge_lines(text: str, ident: Identifiers, *, jsonl: bool) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)
    if jsonl:
        kept = [line for line in lines if not line.strip() or not _line_names(line, ident)]
    else:
        kept = [line for line in lines if not (line.strip() and _line_names(line, ident))]
    return "".join(kept), len(lines) - len(kept)


def purge_file(path: Path, ident: Identifiers) -> int:
    """Rewrite ``path`` without the lines naming the person; returns lines removed (0: untouched)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return 0  # not a text file we wrote (a Parquet export, a model): the byte test would name it
    if path.suffix in (".csv", ".tsv"):
        new, removed = _purge_csv(text, ident)
    elif path.suffix == ".json":
        data, removed = _scrub(_load(text), ident)
        new = json.dumps(data, ensure_ascii=False, indent=1) + "\n" if removed else text
    else:
        new, removed = _purge_lines(text, ident, jsonl=path.suffix == ".jsonl")
    if removed:
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    return removed


def _load(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _names_directly(value: object, ident: Identifiers) -> bool:
    """A list element about the person: their id itself, or an object whose own fields name them."""
    if isinstance(value, str):
        return ident.token(value)
    if isinstance(value, dict):
        return any(
            (isinstance(v, str) and ident.token(v))
            or (_ID_KEY.search(str(k).lower()) and str(v) in ident.ids)
            for k, v in value.items()
            if not isinstance(v, (dict, list, bool))
        )
    return False


def _scrub(value: object, ident: Identifiers) -> tuple[object, int]:
    """A JSON document (``truth.json``) without the list items and keys naming the person."""
    if isinstance(value, list):
        kept, removed = [], 0
        for item in value:
            if _names_directly(item, ident):
                removed += 1
                continue
            item, inner = _scrub(item, ident)
            kept.append(item)
            removed += inner
        return kept, removed
    if isinstance(value, dict):
        out, removed = {}, 0
        for key, item in value.items():
            if ident.token(str(key)):
                removed += 1
                continue
            out[key], inner = _scrub(item, ident)
            removed += inner
        return out, removed
    return value, 0


def purge_files(data_dir: Path, ident: Identifiers) -> dict[str, int]:
    """Purge every text file under the data directory's :data:`PURGED_FOLDERS`; lines removed per file."""
    removed: dict[str, int] = {}
    for path in _text_files(data_dir / folder for folder in PURGED_FOLDERS):
        count = purge_file(path, ident)
        if count:
            removed[str(path.relative_to(data_dir))] = count
    return removed


def _text_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(
        p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.suffix in _TEXT_SUFFIXES
    )
