"""Read account profiles (CSV, JSONL or a JSON array) into one plain record per input record.

The column names of the sources we meet (Twitter's API, SRF's Instagram export, InstaFake, and our
own ``accounts.csv`` / lake columns: ``posts``, ``is_private``, ``bio``, ``handle``) map onto
one :class:`Profile`. A blank or absent value is *unknown* (``None``), never an error; a value that is
present but cannot be read (``followers = "lots"``) raises :class:`InvalidRecord` naming file, line
and field. Counts and booleans are read by :mod:`grassroots.rules.values`, the table every reader
shares (``1.0`` / ``0.0`` booleans and ``18.0`` / ``1,234`` counts, as pandas and spreadsheets write
them). The whole file is read and validated before anything is returned; a file with none of the
scored fields (a posts file, binary garbage) is refused, and a warning says when most scored values
are unknown.

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
read only   ``favourites_count``, ``listed_count``, ``default_profile``, ``verified`` (validated, kept,
            not scored)
platform    a ``platform`` value ``twitter`` / ``instagram`` (lake accounts), else
            ``twitter`` when the record has a Twitter API column (``screen_name``, ``statuses_count``,
            ``friends_count``, ``followers_count``, ``default_profile_image``, ``protected``), else
            ``instagram`` for SRF / InstaFake columns, else unknown (``None``)
==========  ==========================================================================================
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, InvalidRecord, InvalidValue, SourceError
from grassroots.ingest import csv_records, parse_json
from grassroots.rules import FALSE_WORDS, TRUE_WORDS, parse_bool, parse_count

__all__ = ["SCORED", "Profile", "coverage_warnings", "parse_as_of", "profile_from_mapping", "read_profiles"]

_ID_KEYS = ("id", "id_str", "user_id", "screen_name", "Username")
_FOLLOWERS = ("followers_count", "Number.of.followers", "userFollowerCount", "followers")
_FOLLOWING = ("friends_count", "Number.of.people.they.follow", "userFollowingCount")
_POSTS = ("statuses_count", "Number.of.posts", "userMediaCount", "posts")
_PICTURE = ("has_profile_picture", "userHasProfilPic")
_PRIVATE = ("protected", "Private.account", "userIsPrivate", "is_private")
_USERNAME = ("screen_name", "Username", "handle")
_USERNAME_PARTS = ("usernameDigitCount", "usernameLength")
#: The :class:`Profile` fields the fake-follower model scores (an unknown one is imputed).
SCORED = ("followers", "following", "posts", "picture", "private", "username_digits", "username_length")
#: Columns that feed :data:`SCORED`: a file with none of them is not a file of profiles.
_SCORED_COLUMNS = frozenset(
    (*_FOLLOWERS, *_FOLLOWING, "following", *_POSTS, *_PICTURE, "default_profile_image", *_PRIVATE)
) | frozenset(_USERNAME + _USERNAME_PARTS)
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
    favourites: float | None = None
    listed: float | None = None
    default_profile: bool | None = None
    verified: bool | None = None
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


def _count(value: Any, *, field: str) -> float | None:
    number = parse_count(value, field=field)
    return None if number is None else float(number)


def _date(value: Any, *, field: str = "created_at") -> datetime | None:
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
        raise InvalidValue(field, f"not a date: {value!r} (Twitter or ISO 8601 format expected)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_as_of(value: str) -> datetime:
    """Read an ``--as-of`` date (ISO 8601 or Twitter's format); naive dates are taken as UTC.

    >>> parse_as_of("2020-09-01").isoformat()
    '2020-09-01T00:00:00+00:00'
    """
    try:
        parsed = _date(value, field="as_of")
    except (InvalidValue, ValueError, OverflowError, OSError) as exc:
        raise InvalidInput(f"as_of={value!r}: {getattr(exc, 'problem', exc)}") from None
    if parsed is None:
        raise InvalidInput(f"as_of={value!r}: expected a date")
    return parsed


def _first(row: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in row and not _blank(row[key]):
            return key, row[key]
    return None, None


def _field(
    path: str, line: int, row: Mapping[str, Any], keys: tuple[str, ...], read: Callable[..., Any]
) -> Any:
    key, value = _first(row, keys)
    if key is None:
        return None
    try:
        return read(value, field=key)
    except InvalidValue as exc:
        raise InvalidRecord(path, line, key, exc.problem) from None
    except (ValueError, OverflowError, OSError) as exc:
        raise InvalidRecord(path, line, key, str(exc)) from None


def _following(path: str, line: int, row: Mapping[str, Any]) -> float | None:
    found = _field(path, line, row, _FOLLOWING, _count)
    if found is not None:
        return float(found)
    value = row.get("following")
    if _blank(value) or isinstance(value, bool):
        return None
    try:
        return _count(value, field="following")
    except InvalidValue as exc:
        if isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return None  # Twitter's "do I follow this account" flag, not a count
        raise InvalidRecord(path, line, "following", exc.problem) from None


def _picture(path: str, line: int, row: Mapping[str, Any]) -> bool | None:
    default = _field(path, line, row, ("default_profile_image",), parse_bool)
    if default is not None:
        return not default
    value = _field(path, line, row, _PICTURE, parse_bool)
    return None if value is None else bool(value)


def _username(path: str, line: int, row: Mapping[str, Any]) -> tuple[float | None, float | None]:
    _, name = _first(row, _USERNAME)
    if name is not None:
        text = str(name).strip().lstrip("@")
        return float(sum(ch.isdigit() for ch in text)), float(len(text))
    digits = _field(path, line, row, ("usernameDigitCount",), _count)
    return digits, _field(path, line, row, ("usernameLength",), _count)


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
        bio = _field(path, line, row, ("userBiographyLength",), _count)
    digits, length = _username(path, line, row)
    return Profile(
        id=str(id_value) if id_key is not None else str(number),
        line=line,
        followers=_field(path, line, row, _FOLLOWERS, _count),
        following=_following(path, line, row),
        posts=_field(path, line, row, _POSTS, _count),
        picture=_picture(path, line, row),
        private=_field(path, line, row, _PRIVATE, parse_bool),
        bio_length=bio,
        username_digits=digits,
        username_length=length,
        created_at=_field(path, line, row, ("created_at",), _date),
        favourites=_field(path, line, row, ("favourites_count",), _count),
        listed=_field(path, line, row, ("listed_count",), _count),
        default_profile=_field(path, line, row, ("default_profile",), parse_bool),
        verified=_field(path, line, row, ("verified",), parse_bool),
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


def read_profiles(path: Path, *, warnings: list[str] | None = None) -> list[Profile]:
    """Read every profile of ``path``, in input order, one per record (CSV rows may span lines).

    The format is guessed from the content: ``[`` starts a JSON array, ``{`` starts JSONL, anything
    else is CSV with a header row. For a JSON array the "line" is the 1-based item number. Records
    none of which has a scored column (:data:`SCORED`) are refused; when most scored values are
    unknown (imputed when scored), a warning is appended to ``warnings``.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    is_json = text.lstrip()[:1] in ("[", "{")
    rows = list(_json_rows(str(path), text) if is_json else _csv_rows(str(path), text))
    profiles = [
        profile_from_mapping(row, path=str(path), line=line, number=number)
        for number, (line, row) in enumerate(rows, start=1)
    ]
    _require_profile_columns(str(path), rows, header=not is_json)
    sink = warnings if warnings is not None else []
    sink.extend(coverage_warnings(str(path), profiles))
    return profiles


def _require_profile_columns(path: str, rows: list[tuple[int, dict[str, Any]]], *, header: bool) -> None:
    """Refuse records that carry no scored column at all: scoring them would score only medians."""
    if not rows or any(_SCORED_COLUMNS.intersection(row) for _, row in rows):
        return
    found = sorted({key for _, row in rows for key in row})
    shown = ", ".join(repr(k)[:40] for k in found[:8]) + (", ..." if len(found) > 8 else "")
    wanted = ", ".join((*_FOLLOWERS[:1], *_FOLLOWING[:1], *_POSTS[:1], "default_profile_image", "protected"))
    raise InvalidRecord(
        path,
        1 if header else rows[0][0],
        None,
        f"no profile fields (expected e.g. {wanted}, screen_name); found: {shown}",
    )


def coverage_warnings(path: str, profiles: list[Profile]) -> list[str]:
    """A warning when most scored values are unknown, naming the fields mostly unknown.

    >>> coverage_warnings("p.csv", [Profile(id="a", line=2, followers=3.0)])[0][:58]
    'p.csv: most profile fields are unknown (86% of scored valu'
    """
    if not profiles:
        return [f"{path}: no records"]
    unknown = {name: sum(getattr(p, name) is None for p in profiles) / len(profiles) for name in SCORED}
    share = sum(unknown.values()) / len(SCORED)
    if share <= 0.5:
        return []
    fields = ", ".join(f"{name} {part:.0%}" for name, part in unknown.items() if part > 0.5)
    return [
        f"{path}: most profile fields are unknown ({share:.0%} of scored values will be imputed with "
        f"training medians; unknown: {fields})"
    ]
