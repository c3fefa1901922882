"""Brands live in the store: add / edit / remove / export round trip, old YAML files migrated, counted."""

from __future__ import annotations

import json
import os
from pathlib import Path

from grassroots.listen import Brand, BrandBook, brand_to_mapping
from tests.conftest import run_cli


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}


def _cli(tmp_path: Path, *args: str) -> str:
    result = run_cli(*args, env=_env(tmp_path))
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_add_edit_export_remove_round_trip(tmp_path: Path) -> None:
    _cli(tmp_path, "brand", "add", "Dove", "--product", "Men+Care", "--competitor", "Nivea")
    edited = json.loads(
        _cli(tmp_path, "brand", "edit", "dove", "--add", "aliases=Dov", "--remove", "hashtags=#DOVE")
    )
    assert edited["aliases"] == ["Dov"] and edited["hashtags"] == [] and edited["products"] == ["Men+Care"]
    exported = tmp_path / "dove.yaml"
    _cli(tmp_path, "brand", "export", "Dove", "--out", str(exported))
    assert _cli(tmp_path, "brand", "export", "Dove") == exported.read_text(encoding="utf-8")
    _cli(tmp_path, "brand", "remove", "DOVE")
    assert _cli(tmp_path, "brand", "list") == ""
    again = json.loads(_cli(tmp_path, "brand", "add", "--file", str(exported)))
    assert again == edited  # the removed default hashtag stays removed


def test_edit_and_remove_errors_are_one_line(tmp_path: Path) -> None:
    env = _env(tmp_path)
    missing = run_cli("brand", "remove", "Nope", env=env)
    assert missing.returncode == 3 and missing.stderr.decode().startswith(
        "error: brand 'Nope' is not configured"
    )
    run_cli("brand", "add", "Dove", env=env)
    bad_field = run_cli("brand", "edit", "Dove", "--add", "colours=blue", env=env)
    assert (
        bad_field.returncode == 2 and "field='colours': expected one of aliases" in bad_field.stderr.decode()
    )
    no_change = run_cli("brand", "edit", "Dove", env=env)
    assert no_change.returncode == 2
    assert (
        no_change.stderr.decode()
        == "error: --add / --remove / --file : nothing to change; give at least one\n"
    )
    other = tmp_path / "acme.yaml"
    other.write_text("name: Acme\n", encoding="utf-8")
    renamed = run_cli("brand", "edit", "Dove", "--file", str(other), env=env)
    assert renamed.returncode == 2 and b"another brand" in renamed.stderr


def test_old_yaml_brand_files_are_imported_once(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "brands"
    folder.mkdir(parents=True)
    (folder / "dove.yaml").write_text("name: Dove\nproducts: [Men+Care]\n", encoding="utf-8")
    listed = [json.loads(line) for line in _cli(tmp_path, "brand", "list").splitlines()]
    assert [(b["name"], b["products"], b["hashtags"]) for b in listed] == [("Dove", ["Men+Care"], ["dove"])]
    assert not (folder / "dove.yaml").exists() and (folder / "imported" / "dove.yaml").is_file()
    _cli(tmp_path, "brand", "remove", "Dove")
    assert _cli(tmp_path, "brand", "list") == ""  # a removed brand does not come back from the old file


def test_status_counts_brands(tmp_path: Path) -> None:
    _cli(tmp_path, "init")
    _cli(tmp_path, "brand", "add", "Dove")
    _cli(tmp_path, "brand", "add", "Acme")
    counts = dict(line.split()[:2] for line in _cli(tmp_path, "status").splitlines()[:40] if ":" not in line)
    assert counts["brands"] == "2"


def test_reading_without_a_store_creates_nothing(tmp_path: Path) -> None:
    book = BrandBook(f"sqlite:///{tmp_path / 'none' / 'g.db'}", legacy_dir=tmp_path / "none" / "brands")
    assert book.list() == [] and book.resolve("Dove") == Brand.from_name("Dove")
    assert not (tmp_path / "none").exists()


def test_every_brand_field_survives_the_store(tmp_path: Path) -> None:
    book = BrandBook(f"sqlite:///{tmp_path / 'g.db'}")
    brand = Brand(
        name="Coca-Cola",
        aliases=("Coke",),
        handles=("cocacola",),
        hashtags=(),
        products=("Coke Zero",),
        competitors=("Pepsi",),
        domains=("coca-cola.com",),
        languages=("en", "es"),
        company_cues=("drink",),
        other_cues=("snow",),
    )
    book.put(brand)
    assert brand_to_mapping(book.get("coca cola")) == brand_to_mapping(brand)
