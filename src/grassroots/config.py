"""Settings, built once at the edge (CLI, web) and passed in; domain code never reads the environment.

Values come from, in order of precedence: keyword arguments, ``GRASSROOTS_*`` environment variables,
a TOML config file (``GRASSROOTS_CONFIG`` or ``<data_dir>/config.toml``), then defaults.

>>> s = Settings(data_dir=Path("/tmp/gr"))
>>> s.lake_path
PosixPath('/tmp/gr/lake.duckdb')
>>> s.database_url
'sqlite:////tmp/gr/grassroots.db'
>>> load_settings(environ={"GRASSROOTS_LOG_LEVEL": "Debug"}).log_level
'debug'
>>> load_settings(environ={"GRASSROOTS_ASSISTANT_SLA_HOURS": "8"}).assistant_sla_hours
8
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

from grassroots.errors import InvalidInput

__all__ = ["LOG_LEVELS", "LogLevel", "Settings", "load_settings"]

_ENV_PREFIX = "GRASSROOTS_"

LogLevel = Literal["debug", "info", "warning", "error"]
LOG_LEVELS: tuple[LogLevel, ...] = get_args(LogLevel)


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one installation."""

    data_dir: Path = field(default_factory=lambda: Path("grassroots-data"))
    database_url_override: str | None = None
    keep_clear_emails: bool = False
    log_level: LogLevel = "warning"
    #: the feedback assistant: chats older than this many days are deleted
    assistant_retention_days: int = 90
    #: hours a person has to answer a handed-over question (the queue's SLA)
    assistant_sla_hours: int = 24
    #: the user's own OpenAI-compatible endpoint that may phrase answers (off when unset)
    assistant_llm_url: str | None = None
    assistant_llm_model: str = "local"
    assistant_llm_key: str | None = None
    #: where people reach the web app: links in e-mails (portal, chat, unsubscribe) are built from it
    base_url: str = "http://127.0.0.1:8000"

    @property
    def database_url(self) -> str:
        if self.database_url_override:
            return self.database_url_override
        return f"sqlite:///{self.data_dir / 'grassroots.db'}"

    @property
    def lake_path(self) -> Path:
        return self.data_dir / "lake.duckdb"

    @property
    def secret_path(self) -> Path:
        return self.data_dir / "secret.key"


_KEYS = {
    "data_dir": "DATA_DIR",
    "database_url_override": "DATABASE_URL",
    "keep_clear_emails": "KEEP_CLEAR_EMAILS",
    "log_level": "LOG_LEVEL",
    "assistant_retention_days": "ASSISTANT_RETENTION_DAYS",
    "assistant_sla_hours": "ASSISTANT_SLA_HOURS",
    "assistant_llm_url": "ASSISTANT_LLM_URL",
    "assistant_llm_model": "ASSISTANT_LLM_MODEL",
    "assistant_llm_key": "ASSISTANT_LLM_KEY",
    "base_url": "BASE_URL",
}


def _coerce(name: str, raw: object) -> object:
    if name == "data_dir":
        return Path(str(raw)).expanduser()
    if name == "keep_clear_emails":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off", ""}:
            return False
        raise InvalidInput(f"{_ENV_PREFIX}KEEP_CLEAR_EMAILS: expected true or false, got {raw!r}")
    if name == "log_level":
        level = str(raw).strip().lower()
        if level not in LOG_LEVELS:
            raise InvalidInput(f"log_level={raw!r}: expected one of {', '.join(LOG_LEVELS)}")
        return level
    if name in ("assistant_retention_days", "assistant_sla_hours"):
        try:
            number = int(str(raw).strip())
        except ValueError:
            number = 0
        if number < 1:
            raise InvalidInput(f"{name}={raw!r}: expected a whole number of at least 1")
        return number
    if name == "base_url":
        text = str(raw).strip().rstrip("/")
        if not text.startswith(("http://", "https://")) or len(text) < len("http://x"):
            raise InvalidInput(f"{_ENV_PREFIX}BASE_URL: expected an http:// or https:// address, got {raw!r}")
        return text
    if name in ("assistant_llm_url", "assistant_llm_key"):
        text = str(raw).strip()
        return text or None
    return str(raw)


def load_settings(
    *, environ: Mapping[str, str] | None = None, overrides: Mapping[str, object] | None = None
) -> Settings:
    """Build settings from a config file, the environment and explicit overrides (highest wins)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    config_file = env.get(_ENV_PREFIX + "CONFIG")
    data_dir = Path(env.get(_ENV_PREFIX + "DATA_DIR", "grassroots-data"))
    candidate = Path(config_file) if config_file else data_dir / "config.toml"
    if candidate.is_file():
        try:
            loaded = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InvalidInput(f"{candidate}: not valid TOML: {exc}") from exc
        for key, value in loaded.items():
            name = key if key in _KEYS else next((k for k, v in _KEYS.items() if v == key.upper()), None)
            if name is None:
                raise InvalidInput(f"{candidate}: unknown setting {key!r}; known: {', '.join(_KEYS)}")
            values[name] = _coerce(name, value)
    for name, suffix in _KEYS.items():
        if _ENV_PREFIX + suffix in env:
            values[name] = _coerce(name, env[_ENV_PREFIX + suffix])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(name, value)
    return replace(Settings(), **values)  # type: ignore[arg-type]
