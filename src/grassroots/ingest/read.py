"""Streaming readers: JSONL, CSV/TSV, Parquet and plain edge lists, one raw record at a time.

Nothing reads a whole file into memory. Lines are decoded one by one: UTF-8 (a BOM is dropped,
CRLF is accepted) unless ``encoding`` is given; a line that does not decode falls back to cp1252,
then latin-1, and adds a warning naming ``FILE:LINE`` so the user can pass ``--encoding``.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, cast

from grassroots.errors import InvalidInput, SourceError
from grassroots.ingest.read_csv import MAX_FIELD, RawRecord, csv_records

__all__ = [
    "FORMATS",
    "MAX_FIELD",
    "Format",
    "RawRecord",
    "check_encoding",
    "csv_records",
    "iter_records",
    "parse_json",
    "resolve_format",
]

Format = Literal["jsonl", "csv", "tsv", "parquet", "edges"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "tsv", "parquet", "edges")
_SUFFIXES: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "edges",
    ".edges": "edges",
    ".edgelist": "edges",
}
_BOM = b"\xef\xbb\xbf"


def resolve_format(path: Path, fmt: str | None) -> Format:
    """The explicit ``fmt``, else the one the suffix implies (``.gz`` is looked through).

    >>> resolve_format(Path("posts.jsonl.gz"), None), resolve_format(Path("x.bin"), "csv")
    ('jsonl', 'csv')
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise InvalidInput(f"fmt={fmt!r}: expected one of {', '.join(FORMATS)}")
        return fmt
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    raise InvalidInput(
        f"{path}: cannot tell the format from the name; give fmt= (one of {', '.join(FORMATS)})"
    )


def _open(path: Path) -> IO[bytes]:
    try:
        if path.suffix.lower() == ".gz":
            return cast(IO[bytes], gzip.open(path, "rb"))
        return path.open("rb")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _decode(raw: bytes, encoding: str | None, where: str, warnings: list[str]) -> str:
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        pass
    if encoding:
        warnings.append(f"{where}: bytes not valid {encoding} replaced with U+FFFD")
        return raw.decode(encoding, errors="replace")
    for fallback in ("cp1252", "latin-1"):
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError:
            continue
        warnings.append(f"{where}: not valid UTF-8, decoded as {fallback} (pass --encoding to choose)")
        return text
    raise AssertionError("latin-1 decodes every byte")


