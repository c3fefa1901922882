"""Signed links: round trip, kind separation, tampering and expiry are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from grassroots.engage.links import link_url, make_token, read_token
from grassroots.errors import InvalidValue

SECRET = b"k" * 32
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _token(**kw: object) -> str:
    args: dict[str, object] = {"kind": "portal", "brand": "acme", "person_id": "p1", "campaign_id": "c1"}
    args["expires_at"] = NOW + timedelta(days=7)
    args.update(kw)
    return make_token(SECRET, **args)  # type: ignore[arg-type]


def test_round_trip_and_expiry() -> None:
    token = _token()
    claims = read_token(SECRET, token, kind="portal", now=NOW)
    assert (claims.brand, claims.person_id, claims.campaign_id) == ("acme", "p1", "c1")
    assert claims.expires_at == NOW + timedelta(days=7)
    with pytest.raises(InvalidValue, match="expired"):
        read_token(SECRET, token, kind="portal", now=NOW + timedelta(days=8))


def test_kind_secret_and_tampering_are_refused() -> None:
    token = _token()
    with pytest.raises(InvalidValue, match="not a valid chat link"):
        read_token(SECRET, token, kind="chat", now=NOW)
    with pytest.raises(InvalidValue):
        read_token(b"x" * 32, token, kind="portal", now=NOW)
    body, _, sig = token.partition(".")
    other = _token(person_id="p2").partition(".")[0]
    for bad in (other + "." + sig, body + "." + sig[:-2] + "AA", body, "", "..", "!!.!!"):
        with pytest.raises(InvalidValue):
            read_token(SECRET, bad, kind="portal", now=NOW)


def test_unsubscribe_never_expires_and_others_must() -> None:
    token = make_token(SECRET, kind="unsubscribe", brand="acme", person_id="p1")
    claims = read_token(SECRET, token, kind="unsubscribe", now=NOW + timedelta(days=9999))
    assert claims.expires_at is None and claims.campaign_id is None
    with pytest.raises(InvalidValue, match="expires_at"):
        make_token(SECRET, kind="chat", brand="acme", person_id="p1")
    assert link_url("https://b.example", "chat", "t") == "https://b.example/chat/t"


def test_every_changed_character_of_the_signature_is_refused() -> None:
    """Base64 without padding leaves spare bits in the last character: it must still be checked."""
    token = _token()
    for i in range(len(token)):
        for other in "AB":
            if token[i] != other:
                with pytest.raises(InvalidValue):
                    read_token(SECRET, token[:i] + other + token[i + 1 :], kind="portal", now=NOW)
