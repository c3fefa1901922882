"""The DuckDB lake on a real file: idempotent upserts, duplicates, runs, rollback, Parquet export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from grassroots.errors import InvalidRecord, NotFound
from grassroots.lake import DuckDBLake, TableSpec, open_lake


def posts(ids: list[str], text: str = "hello", lines: list[int] | None = None) -> pa.Table:
    n = len(ids)
    data = {
        "platform": ["x"] * n,
        "id": ids,
        "author": ["a"] * n,
        "text": [text] * n,
        "created_at": [datetime(2024, 1, 1)] * n,
        "mentions": [["b", "c"]] * n,
    }
    if lines is not None:
        data["_line"] = lines
    return pa.table(data)


def test_upsert_is_idempotent_and_counts_changes(tmp_path: Path) -> None:
    with open_lake(tmp_path / "lake.duckdb") as lake:
        first = lake.upsert("posts", [posts(["1", "2"]), posts(["3"])])
        again = lake.upsert("posts", [posts(["1", "2", "3"])])
        edited = lake.upsert("posts", [posts(["1"], text="changed"), posts(["4"])])
        assert (first.inserted, first.updated) == (3, 0)
        assert (again.changed, again.unchanged) == (0, 3)
        assert (edited.inserted, edited.updated, edited.unchanged) == (1, 1, 0)
        assert lake.counts()["posts"] == 4
        assert lake.scan("posts", columns=["text"], where={"id": "1"}).column("text").to_pylist() == [
            "changed"
        ]
        assert [r.step for r in lake.runs()] == ["upsert:posts"] * 3


def test_conflicting_duplicates_name_the_later_line_and_write_nothing(tmp_path: Path) -> None:
    with open_lake(tmp_path / "lake.duckdb") as lake:
        batch = pa.concat_tables([posts(["1"], lines=[1]), posts(["1"], text="other", lines=[5])])
        with pytest.raises(InvalidRecord, match=r"f.jsonl:5: id: duplicate key.*first on line 1"):
            lake.upsert("posts", [batch], source="f.jsonl")
        assert lake.counts()["posts"] == 0 and lake.counts()["runs"] == 0
        kept = lake.upsert("posts", [batch], skip_duplicates=True)
        assert (kept.inserted, kept.rejected, kept.rejects[0].line) == (1, 1, 5)
        same = lake.upsert("posts", [posts(["7", "7"], lines=[1, 2])])
        assert (same.read, same.inserted, same.rejected) == (2, 1, 0)


def test_a_failing_batch_stream_rolls_everything_back(tmp_path: Path) -> None:
    def stream() -> Iterator[pa.Table]:
        yield posts(["1", "2"])
        raise RuntimeError("source broke")

    with open_lake(tmp_path / "lake.duckdb") as lake:
        with pytest.raises(RuntimeError):
            lake.upsert("posts", stream())
        assert lake.counts()["posts"] == 0


def test_replace_where_swaps_a_result_set_whole_or_not_at_all(tmp_path: Path) -> None:
    def broken() -> Iterator[pa.Table]:
        yield posts(["9"])
        raise RuntimeError("scorer died")

    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts(["1", "2"])])
        with pytest.raises(RuntimeError):
            lake.upsert("posts", broken(), replace_where=("author", ["a"]))
        assert sorted(lake.scan("posts", columns=["id"]).column("id").to_pylist()) == ["1", "2"]
        lake.upsert("posts", [posts(["3"])], replace_where=("author", ["a"]))
        assert lake.scan("posts", columns=["id"]).column("id").to_pylist() == ["3"]


def test_parquet_export_and_registered_tables(tmp_path: Path) -> None:
    with DuckDBLake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts(["1", "2"])])
        lake.register_table(TableSpec("scores", {"id": "VARCHAR", "score": "DOUBLE"}, ("id",), ("id",)))
        lake.upsert("scores", [pa.table({"id": ["1"], "score": [0.5]})])
        files = lake.export_parquet(tmp_path / "out", tables=["posts", "scores"])
        with pytest.raises(NotFound, match="'nope' does not exist"):
            lake.export_parquet(tmp_path / "other", tables=["nope"])
    assert pq.read_table(files[0]).num_rows == 2
    assert pq.read_table(files[1]).column("score").to_pylist() == [0.5]
    assert not (tmp_path / "other").exists()
    with DuckDBLake(tmp_path / "lake.duckdb") as lake:  # a new process: "scores" is not registered here
        every = {p.stem for p in lake.export_parquet(tmp_path / "all")}
    assert {"posts", "runs", "scores"} <= every and not list((tmp_path / "all").glob("*.partial"))


def test_cli_export_writes_every_table_and_names_a_missing_one(tmp_path: Path) -> None:
    import json
    import os

    from tests.conftest import run_cli

    data = tmp_path / "data"
    data.mkdir()
    with open_lake(data / "lake.duckdb") as lake:
        lake.upsert("posts", [posts(["1", "2"])])
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(data)}
    done = run_cli("export", str(tmp_path / "pq"), "--table", "posts", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "table": "posts",
        "path": str(tmp_path / "pq" / "posts.parquet"),
        "rows": 2,
    }
    missing = run_cli("export", str(tmp_path / "pq"), "--table", "nope", env=env)
    assert missing.returncode == 3 and not missing.stdout and b"nope" in missing.stderr  # not found


def test_open_lake_needs_an_existing_directory(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="grassroots init"):
        open_lake(tmp_path / "missing" / "lake.duckdb")
