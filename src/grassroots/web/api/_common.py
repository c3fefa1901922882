"""What every API route shares: cursor pagination and the page shape.

A cursor is opaque to clients (base64url of the next offset); a list answers
``{"items": [...], "next_cursor": "..." | null}``. A cursor that is not one of ours is a 400.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

from fastapi import Query
from pydantic import BaseModel

from grassroots.web.problems import Problem

__all__ = ["MAX_LIMIT", "Page", "PageParams", "page_of"]

MAX_LIMIT = 500


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


def page_of(items: Sequence[dict[str, Any]], params: PageParams) -> Page:
    """The page ``params`` asks for out of the full list ``items``."""
    end = params.offset + params.limit
    chunk = list(items[params.offset : end])
    return Page(items=chunk, next_cursor=_encode(end) if end < len(items) else None)
