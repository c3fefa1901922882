"""Shopify customers and orders exports (CSV, the column names Shopify writes) into the store.

Personal data is minimised on the way in: e-mails are normalised and kept only as HMAC-SHA256 with
the installation's secret (in clear only when ``keep_clear_emails`` is set), and phone and street
address columns are dropped unless ``keep_contact``. An orders export has one row per line item;
the first row of each order (``Name``) carries its totals and is the one kept.

Values are read by :mod:`grassroots.rules.values`: consent strictly (the boolean table, blank is no
consent), amounts exactly (``NaN`` refused). A customer or order repeated in one file (e-mails are
compared trimmed and lower-cased) counts once when identical and is an error at the later line
otherwise. The lake is opened before the store is written, so the run is always recorded with the rows.

>>> amount("Total", "1,234.50"), amount("Total", "")
(Decimal('1234.50'), None)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from grassroots.config import Settings
from grassroots.errors import InvalidRecord, InvalidValue
from grassroots.ingest.normalise import to_timestamp
from grassroots.ingest.pipeline import IngestReport, summarise_warnings
from grassroots.ingest.privacy import hash_email, normalise_email
from grassroots.ingest.read import iter_records
from grassroots.ingest.rejects import RejectsWriter
from grassroots.ingest.setup import load_secret
from grassroots.lake import Reject, UpsertCounts, open_lake
from grassroots.rules import parse_amount, parse_consent, parse_count

__all__ = ["ADDRESS_COLUMNS", "PHONE_COLUMNS", "amount", "customer_row", "ingest_shopify", "order_row"]

PHONE_COLUMNS = ("Phone", "Default Address Phone", "Billing Phone", "Shipping Phone")
ADDRESS_COLUMNS = (
    "Company", "Address1", "Address2", "City", "Province", "Province Code", "Country", "Country Code", "Zip",
)  # fmt: skip
_CONSENT = ("Accepts Email Marketing", "Accepts Marketing")
#: The store's columns: amounts are ``NUMERIC(14, 2)``, order counts ``INTEGER`` (32-bit in PostgreSQL).
_AMOUNT_LIMIT = Decimal(10**12)
_ORDERS_LIMIT = 2**31


def amount(field: str, text: str | None) -> Decimal | None:
    """A money amount from Shopify's CSV (``12.50``, ``1,234.50``); empty means missing."""
    return parse_amount(text, field=field, places=2, limit=_AMOUNT_LIMIT)


