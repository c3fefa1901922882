from __future__ import annotations

from pathlib import Path

from grassroots.ingest import read_texts

from .conftest import run_cli


def test_version_goes_to_stdout_only() -> None:
    result = run_cli("version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == "0.1.0"


def test_read_texts_one_record_per_line(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xef\xbb\xbfgood\r\n\r\nbad \xff byte\nlast")
    records = read_texts(path)
    assert [r.text for r in records] == ["good", "", "bad \ufffd byte", "last"]
    assert records[2].warnings and not records[0].warnings
    assert [r.line for r in records] == [1, 2, 3, 4]


def test_read_texts_keeps_unicode_line_separators_inside_a_line(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("a\u2028b\x0bc\nd\n", encoding="utf-8")
    assert [r.text for r in read_texts(path)] == ["a\u2028b\x0bc", "d"]


def test_read_texts_jsonl_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "ok"}\n{broken\n', encoding="utf-8")
    try:
        read_texts(path)
    except Exception as exc:
        assert f"{path}:2:" in str(exc)
    else:
        raise AssertionError("a broken JSONL line must be refused")


def test_usage_errors_are_one_message_not_a_traceback() -> None:
    for args in (("no-such-command",), ("network", "seeds")):
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert b"Traceback" not in result.stderr
        assert result.stdout == b""


def test_our_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    graph = tmp_path / "g.txt"
    graph.write_text("a b\n", encoding="utf-8")
    result = run_cli("network", "seeds", "--graph", str(graph), "--k", "5")
    assert result.returncode == 2
    assert result.stderr.decode().startswith("error: ") and b"Traceback" not in result.stderr
    assert result.stdout == b""


def test_log_level_setting_sends_our_logs_to_stderr_only(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"platform": "x", "id": "1", "author": "a", "text": "hi"}\n', encoding="utf-8")
    quiet = run_cli("ingest", "posts", str(posts), env=env)
    loud = run_cli("ingest", "posts", str(posts), env={**env, "GRASSROOTS_LOG_LEVEL": "info"})
    assert quiet.returncode == loud.returncode == 0
    assert b"INFO grassroots.lake.duck: run ingest:posts (ok): read 1" in loud.stderr
    assert b"INFO" not in quiet.stderr and b"INFO" not in loud.stdout
    bad = run_cli("version", env={**env, "GRASSROOTS_LOG_LEVEL": "chatty"})
    assert bad.returncode == 2 and bad.stdout == b""
    assert bad.stderr.decode() == "error: log_level='chatty': expected one of debug, info, warning, error\n"
