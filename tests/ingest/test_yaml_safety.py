"""YAML is only ever loaded safely: no unsafe loader in the package, and our readers refuse Python tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grassroots.errors import InvalidRecord
from grassroots.listen import load_brand
from grassroots.listen.engagement import load_tiers

SRC = Path(__file__).resolve().parents[2] / "src" / "grassroots"
UNSAFE = re.compile(
    r"yaml\.(load|load_all|unsafe_load|unsafe_load_all|full_load)\s*\(|Loader\s*=\s*yaml\.(Unsafe|Full)?Loader"
)
EXPLOIT = "!!python/object/apply:os.system ['touch {marker}']"


def test_no_unsafe_yaml_loading_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if UNSAFE.search(line)
    ]
    assert offenders == []


def test_brand_file_with_a_python_tag_is_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "brand.yaml"
    path.write_text(f"name: {EXPLOIT.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        load_brand(path)
    assert str(path) in str(info.value) and not marker.exists()


def test_tier_file_with_a_python_tag_is_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "tiers.yaml"
    path.write_text(f"systems:\n  mine: {EXPLOIT.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        load_tiers(str(path))
    assert str(path) in str(info.value) and not marker.exists()