def _get(values: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = values.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _email(values: Mapping[str, Any], secret: bytes, keep_clear: bool) -> tuple[str | None, str | None]:
    email = _get(values, "Email")
    if email is None:
        return None, None
    if "@" not in email:
        raise InvalidValue("Email", "not an e-mail address (no @)")
    return hash_email(email, secret), normalise_email(email) if keep_clear else None


def _time(name: str, raw: str | None) -> Any:
    try:
        return to_timestamp(raw)
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidValue(name, str(exc)) from None


def _consent(values: Mapping[str, Any]) -> bool:
    """Consent to e-mail marketing, read strictly: blank or absent is no consent, never a guess."""
    field = next((c for c in _CONSENT if c in values), _CONSENT[0])
    return parse_consent(values.get(field), field=field)


def customer_row(
    values: Mapping[str, Any], secret: bytes, *, keep_clear: bool, keep_contact: bool
) -> dict[str, Any]:
    """A ``customers`` row from one customers-export row; raises ``InvalidValue(field, problem)``."""
    email_hash, email = _email(values, secret, keep_clear)
    shop_id = _get(values, "Customer ID", "Id", "ID")
    if email_hash is None and shop_id is None:
        raise InvalidValue("Email", "missing (a customer needs Email or Customer ID)")
    address = ", ".join(v for c in ADDRESS_COLUMNS if (v := _get(values, c, f"Default Address {c}")))
    return {
        "id": f"email:{email_hash}" if email_hash else f"shopify:{shop_id}",
        "shop_customer_id": shop_id,
        "email_hash": email_hash,
        "email": email,
        "first_name": _get(values, "First Name"),
        "last_name": _get(values, "Last Name"),
        "phone": _get(values, *PHONE_COLUMNS) if keep_contact else None,
        "address": (address or None) if keep_contact else None,
        "accepts_marketing": _consent(values),
        "total_spent": amount("Total Spent", _get(values, "Total Spent")),
        "total_orders": parse_count(_get(values, "Total Orders"), field="Total Orders", limit=_ORDERS_LIMIT),
        "tags": _get(values, "Tags"),
        "created_at": _time("Created at", _get(values, "Created at", "Created At")),
    }


def order_row(values: Mapping[str, Any], secret: bytes, *, keep_clear: bool) -> dict[str, Any]:
    """An ``orders`` row from the first row of one order in an orders export."""
    name = _get(values, "Name")
    if name is None:
        raise InvalidValue("Name", "missing (required: the order name, e.g. #1001)")
    email_hash, email = _email(values, secret, keep_clear)
    return {
        "id": name,
        "customer_id": f"email:{email_hash}" if email_hash else None,
        "email_hash": email_hash,
        "email": email,
        "created_at": _time("Created at", _get(values, "Created at")),
        "financial_status": _get(values, "Financial Status"),
        "currency": _get(values, "Currency"),
        "subtotal": amount("Subtotal", _get(values, "Subtotal")),
        "total": amount("Total", _get(values, "Total")),
        "discount_code": _get(values, "Discount Code"),
        "discount_amount": amount("Discount Amount", _get(values, "Discount Amount")),
    }


def _marketing_email(values: Mapping[str, Any], row: Mapping[str, Any]) -> str | None:
    """The clear address of a customer who accepted e-mail marketing (kept for outreach), else None."""
    email = _get(values, "Email")
    return normalise_email(email) if row["accepts_marketing"] and email else None


def _keep_marketing_addresses(
    store: Any, marketing: Mapping[str, str | None], secret: bytes, source: str
) -> None:
    """Keep the clear address of customers who accepted marketing (``contact_addresses``, source
    ``shop``), and drop it for customers whose export now says they do not."""
    from grassroots.store import drop_contact_addresses, save_contact_addresses

    now = datetime.now(UTC).replace(tzinfo=None)
    text = f"Accepts Email Marketing: yes (shop customers export {source})"
    kept = [
        {"person_id": customer, "email": email, "email_hash": hash_email(email, secret), "source": "shop",
         "consent_text": text, "time_zone": None, "recorded_at": now}
        for customer, email in sorted(marketing.items()) if email
    ]  # fmt: skip
    if kept:
        save_contact_addresses(store, kept, actor="ingest")
    drop_contact_addresses(
        store, [c for c, email in marketing.items() if not email], source="shop", actor="ingest"
    )


class _Repeats:
    """The first line of each key in this file, to collapse identical repeats and refuse the others."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.first: dict[str, tuple[int, bytes]] = {}

    def is_new(self, row: Mapping[str, Any], line: int) -> bool:
        """True for a key's first row; False for an identical repeat; raises for a differing one."""
        digest = hashlib.blake2b(repr(sorted(row.items())).encode(), digest_size=16).digest()
        first = self.first.setdefault(str(row["id"]), (line, digest))
        if first == (line, digest):
            return True
        if first[1] == digest:
            return False
        if self.kind == "shopify-orders":
            problem = f"order repeated from line {first[0]} with other values (line items must be adjacent)"
            raise InvalidValue("Name", problem)
        field = "Email" if row.get("email_hash") else "Customer ID"
        problem = f"the same customer as line {first[0]} with other values"
        raise InvalidValue(
            field, problem + (" (e-mails match trimmed, any case)" if field == "Email" else "")
        )


def _rows(
    path: Path, kind: str, settings: Settings, encoding: str | None, keep_contact: bool,
    rejects: RejectsWriter | None, warnings: list[str], marketing: dict[str, str | None] | None = None,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    secret, keep_clear, seen, repeats = load_secret(settings), settings.keep_clear_emails, "", _Repeats(kind)
    for record in iter_records(path, "csv", encoding=encoding, warnings=warnings):
        try:
            if record.values is None:
                raise InvalidValue("", record.error or "unreadable")
            if kind == "shopify-orders":
                name = _get(record.values, "Name") or ""
                if name and name == seen:
                    continue  # a further line item of the same order
                seen = name
                row = order_row(record.values, secret, keep_clear=keep_clear)
            else:
                row = customer_row(record.values, secret, keep_clear=keep_clear, keep_contact=keep_contact)
            if repeats.is_new(row, record.line):
                if marketing is not None and kind == "shopify-customers" and row["email_hash"]:
                    marketing[row["id"]] = _marketing_email(record.values, row)
                yield row
        except InvalidValue as bad:
            if rejects is None:
                raise InvalidRecord(str(path), record.line, bad.field or None, bad.problem) from None
            rejects.add(Reject(record.line, bad.field or None, bad.problem, record.raw))


def ingest_shopify(
    settings: Settings,
    kind: str,
    path: Path,
    *,
    skip_invalid: bool = False,
    encoding: str | None = None,
    keep_contact: bool = False,
    rejects_dir: Path | None = None,
) -> IngestReport:
    """Ingest a Shopify ``shopify-customers`` or ``shopify-orders`` CSV into the store (one transaction).

    The lake (where the run is recorded) is opened first: when another process holds it, nothing is
    written to the store either, and re-running later is safe.
    """
    from grassroots.store import Store, tables

    started = datetime.now(UTC).replace(tzinfo=None)
    table = tables.orders if kind == "shopify-orders" else tables.customers
    params = {"path": str(path), "source": kind, "skip_invalid": skip_invalid, "keep_contact": keep_contact}
    warnings: list[str] = []
    with open_lake(settings.lake_path) as lake:
        rejects = RejectsWriter((rejects_dir or path.parent) / f"{path.name}.rejects.csv", path)
        try:
            with Store(settings.database_url) as store:
                marketing: dict[str, str | None] = {}
                rows = _rows(
                    path, kind, settings, encoding, keep_contact, rejects if skip_invalid else None, warnings,
                    marketing,
                )  # fmt: skip
                stored = store.upsert(table, rows)
                if kind == "shopify-customers":
                    _keep_marketing_addresses(store, marketing, load_secret(settings), path.name)
        finally:
            rejects.close()
        counts = UpsertCounts(
            stored.read + rejects.count, stored.inserted, stored.updated, stored.unchanged, rejects.count
        )
        run_id = lake.record_run(f"ingest:{kind}", started=started, counts=counts, parameters=params)
    counts = replace(counts, run_id=run_id)
    return IngestReport(table.name, path, counts, summarise_warnings(warnings), rejects.written)
