"""Security headers on every response, and the login rate limit.

The Content-Security-Policy allows scripts only from our own origin (every script is a static file
we serve; no inline script, no CDN) and forbids framing (``frame-ancestors 'none'``). Styles may be
inline (plotly sets style attributes on the charts it draws); scripts never.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, MutableMapping
from typing import Any

__all__ = ["CSP", "SECURITY_HEADERS", "LoginLimiter", "SecurityHeaders"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Any], Callable[[Message], Any]], Any]


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` (and ``Cache-Control: no-store`` on anything
    but static files, so a shared computer's back button shows no one's data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(
        self, scope: Scope, receive: Callable[[], Any], send: Callable[[Message], Any]
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"server"]
                headers.extend(SECURITY_HEADERS)
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class LoginLimiter:
    """At most ``limit`` failed logins per ``window`` seconds per account and per client address.

    Kept in the server's memory (one server process per data directory): a restart forgets it.

    >>> limiter = LoginLimiter(limit=2, window=60.0, clock=lambda: 0.0)
    >>> limiter.failed("ann", "10.0.0.1"); limiter.failed("ann", "10.0.0.2")
    >>> limiter.blocked("ann", "10.0.0.3"), limiter.blocked("bob", "10.0.0.3")
    (True, False)
    """

    def __init__(self, *, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, account: str, address: str) -> bool:
        """True when the account or the address has used up its failures in the window."""
        now = self._clock()
        with self._lock:
            keys = (f"account:{account.casefold()}", f"address:{address}")
            return any(len(self._recent(key, now)) >= self.limit for key in keys)

    def failed(self, account: str, address: str) -> None:
        """Count one failed login."""
        now = self._clock()
        with self._lock:
            for key in (f"account:{account.casefold()}", f"address:{address}"):
                self._recent(key, now).append(now)
