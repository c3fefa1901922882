from __future__ import annotations

import json
from pathlib import Path

from ..conftest import run_cli

FIELDS = {"label", "score", "probabilities", "evidence", "target_found"}


def _rows(stdout: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.decode().splitlines()]


def test_one_json_line_per_input_line_in_order(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"\xef\xbb\xbfI love this phone!\r\n\r\nworst service ever \xff\r\nit is tuesday\n")
    result = run_cli("listen", "sentiment", str(path), "--path", "fast")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    assert len(rows) == 4
    assert [r["label"] for r in rows][:3:2] == ["positive", "negative"]
    for row in rows:
        assert set(row) >= FIELDS
        assert row["label"] in ("negative", "neutral", "positive")
        probs = row["probabilities"]
        assert isinstance(probs, dict) and set(probs) == {"negative", "neutral", "positive"}
        assert row["score"] == probs[row["label"]]
    assert rows[0]["evidence"] == {"start": 0, "end": 18, "text": "I love this phone!"}
    assert rows[1]["evidence"] == {"start": 0, "end": 0, "text": ""}
    assert "warnings" in rows[2] and "warnings" not in rows[0]


def test_brand_window_and_jsonl_ids(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        {"id": 1, "text": "Lovely weather today. But @Acme lost my parcel again and never replied, awful"},
        {"id": "b", "text": "nothing about them here"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = run_cli("listen", "sentiment", str(path), "--brand", "Acme", "--path", "fast")
    assert result.returncode == 0, result.stderr
    first, second = _rows(result.stdout)
    assert first["id"] == 1 and second["id"] == "b"
    assert first["target_found"] is True and first["label"] == "negative"
    evidence = first["evidence"]
    assert isinstance(evidence, dict)
    assert lines[0]["text"][evidence["start"] : evidence["end"]] == evidence["text"]  # type: ignore[index]
    assert "@Acme" in evidence["text"] and "weather" not in evidence["text"]
    assert second["target_found"] is False


def test_default_accurate_path_runs(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("this is the best day of my life\nI hate waiting in line for hours\n", encoding="utf-8")
    result = run_cli("listen", "sentiment", str(path))
    assert result.returncode == 0, result.stderr
    assert [r["label"] for r in _rows(result.stdout)] == ["positive", "negative"]


def test_bad_input_prints_nothing_and_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "fine"}\n{"text": 3}\n', encoding="utf-8")
    result = run_cli("listen", "sentiment", str(path), "--path", "fast")
    assert result.returncode == 2 and result.stdout == b""
    assert f"{path}:2: text:" in result.stderr.decode()
    path.write_text('{"text": "fine"}\n', encoding="utf-8")
    bad_path = run_cli("listen", "sentiment", str(path), "--path", "slow")
    assert bad_path.returncode == 2 and b"--path" in bad_path.stderr
