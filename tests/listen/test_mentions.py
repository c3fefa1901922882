"""Mention detection: kinds, offsets, case, emoji, punctuation, URLs, multi-word names, ambiguity."""

from __future__ import annotations

import pytest

from grassroots.listen import Brand, find_mentions

APPLE = Brand.from_name("Apple", products=["iPhone", "iPad"], domains=["apple.com"], aliases=["Appel"])


def kinds(text: str, brand: Brand = APPLE) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in find_mentions(text, brand)]


def test_offsets_point_at_the_matched_text() -> None:
    text = "Loving my new iPhone from @apple 🍏 apple.com/iphone"
    for m in find_mentions(text, APPLE):
        assert text[m.start : m.end] == m.text
        assert m.reason
    assert [k for k, _ in kinds(text)] == ["product", "handle", "url"]


@pytest.mark.parametrize(
    "text",
    [
        "I❤️Apple!!",
        "so good 😍Apple😍",
        "thanks @APPLE",
        "#Apple rocks",
        "the Ｉｐｈｏｎｅ is here",
        "my appel phone",
    ],
)
def test_case_emoji_punctuation_and_styled_letters(text: str) -> None:
    assert kinds(text), text


def test_words_that_merely_contain_the_name_do_not_match() -> None:
    assert kinds("pineapple and applesauce, @applebees, snapple") == []


def test_products_with_versions_and_plurals() -> None:
    assert kinds("iPad2 vs iPhone4s vs two iPads") == [
        ("product", "iPad2"),
        ("product", "iPhone4s"),
        ("product", "iPads"),
    ]


def test_url_must_be_the_brands_domain() -> None:
    assert kinds("see https://www.apple.com/ipad now") == [("url", "https://www.apple.com/ipad")]
    assert kinds("see https://notapple.com.example/x") == []


def test_multi_word_names_match_with_or_without_separators() -> None:
    coke = Brand.from_name("Coca Cola")
    assert len(find_mentions("coca-cola, CocaCola, Coca  Cola and #cocacola", coke)) == 4


def test_overlaps_keep_the_most_specific_match() -> None:
    assert kinds("#AppleStore opens") == [("hashtag", "#AppleStore")]


def test_ambiguous_name_is_rejected_without_context_but_kept_on_request() -> None:
    text = "baked an apple pie with cinnamon"
    assert find_mentions(text, APPLE) == []
    rejected = find_mentions(text, APPLE, include_rejected=True)
    assert len(rejected) == 1
    assert not rejected[0].about_brand
    assert rejected[0].reason


def test_explicit_signal_elsewhere_settles_an_ambiguous_name() -> None:
    found = find_mentions("apple just announced the new iPhone", APPLE)
    assert [m.kind for m in found] == ["name", "product"]
    assert "iPhone" in found[0].reason


def test_terms_without_letters_or_digits_never_match() -> None:
    odd = Brand(name="Acme", aliases=(" - ", "!!"), products=("++",))
    assert [m.text for m in find_mentions("Acme -- !! ++ acme", odd)] == ["Acme", "acme"]
