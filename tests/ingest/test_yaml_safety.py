"""YAML is only ever loaded safely: no yaml.load / unsafe_load / full Loader anywhere in the package."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[2] / "src" / "grassroots"
UNSAFE = re.compile(
    r"yaml\.(load|load_all|unsafe_load|unsafe_load_all|full_load)\s*\(|Loader\s*=\s*yaml\.(Unsafe|Full)?Loader"
)


def test_no_unsafe_yaml_loading_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if UNSAFE.search(line)
    ]
    assert offenders == []


def test_safe_load_refuses_python_objects() -> None:
    document = "!!python/object/apply:os.system ['echo owned']"
    try:
        yaml.safe_load(document)
    except yaml.constructor.ConstructorError:
        return
    raise AssertionError("safe_load constructed a Python object")
