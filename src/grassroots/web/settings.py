"""How one web server runs: where its data is, where it listens, how its cookies are set."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from pathlib import Path

from grassroots.config import Settings

__all__ = ["WebSettings", "is_loopback"]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost (plain HTTP there is only reachable from this machine).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebSettings:
    """Settings of one server. ``core`` carries the store URL and the rest of the Grassroots settings;
    ``data_dir`` (when given) overrides its data directory.

    ``secure_cookies`` None means: Secure cookies unless listening on a loopback address (behind a TLS
    reverse proxy the browser speaks HTTPS, so keep them on; see docs/web.md).
    """

    data_dir: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    secure_cookies: bool | None = None
    session_hours: float = 12.0
    login_failures_per_minute: int = 5
    forwarded_allow_ips: str = "127.0.0.1"
    core: Settings = field(default_factory=Settings)

    @property
    def settings(self) -> Settings:
        """The Grassroots settings the workspace is built from (``data_dir`` applied)."""
        return self.core if self.data_dir is None else replace(self.core, data_dir=Path(self.data_dir))

    @property
    def cookies_secure(self) -> bool:
        return self.secure_cookies if self.secure_cookies is not None else not is_loopback(self.host)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"
