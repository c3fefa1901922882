"""What every API route shares: cursor pagination and the page shape.

A cursor is opaque to clients (base64url of the next offset); a list answers
``{"items": [...], "next_cursor": "..." | null}``. A cursor that is not one of ours is a 400.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import BaseModel

from grassroots.web.problems import Problem

__all__ = ["ID", "MAX_LIMIT", "NAME", "Page", "PageParams", "known_brand", "page_of", "page_slice", "plain"]

MAX_LIMIT = 500
#: a brand name, account id, handle or person in a path: bounded, no control characters
NAME = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f/]+$")]
#: a store row id in a path (fits a 32-bit integer column)
ID = Annotated[int, Path(ge=1, le=2**31 - 1)]


class Page(BaseModel):
    """One page of a list."""

    items: list[dict[str, Any]]
    next_cursor: str | None = None


class PageParams:
    """``?limit=`` (1..500, default 50) and ``?cursor=`` (from the previous page's ``next_cursor``)."""

    def __init__(
        self,
        limit: int = Query(50, ge=1, le=MAX_LIMIT, description="Items per page."),
        cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page."),
    ) -> None:
        self.limit = limit
        self.offset = _decode(cursor) if cursor else 0


def _encode(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def _decode(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["o"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeError):
        raise Problem(400, "cursor: not a cursor this API gave out") from None
    if not isinstance(offset, int) or offset < 0:
        raise Problem(400, "cursor: not a cursor this API gave out")
    return offset


def page_of(items: Sequence[Any], params: PageParams) -> Page:
    """The page ``params`` asks for out of the full list ``items``, made JSON-ready (:func:`plain`)
    after it is cut, so a long list costs no conversion of rows that are not on the page."""
    end = params.offset + params.limit
    chunk = [plain(item) for item in items[params.offset : end]]
    return Page(items=chunk, next_cursor=_encode(end) if end < len(items) else None)


def page_slice(items: Sequence[dict[str, Any]], params: PageParams, total: int) -> Page:
    """A page whose ``items`` were already cut at ``params.offset`` (``total`` items in all)."""
    end = params.offset + params.limit
    return Page(items=list(items), next_cursor=_encode(end) if end < total else None)


def plain(value: Any) -> Any:
    """JSON-ready data from typed results: dataclasses, tuples, dates, decimals; NaN and ±inf as null.

    >>> plain({"a": (1.5, float("nan")), "when": date(2026, 1, 2)})
    {'a': [1.5, None], 'when': '2026-01-02'}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain(float(value))
    if isinstance(value, bytes):
        return value.hex()
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    return str(value)


def known_brand(request: Any, name: str | None) -> str | None:
    """The configured brand's name for a brand named in a request (404 when none is configured)."""
    from grassroots.web.app import get_workspace

    return get_workspace(request).configured_brand(name).name if name is not None else None
