"""Personal data: e-mails kept as HMAC-SHA256 with the installation's secret; erasing one person.

>>> normalise_email("  Ann.Lee@Example.COM ")
'ann.lee@example.com'
>>> hash_email("ann.lee@example.com", b"k") == hash_email(" ANN.LEE@example.com", b"k")
True
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from grassroots.config import Settings
from grassroots.errors import InvalidInput
from grassroots.ingest.setup import load_secret
from grassroots.lake import open_lake

__all__ = ["erase_person", "hash_email", "normalise_email"]


def normalise_email(email: str) -> str:
    """Trim and lower-case an e-mail address (the form that is hashed and compared)."""
    return email.strip().lower()


def hash_email(email: str, secret: bytes) -> str:
    """HMAC-SHA256 (hex) of the normalised address: comparable within one installation, not reversible."""
    return hmac.new(secret, normalise_email(email).encode("utf-8"), hashlib.sha256).hexdigest()


def erase_person(settings: Settings, person: str, *, actor: str) -> dict[str, Any]:
    """Remove ``person`` (account id or handle, customer id, or e-mail) from the lake and the store.

    The audit row names the person only by an HMAC of the given id, so the log does not keep what was
    erased. Returns rows removed per table.
    """
    from grassroots.store import Store, tables

    person = person.strip()
    if not person:
        raise InvalidInput(f"person={person!r}: empty id")
    secret = load_secret(settings)
    with open_lake(settings.lake_path) as lake:
        lake_removed = lake.erase_person(person)
    email_hash = hash_email(person, secret)
    with Store(settings.database_url) as store:
        found = store.rows(tables.customers, id=person) + store.rows(tables.customers, email_hash=email_hash)
        found += store.rows(tables.customers, email=normalise_email(person))
        ids = sorted({str(row["id"]) for row in found} | {person})
        targets = [
            (tables.customers, "email_hash", email_hash),
            (tables.customers, "email", normalise_email(person)),
        ]
        targets += [
            (tables.orders, "email_hash", email_hash),
            (tables.orders, "email", normalise_email(person)),
        ]
        for pid in ids:
            targets += [(tables.customers, "id", pid), (tables.orders, "customer_id", pid)]
            targets.append((tables.consent, "person_id", pid))
        subject = "hmac:" + hmac.new(secret, person.encode("utf-8"), hashlib.sha256).hexdigest()
        store_removed = store.delete_person(
            targets, actor=actor, subject=subject, details={"lake": lake_removed}
        )
    return {"person": subject, "lake": lake_removed, "store": store_removed}
