"""`grassroots brand add/list/mentions` end to end, in a new process with a temporary data dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}


def test_add_merge_list_and_yaml(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = run_cli("brand", "add", "Dove", "--product", "Men+Care", "--handle", "@Dove", env=env)
    assert first.returncode == 0, first.stderr
    run_cli("brand", "add", "dove", "--alias", "dov", env=env)
    yaml_file = tmp_path / "apple.yaml"
    yaml_file.write_text("name: Apple\nproducts: [iPhone]\ndomains: [apple.com]\n", encoding="utf-8")
    assert run_cli("brand", "add", "--file", str(yaml_file), env=env).returncode == 0
    listed = [json.loads(line) for line in run_cli("brand", "list", env=env).stdout.splitlines()]
    assert [b["name"] for b in listed] == ["Apple", "Dove"]
    assert listed[1]["aliases"] == ["dov"] and listed[1]["products"] == ["Men+Care"]


def test_bad_brand_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nhandel: [x]\n", encoding="utf-8")
    result = run_cli("brand", "add", "--file", str(bad), env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"error: {bad}: handel:")
    assert result.stdout == b""


def test_mentions_one_line_per_input_line(tmp_path: Path) -> None:
    posts = tmp_path / "posts.txt"
    posts.write_bytes(b"\xef\xbb\xbfI love my Dove soap\r\n\r\nthe white dove flew\r\n@dove thanks\xff\n")
    result = run_cli("brand", "mentions", str(posts), "--brand", "Dove", env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert [len(r["mentions"]) for r in rows] == [1, 0, 0, 1]
    assert rows[0]["mentions"][0]["reason"] and rows[3]["warnings"]


def test_mentions_jsonl_echoes_ids(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        '{"id": 7, "text": "new iPhone from @apple"}\n{"id": "x", "text": "apple pie"}\n', "utf-8"
    )
    result = run_cli("brand", "mentions", str(posts), "--brand", "Apple", "--rejected", env=_env(tmp_path))
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [7, "x"]
    assert [m["about_brand"] for m in rows[1]["mentions"]] == [False]


def test_mentions_bad_jsonl_prints_nothing(tmp_path: Path) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"text": "Apple"}\nnot json\n', "utf-8")
    result = run_cli("brand", "mentions", str(posts), "--brand", "Apple", env=_env(tmp_path))
    assert result.returncode == 2 and result.stdout == b""
    assert f"{posts}:2" in result.stderr.decode()
