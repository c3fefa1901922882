"""Every CLI command and every setting is documented in the README (a test fails when one is not)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from grassroots.cli.main import app
from grassroots.config import _KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_paths(command: Any, prefix: str) -> list[str]:
    if hasattr(command, "commands"):  # a group (Typer vendors its own click)
        paths: list[str] = []
        for name, sub in command.commands.items():
            paths.extend(_command_paths(sub, f"{prefix} {name}"))
        return paths
    return [prefix]


def _documented(path: str) -> bool:
    words = path.split()
    if f"`{path}" in README:
        return True
    # grouped rows such as `grassroots ingest posts|accounts|... FILE`
    parent, leaf = " ".join(words[:-1]), words[-1]
    pattern = re.escape(f"`{parent} ") + r"[^`]*?(?<![\w-])" + re.escape(leaf) + r"(?![\w-])"
    return re.search(pattern, README) is not None


def test_every_command_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    paths = _command_paths(root, "grassroots")
    assert len(paths) > 10
    missing = [p for p in paths if not _documented(p)]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = [f"GRASSROOTS_{suffix}" for suffix in _KEYS.values() if f"GRASSROOTS_{suffix}" not in README]
    assert not missing, f"undocumented settings: {missing}"


def test_the_readme_python_example_runs() -> None:
    """Every ``>>>`` line of the README runs and prints what the README shows (doctest.testfile)."""
    import doctest

    path = Path(__file__).resolve().parents[1] / "README.md"
    assert ">>> from grassroots import Workspace" in README
    failed, attempted = doctest.testfile(
        str(path), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert attempted > 10 and failed == 0, f"{failed} of {attempted} README examples failed (output above)"
