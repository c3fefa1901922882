"""Grassroots: honest, explainable, network-aware word-of-mouth marketing.

``grassroots.Workspace`` is the pipeline API (see :mod:`grassroots.workspace`); it is imported on
first use, so ``import grassroots`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grassroots.workspace import Workspace

from grassroots._version import __version__

__all__ = ["Workspace", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from grassroots.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'grassroots' has no attribute {name!r}")
