"""Connecting to a DuckDB lake file: settings checks, and a writer waiting briefly for readers."""

from __future__ import annotations

import re
import time

import duckdb

from grassroots.errors import Busy, StoreError

__all__ = ["READER_WAIT_SECONDS", "check_size", "connect"]


#: How long a writer waits for readers that opened the lake just before it took the lock.
READER_WAIT_SECONDS = 10.0


def connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Connect; a writer meeting a reader's DuckDB file lock retries for a few seconds, then says so."""
    deadline = time.monotonic() + (0.0 if read_only else READER_WAIT_SECONDS)
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"{path}: cannot open the lake: {exc}") from exc
            if time.monotonic() >= deadline:
                who = "being read" if not read_only else "open"
                raise Busy(f"{path}: the lake is {who} by another process: {exc}") from exc
            time.sleep(0.1)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the lake: {exc}") from exc


def check_size(text: str) -> str:
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", text):
        raise StoreError(f"memory limit must look like '512MB' or '2GB', got {text!r}")
    return text