def check_encoding(encoding: str | None) -> str | None:
    """``encoding`` if Python can decode text with it, else :class:`InvalidInput` (checked up front).

    >>> check_encoding("latin-1"), check_encoding(None)
    ('latin-1', None)
    """
    if encoding is None:
        return None
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InvalidInput(
            f"encoding={encoding!r}: unknown text encoding (e.g. utf-8, latin-1, cp1252)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise InvalidInput(f"encoding={encoding!r}: not a text encoding (e.g. utf-8, latin-1, cp1252)")
    return encoding


def parse_json(text: str) -> Any:
    """``json.loads`` that turns nesting too deep for Python into a ``ValueError`` (never a traceback).

    Lone surrogate escapes (``"\\ud800"``) are accepted here; the fields that store text reject them.

    >>> parse_json('{"a": [1]}')
    {'a': [1]}
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def decoded_lines(path: Path, encoding: str | None, warnings: list[str]) -> Iterator[tuple[int, str]]:
    """``(line number, text without line ending)`` for each physical line, streaming."""
    check_encoding(encoding)
    with _open(path) as handle:
        try:
            for number, raw in enumerate(handle, start=1):
                if number == 1 and raw.startswith(_BOM):
                    raw = raw[len(_BOM) :]
                yield number, _decode(raw.rstrip(b"\r\n"), encoding, f"{path}:{number}", warnings)
        except (OSError, EOFError) as exc:
            raise SourceError(f"{path}: cannot read: {exc}") from exc


def iter_records(
    path: Path, fmt: Format, *, encoding: str | None = None, warnings: list[str] | None = None
) -> Iterator[RawRecord]:
    """Every record of ``path`` in order; blank lines and (edge lists) ``#``/``%`` comments are skipped."""
    sink = [] if warnings is None else warnings
    if fmt == "parquet":
        return _parquet(path)
    if fmt == "jsonl":
        return _jsonl(path, encoding, sink)
    if fmt == "edges":
        return _edges(path, encoding, sink)
    return _csv(path, encoding, sink, "\t" if fmt == "tsv" else ",")


def _jsonl(path: Path, encoding: str | None, warnings: list[str]) -> Iterator[RawRecord]:
    for number, text in decoded_lines(path, encoding, warnings):
        if not text.strip():
            continue
        try:
            value = parse_json(text)
        except json.JSONDecodeError as exc:
            yield RawRecord(number, None, text, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:
            yield RawRecord(number, None, text[:200], f"not valid JSON: {exc}")
            continue
        if not isinstance(value, dict):
            yield RawRecord(number, None, text, f"expected a JSON object, got {type(value).__name__}")
            continue
        yield RawRecord(number, value, text)


def _edges(path: Path, encoding: str | None, warnings: list[str]) -> Iterator[RawRecord]:
    """``src dst [weight]`` per line; a first line of words over numeric lines is a header (warned)."""
    pending: RawRecord | None = None
    first = True
    for number, text in decoded_lines(path, encoding, warnings):
        stripped = text.strip()
        if not stripped or stripped[0] in "#%":
            continue
        parts = stripped.replace(",", " ").split()
        if len(parts) not in (2, 3):
            record = RawRecord(number, None, text, f"expected 'src dst [weight]', got {len(parts)} values")
        else:
            values: dict[str, Any] = {"src": parts[0], "dst": parts[1]}
            if len(parts) == 3:
                values["weight"] = parts[2]
            record = RawRecord(number, values, text)
        if first:
            pending, first = record, False
            continue
        if pending is not None:
            if _is_header(pending) and _is_numeric(record):
                header = pending.raw.strip()
                warnings.append(f"{path}:{pending.line}: {header!r} read as a header, not an edge")
            else:
                yield pending
            pending = None
        yield record
    if pending is not None:
        yield pending


def _is_numeric(record: RawRecord) -> bool:
    return record.values is not None and all(_number_like(v) for v in record.values.values())


def _is_header(record: RawRecord) -> bool:
    return record.values is not None and not any(_number_like(v) for v in record.values.values())


def _number_like(value: Any) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def _csv(path: Path, encoding: str | None, warnings: list[str], delimiter: str) -> Iterator[RawRecord]:
    return csv_records(decoded_lines(path, encoding, warnings), str(path), warnings, delimiter=delimiter)


def _parquet(path: Path) -> Iterator[RawRecord]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise SourceError(f"{path}: not a readable Parquet file: {exc}") from exc
    number = 0
    for batch in parquet.iter_batches(batch_size=65_536):
        for values in batch.to_pylist():
            number += 1
            yield RawRecord(number, values)


_CHUNK = 1 << 20


def iter_json_values(path: Path) -> Iterator[tuple[int, Any]]:
    """Stream the values of a JSON array, or of concatenated / line-delimited JSON, with start lines.

    Reads 1 MB at a time, so a multi-gigabyte dump (TwiBot-20, a Twitter archive) never sits in
    memory whole. A syntax error raises ``SourceError`` naming ``FILE:LINE``.
    """

    decoder = json.JSONDecoder()
    text_decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    buffer, line, eof, started = "", 1, False, False
    with _open(path) as handle:
        while True:
            if not eof and len(buffer) < _CHUNK:
                data = handle.read(_CHUNK)
                eof = not data
                buffer += text_decoder.decode(data, final=eof)
            stripped = buffer.lstrip(" \t\r\n,")
            line += buffer.count("\n", 0, len(buffer) - len(stripped))
            buffer = stripped
            if not started and buffer[:1] == "[":
                buffer, started = buffer[1:], True
                continue
            if buffer[:1] == "]" or (eof and not buffer):
                return
            try:
                value, end = decoder.raw_decode(buffer)
            except RecursionError:
                raise SourceError(f"{path}:{line}: not valid JSON: nested too deeply") from None
            except json.JSONDecodeError as exc:
                if not eof:
                    data = handle.read(_CHUNK)
                    eof = not data
                    buffer += text_decoder.decode(data, final=eof)
                    continue
                where = line + buffer.count("\n", 0, exc.pos)
                raise SourceError(f"{path}:{where}: not valid JSON: {exc.msg}") from None
            yield line, value
            line += buffer.count("\n", 0, end)
            buffer = buffer[end:]
