"""Webhooks: a signed JSON POST to a configured URL when an alert changes or a job finishes, with retries.

Each delivery is ``POST URL`` with body ``{"event": ..., "at": ISO time, "data": {...}}`` and headers
``X-Grassroots-Event``, ``X-Grassroots-Delivery`` (a random id, the same on every retry) and
``X-Grassroots-Signature: sha256=HEX``, the HMAC-SHA256 of ``TIMESTAMP.BODY`` with the shared secret,
where ``TIMESTAMP`` is ``X-Grassroots-Timestamp`` (Unix seconds): a receiver recomputes it, compares in
constant time and refuses old timestamps (replays). A delivery that fails (no answer, or not 2xx) is
retried after 1, 2, 4 ... seconds, ``attempts`` times in all, on a background thread: the request that
caused it never waits.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

__all__ = ["Webhooks", "sign"]

_log = logging.getLogger(__name__)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Grassroots-Signature`` value for ``body`` sent at ``timestamp``.

    >>> sign("s3cret", "1700000000", b'{"event": "x"}')[:15]
    'sha256=5b413c94'
    """
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class Webhooks:
    """Deliveries to one URL (None: webhooks off, every ``send`` does nothing)."""

    def __init__(
        self,
        url: str | None,
        secret: str,
        *,
        attempts: int = 5,
        backoff: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url
        self.secret = secret
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self._sleep = sleep
        self._threads: list[threading.Thread] = []

    def send(self, event: str, data: Mapping[str, Any]) -> None:
        """Deliver ``event`` in the background (returns at once)."""
        if not self.url:
            return
        body = json.dumps(
            {"event": event, "at": datetime.now(UTC).isoformat(timespec="seconds"), "data": dict(data)},
            default=str,
            sort_keys=True,
        ).encode("utf-8")
        thread = threading.Thread(
            target=self._deliver, args=(event, body), daemon=True, name="grassroots-hook"
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _deliver(self, event: str, body: bytes) -> bool:
        assert self.url is not None
        delivery = secrets.token_hex(8)
        for attempt in range(self.attempts):
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                "X-Grassroots-Event": event,
                "X-Grassroots-Delivery": delivery,
                "X-Grassroots-Timestamp": timestamp,
                "X-Grassroots-Signature": sign(self.secret, timestamp, body),
            }
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    if 200 <= answer.status < 300:
                        return True
            except (urllib.error.URLError, OSError, ValueError) as exc:
                _log.warning(
                    "webhook %s delivery %s attempt %d failed: %s", event, delivery, attempt + 1, exc
                )
            if attempt + 1 < self.attempts:
                self._sleep(self.backoff * 2**attempt)
        _log.error("webhook %s delivery %s given up after %d attempts", event, delivery, self.attempts)
        return False

    def join(self, timeout: float = 30.0) -> None:
        """Wait for deliveries in flight (tests; the server's shutdown)."""
        for thread in self._threads:
            thread.join(timeout)
