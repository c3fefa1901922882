"""Column mapping: a user's own file (a listening-tool export, a spreadsheet, a data set) read as-is.

A :class:`ColumnMap` says which column of the file fills each field of the lake table
(``id=tweet_id,author=name,text=text,created_at=tweet_created``). Posts may also carry a human
``label`` (``negative`` / ``neutral`` / ``positive`` ...) and the ``target`` the label is about (a
brand); those go to the lake table ``post_labels`` under one ``label_source`` so that
``grassroots listen evaluate`` can check the models against them.

>>> cmap = parse_map("id=tweet_id, text=body,label=sentiment")
>>> sorted(cmap.columns.items())
[('id', 'tweet_id'), ('label', 'sentiment'), ('text', 'body')]
>>> apply_map(cmap, {"tweet_id": "9", "body": "hi", "sentiment": "Positive", "lang": "en"})
{'lang': 'en', 'id': '9', 'text': 'hi', 'label': 'Positive'}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, InvalidRecord, SourceError
from grassroots.ingest.dates import DATE_FORMATS, check_date_format
from grassroots.lake import TABLES

__all__ = [
    "LABEL_FIELDS",
    "ColumnMap",
    "apply_map",
    "check_map",
    "check_source_columns",
    "load_map_file",
    "merge_maps",
    "parse_map",
]

#: Mapping targets besides a table's columns: a post's human label and what it is about.
LABEL_FIELDS = ("label", "target")
_FILE_KEYS = ("columns", "date_format", "label_source")


@dataclass(frozen=True)
class ColumnMap:
    """Target field -> source column, how dates are written, and the name labels are stored under."""

    columns: Mapping[str, str] = field(default_factory=dict)
    date_format: str = "auto"
    label_source: str | None = None

    @property
    def has_labels(self) -> bool:
        """Whether the file carries a label column."""
        return "label" in self.columns


def parse_map(spec: str) -> ColumnMap:
    """``FIELD=COLUMN`` pairs separated by commas (a column name may contain spaces, not commas)."""
    columns: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        target, sep, source = part.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise InvalidInput(f"map={spec!r}: expected FIELD=COLUMN pairs separated by commas, got {part!r}")
        if target.strip() in columns:
            raise InvalidInput(f"map={spec!r}: field {target.strip()!r} is mapped twice")
        columns[target.strip()] = source.strip()
    return ColumnMap(columns)


def merge_maps(base: ColumnMap | None, override: ColumnMap | None) -> ColumnMap | None:
    """``base`` (a map file) with ``override``'s columns (``--map``) taking precedence."""
    if base is None or override is None:
        return base or override
    return replace(base, columns={**base.columns, **override.columns})


def load_map_file(path: Path) -> ColumnMap:
    """Read a YAML map file; every problem names ``FILE:LINE: field``.

    The file holds ``columns:`` (field: column), and optionally ``date_format:`` and
    ``label_source:``::

        columns: {id: tweet_id, author: name, text: text, created_at: tweet_created}
        date_format: serial_days
    """
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read map file: {exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidRecord(
            str(path), line, None, f"not valid YAML: {getattr(exc, 'problem', exc)}"
        ) from None
    pairs = _mapping_pairs(path, root, None)
    values: dict[str, Any] = {}
    for key, (line, node) in pairs.items():
        if key not in _FILE_KEYS:
            raise InvalidRecord(str(path), line, key, f"unknown key; expected {', '.join(_FILE_KEYS)}")
        if key == "columns":
            values[key] = {
                k: _scalar(path, n, k, ln) for k, (ln, n) in _mapping_pairs(path, node, "columns").items()
            }
        else:
            values[key] = _scalar(path, node, key, line)
    if "date_format" in values:
        try:
            check_date_format(values["date_format"])
        except InvalidInput:
            line = pairs["date_format"][0]
            problem = f"expected one of {', '.join(DATE_FORMATS)} or a strptime pattern"
            raise InvalidRecord(str(path), line, "date_format", problem) from None
    return ColumnMap(values.get("columns", {}), values.get("date_format", "auto"), values.get("label_source"))


def _mapping_pairs(path: Path, node: Any, name: str | None) -> dict[str, tuple[int, Any]]:
    import yaml

    line = node.start_mark.line + 1 if node is not None else 1
    if not isinstance(node, yaml.MappingNode):
        raise InvalidRecord(str(path), line, name, "expected a mapping of name: value")
    out: dict[str, tuple[int, Any]] = {}
    for key, value in node.value:
        key_line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            raise InvalidRecord(str(path), key_line, name, "expected a plain name as key")
        if key.value in out:
            raise InvalidRecord(str(path), key_line, key.value, "given twice")
        out[key.value] = (key_line, value)
    return out


def _scalar(path: Path, node: Any, name: str, line: int) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise InvalidRecord(str(path), line, name, "expected a non-empty column name or value")
    return str(node.value).strip()


def check_map(cmap: ColumnMap, table: str) -> None:
    """Every target must be a column of ``table`` (or a label field, for posts)."""
    spec = TABLES[table]
    allowed = set(spec.columns) | (set(LABEL_FIELDS) if table == "posts" else set())
    for target in cmap.columns:
        if target not in allowed:
            extra = " (labels load with posts only)" if target in LABEL_FIELDS else ""
            known = ", ".join(sorted(allowed))
            raise InvalidInput(f"map: {target!r} is not a {table} field{extra}; fields: {known}")
    if "target" in cmap.columns and "label" not in cmap.columns:
        raise InvalidInput("map: 'target' needs a 'label' column too")


def check_source_columns(cmap: ColumnMap, path: Path, line: int, values: Mapping[str, Any]) -> None:
    """Every mapped column must exist in the file (``values`` is its first record); else a located error."""
    for target, source in cmap.columns.items():
        if source not in values:
            present = ", ".join(list(values)[:20])
            problem = f"column {source!r} (mapped to {target}) is not in the file; columns: {present}"
            raise InvalidRecord(str(path), line, target, problem)


def apply_map(cmap: ColumnMap, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with each mapped column renamed to its field; other columns are kept as they are."""
    sources = set(cmap.columns.values())
    out = {k: v for k, v in values.items() if k not in sources and k not in cmap.columns}
    for target, source in cmap.columns.items():
        out[target] = values.get(source)
    return out
