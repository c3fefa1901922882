"""Brand model and YAML loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.listen import Brand, brand_from_mapping, brand_to_mapping, load_brand


def test_from_name_derives_hashtag_and_handle() -> None:
    b = Brand.from_name("Ben & Jerry's")
    assert b.hashtags == ("benjerrys",)
    assert b.handles == ("benjerrys",)


def test_from_name_drops_a_leading_at_or_hash() -> None:
    assert Brand.from_name("@microsoft").name == "microsoft"
    assert Brand.from_name("#Acme").handles == ("acme",)


def test_prefixes_and_duplicates_are_cleaned() -> None:
    b = Brand(
        name=" Dove ", handles=("@Dove", "dove"), hashtags=("#dove",), domains=("https://www.dove.com/",)
    )
    assert (b.name, b.handles, b.hashtags, b.domains) == ("Dove", ("Dove",), ("dove",), ("dove.com",))


def test_empty_name_is_rejected() -> None:
    with pytest.raises(InvalidInput):
        Brand(name="  ")


def test_yaml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "dove.yaml"
    path.write_text(
        "name: Dove\naliases: [dov]\nproducts:\n  - Men+Care\ndomains: dove.com\n", encoding="utf-8"
    )
    b = load_brand(path)
    assert b.products == ("Men+Care",) and b.domains == ("dove.com",) and "dove" in b.hashtags
    assert brand_from_mapping(brand_to_mapping(b), source="x") == b


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("aliases: [x]\n", "name"),
        ("name: Dove\nhandle: [dove]\n", "handle"),
        ("name: Dove\nproducts: {a: 1}\n", "products"),
    ],
)
def test_bad_yaml_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        load_brand(path)
    assert info.value.field == field
    assert str(path) in str(info.value)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("name: Dove\nproducts: [a, b\n", encoding="utf-8")
    with pytest.raises(InvalidRecord) as info:
        load_brand(path)
    assert info.value.line is not None
