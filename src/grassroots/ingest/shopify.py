"""Shopify customers and orders exports (CSV, the column names Shopify writes) into the store.

Personal data is minimised on the way in: e-mails are normalised and kept only as HMAC-SHA256 with
the installation's secret (in clear only when ``keep_clear_emails`` is set), and phone and street
address columns are dropped unless ``keep_contact``. An orders export has one row per line item;
the first row of each order (``Name``) carries its totals and is the one kept.

>>> money("1,234.50"), money("")
(Decimal('1234.50'), None)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from grassroots.config import Settings
from grassroots.errors import InvalidRecord
from grassroots.ingest.normalise import to_timestamp
from grassroots.ingest.pipeline import IngestReport, summarise_warnings
from grassroots.ingest.privacy import hash_email, normalise_email
from grassroots.ingest.read import iter_records
from grassroots.ingest.rejects import RejectsWriter
from grassroots.ingest.setup import load_secret
from grassroots.lake import Reject, UpsertCounts, open_lake

__all__ = ["ADDRESS_COLUMNS", "PHONE_COLUMNS", "customer_row", "ingest_shopify", "money", "order_row"]

PHONE_COLUMNS = ("Phone", "Default Address Phone", "Billing Phone", "Shipping Phone")
ADDRESS_COLUMNS = (
    "Company", "Address1", "Address2", "City", "Province", "Province Code", "Country", "Country Code", "Zip",
)  # fmt: skip
_YES = {"yes", "true", "1", "y"}


class _Bad(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


def money(text: str | None) -> Decimal | None:
    """A money amount from Shopify's CSV (``12.50``, ``1,234.50``); empty means missing."""
    cleaned = (text or "").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None


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
        raise _Bad("Email", f"not an e-mail address: {email[:60]!r}")
    return hash_email(email, secret), normalise_email(email) if keep_clear else None


def _field(name: str, parse: Any, raw: str | None) -> Any:
    try:
        return parse(raw)
    except ValueError as exc:
        raise _Bad(name, str(exc)) from None


def customer_row(
    values: Mapping[str, Any], secret: bytes, *, keep_clear: bool, keep_contact: bool
) -> dict[str, Any]:
    """A ``customers`` row from one customers-export row; raises ``_Bad(field, problem)``."""
    email_hash, email = _email(values, secret, keep_clear)
    shop_id = _get(values, "Customer ID", "Id", "ID")
    if email_hash is None and shop_id is None:
        raise _Bad("Email", "missing (a customer needs Email or Customer ID)")
    accepts = _get(values, "Accepts Email Marketing", "Accepts Marketing")
    orders = _field("Total Orders", lambda t: int(money(t) or 0) if t else None, _get(values, "Total Orders"))
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
        "accepts_marketing": None if accepts is None else accepts.lower() in _YES,
        "total_spent": _field("Total Spent", money, _get(values, "Total Spent")),
        "total_orders": orders,
        "tags": _get(values, "Tags"),
        "created_at": _field("Created at", to_timestamp, _get(values, "Created at", "Created At")),
    }


def order_row(values: Mapping[str, Any], secret: bytes, *, keep_clear: bool) -> dict[str, Any]:
    """An ``orders`` row from the first row of one order in an orders export."""
    name = _get(values, "Name")
    if name is None:
        raise _Bad("Name", "missing (required: the order name, e.g. #1001)")
    email_hash, email = _email(values, secret, keep_clear)
    return {
        "id": name,
        "customer_id": f"email:{email_hash}" if email_hash else None,
        "email_hash": email_hash,
        "email": email,
        "created_at": _field("Created at", to_timestamp, _get(values, "Created at")),
        "financial_status": _get(values, "Financial Status"),
        "currency": _get(values, "Currency"),
        "subtotal": _field("Subtotal", money, _get(values, "Subtotal")),
        "total": _field("Total", money, _get(values, "Total")),
        "discount_code": _get(values, "Discount Code"),
        "discount_amount": _field("Discount Amount", money, _get(values, "Discount Amount")),
    }


def _rows(
    path: Path, kind: str, settings: Settings, encoding: str | None, keep_contact: bool,
    rejects: RejectsWriter | None, warnings: list[str],
) -> Iterator[dict[str, Any]]:  # fmt: skip
    secret, keep_clear, seen = load_secret(settings), settings.keep_clear_emails, ""
    for record in iter_records(path, "csv", encoding=encoding, warnings=warnings):
        try:
            if record.values is None:
                raise _Bad("", record.error or "unreadable")
            if kind == "shopify-orders":
                name = _get(record.values, "Name") or ""
                if name and name == seen:
                    continue  # a further line item of the same order
                seen = name
                yield order_row(record.values, secret, keep_clear=keep_clear)
            else:
                yield customer_row(record.values, secret, keep_clear=keep_clear, keep_contact=keep_contact)
        except _Bad as bad:
            if rejects is None:
                raise InvalidRecord(str(path), record.line, bad.field or None, str(bad)) from None
            rejects.add(Reject(record.line, bad.field or None, str(bad), record.raw))


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
    """Ingest a Shopify ``shopify-customers`` or ``shopify-orders`` CSV into the store (one transaction)."""
    from grassroots.store import Store, tables

    started = datetime.now(UTC).replace(tzinfo=None)
    table = tables.orders if kind == "shopify-orders" else tables.customers
    rejects = RejectsWriter((rejects_dir or path.parent) / f"{path.name}.rejects.csv", path)
    warnings: list[str] = []
    try:
        with Store(settings.database_url) as store:
            rows = _rows(
                path, kind, settings, encoding, keep_contact, rejects if skip_invalid else None, warnings
            )
            stored = store.upsert(table, rows)
    finally:
        rejects.close()
    counts = UpsertCounts(
        stored.read + rejects.count, stored.inserted, stored.updated, stored.unchanged, rejects.count
    )
    params = {"path": str(path), "source": kind, "skip_invalid": skip_invalid, "keep_contact": keep_contact}
    with open_lake(settings.lake_path) as lake:
        run_id = lake.record_run(f"ingest:{kind}", started=started, counts=counts, parameters=params)
    counts = replace(counts, run_id=run_id)
    return IngestReport(table.name, path, counts, summarise_warnings(warnings), rejects.written)
