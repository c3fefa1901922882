"""The bad-input matrix: every command that reads a user's file, over a corpus of bad files.

The corpus is generated here (encodings, BOMs, quotes, huge fields, deep nesting, overflow, wrong
types, duplicates, empty, binary). Each case holds one good record and one bad one at a known line.
Every case runs through the real CLI entry point (``grassroots.cli.main.main``) in ONE child
process (start-up and models are paid once, ~100 cases in seconds), which records exit code,
stdout, stderr, an escaped exception if any, and the row counts of every lake and store table
before and after. The tests then assert, per case:

- an error: exit 2, exactly one ``error:`` line naming ``FILE:LINE: field:``, no traceback, and no
  row of any table changed (nothing half-written);
- ``--skip-invalid``: exit 0, exactly the good rows added, the rejects file names the bad line;
- an accepted oddity (BOM, CRLF, latin-1, a 2 MB field): exit 0, the rows stored, a warning when
  something was guessed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEEP = "[" * 100_000 + "]" * 100_000
NUL_LINE = b"\x00\x01\xfe\xff garbage \x00"


@dataclass(frozen=True)
class Case:
    """One command over one generated file, and what must come of it."""

    name: str
    argv: tuple[str, ...]  # ``{file}`` stands for the generated file
    filename: str
    content: bytes
    expect: str  # "error", "skip" or "ok"
    line: int | None = None  # the line the message must name
    field: str | None = None  # the field the message must name
    table: str | None = None  # where good rows land (ingest), for the row counts
    good: int = 0  # good records in the file
    warning: str | None = None  # a warning that must be printed (ok cases)


# -- the corpus --------------------------------------------------------------------------------


def _jsonl(*rows: Any) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)


def _csv(header: str, *lines: str) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


#: A good record per lake source, and a field that holds a count (for overflow).
GOOD: dict[str, tuple[Callable[[str], dict[str, Any]], str]] = {
    "posts": (lambda i: {"platform": "x", "id": i, "text": "hello", "like_count": 1}, "like_count"),
    "accounts": (lambda i: {"platform": "x", "id": i, "handle": "h", "followers": 5}, "followers"),
    "snapshots": (
        lambda i: {"platform": "x", "account_id": i, "observed_at": "2024-01-01", "followers": 5},
        "followers",
    ),
    "comments": (
        lambda i: {"platform": "x", "id": i, "post_id": "p", "text": "hi", "like_count": 1},
        "like_count",
    ),
    "follows": (lambda i: {"platform": "x", "src": i, "dst": "b", "weight": 1.0}, "weight"),
}
TABLE = {"snapshots": "account_snapshots"}


def _as_csv(rows: list[dict[str, Any]]) -> list[str]:
    keys = list(rows[0])
    return [",".join(keys)] + [",".join(str(r[k]) for k in keys) for r in rows]


def _lake_files(source: str, p: str) -> dict[str, tuple[str, bytes, int, str | None]]:
    """Bad files for one lake source: ``kind -> (file name, content, bad line, bad field)``.

    Record ids start with ``p`` so every case adds rows of its own.
    """
    make, count = GOOD[source]
    good, bad = make(f"{p}a"), make(f"{p}b")
    key = "src" if source == "follows" else "account_id" if source == "snapshots" else "id"
    text_field = "text" if "text" in good else key
    huge = 1e400 if count == "weight" else 1e30
    huge_text = "1e999" if count == "weight" else "99999999999999999999"
    lines = _as_csv([good, bad])
    return {
        "overflow": ("f.jsonl", _jsonl(good, {**bad, count: huge}).replace(b"Infinity", b"1e400"), 2, count),
        "overflow_text": ("f.jsonl", _jsonl(good, {**bad, count: huge_text}), 2, count),
        "deep": ("f.jsonl", _jsonl(good, ('{"platform": "x", "id": ' + DEEP + "}").encode()), 2, None),
        "surrogate": (
            "f.jsonl",
            _jsonl(good, json.dumps({**bad, text_field: "a\ud800b"}).encode()),
            2,
            text_field,
        ),
        "wrong_type": ("f.jsonl", _jsonl(good, {**bad, key: {"nested": 1}}), 2, key),
        "not_object": ("f.jsonl", _jsonl(good, [1, 2]), 2, None),
        "binary": ("f.jsonl", _jsonl(good) + NUL_LINE + b"\n", 2, None),
        "duplicate": ("f.jsonl", _jsonl(good, {**good, count: 7}), 2, None),
        "open_quote": ("f.csv", _csv(lines[0], lines[1], lines[2].replace(",", ',"', 1)), 3, None),
        "columns": ("f.csv", _csv(lines[0], lines[1], lines[2] + ",extra"), 3, None),
        "csv_overflow": ("f.csv", _csv(lines[0], lines[1], lines[2].rsplit(",", 1)[0] + ",1e999"), 3, count),
        "nul": ("f.csv", _csv(lines[0], lines[1]) + NUL_LINE + b"\n", 3, None),
    }


def lake_cases() -> list[Case]:
    """Every generic lake source, JSONL and CSV, error cases run both plain and with --skip-invalid."""
    cases: list[Case] = []
    for source in GOOD:
        table = TABLE.get(source, source)
        for mode in ("error", "skip"):
            flags = ("--skip-invalid",) if mode == "skip" else ()
            for kind in _lake_files(source, ""):
                name, content, line, fld = _lake_files(source, f"{mode}-{kind}-")[kind]
                argv = ("ingest", source, "{file}", *flags)
                cases.append(Case(f"{source}-{kind}-{mode}", argv, name, content, mode, line, fld, table, 1))
        lines = _as_csv([GOOD[source][0]("e")])
        cases.append(
            Case(
                f"{source}-bogus-encoding",
                ("ingest", source, "{file}", "--encoding", "bogus"),
                "f.csv",
                _csv(*lines),
                "error",
                field="encoding",
            )
        )
    return cases


def post_oddity_cases() -> list[Case]:
    """Files that are fine, or fine with a warning."""
    good = _csv("platform,id,text", "x,o1,hello", "x,o2,world")
    return [
        Case(
            "posts-bom-crlf",
            ("ingest", "posts", "{file}"),
            "f.csv",
            b"\xef\xbb\xbf" + good.replace(b"\n", b"\r\n"),
            "ok",
            table="posts",
            good=2,
        ),
        Case(
            "posts-latin1",
            ("ingest", "posts", "{file}"),
            "f.csv",
            _csv("platform,id,text", "x,l1,caf\xe9", "x,l2,ok").replace(b"\xc3\xa9", b"\xe9"),
            "ok",
            table="posts",
            good=2,
            warning=":2: not valid UTF-8",
        ),
        Case(
            "posts-huge-field",
            ("ingest", "posts", "{file}"),
            "f.jsonl",
            _jsonl({"platform": "x", "id": "h1", "text": "word " * 400_000}),
            "ok",
            table="posts",
            good=1,
        ),
        Case(
            "posts-empty",
            ("ingest", "posts", "{file}"),
            "f.jsonl",
            b"",
            "ok",
            table="posts",
            warning="no records (empty file)",
        ),
        Case(
            "posts-all-rejected",
            ("ingest", "posts", "{file}", "--skip-invalid"),
            "f.csv",
            _csv("platform,id,text", "x,r1,", "x,r2, "),
            "error",
            table="posts",
        ),
        Case("export-to-a-file", ("export", "{file}"), "f.txt", b"x", "error"),
    ]


def shape_cases() -> list[Case]:
    """Shop exports, real-world dumps."""
    tweet = {"id_str": "t1", "text": "hi", "user": {"id_str": "u1", "screen_name": "a"}}
    cust = "Email,Customer ID,First Name,Total Spent,Total Orders"
    order = "Name,Email,Created at,Total"
    sxsw = "tweet_text,emotion_in_tweet_is_directed_at,is_there_an_emotion_directed_at_a_brand_or_product"
    return [
        Case(
            "twitter-deep",
            ("ingest", "twitter", "{file}"),
            "t.jsonl",
            _jsonl(tweet, DEEP.encode()),
            "error",
            2,
        ),
        Case(
            "twitter-overflow",
            ("ingest", "twitter", "{file}"),
            "t.jsonl",
            _jsonl(tweet, {**tweet, "id_str": "t2", "retweet_count": 1e30}),
            "error",
            2,
            "share_count",
        ),
        Case(
            "twitter-surrogate",
            ("ingest", "twitter", "{file}"),
            "t.jsonl",
            _jsonl(tweet, json.dumps({**tweet, "id_str": "t3", "text": "\ud800"}).encode()),
            "error",
            2,
            "text",
        ),
        Case(
            "twitter-binary", ("ingest", "twitter", "{file}"), "t.jsonl", _jsonl(tweet) + NUL_LINE, "error", 2
        ),
        Case(
            "twibot-deep", ("ingest", "twibot", "{file}"), "b.json", ("[" + DEEP + "]").encode(), "error", 1
        ),
        Case("twibot-not-user", ("ingest", "twibot", "{file}"), "b.json", b"[1]", "error", 1, "profile"),
        Case(
            "sxsw-open-quote",
            ("ingest", "sxsw", "{file}"),
            "s.csv",
            _csv(sxsw, "hello,Apple,Positive emotion", '"bye,Apple,Positive emotion'),
            "error",
            3,
        ),
        Case(
            "sxsw-bogus-encoding",
            ("ingest", "sxsw", "{file}", "--encoding", "bogus"),
            "s.csv",
            _csv(sxsw),
            "error",
            field="encoding",
        ),
        Case(
            "customers-open-quote",
            ("ingest", "shopify-customers", "{file}"),
            "c.csv",
            _csv(cust, "a@b.c,1,Ann,1.00,1", 'd@e.f,2,"Bob,2.00,2'),
            "error",
            3,
        ),
        Case(
            "customers-bad-email",
            ("ingest", "shopify-customers", "{file}"),
            "c.csv",
            _csv(cust, "a@b.c,1,Ann,1.00,1", "nope,2,Bob,2.00,2"),
            "error",
            3,
            "Email",
        ),
        Case(
            "customers-nul",
            ("ingest", "shopify-customers", "{file}"),
            "c.csv",
            _csv(cust, "a@b.c,1,Ann,1.00,1") + NUL_LINE + b"\n",
            "error",
            3,
        ),
        Case(
            "orders-bad-date",
            ("ingest", "shopify-orders", "{file}"),
            "o.csv",
            _csv(order, "#1,a@b.c,2024-01-01 10:00:00 +0000,5.00", "#2,a@b.c,soon,5.00"),
            "error",
            3,
            "Created at",
        ),
        Case(
            "orders-bogus-encoding",
            ("ingest", "shopify-orders", "{file}", "--encoding", "bogus"),
            "o.csv",
            _csv(order),
            "error",
            field="encoding",
        ),
    ]


def reader_cases() -> list[Case]:
    """Commands that read a file without storing it: scoring, profiles, graphs."""
    texts = {
        "sentiment": ("listen", "sentiment", "{file}", "--path", "fast"),
        "disclosure": ("trust", "disclosure", "{file}"),
        "mentions": ("brand", "mentions", "{file}", "--brand", "Acme"),
    }
    cases = []
    for name, argv in texts.items():
        ok = {"text": "love @acme"}
        cases += [
            Case(
                f"{name}-deep", argv, "t.jsonl", _jsonl(ok, ('{"text": ' + DEEP + "}").encode()), "error", 2
            ),
            Case(
                f"{name}-surrogate", argv, "t.jsonl", _jsonl(ok, b'{"text": "a\\ud800"}'), "error", 2, "text"
            ),
            Case(f"{name}-wrong-type", argv, "t.jsonl", _jsonl(ok, {"text": 5}), "error", 2, "text"),
            Case(f"{name}-not-json", argv, "t.jsonl", _jsonl(ok) + NUL_LINE + b"\n", "error", 2),
            Case(
                f"{name}-bom-crlf",
                argv,
                "t.jsonl",
                b"\xef\xbb\xbf" + _jsonl(ok, ok).replace(b"\n", b"\r\n"),
                "ok",
            ),
        ]
    profile = {"screen_name": "ab", "followers_count": 5, "friends_count": 3}
    ff = ("trust", "fake-followers", "{file}")
    cases += [
        Case(
            "ff-overflow",
            ff,
            "p.jsonl",
            _jsonl(profile, {**profile, "followers_count": 1e30}),
            "error",
            2,
            "followers",
        ),
        Case(
            "ff-overflow-text",
            ff,
            "p.jsonl",
            _jsonl(profile, {**profile, "followers_count": "99999999999999999999"}),
            "error",
            2,
            "followers",
        ),
        Case("ff-deep-lines", ff, "p.jsonl", _jsonl(profile, ('{"a": ' + DEEP + "}").encode()), "error", 2),
        Case("ff-deep-array", ff, "p.json", ("[" + DEEP + "]").encode(), "error", 1),
        Case(
            "ff-wrong-type",
            ff,
            "p.jsonl",
            _jsonl(profile, {**profile, "followers_count": "many"}),
            "error",
            2,
        ),
        Case(
            "ff-csv-open-quote", ff, "p.csv", _csv("screen_name,followers_count", "ab,5", '"cd,6'), "error", 3
        ),
    ]
    seeds = ("network", "seeds", "--graph", "{file}", "--k", "1")
    cases += [
        Case("seeds-one-field", seeds, "g.txt", b"1 2\n3\n", "error", 2),
        Case(
            "seeds-bad-weight",
            (*seeds, "--probability", "weight"),
            "g.txt",
            b"1 2 0.5\n2 3 lots\n",
            "error",
            2,
        ),
        Case(
            "seeds-huge-weight",
            (*seeds, "--probability", "weight"),
            "g.txt",
            b"1 2 0.5\n2 3 1e999\n",
            "error",
            2,
        ),
        Case("seeds-empty", seeds, "g.txt", b"", "error"),
    ]
    return cases


ALL = lake_cases() + post_oddity_cases() + shape_cases() + reader_cases()

# -- the child process ---------------------------------------------------------------------------


def drive(spec_path: str) -> None:
    """Child process: run every case through ``main``; write what happened next to the spec."""
    import contextlib
    import io
    import time
    import traceback

    from grassroots.cli.main import main
    from grassroots.config import Settings
    from grassroots.ingest import status

    spec = json.loads(Path(spec_path).read_text())
    data = Settings(data_dir=Path(spec["data_dir"]))

    def counts() -> dict[str, int]:
        state = status(data, runs=0)
        return {**state.lake_counts, **{f"store.{k}": v for k, v in state.store_counts.items()}}

    results = []
    for case in spec["cases"]:
        t0 = time.perf_counter()
        before = counts()
        out, err = io.StringIO(), io.StringIO()
        escaped = None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(case["argv"])
            except BaseException:  # the point is to catch what escapes
                code, escaped = -1, traceback.format_exc()
        after = counts()
        results.append(
            {
                "name": case["name"],
                "code": code,
                "stdout": out.getvalue(),
                "stderr": err.getvalue(),
                "escaped": escaped,
                "before": before,
                "after": after,
                "seconds": time.perf_counter() - t0,
            }
        )
    Path(spec["out"]).write_text(json.dumps(results))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    base = tmp_path_factory.mktemp("matrix")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(base / "data"), "HF_HUB_OFFLINE": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    cases = []
    for case in ALL:
        folder = base / "files" / case.name
        folder.mkdir(parents=True)
        path = folder / case.filename
        path.write_bytes(case.content)
        cases.append({"name": case.name, "argv": [a.replace("{file}", str(path)) for a in case.argv]})
    spec = base / "spec.json"
    spec.write_text(
        json.dumps({"data_dir": str(base / "data"), "cases": cases, "out": str(base / "out.json")})
    )
    subprocess.run([sys.executable, "-m", "grassroots", "init"], env=env, check=True, capture_output=True)
    code = f"from tests.test_bad_input_matrix import drive; drive({str(spec)!r})"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    return {r["name"]: r for r in json.loads((base / "out.json").read_text())}


def _changed(result: dict[str, Any]) -> dict[str, tuple[int, int]]:
    before, after = result["before"], result["after"]
    return {k: (before.get(k, 0), v) for k, v in after.items() if before.get(k, 0) != v and k != "runs"}


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_bad_input(case: Case, results: dict[str, dict[str, Any]]) -> None:
    result = results[case.name]
    assert result["escaped"] is None, result["escaped"]
    assert "Traceback" not in result["stderr"], result["stderr"]
    errors = [line for line in result["stderr"].splitlines() if line.startswith("error:")]
    if case.expect == "error":
        assert result["code"] == 2, result["stderr"]
        assert len(errors) == 1 and len(errors[0]) < 600, result["stderr"]
        if case.line is not None:
            assert f"{case.filename}:{case.line}: " in errors[0], errors[0]
        if case.field is not None:
            assert f"{case.field}" in errors[0], errors[0]
        assert _changed(result) == {}, "an error must leave every table as it was"
        return
    assert result["code"] == 0, result["stderr"]
    assert errors == []
    if case.warning:
        assert case.warning in result["stderr"], result["stderr"]
    if case.table is not None:
        added = {k: a - b for k, (b, a) in _changed(result).items()}
        assert added.get(case.table, 0) == case.good, added
    if case.expect == "skip":
        report = json.loads(result["stdout"].splitlines()[-1])
        assert report["rejected"] >= 1
        rejects = Path(report["rejects_file"]).read_text(encoding="utf-8")
        assert f",{case.line}," in rejects, rejects


def test_the_matrix_covers_every_command_that_reads_a_file() -> None:
    commands = {" ".join(a for a in c.argv[:2] if not a.startswith("{")) for c in ALL}
    expected = {
        f"ingest {s}"
        for s in (
            "posts",
            "accounts",
            "snapshots",
            "comments",
            "follows",
            "twitter",
            "twibot",
            "sxsw",
            "shopify-customers",
            "shopify-orders",
        )
    }
    expected |= {
        "listen sentiment",
        "trust disclosure",
        "trust fake-followers",
        "brand mentions",
        "network seeds",
    }
    assert expected <= commands
    assert len({c.name for c in ALL}) == len(ALL)
