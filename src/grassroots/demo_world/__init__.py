"""The demo world: a documented synthetic market with planted truth."""

from __future__ import annotations

__all__: list[str] = []
