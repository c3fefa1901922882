"""Property tests of the readers: any bytes load into valid records or a located error, never a crash.

Seeded (``derandomize``) and bounded, so CI sees the same examples every run; no example database
is written.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.errors import GrassrootsError
from grassroots.ingest import FieldProblem, iter_records, normalise_row, read_texts, to_timestamp
from grassroots.lake import TABLES
from grassroots.trust.profiles import read_profiles

SEEDED = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
#: Bytes that look like the files people have: CSV/JSON punctuation, quotes, line ends, BOMs, junk.
PIECES = st.sampled_from(
    [b",", b'"', b'""', b"\n", b"\r\n", b"{", b"}", b"[", b"]", b":", b"\\ud800", b"\xef\xbb\xbf", b"\x00",
     b"\xe9", b"\xff", b"platform", b"id", b"text", b"x", b"1", b"1e30", b"99999999999999999999", b" "]
)  # fmt: skip
FILES = st.one_of(st.binary(max_size=300), st.lists(PIECES, max_size=60).map(b"".join))


def _records_or_located_error(path: Path, fmt: str) -> None:
    try:
        for record in iter_records(path, fmt, warnings=[]):  # type: ignore[arg-type]
            assert record.line >= 1
            if record.values is None:
                assert record.error
                continue
            try:
                normalise_row(TABLES["posts"], record.values, platform="x")
            except FieldProblem as problem:
                assert problem.problem
    except GrassrootsError as exc:
        assert str(path) in str(exc)


@SEEDED
@given(content=FILES)
def test_any_bytes_as_csv_jsonl_or_tsv(tmp_path: Path, content: bytes) -> None:
    for fmt in ("csv", "jsonl", "tsv", "edges"):
        path = tmp_path / f"f.{fmt}"
        path.write_bytes(content)
        _records_or_located_error(path, fmt)


@SEEDED
@given(content=FILES)
def test_any_bytes_as_texts_or_profiles(tmp_path: Path, content: bytes) -> None:
    for name in ("t.jsonl", "t.txt"):
        path = tmp_path / name
        path.write_bytes(content)
        try:
            records = read_texts(path)
        except GrassrootsError as exc:
            assert str(path) in str(exc)
        else:
            assert all(r.text.encode("utf-8") is not None for r in records)
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    try:
        read_profiles(path)
    except GrassrootsError as exc:
        assert str(path) in str(exc)


#: Cell text with the characters that need quoting (a bare CR is left out: Python's writer does not quote it).
CELLS = st.text(alphabet=st.sampled_from(list('ab ,"\n;é\t')), max_size=12)


@SEEDED
@given(rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=8))
def test_well_formed_csv_reads_back_exactly(tmp_path: Path, rows: list[list[str]]) -> None:
    """The open-quote detection never rejects a file that a CSV writer produced."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["a", "b", "c"])
    writer.writerows(rows)
    path = tmp_path / "w.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    got = [r for r in iter_records(path, "csv")]
    assert all(r.error is None for r in got), [r.error for r in got]
    expected = [r for r in rows if any(c.strip() for c in r)]
    assert [[r.values[k] for k in "abc"] for r in got if r.values] == expected


@SEEDED
@given(value=st.one_of(st.text(max_size=40), st.floats(), st.integers(), st.none(), st.booleans()))
def test_dates_parse_or_raise_value_errors(value: object) -> None:
    try:
        moment = to_timestamp(value)
    except (ValueError, TypeError):
        return
    assert moment is None or (isinstance(moment, datetime) and moment.tzinfo is None)
