"""Read account profiles (CSV, JSONL or a JSON array) into one plain record per input record.

The column names of the sources we meet (Twitter's API, SRF's Instagram export, InstaFake, and our
own ``accounts.csv`` / lake columns: ``posts``, ``is_private``, ``bio``, ``handle``) map onto
one :class:`Profile`. A blank or absent value is *unknown* (``None``), never an error; a value that is
present but cannot be read (``followers = "lots"``) raises :class:`InvalidRecord` naming file, line
and field. The whole file is read and validated before anything is returned.

==========  ==========================================================================================
field       taken from (first present wins)
==========  ==========================================================================================
id          ``id`` | ``id_str`` | ``user_id`` | ``screen_name`` | ``Username``, else the record number
followers   ``followers_count`` | ``Number.of.followers`` | ``userFollowerCount`` | ``followers``
following   ``friends_count`` | ``Number.of.people.they.follow`` | ``userFollowingCount`` |
            numeric ``following`` (Twitter's boolean ``following`` relation is ignored)
posts       ``statuses_count`` | ``Number.of.posts`` | ``userMediaCount`` | ``posts``
picture     not ``default_profile_image`` | ``has_profile_picture`` | ``userHasProfilPic``
private     ``protected`` | ``Private.account`` | ``userIsPrivate`` | ``is_private``
bio_length  length of ``description`` | ``userBiographyLength`` | length of ``bio``
username    ``screen_name`` | ``Username`` | ``handle`` (digits and length also from
            ``usernameDigitCount`` / ``usernameLength``)
created_at  ``created_at`` (Twitter's ``Tue Nov 18 10:27:25 +0000 2008``, ISO 8601, or epoch seconds)
platform    a ``platform`` value ``twitter`` / ``instagram`` (lake accounts), else
            ``twitter`` when the record has a Twitter API column (``screen_name``, ``statuses_count``,
            ``friends_count``, ``followers_count``, ``default_profile_image``, ``protected``), else
            ``instagram`` for SRF / InstaFake columns, else unknown (``None``)
==========  ==========================================================================================
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, InvalidRecord, SourceError
from grassroots.ingest import csv_records, parse_json

__all__ = ["Profile", "parse_as_of", "parse_bool", "profile_from_mapping", "read_profiles"]

_ID_KEYS = ("id", "id_str", "user_id", "screen_name", "Username")
_FOLLOWERS = ("followers_count", "Number.of.followers", "userFollowerCount", "followers")
_FOLLOWING = ("friends_count", "Number.of.people.they.follow", "userFollowingCount")
_POSTS = ("statuses_count", "Number.of.posts", "userMediaCount", "posts")
_PICTURE = ("has_profile_picture", "userHasProfilPic")
_PRIVATE = ("protected", "Private.account", "userIsPrivate", "is_private")
_TWITTER_KEYS = frozenset(
    (
        "screen_name",
        "statuses_count",
        "friends_count",
        "followers_count",
        "default_profile_image",
        "protected",
    )
)
_INSTAGRAM_KEYS = frozenset(
    (
        *_FOLLOWERS[1:3],
        *_FOLLOWING[1:3],
        *_POSTS[1:3],
        *_PICTURE,
        *_PRIVATE[1:3],
        "Username",
        "usernameLength",
    )
)
_TRUE = {"true", "1", "yes", "t", "y"}
_FALSE = {"false", "0", "no", "f", "n"}


@dataclass(frozen=True)
class Profile:
    """One account as the fake-follower model sees it; ``None`` means unknown."""

    id: str
    line: int
    followers: float | None = None
    following: float | None = None
    posts: float | None = None
    picture: bool | None = None
    private: bool | None = None
    bio_length: float | None = None
    username_digits: float | None = None
    username_length: float | None = None
    created_at: datetime | None = None
    platform: str | None = None


def _platform(row: Mapping[str, Any]) -> str | None:
    """``twitter`` / ``instagram``: the record's own ``platform`` value (lake accounts), else its columns."""
    named = str(row.get("platform") or "").strip().lower()
    if named in ("twitter", "instagram"):
        return named
    if _TWITTER_KEYS.intersection(row):
        return "twitter"
    return "instagram" if _INSTAGRAM_KEYS.intersection(row) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_bool(value: Any) -> bool | None:
    """Read true/false/1/0/TRUE/FALSE (any case); blank is unknown; anything else raises ValueError.

    >>> parse_bool("TRUE"), parse_bool(0), parse_bool(" "), parse_bool("False ")
    (True, False, None, False)
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected true/false/1/0 or blank, got {value!r}")


def _number(value: Any) -> float | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        number = float(str(value).strip().replace(",", "").replace("_", ""))
    if number != number or number < 0:
        raise ValueError(f"expected a non-negative number, got {value!r}")
    if number >= 2**63:
        raise ValueError(f"too large: {value!r} (a count is below 2^63)")
    return number


def _date(value: Any) -> datetime | None:
    if _blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"epoch time out of range: {value!r}") from None
    text = str(value).strip()
    for fmt in ("%a %b %d %H:%M:%S %z %Y",):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date: {value!r} (Twitter or ISO 8601 format expected)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_as_of(value: str) -> datetime:
    """Read an ``--as-of`` date (ISO 8601 or Twitter's format); naive dates are taken as UTC.

    >>> parse_as_of("2020-09-01").isoformat()
    '2020-09-01T00:00:00+00:00'
    """
    try:
        parsed = _date(value)
    except ValueError as exc:
        raise InvalidInput(f"as_of={value!r}: {exc}") from None
    if parsed is None:
        raise InvalidInput(f"as_of={value!r}: expected a date")
    return parsed


def _first(row: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in row and not _blank(row[key]):
            return key, row[key]
    return None, None


def _field(path: str, line: int, row: Mapping[str, Any], keys: tuple[str, ...], read: Any) -> Any:
    key, value = _first(row, keys)
    if key is None:
        return None
    try:
        return read(value)
    except (ValueError, OverflowError, OSError) as exc:
        raise InvalidRecord(path, line, key, str(exc)) from None


def _following(path: str, line: int, row: Mapping[str, Any]) -> float | None:
    found = _field(path, line, row, _FOLLOWING, _number)
    if found is not None:
        return float(found)
    value = row.get("following")
    if _blank(value) or isinstance(value, bool):
        return None
    try:
        return _number(value)
    except ValueError:
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return None  # Twitter's "do I follow this account" flag, not a count
        raise InvalidRecord(path, line, "following", f"expected a count, got {value!r}") from None


def _picture(path: str, line: int, row: Mapping[str, Any]) -> bool | None:
    default = _field(path, line, row, ("default_profile_image",), parse_bool)
    if default is not None:
        return not default
    value = _field(path, line, row, _PICTURE, parse_bool)
    return None if value is None else bool(value)


def _username(row: Mapping[str, Any]) -> tuple[float | None, float | None]:
    _, name = _first(row, ("screen_name", "Username", "handle"))
    if name is not None:
        text = str(name).strip().lstrip("@")
        return float(sum(ch.isdigit() for ch in text)), float(len(text))
    digits, length = row.get("usernameDigitCount"), row.get("usernameLength")
    return (
        None if _blank(digits) else _number(digits),
        None if _blank(length) else _number(length),
    )


def profile_from_mapping(row: Mapping[str, Any], *, path: str, line: int, number: int) -> Profile:
    """Map one record (a CSV row or a JSON object) to a :class:`Profile`; ``number`` is 1-based.

    >>> p = profile_from_mapping({"screen_name": "ab12", "friends_count": "5", "following": "false",
    ...                           "default_profile_image": "True"}, path="x", line=2, number=1)
    >>> (p.id, p.following, p.picture, p.username_digits)
    ('ab12', 5.0, False, 2.0)
    """
    id_key, id_value = _first(row, _ID_KEYS)
    description = row.get("description", row.get("bio"))
    bio = float(len(str(description).strip())) if description is not None else None
    if bio is None:
        bio = _field(path, line, row, ("userBiographyLength",), _number)
    try:
        digits, length = _username(row)
    except ValueError as exc:
        raise InvalidRecord(path, line, "usernameLength", str(exc)) from None
    return Profile(
        id=str(id_value) if id_key is not None else str(number),
        line=line,
        followers=_field(path, line, row, _FOLLOWERS, _number),
        following=_following(path, line, row),
        posts=_field(path, line, row, _POSTS, _number),
        picture=_picture(path, line, row),
        private=_field(path, line, row, _PRIVATE, parse_bool),
        bio_length=bio,
        username_digits=digits,
        username_length=length,
        created_at=_field(path, line, row, ("created_at",), _date),
        platform=_platform(row),
    )


def _csv_rows(path: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records of CSV ``text`` (the ingest CSV reader: an open quote is an error at its line)."""
    lines = enumerate((line.rstrip("\r") for line in text.split("\n")), start=1)
    try:
        for record in csv_records(lines, path, []):
            if record.values is None:
                raise InvalidRecord(path, record.line, None, record.error or "unreadable record")
            yield record.line, record.values
    except SourceError as exc:
        raise InvalidInput(str(exc)) from None


def _json_rows(path: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = parse_json(text)
        except json.JSONDecodeError as exc:
            raise InvalidRecord(path, exc.lineno, None, f"not valid JSON: {exc.msg}") from None
        except ValueError as exc:
            raise InvalidRecord(path, 1, None, f"not valid JSON: {exc}") from None
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise InvalidRecord(path, None, None, f"array item {index}: expected a JSON object")
            yield index, item
        return
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            item = parse_json(raw)
        except json.JSONDecodeError as exc:
            raise InvalidRecord(path, number, None, f"not valid JSON: {exc.msg}") from None
        except ValueError as exc:
            raise InvalidRecord(path, number, None, f"not valid JSON: {exc}") from None
        if not isinstance(item, dict):
            raise InvalidRecord(path, number, None, "expected a JSON object per line")
        yield number, item


def read_profiles(path: Path) -> list[Profile]:
    """Read every profile of ``path``, in input order, one per record (CSV rows may span lines).

    The format is guessed from the content: ``[`` starts a JSON array, ``{`` starts JSONL, anything
    else is CSV with a header row. For a JSON array the "line" is the 1-based item number.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    head = text.lstrip()[:1]
    rows = _json_rows(str(path), text) if head in ("[", "{") else _csv_rows(str(path), text)
    return [
        profile_from_mapping(row, path=str(path), line=line, number=number)
        for number, (line, row) in enumerate(rows, start=1)
    ]
