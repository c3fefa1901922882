"""Signed, expiring links for people who have no password: the portal, the public chat, unsubscribe.

A token names its kind, the brand, the person and (optionally) the campaign, and when it expires; it
is signed with HMAC-SHA256 under a key derived from the installation secret (``secret.key``) and the
kind, so a chat token never opens a portal and a changed byte is refused. Tokens are not stored: the
signature is the proof. Unsubscribe links never expire (RFC 8058 asks that they keep working).

>>> secret = bytes(32)
>>> when = datetime(2030, 1, 1, tzinfo=UTC)
>>> token = make_token(secret, kind="portal", brand="acme", person_id="p1", campaign_id="c1", expires_at=when)
>>> claims = read_token(secret, token, kind="portal", now=datetime(2029, 1, 1, tzinfo=UTC))
>>> (claims.brand, claims.person_id, claims.campaign_id)
('acme', 'p1', 'c1')
>>> link_url("https://brand.example/", "portal", token) == "https://brand.example/p/" + token
True
>>> read_token(secret, token, kind="chat")
Traceback (most recent call last):
...
grassroots.errors.InvalidValue: token: not a valid chat link
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

from grassroots.errors import InvalidValue

__all__ = ["LINK_PATHS", "LinkClaims", "LinkKind", "link_url", "make_token", "read_token"]

LinkKind = Literal["portal", "chat", "unsubscribe"]
#: the web app's path prefix for each kind of link
LINK_PATHS: dict[LinkKind, str] = {"portal": "/p/", "chat": "/chat/", "unsubscribe": "/u/"}
_NEVER = 0  # expiry written for links that do not expire


@dataclass(frozen=True)
class LinkClaims:
    """What a valid token says."""

    kind: LinkKind
    brand: str
    person_id: str
    campaign_id: str | None
    expires_at: datetime | None  # None: does not expire


def _key(secret: bytes, kind: str) -> bytes:
    return hmac.new(secret, b"grassroots-link:" + kind.encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(
    secret: bytes,
    *,
    kind: LinkKind,
    brand: str,
    person_id: str,
    campaign_id: str | None = None,
    expires_at: datetime | None = None,
) -> str:
    """A signed token; ``expires_at`` is required except for unsubscribe links."""
    if kind not in get_args(LinkKind):
        raise InvalidValue("kind", f"{kind!r}: expected one of {', '.join(get_args(LinkKind))}")
    if expires_at is None and kind != "unsubscribe":
        raise InvalidValue("expires_at", f"required for {kind} links")
    if expires_at is not None and expires_at.tzinfo is None:
        raise InvalidValue("expires_at", "must carry a time zone")
    expiry = _NEVER if expires_at is None else int(expires_at.timestamp())
    payload = json.dumps([brand, person_id, campaign_id or "", expiry], separators=(",", ":"))
    body = _b64(payload.encode("utf-8"))
    signature = hmac.new(_key(secret, kind), body.encode("ascii"), hashlib.sha256).digest()
    return f"{body}.{_b64(signature)}"


def read_token(secret: bytes, token: str, *, kind: LinkKind, now: datetime | None = None) -> LinkClaims:
    """The claims of a valid, unexpired ``token`` of ``kind``; :class:`InvalidValue` otherwise."""
    invalid = InvalidValue("token", f"not a valid {kind} link")
    body, _, signature = token.partition(".")
    try:
        expected = hmac.new(_key(secret, kind), body.encode("ascii"), hashlib.sha256).digest()
        # compared as text: base64 without padding has spare bits in its last character, so comparing
        # decoded bytes would accept a changed last character
        if not hmac.compare_digest(_b64(expected), signature):
            raise invalid
        brand, person_id, campaign_id, expiry = json.loads(_unb64(body).decode("utf-8"))
    except (ValueError, UnicodeError, TypeError):
        raise invalid from None
    expires_at = None if expiry == _NEVER else datetime.fromtimestamp(int(expiry), UTC)
    if expires_at is not None and expires_at <= (now or datetime.now(UTC)):
        raise InvalidValue("token", f"this {kind} link expired on {expires_at:%Y-%m-%d}")
    return LinkClaims(kind, str(brand), str(person_id), str(campaign_id) or None, expires_at)


def link_url(base_url: str, kind: LinkKind, token: str) -> str:
    """The full link for ``token`` under the web app at ``base_url``."""
    return base_url.rstrip("/") + LINK_PATHS[kind] + token
