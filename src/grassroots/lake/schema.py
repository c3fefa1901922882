"""The lake's tables: one declaration per table, the single source for DDL, keys and ingest fields.

Every table has a natural key; re-writing a row with the same key and the same values changes nothing.
Timestamps are stored as UTC without a zone (``TIMESTAMP``).

>>> TABLES["posts"].key
('platform', 'id')
>>> TABLES["follows"].columns["weight"]
'DOUBLE'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

from grassroots.errors import InvalidInput

__all__ = ["POST_KINDS", "TABLES", "TableSpec", "arrow_schema", "check_identifier"]

POST_KINDS = ("post", "review", "forum")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def check_identifier(name: str) -> str:
    """Return ``name`` if it is a safe SQL identifier (lower-case letters, digits, ``_``), else raise.

    Identifiers cannot be bound parameters, so every table or column name that reaches SQL passes here.

    >>> check_identifier("mentions")
    'mentions'
    """
    if not _IDENTIFIER.match(name):
        raise InvalidInput(f"not a valid table or column name: {name!r} (use a-z, 0-9 and _)")
    return name


@dataclass(frozen=True)
class TableSpec:
    """A lake table: ordered ``columns`` (name -> DuckDB type), natural ``key`` and ``required`` columns."""

    name: str
    columns: Mapping[str, str]
    key: tuple[str, ...]
    required: tuple[str, ...]

    def ddl(self) -> str:
        """``CREATE TABLE IF NOT EXISTS`` statement for this table."""
        cols = ", ".join(f"{check_identifier(c)} {t}" for c, t in self.columns.items())
        return f"CREATE TABLE IF NOT EXISTS {check_identifier(self.name)} ({cols})"


def _spec(table: str, key: tuple[str, ...], required: tuple[str, ...], /, **columns: str) -> TableSpec:
    return TableSpec(name=table, columns=dict(columns), key=key, required=required)


TABLES: dict[str, TableSpec] = {
    "accounts": _spec(
        "accounts",
        ("platform", "id"),
        ("platform", "id"),
        platform="VARCHAR",
        id="VARCHAR",
        handle="VARCHAR",
        name="VARCHAR",
        bio="VARCHAR",
        location="VARCHAR",
        lang="VARCHAR",
        url="VARCHAR",
        followers="BIGINT",
        following="BIGINT",
        posts="BIGINT",
        verified="BOOLEAN",
        is_private="BOOLEAN",
        has_profile_picture="BOOLEAN",
        created_at="TIMESTAMP",
    ),
    "account_snapshots": _spec(
        "account_snapshots",
        ("platform", "account_id", "observed_at"),
        ("platform", "account_id", "observed_at"),
        platform="VARCHAR",
        account_id="VARCHAR",
        observed_at="TIMESTAMP",
        followers="BIGINT",
        following="BIGINT",
        posts="BIGINT",
    ),
    "posts": _spec(
        "posts",
        ("platform", "id"),
        ("platform", "id", "text"),
        platform="VARCHAR",
        id="VARCHAR",
        author="VARCHAR",
        text="VARCHAR",
        created_at="TIMESTAMP",
        kind="VARCHAR",
        reply_to_id="VARCHAR",
        reply_to_author="VARCHAR",
        quote_of_id="VARCHAR",
        mentions="VARCHAR[]",
        hashtags="VARCHAR[]",
        like_count="BIGINT",
        comment_count="BIGINT",
        share_count="BIGINT",
        view_count="BIGINT",
        url="VARCHAR",
        lang="VARCHAR",
        location="VARCHAR",
    ),
    "comments": _spec(
        "comments",
        ("platform", "id"),
        ("platform", "id", "post_id"),
        platform="VARCHAR",
        id="VARCHAR",
        post_id="VARCHAR",
        author="VARCHAR",
        text="VARCHAR",
        created_at="TIMESTAMP",
        reply_to_id="VARCHAR",
        like_count="BIGINT",
    ),
    "follows": _spec(
        "follows",
        ("platform", "src", "dst"),
        ("platform", "src", "dst"),
        platform="VARCHAR",
        src="VARCHAR",
        dst="VARCHAR",
        weight="DOUBLE",
    ),
    "post_labels": _spec(
        "post_labels",
        ("platform", "post_id", "label_source"),
        ("platform", "post_id", "label_source"),
        platform="VARCHAR",
        post_id="VARCHAR",
        label_source="VARCHAR",
        target="VARCHAR",
        label="VARCHAR",
    ),
}

RUNS_DDL = (
    "CREATE TABLE IF NOT EXISTS runs (id VARCHAR, step VARCHAR, started TIMESTAMP, finished TIMESTAMP, "
    "status VARCHAR, rows_read BIGINT, rows_inserted BIGINT, rows_updated BIGINT, rows_unchanged BIGINT, "
    "rows_rejected BIGINT, parameters VARCHAR, package_version VARCHAR, git_sha VARCHAR)"
)


def arrow_schema(spec: TableSpec, *, with_line: bool = False) -> pa.Schema:
    """The Arrow schema of ``spec`` (plus ``_line`` when ``with_line``), for building batches to upsert.

    >>> arrow_schema(TABLES["follows"]).names
    ['platform', 'src', 'dst', 'weight']
    """
    fields = [pa.field(c, _ARROW_TYPES[t]) for c, t in spec.columns.items()]
    if with_line:
        fields.append(pa.field("_line", pa.int64()))
    return pa.schema(fields)


_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
    "BLOB": pa.binary(),
}
