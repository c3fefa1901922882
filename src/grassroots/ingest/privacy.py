"""Personal data: e-mails kept as HMAC-SHA256 with the installation's secret (erasing: ``erasure``).

>>> normalise_email("  Ann.Lee@Example.COM ")
'ann.lee@example.com'
>>> hash_email("ann.lee@example.com", b"k") == hash_email(" ANN.LEE@example.com", b"k")
True
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["hash_email", "normalise_email"]


def normalise_email(email: str) -> str:
    """Trim and lower-case an e-mail address (the form that is hashed and compared)."""
    return email.strip().lower()


def hash_email(email: str, secret: bytes) -> str:
    """HMAC-SHA256 (hex) of the normalised address: comparable within one installation, not reversible."""
    return hmac.new(secret, normalise_email(email).encode("utf-8"), hashlib.sha256).hexdigest()
