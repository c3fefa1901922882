"""A user's own files: column maps, map files, dates as spreadsheets write them, labels, open quotes."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.ingest import ColumnMap, ingest_source, load_map_file, parse_map, to_timestamp
from grassroots.lake import open_lake

EXPORT = (
    "tweet_id,sentiment,body,brand,handle,posted\n"
    "11,Positive,love @acme boots,Acme,ann,42053.43\n"
    "12,negative,@acme lost my parcel,Acme,bob,Wed Feb 18 10:13:49 +0000 2015\n"
    "13,,no label here,Acme,cy,1424254429\n"
)
MAP = "id=tweet_id,author=handle,text=body,created_at=posted,label=sentiment,target=brand"


def rows(settings: Settings, table: str) -> list[dict[str, object]]:
    with open_lake(settings.lake_path) as lake:
        return sorted(lake.scan(table).to_pylist(), key=lambda r: str(r.get("id") or r.get("post_id")))


def test_a_listening_tool_export_loads_with_a_map_and_its_labels(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    report = ingest_source(settings, "posts", path, platform="twitter", column_map=parse_map(MAP))
    assert (report.counts.inserted, report.counts.rejected) == (3, 0)
    assert report.extra["post_labels"].inserted == 2
    assert f"{path}:2: created_at: numbers read as spreadsheet serial days" in " ".join(report.warnings)
    posts = rows(settings, "posts")
    assert [p["author"] for p in posts] == ["ann", "bob", "cy"]
    assert [p["created_at"] for p in posts] == [
        datetime(2015, 2, 18, 10, 19, 12),
        datetime(2015, 2, 18, 10, 13, 49),
        datetime(2015, 2, 18, 10, 13, 49),
    ]
    labels = rows(settings, "post_labels")
    assert [(r["post_id"], r["label"], r["target"], r["label_source"]) for r in labels] == [
        ("11", "positive", "Acme", "export"),
        ("12", "negative", "Acme", "export"),
    ]
    again = ingest_source(settings, "posts", path, platform="twitter", column_map=parse_map(MAP))
    assert again.counts.changed == 0 and again.extra["post_labels"].unchanged == 2


def test_a_rejected_post_takes_its_label_with_it(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT.replace("no label here", "").replace("13,,", "13,positive,"), encoding="utf-8")
    report = ingest_source(
        settings, "posts", path, platform="twitter", column_map=parse_map(MAP), skip_invalid=True
    )
    assert report.counts.rejected == 1
    assert sorted(str(r["post_id"]) for r in rows(settings, "post_labels")) == ["11", "12"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("id=tweet_id,text=nope", "export.csv:1: text: column 'nope' (mapped to text) is not in the file"),
        ("ident=tweet_id", "'ident' is not a posts field"),
        ("id=tweet_id,id=body", "mapped twice"),
        ("id", "expected FIELD=COLUMN"),
    ],
)
def test_map_mistakes_are_located_errors(settings: Settings, tmp_path: Path, spec: str, message: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    with pytest.raises(InvalidInput, match=re.escape(message)):
        ingest_source(settings, "posts", path, platform="twitter", column_map=parse_map(spec))
    assert rows(settings, "posts") == []


def test_labels_load_with_posts_only(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("platform,id,mood\nx,1,happy\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="labels load with posts only"):
        ingest_source(settings, "accounts", path, column_map=parse_map("label=mood"))


def test_a_map_file_is_validated_with_file_line_and_field(tmp_path: Path) -> None:
    good = tmp_path / "map.yaml"
    good.write_text("columns:\n  id: tweet_id\n  text: body\ndate_format: serial_days\nlabel_source: acme\n")
    assert load_map_file(good) == ColumnMap({"id": "tweet_id", "text": "body"}, "serial_days", "acme")
    cases = {
        "columns:\n  id: tweet_id\ncolour: red\n": ":3: colour: unknown key",
        "columns:\n  id: [a, b]\n": ":2: id: expected a non-empty column name",
        "columns:\n  id: a\ndate_format: sometimes\n": ":3: date_format: expected one of auto",
        "columns: [id]\n": ":1: columns: expected a mapping",
        "columns:\n  id: a\n  id: b\n": ":3: id: given twice",
        "columns: {id: a\n": ":2: not valid YAML",
    }
    for text, message in cases.items():
        bad = tmp_path / "bad.yaml"
        bad.write_text(text)
        with pytest.raises(InvalidRecord, match=message):
            load_map_file(bad)


def test_cli_map_file_and_date_format(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    path = tmp_path / "export.csv"
    path.write_text("id,body,day\n1,hello,18/02/2015\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns: {text: body, created_at: day}\n")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    args = ("ingest", "posts", str(path), "--platform", "x", "--map-file", str(mapping))
    failed = run_cli(*args, env=env)
    assert failed.returncode == 2 and b"export.csv:2: created_at: not a date/time" in failed.stderr
    done = run_cli(*args, "--date-format", "%d/%m/%Y", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inserted"] == 1


@pytest.mark.parametrize(
    ("value", "date_format", "expected"),
    [
        (42053.43, "auto", datetime(2015, 2, 18, 10, 19, 12)),
        ("42053.43", "auto", datetime(2015, 2, 18, 10, 19, 12)),
        (1424254429, "auto", datetime(2015, 2, 18, 10, 13, 49)),
        (1424254429000, "auto", datetime(2015, 2, 18, 10, 13, 49)),
        ("Wed, 18 Feb 2015 10:13:49 +0000", "auto", datetime(2015, 2, 18, 10, 13, 49)),
        ("Wed Feb 18 10:13:49 +0000 2015", "auto", datetime(2015, 2, 18, 10, 13, 49)),
        ("2015-02-18T11:13:49+01:00", "auto", datetime(2015, 2, 18, 10, 13, 49)),
        ("20150218", "auto", datetime(2015, 2, 18)),
        (500, "epoch", datetime(1970, 1, 1, 0, 8, 20)),
        ("1424254429000", "epoch_ms", datetime(2015, 2, 18, 10, 13, 49)),
        (1, "serial_days", datetime(1899, 12, 31)),
    ],
)
def test_dates_in_every_documented_form(value: object, date_format: str, expected: datetime) -> None:
    assert to_timestamp(value, date_format=date_format) == expected


@pytest.mark.parametrize("value", ["yesterday", -5.0, 1e300, "nan", True])
def test_impossible_dates_are_value_errors(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        to_timestamp(value)


def _thousand_rows(tmp_path: Path, broken_line: int) -> Path:
    lines = ["platform,id,text"] + [f"x,{i},hello {i}" for i in range(1, 1001)]
    lines[broken_line - 1] = f'x,{broken_line - 1},"this quote never closes'
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("broken_line", [4, 1001])
def test_a_quote_that_never_closes_is_an_error_at_the_line_it_opened(
    settings: Settings, tmp_path: Path, broken_line: int
) -> None:
    path = _thousand_rows(tmp_path, broken_line)
    with pytest.raises(
        InvalidRecord, match=f"posts.csv:{broken_line}: a quote opened on this line never closes"
    ):
        ingest_source(settings, "posts", path)
    assert rows(settings, "posts") == []
    report = ingest_source(settings, "posts", path, skip_invalid=True)
    assert (report.counts.inserted, report.counts.rejected) == (999, 1)
    assert len(rows(settings, "posts")) == 999


def test_a_stray_quote_closed_much_later_loses_no_rows(settings: Settings, tmp_path: Path) -> None:
    lines = ["platform,id,text"] + [f"x,{i},hello {i}" for i in range(1, 101)]
    lines[10] = 'x,10,"opens here'
    lines[60] = 'x,60,closes" here'
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidRecord, match=r"posts\.csv:11: a quoted field closes with text"):
        ingest_source(settings, "posts", path)
    report = ingest_source(settings, "posts", path, skip_invalid=True)
    assert report.counts.inserted == 99 and report.counts.rejected == 1


def test_a_legitimate_long_multiline_field_loads_with_a_warning(settings: Settings, tmp_path: Path) -> None:
    body = "\n".join(f"line {i}, with a comma" for i in range(30))
    path = tmp_path / "posts.csv"
    path.write_text(f'platform,id,text\nx,1,"{body}"\nx,2,short\n', encoding="utf-8")
    report = ingest_source(settings, "posts", path)
    assert report.counts.inserted == 2
    assert any("posts.csv:2: one record spans lines 2-31" in w for w in report.warnings)
    assert {r["id"]: r["text"] for r in rows(settings, "posts")}["1"] == body


def test_every_row_rejected_exits_non_zero(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    path = tmp_path / "posts.csv"
    path.write_text("platform,id,text\nx,1,\nx,2,  \n", encoding="utf-8")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    done = run_cli("ingest", "posts", str(path), "--skip-invalid", env=env)
    assert done.returncode == 2
    assert b"every record was rejected (2)" in done.stderr
    assert json.loads(done.stdout)["rejected"] == 2
