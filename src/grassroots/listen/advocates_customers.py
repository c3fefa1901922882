"""Link shop customers to social accounts: the same handle, or the same keyed e-mail hash.

So "best customers who already post about us" is one filter on ``customer_id`` of the advocates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from grassroots.listen.brands import slugify

__all__ = ["handles_in_note", "link_customers"]


def link_customers(
    accounts: pa.Table,
    customers: Sequence[Mapping[str, Any]],
    *,
    email_hash: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """Account id -> customer id where the shop data allows: same handle, or the same keyed e-mail hash.

    A customer row may carry ``handles`` (from notes/tags such as ``IG: @name``), ``email_hash``
    (HMAC of the normalised address, as the store keeps it) or a clear ``email`` that ``email_hash``
    turns into one. Accounts match on ``handle`` or on an ``email_hash`` column when present.
    """
    by_handle = {
        slugify(h): a
        for a, h in zip(accounts.column("id").to_pylist(), accounts.column("handle").to_pylist(), strict=True)
        if h
    }
    by_hash: dict[str, str] = {}
    if "email_hash" in accounts.column_names:
        by_hash = {
            h: a
            for a, h in zip(
                accounts.column("id").to_pylist(), accounts.column("email_hash").to_pylist(), strict=True
            )
            if h
        }
    out: dict[str, str] = {}
    for c in customers:
        cid = str(c["customer_id"])
        hashed = c.get("email_hash") or (email_hash(c["email"]) if email_hash and c.get("email") else None)
        if hashed and hashed in by_hash:
            out.setdefault(by_hash[hashed], cid)
        for h in c.get("handles") or ():
            if slugify(h) in by_handle:
                out.setdefault(by_handle[slugify(h)], cid)
    return out


_HANDLE_NOTE = re.compile(
    r"(?:\b(?:ig|instagram|insta|tiktok|twitter|x)\s*[:=]\s*@?|(?<!\w)@)([A-Za-z0-9_.]{2,30})", re.IGNORECASE
)


def handles_in_note(note: str | None) -> tuple[str, ...]:
    """Social handles written in a shop note or tag (``"IG: @nestwithmateo"``).

    >>> handles_in_note("IG: @nestwithmateo, vip")
    ('nestwithmateo',)
    """
    return tuple(dict.fromkeys(m.group(1).rstrip(".") for m in _HANDLE_NOTE.finditer(note or "")))
