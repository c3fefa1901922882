"""Read texts to score: one per line, or one JSON object per line.

Shared by every command that scores texts (``listen sentiment``, ``trust disclosure``) so they accept
exactly the same files. The whole file is read and validated before anything is returned, so a
command can refuse bad input before printing its first result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from grassroots.errors import InvalidInput, InvalidRecord, SourceError
from grassroots.ingest.normalise import unicode_problem
from grassroots.ingest.read import parse_json
from grassroots.records import TextRecord

__all__ = ["TextFormat", "read_texts", "resolve_text_format"]

TextFormat = Literal["text", "jsonl"]
_BOM = b"\xef\xbb\xbf"


def resolve_text_format(path: Path, fmt: str | None) -> TextFormat:
    """Pick the format: explicit ``fmt`` wins, else ``.jsonl`` / ``.ndjson`` mean JSONL, else text.

    >>> resolve_text_format(Path("a.ndjson"), None), resolve_text_format(Path("a.txt"), None)
    ('jsonl', 'text')
    """
    if fmt is None:
        return "jsonl" if path.suffix.lower() in {".jsonl", ".ndjson"} else "text"
    if fmt not in ("text", "jsonl"):
        raise InvalidInput(f"fmt={fmt!r}: expected one of text, jsonl")
    return "jsonl" if fmt == "jsonl" else "text"


def _split_lines(data: bytes) -> list[bytes]:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if not data:
        return []
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def _decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        return text, (f"undecodable bytes replaced with U+FFFD (first at byte {exc.start})",)


def read_texts(path: Path, *, fmt: str | None = None) -> list[TextRecord]:
    """Read every text of ``path``: exactly one record per input line, empty lines included.

    Plain text: the line is the text. JSONL: the ``text`` field is the text and ``id`` is echoed;
    an empty line gives an empty text. UTF-8 with or without BOM, LF or CRLF; undecodable bytes are
    replaced and named in the record's ``warnings``, never fatal. A JSONL line that is not a JSON
    object, or whose ``text`` is not a string, raises :class:`InvalidRecord` naming file and line.
    """
    kind = resolve_text_format(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    records: list[TextRecord] = []
    for number, raw in enumerate(_split_lines(data), start=1):
        text, warnings = _decode(raw)
        if kind == "text":
            records.append(TextRecord(line=number, text=text, warnings=warnings))
            continue
        if not text.strip():
            records.append(TextRecord(line=number, text="", warnings=(*warnings, "empty line")))
            continue
        try:
            obj = parse_json(text)
        except json.JSONDecodeError as exc:
            raise InvalidRecord(str(path), number, None, f"not valid JSON: {exc.msg}") from None
        except ValueError as exc:
            raise InvalidRecord(str(path), number, None, f"not valid JSON: {exc}") from None
        if not isinstance(obj, dict):
            raise InvalidRecord(str(path), number, None, "expected a JSON object with a 'text' field")
        value = obj.get("text")
        if value is None:
            value, warnings = "", (*warnings, "no 'text' field")
        elif not isinstance(value, str):
            raise InvalidRecord(str(path), number, "text", f"expected a string, got {type(value).__name__}")
        problem = unicode_problem(value)
        if problem:
            raise InvalidRecord(str(path), number, "text", problem)
        records.append(TextRecord(line=number, text=value, id=obj.get("id"), warnings=warnings))
    return records
