"""The bad-input matrix: each case ingests a real file into a real lake and checks what was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidRecord
from grassroots.ingest import ingest_source
from grassroots.lake import open_lake


def post(i: int, **extra: object) -> dict[str, object]:
    return {"platform": "x", "id": str(i), "author": f"u{i}", "text": f"post {i}", **extra}


def write_jsonl(path: Path, rows: list[dict[str, object]], *, newline: str = "\n", bom: bool = False) -> Path:
    body = newline.join(json.dumps(r) for r in rows) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return path


def texts(settings: Settings) -> dict[str, str]:
    with open_lake(settings.lake_path) as lake:
        table = lake.scan("posts", columns=["id", "text"])
    return dict(zip(table.column("id").to_pylist(), table.column("text").to_pylist(), strict=True))


def test_latin1_csv_falls_back_with_a_warning_naming_file_and_line(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes("platform,id,text\nx,1,plain\nx,2,café crème\n".encode("latin-1"))
    report = ingest_source(settings, "posts", path)
    assert any(f"{path}:3: not valid UTF-8" in w for w in report.warnings)
    assert texts(settings)["2"] == "café crème"
    explicit = ingest_source(settings, "posts", path, encoding="latin-1")
    assert explicit.warnings == () and explicit.counts.changed == 0


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_bom_and_crlf_are_invisible(settings: Settings, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"posts.{suffix}"
    if suffix == "jsonl":
        write_jsonl(path, [post(1), post(2)], newline="\r\n", bom=True)
    else:
        path.write_bytes(b"\xef\xbb\xbfplatform,id,text\r\nx,1,post 1\r\nx,2,post 2\r\n")
    report = ingest_source(settings, "posts", path)
    assert report.counts.inserted == 2
    assert texts(settings) == {"1": "post 1", "2": "post 2"}


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_field_over_one_megabyte_is_stored_whole(settings: Settings, tmp_path: Path, suffix: str) -> None:
    big = "word " * 300_000
    path = tmp_path / f"posts.{suffix}"
    if suffix == "jsonl":
        write_jsonl(path, [post(1, text=big)])
    else:
        path.write_text(f'platform,id,text\nx,1,"{big}"\n', encoding="utf-8")
    ingest_source(settings, "posts", path)
    assert texts(settings)["1"] == big


def test_duplicate_ids_identical_collapse_conflicting_fail(settings: Settings, tmp_path: Path) -> None:
    same = write_jsonl(tmp_path / "same.jsonl", [post(1), post(2), post(1)])
    assert ingest_source(settings, "posts", same).counts.inserted == 2
    clash = write_jsonl(tmp_path / "clash.jsonl", [post(3), post(4), post(3, text="edited")])
    with pytest.raises(InvalidRecord) as caught:
        ingest_source(settings, "posts", clash)
    assert str(caught.value).startswith(f"{clash}:3: id: duplicate key")
    assert sorted(texts(settings)) == ["1", "2"]
    skipped = ingest_source(settings, "posts", clash, skip_invalid=True)
    assert (skipped.counts.inserted, skipped.counts.rejected) == (2, 1)


def test_unknown_columns_are_ignored_with_a_warning(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("platform,id,text,sparkle\nx,1,hi,yes\n", encoding="utf-8")
    report = ingest_source(settings, "posts", path)
    assert report.counts.inserted == 1
    assert any("sparkle" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"like_count": "many"}, "like_count"),
        ({"like_count": -3}, "like_count"),
        ({"like_count": 3.5}, "like_count"),
        ({"share_count": True}, "share_count"),
        ({"text": {"nested": "object"}}, "text"),
        ({"author": False}, "author"),
        ({"created_at": "yesterday"}, "created_at"),
        ({"mentions": {"a": 1}}, "mentions"),
        ({"kind": "tweetstorm"}, "kind"),
        ({"text": None}, "text"),
        ({"id": ""}, "id"),
    ],
)
def test_wrong_types_and_missing_fields_name_file_line_field(
    settings: Settings, tmp_path: Path, bad: dict[str, object], field: str
) -> None:
    path = write_jsonl(tmp_path / "posts.jsonl", [post(1), post(2), post(3, **bad)])
    with pytest.raises(InvalidRecord) as caught:
        ingest_source(settings, "posts", path)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 3, field)
    assert texts(settings) == {}


def test_skip_invalid_writes_good_rows_and_escaped_rejects(settings: Settings, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "posts.jsonl", [post(1), post(2, like_count="=1+2"), post(3)])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": \n')
    report = ingest_source(settings, "posts", path, skip_invalid=True)
    assert (report.counts.inserted, report.counts.rejected) == (2, 2)
    assert report.rejects_path is not None
    rejects = report.rejects_path.read_text(encoding="utf-8").splitlines()
    assert rejects[1].split(",")[1:3] == ["2", "like_count"] and "'=1+2" in rejects[1]
    assert "not valid JSON" in rejects[2]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"platform,id,text\n"])
def test_an_empty_file_writes_nothing_and_says_so(settings: Settings, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / ("posts.csv" if content.startswith(b"platform") else "posts.jsonl")
    path.write_bytes(content)
    report = ingest_source(settings, "posts", path)
    assert report.counts.read == 0 and report.counts.changed == 0


def test_sql_in_values_is_stored_as_text(settings: Settings, tmp_path: Path) -> None:
    evil = "'); DROP TABLE posts;--"
    path = write_jsonl(tmp_path / "posts.jsonl", [post(1, text=evil, author=evil), {**post(2), "id": evil}])
    ingest_source(settings, "posts", path)
    with open_lake(settings.lake_path) as lake:
        assert lake.scan("posts", where={"author": evil}).num_rows == 1
        assert lake.scan("posts", where={"id": evil}).num_rows == 1
        assert lake.counts()["posts"] == 2
