"""The TwiBot-20 dump (Feng et al., CIKM 2021): profiles, tweets and neighbours of Twitter users.

Its shape is peculiar, and handled here: a JSON array of users whose profile values are all strings
with a trailing space (``"False "``, ``"15349596 "``, ``"None "``), nested fields as Python-repr
strings (read with :func:`ast.literal_eval`, never ``eval``), tweets as bare strings with no id or
time (keyed here by ``(user id, position)`` as ``"<user id>:<position>"``), and ``neighbor`` lists of
followed and following ids.

>>> clean(" True "), clean("None "), clean("12 ")
('True', None, '12')
>>> repr_field("{'url': {'urls': [{'expanded_url': 'http://a.b'}]}} ")["url"]["urls"][0]["expanded_url"]
'http://a.b'
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from grassroots.ingest._multi import Row
from grassroots.ingest.read import iter_json_values
from grassroots.ingest.twitter import negated_flag

__all__ = ["clean", "repr_field", "twibot_rows"]

MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")
HASHTAG = re.compile(r"(?<![\w#])#(\w+)")


def clean(value: Any) -> Any:
    """Strip TwiBot's trailing space; the strings ``None`` / ``""`` mean missing."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    return None if text in ("", "None") else text


def repr_field(value: Any) -> Any:
    """Parse a Python-repr string (``"{'a': 1}"``) safely; anything unparsable is None."""
    text = clean(value)
    if not isinstance(text, str):
        return text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def _account(profile: Mapping[str, Any]) -> dict[str, Any]:
    entities = repr_field(profile.get("entities")) or {}
    urls = (entities.get("url") or {}).get("urls") or [{}] if isinstance(entities, dict) else [{}]
    place = repr_field(profile.get("profile_location"))
    location = clean(profile.get("location")) or (place.get("full_name") if isinstance(place, dict) else None)
    return {
        "platform": "twitter",
        "id": clean(profile.get("id_str")) or clean(profile.get("id")),
        "handle": clean(profile.get("screen_name")),
        "name": clean(profile.get("name")),
        "bio": clean(profile.get("description")),
        "location": location,
        "lang": clean(profile.get("lang")),
        "url": urls[0].get("expanded_url") or clean(profile.get("url")),
        "followers": clean(profile.get("followers_count")),
        "following": clean(profile.get("friends_count")),
        "posts": clean(profile.get("statuses_count")),
        "verified": clean(profile.get("verified")),
        "is_private": clean(profile.get("protected")),
        "has_profile_picture": negated_flag(clean(profile.get("default_profile_image"))),
        "created_at": clean(profile.get("created_at")),
    }


def twibot_rows(path: Path) -> Iterator[Row]:
    """Rows for accounts, posts and follows from each user of the dump (pure apart from reading)."""
    for line, user in iter_json_values(path):
        if not isinstance(user, dict) or not isinstance(user.get("profile"), dict):
            yield line, None, {"field": "profile", "error": "expected a user object with a profile"}, ""
            continue
        account = _account(user["profile"])
        user_id = account["id"] or clean(user.get("ID"))
        account["id"] = user_id
        yield line, "accounts", account, ""
        for position, tweet in enumerate(user.get("tweet") or []):
            text = str(tweet).rstrip("\n")
            post = {"platform": "twitter", "id": f"{user_id}:{position}", "author": user_id, "text": text}
            post |= {"mentions": MENTION.findall(text), "hashtags": HASHTAG.findall(text)}
            yield line, "posts", post, ""
        neighbours = user.get("neighbor") or {}
        for followed in neighbours.get("following") or []:
            yield line, "follows", {"platform": "twitter", "src": user_id, "dst": clean(followed)}, ""
        for follower in neighbours.get("follower") or []:
            yield line, "follows", {"platform": "twitter", "src": clean(follower), "dst": user_id}, ""
