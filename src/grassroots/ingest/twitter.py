"""Twitter API v1.1 JSON: tweets (with their embedded users, retweeted and quoted tweets) and users.

Accepts one object per line, a JSON array, or concatenated objects. A tweet object has ``text`` or
``full_text`` and a ``user``; a user object has ``screen_name``. Values are typed as Twitter sends them
(``id`` a number, ``id_str`` its exact string form: ``id_str`` is preferred, ids beyond 2**53 lose
precision as JSON numbers).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidValue
from grassroots.ingest._multi import Row
from grassroots.ingest.read import iter_json_values
from grassroots.rules import parse_bool

__all__ = ["negated_flag", "tweet_rows", "twitter_rows", "user_row"]


def _id(obj: Mapping[str, Any], key: str = "id") -> str | None:
    value = obj.get(f"{key}_str")
    if value is None and obj.get(key) is not None:
        value = str(obj[key])
    return value


def negated_flag(value: Any) -> Any:
    """``not value`` for a readable boolean (``default_profile_image`` -> has a picture); blank stays
    unknown, and an unreadable value passes through unchanged for the normaliser to refuse with its line.

    >>> negated_flag(True), negated_flag("1.0"), negated_flag("false"), negated_flag(None), negated_flag("x")
    (False, False, True, None, 'x')
    """
    try:
        flag = parse_bool(value, field="default_profile_image")
    except InvalidValue:
        return value
    return None if flag is None else not flag


def user_row(user: Mapping[str, Any]) -> dict[str, Any]:
    """An ``accounts`` row from a v1.1 user object."""
    urls = ((user.get("entities") or {}).get("url") or {}).get("urls") or [{}]
    return {
        "platform": "twitter",
        "id": _id(user),
        "handle": user.get("screen_name"),
        "name": user.get("name"),
        "bio": user.get("description"),
        "location": user.get("location"),
        "lang": user.get("lang"),
        "url": urls[0].get("expanded_url") or user.get("url"),
        "followers": user.get("followers_count"),
        "following": user.get("friends_count"),
        "posts": user.get("statuses_count"),
        "verified": user.get("verified"),
        "is_private": user.get("protected"),
        "has_profile_picture": negated_flag(user.get("default_profile_image")),
        "created_at": user.get("created_at"),
    }


def _post_row(tweet: Mapping[str, Any]) -> dict[str, Any]:
    extended = tweet.get("extended_tweet") or {}
    entities = extended.get("entities") or tweet.get("entities") or {}
    user = tweet.get("user") or {}
    tweet_id, handle = _id(tweet), user.get("screen_name")
    place = tweet.get("place") or {}
    return {
        "platform": "twitter",
        "id": tweet_id,
        "author": _id(user),
        "text": extended.get("full_text") or tweet.get("full_text") or tweet.get("text"),
        "created_at": tweet.get("created_at"),
        "reply_to_id": _id(tweet, "in_reply_to_status_id"),
        "reply_to_author": _id(tweet, "in_reply_to_user_id"),
        "quote_of_id": _id(tweet, "quoted_status_id"),
        "mentions": [m.get("screen_name") for m in entities.get("user_mentions") or []],
        "hashtags": [h.get("text") for h in entities.get("hashtags") or []],
        "like_count": tweet.get("favorite_count"),
        "comment_count": tweet.get("reply_count"),
        "share_count": tweet.get("retweet_count"),
        "view_count": None,
        "url": f"https://twitter.com/{handle}/status/{tweet_id}" if handle and tweet_id else None,
        "lang": tweet.get("lang"),
        "location": place.get("full_name"),
    }


def tweet_rows(tweet: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(table, row)`` pairs for a tweet: itself, its author, and any retweeted or quoted tweet."""
    for key in ("retweeted_status", "quoted_status"):
        inner = tweet.get(key)
        if isinstance(inner, dict):
            yield from tweet_rows(inner)
    if isinstance(tweet.get("user"), dict):
        yield "accounts", user_row(tweet["user"])
    yield "posts", _post_row(tweet)


def twitter_rows(path: Path) -> Iterator[Row]:
    """Rows of a Twitter v1.1 file (tweets and users, JSON array or one object per line)."""
    for line, obj in iter_json_values(path):
        if not isinstance(obj, dict):
            yield line, None, {"error": f"expected a JSON object, got {type(obj).__name__}"}, ""
        elif "screen_name" in obj and "user" not in obj:
            yield line, "accounts", user_row(obj), ""
        elif any(k in obj for k in ("text", "full_text", "extended_tweet")):
            for table, row in tweet_rows(obj):
                yield line, table, row, ""
        else:
            yield line, None, {"error": "neither a tweet (text, user) nor a user (screen_name) object"}, ""
