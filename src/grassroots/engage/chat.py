"""The public chat reached by a signed link: make the link, open it, bind its forms to it.

A chat link is an ``engage.links`` token of kind ``chat``: brand, person, expiry. A link made for a
person (``--person P``) carries their id, so their chats are stored under it and ``erase`` finds them;
a link made for nobody carries an **anonymous session id** (``anon-`` and 16 random hex digits) in
the token's person field instead: it names the chat, never a person, and is not stored as one.

The chat session of a link is its anonymous id, or ``chat-`` and the first 20 hex digits of the
token's SHA-256 for a person's link: one link, one conversation, whoever opens it again. The chat's
forms carry a CSRF token derived from the link token (HMAC under the installation secret), so a
form posted from another site, or with another link's token, is refused.

>>> secret = bytes(32)
>>> now = datetime(2030, 1, 1, tzinfo=UTC)
>>> link = make_chat_link(secret, "https://brand.example", brand="Acme", person=None, days=7, now=now)
>>> link.url.startswith("https://brand.example/chat/"), link.session_id.startswith("anon-")
(True, True)
>>> chat = open_chat(secret, link.token, now=now)
>>> (chat.brand, chat.person_id, chat.session_id == link.session_id)
('Acme', None, True)
>>> chat_csrf(secret, link.token) == chat_csrf(secret, link.token + "x")
False
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from grassroots.engage.links import link_url, make_token, read_token
from grassroots.errors import InvalidValue

__all__ = ["ANONYMOUS", "ChatAccess", "ChatLink", "chat_csrf", "expired_on", "make_chat_link", "open_chat"]

#: prefix of the anonymous session id a link made for nobody carries in its person field
ANONYMOUS = "anon-"
MAX_DAYS = 365
_EPOCH = datetime(1970, 1, 2, tzinfo=UTC)


@dataclass(frozen=True)
class ChatLink:
    """A new chat link: the URL to send, its token, and the session it opens."""

    url: str
    token: str
    brand: str
    person_id: str | None
    session_id: str
    expires_at: datetime


@dataclass(frozen=True)
class ChatAccess:
    """What a valid chat link opens: the brand, who (None: anonymous), the session, the expiry."""

    brand: str
    person_id: str | None
    session_id: str
    expires_at: datetime


def _session_of(token: str, person_field: str) -> str:
    if person_field.startswith(ANONYMOUS):
        return person_field
    return "chat-" + hashlib.sha256(token.encode("ascii", "replace")).hexdigest()[:20]


def make_chat_link(
    secret: bytes, base_url: str, *, brand: str, person: str | None, days: int, now: datetime | None = None
) -> ChatLink:
    """A chat link for ``person`` (None: anonymous) valid ``days`` days from ``now``."""
    if not 1 <= days <= MAX_DAYS:
        raise InvalidValue("days", f"{days}: expected 1 to {MAX_DAYS}")
    if person is not None and (not person.strip() or person.startswith(ANONYMOUS)):
        raise InvalidValue("person", f"{person!r}: expected a person's id (not empty, not {ANONYMOUS}...)")
    field = person.strip() if person is not None else ANONYMOUS + secrets.token_hex(8)
    expires = (now or datetime.now(UTC)) + timedelta(days=days)
    token = make_token(secret, kind="chat", brand=brand, person_id=field, expires_at=expires)
    person_id = None if person is None else field
    return ChatLink(
        link_url(base_url, "chat", token), token, brand, person_id, _session_of(token, field), expires
    )


def open_chat(secret: bytes, token: str, *, now: datetime | None = None) -> ChatAccess:
    """The chat a token opens; :class:`InvalidValue` when it is not a chat link of this installation
    (tampered, another kind, another secret) or has expired (:func:`expired_on` tells which)."""
    claims = read_token(secret, token, kind="chat", now=now)
    assert claims.expires_at is not None  # chat links always expire
    anonymous = claims.person_id.startswith(ANONYMOUS)
    person = None if anonymous else claims.person_id
    return ChatAccess(claims.brand, person, _session_of(token, claims.person_id), claims.expires_at)


def expired_on(secret: bytes, token: str) -> datetime | None:
    """When a genuine chat link expired (it was valid once); None for a link that never was valid.

    >>> secret, then = bytes(32), datetime(2030, 1, 1, tzinfo=UTC)
    >>> old = make_chat_link(secret, "http://x", brand="Acme", person="p1", days=1, now=then)
    >>> expired_on(secret, old.token).date(), expired_on(secret, old.token[:-2] + "AA")
    (datetime.date(2030, 1, 2), None)
    """
    try:
        return read_token(secret, token, kind="chat", now=_EPOCH).expires_at
    except InvalidValue:
        return None


def chat_csrf(secret: bytes, token: str) -> str:
    """The CSRF token of the chat forms opened by link ``token`` (bound to it)."""
    key = hmac.new(secret, b"grassroots-chat-csrf", hashlib.sha256).digest()
    return hmac.new(key, token.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]
