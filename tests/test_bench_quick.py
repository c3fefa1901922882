"""The benchmarks run and the page shows what they measured.

Each benchmark's ``--quick`` smoke run (tiny inputs, seconds) must finish and write valid results
JSON; the full runs never run here. ``docs/benchmarks.md`` must be exactly what ``python -m
bench.report`` makes of the committed ``bench/results/*.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bench import report
from bench.record import RESULTS, validate
from bench.run_all import BENCHMARKS

from .conftest import ROOT, shared_file

#: What each quick run reads from ../shared/data (checked first: skipped locally, a failure in CI).
NEEDS = {
    "assistant": ["text/clinc150/clinc150-full-dev.json"],
    "match": ["graphs/musae-twitch/features.csv", "graphs/snap-ego-facebook.txt"],
    "match.lookalike": ["graphs/musae-twitch/features.csv"],
    "sentiment": ["text/semeval-twitter-sentiment/BD/twitter-2016test-BD.tsv", "text/sxsw-brand-emotion.csv"],
    "sentiment.drift": [
        "text/semeval-twitter-sentiment/A/twitter-2013train-A.tsv",
        "text/tweeteval/sentiment/val_text.txt",
    ],
    "advocates.airlines": ["text/us-airline-tweets-dev.csv"],
    "sentiment.airline": ["text/us-airline-tweets-dev.csv"],
    "mentions": ["text/sxsw-brand-emotion.csv", "text/semeval-twitter-sentiment/BD/twitter-2016test-BD.tsv"],
    "trust": [
        "fake-followers/srf-instagram-labelled.csv",
        "fake-followers/cresci2015-twitter-dev.csv",
        "disclosure/twibot20-sample-timelines.json",
    ],
}


def test_the_page_matches_the_committed_results() -> None:
    doc = report.DOC.read_text(encoding="utf-8")
    assert report.regenerate(doc, report.load_results()) == doc, "run: python -m bench.report"


def test_every_committed_result_is_well_formed_and_says_where_it_comes_from() -> None:
    files = sorted(RESULTS.glob("*.json"))
    assert {json.loads(p.read_text(encoding="utf-8"))["benchmark"].split("-")[0] for p in files} == {
        name.split(".")[0] for name in BENCHMARKS
    }
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert validate(data) == [], path.name
        assert data["source"] in ("measured", "docs before regeneration") and not data["quick"], path.name
        assert path.stem == data["benchmark"]


def test_a_table_without_a_section_is_an_error(tmp_path: Path) -> None:
    result = {
        "schema": "grassroots.bench.v1", "benchmark": "x", "source": "measured", "command": "c",
        "date": "d", "commit": "c", "load_average_start": [1.0], "quick": False,
        "tables": [{"id": "main", "columns": ["a"], "formats": [None], "rows": [[1]]}],
    }  # fmt: skip
    (tmp_path / "x.json").write_text(json.dumps(result), encoding="utf-8")
    with pytest.raises(report.ReportError, match="x/main"):
        report.regenerate("no sections\n", report.load_results(tmp_path))
    with pytest.raises(report.ReportError, match="bench:y/main"):
        report.regenerate("<!-- bench:y/main:start -->\n<!-- bench:y/main:end -->\n", {})
    doc = "<!-- bench:x/main:start -->\nold\n<!-- bench:x/main:end -->\n"
    fresh = report.regenerate(doc, report.load_results(tmp_path))
    assert "| a |\n|---|\n| 1 |\n<!-- bench:x/main:end -->" in fresh and "old" not in fresh


@pytest.mark.parametrize("name", sorted(BENCHMARKS))
def test_quick_run_writes_valid_results(name: str, tmp_path: Path) -> None:
    for relative in NEEDS.get(name, []):
        shared_file(relative)
    work = ["--work", str(tmp_path / "work")] if name in ("ingest", "listen", "web") else []
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", "--quick", "--out", str(tmp_path), *work],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    written = list(tmp_path.glob("*.json"))
    assert len(written) == 1, written
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert validate(data) == [] and data["quick"] and data["source"] == "measured"
    assert all(table["rows"] for table in data["tables"])


def test_record_examples() -> None:
    import doctest

    import bench.record

    assert doctest.testmod(bench.record).failed == 0
