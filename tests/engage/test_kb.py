"""Knowledge-base files: parsed into passages; bad files fail with FILE:LINE: field: problem, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grassroots.demo_world import knowledge_base_files
from grassroots.engage import add_document, kb_dir, parse_document, remove_document
from grassroots.errors import InvalidInput, InvalidRecord, NotFound
from tests.conftest import run_cli


def test_every_demo_file_parses() -> None:
    docs = [parse_document(text, name=name) for name, text in knowledge_base_files().items()]
    assert {d.kind for d in docs} == {"faq", "product", "terms"}
    assert sum(len(d.passages) for d in docs) == 21
    assert all(p.text and p.heading for d in docs for p in d.passages)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("no title\n## A\nb\n", "f.md:1: title:"),
        ("# T\nkind: blog\n## A\nb\n", "f.md:2: kind: 'blog'"),
        ("# T\nstray text\n## A\nb\n", "f.md:2: section: text before"),
        ("# T\n## A\n\n## B\nb\n", "f.md:2: section: 'A' has no text"),
        ("# T\n\n", "f.md:2: section: no '## HEADING'"),
    ],
)
def test_bad_files_name_the_line_and_field(text: str, where: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        parse_document(text, name="f.md")
    assert str(caught.value).startswith(where)


def test_add_replaces_and_remove_removes(tmp_path: Path) -> None:
    source = tmp_path / "faq.md"
    source.write_text("# FAQ\n## Q?\nA.\n", encoding="utf-8")
    assert add_document(tmp_path / "data", source).passages[0].text == "A."
    source.write_text("# FAQ\n## Q?\nA2.\n", encoding="utf-8")
    add_document(tmp_path / "data", source)
    assert (kb_dir(tmp_path / "data") / "faq.md").read_text(encoding="utf-8").endswith("A2.\n")
    assert [p.name for p in kb_dir(tmp_path / "data").iterdir()] == ["faq.md"]  # nothing half-written left
    remove_document(tmp_path / "data", "faq.md")
    with pytest.raises(NotFound):
        remove_document(tmp_path / "data", "faq.md")
    with pytest.raises(InvalidInput, match="file name"):
        add_document(tmp_path / "data", tmp_path / "bad name.txt")


def test_the_cli_rejects_a_bad_file_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    bad = tmp_path / "terms.md"
    bad.write_text("# Terms\nkind: contract\n## A\nb\n", encoding="utf-8")
    done = run_cli("assistant", "kb", "add", str(bad), env=env)
    assert done.returncode == 2, done.stderr
    assert f"{bad}:2: kind: 'contract'" in done.stderr.decode()
    assert b"Traceback" not in done.stderr and done.stdout == b""
    assert not kb_dir(tmp_path / "data").exists() or not any(kb_dir(tmp_path / "data").iterdir())
