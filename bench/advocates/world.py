"""Load a generated demo world's files as the lake's Arrow tables (what ingest would store)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson

POST_TYPES = {"id": pa.string(), "author": pa.string(), "reply_to_id": pa.string(), "text": pa.string()}
ACCOUNT_TYPES = {"id": pa.string(), "handle": pa.string(), "followers": pa.int64(), "following": pa.int64()}
ACCOUNT_TYPES |= {"posts": pa.int64(), "has_profile_picture": pa.bool_(), "platform": pa.string()}


def _json(path: Path, types: dict[str, pa.DataType]) -> pa.Table:
    table = pajson.read_json(path)
    for name, typ in types.items():
        if name in table.column_names and table.schema.field(name).type != typ:
            table = table.set_column(table.column_names.index(name), name, table.column(name).cast(typ))
    return table


def load_world(directory: Path) -> tuple[pa.Table, pa.Table, pa.Table]:
    """(posts, accounts, comments) of a world written by ``generate_world``."""
    posts = _json(directory / "posts.jsonl", POST_TYPES)
    comments = _json(directory / "comments.jsonl", {"post_id": pa.string(), "author": pa.string()})
    accounts = pacsv.read_csv(
        directory / "accounts.csv", convert_options=pacsv.ConvertOptions(column_types=ACCOUNT_TYPES)
    )
    return posts, accounts, comments
