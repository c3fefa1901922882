"""The brand's shop: Shopify customers and orders exports with their real column names.

Customers are the world's customer people plus shoppers with no social account here. Orders carry
creators' discount codes (``MAYARIVE15``), generic codes (``WELCOME10``) or none. Orders with two
line items follow Shopify's convention: the second row repeats ``Name``, ``Email`` and ``Created at``
and leaves the order-level columns blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grassroots.demo_world import _templates_people as tpl
from grassroots.demo_world._people import People
from grassroots.demo_world._writers import write_csv
from grassroots.demo_world.brand import PRODUCTS
from grassroots.demo_world.params import WORLD_END, WORLD_START, WorldParams
from grassroots.demo_world.taxonomy import CITIES

__all__ = ["ShopCounts", "write_shop"]

_CURRENCY = {"US": "USD", "GB": "GBP", "CA": "CAD", "DE": "EUR", "IE": "EUR", "AU": "AUD", "NZ": "NZD"}
_GENERIC_CODES = (("WELCOME10", 0.10), ("SPRING20", 0.20))
ORDER_COLUMNS = (
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem sku",
    "Billing Name",
    "Billing Address1",
    "Billing City",
    "Billing Country",
    "Billing Phone",
    "Shipping City",
    "Shipping Country",
    "Vendor",
    "Id",
)
CUSTOMER_COLUMNS = (
    "Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Address1",
    "Default Address City", "Default Address Country Code", "Default Address Phone", "Phone", "Total Spent",
    "Total Orders", "Note", "Tags",
)  # fmt: skip


@dataclass(frozen=True)
class ShopCounts:
    customers: int
    orders: int
    code_orders: dict[str, int]


@dataclass
class _Customer:
    cid: int
    first: str
    last: str
    email: str
    city: int
    note: str
    spent: float = 0.0
    orders: int = 0


def _customers(
    rng: np.random.Generator, people: People, p: WorldParams
) -> tuple[list[_Customer], dict[int, int]]:
    """All customers, and person index -> position in that list."""
    out: list[_Customer] = []
    of_person: dict[int, int] = {}
    for i in np.flatnonzero(people.customer_id > 0):
        first, _, last = (people.name[i] or "Alex Doe").partition(" ")
        r = int(rng.integers(0, 1 << 30))
        handle = people.username[i]
        email = f"{handle}@example.com" if r % 2 else f"{first.lower()}.{last.lower()}{r % 97}@example.org"
        email = email.title() if r % 10 == 3 else email
        note = f"IG: @{handle}" if r % 5 == 1 else ""
        of_person[int(i)] = len(out)
        out.append(_Customer(int(people.customer_id[i]), first, last, email, int(people.location[i]), note))
    n_off = round(p.offline_customers_per_social * len(out))
    base = int(people.customer_id.max()) + 10_000
    for j in range(n_off):
        r = int(rng.integers(0, 1 << 30))
        first, last = (
            tpl.FIRST_NAMES[r % len(tpl.FIRST_NAMES)],
            tpl.LAST_NAMES[(r >> 8) % len(tpl.LAST_NAMES)],
        )
        email = f"{first}.{last}{(r >> 16) % 1000}@example.net"
        out.append(_Customer(base + 37 * j, first.title(), last.title(), email, (r >> 20) % len(CITIES), ""))
    _unique_emails(out)
    return out, of_person


def _unique_emails(customers: list[_Customer]) -> None:
    """Shopify keeps one customer per e-mail address: make colliding addresses distinct."""
    seen: set[str] = set()
    for c in customers:
        local, _, domain = c.email.partition("@")
        k = 2
        while c.email.lower() in seen:
            c.email, k = f"{local}.{k}@{domain}", k + 1
        seen.add(c.email.lower())


def _order_plan(
    rng: np.random.Generator, people: People, customers: list[_Customer], of_person: dict[int, int]
) -> list[tuple[int, str]]:
    """(customer position, discount code or "") per order."""
    orders: list[tuple[int, str]] = []
    for i, pos in of_person.items():
        k = 2 + rng.poisson(2) if people.is_advocate[i] else 1 + rng.poisson(0.7)
        orders += [(pos, "") for _ in range(k)]
    offline = np.arange(len(of_person), len(customers))
    for off in offline.tolist():
        orders += [(off, "") for _ in range(1 + rng.poisson(0.5))]
    for i in np.flatnonzero(people.paid | people.gifted).tolist():
        audience = people.followers[i] * (1 - people.fake_share[i])
        buyers = rng.choice(offline, size=min(300, rng.poisson(1 + audience / 4000)))
        orders += [(int(b), people.code[i]) for b in buyers]
    generic = rng.random(len(orders))
    return [
        (c, code or (_GENERIC_CODES[int(g * 20) % 2][0] if g < 0.15 else ""))
        for (c, code), g in zip(orders, generic, strict=True)
    ]


def write_shop(out: Path, rng: np.random.Generator, people: People, p: WorldParams) -> ShopCounts:
    """Write ``shopify_customers.csv`` and ``shopify_orders.csv``."""
    customers, of_person = _customers(rng, people, p)
    plan = _order_plan(rng, people, customers, of_person)
    start, end = int(WORLD_START.timestamp()) - 12 * 7 * 86400, int(WORLD_END.timestamp())
    times = rng.integers(start, end, size=len(plan))
    coded = np.array(
        [bool(code) and not code.startswith(("WELCOME", "SPRING")) for _, code in plan], dtype=bool
    )
    times[coded] = rng.integers(int(WORLD_START.timestamp()) + 2 * 7 * 86400, end, size=int(coded.sum()))
    order = np.argsort(times, kind="stable")
    plan, times = [plan[k] for k in order], times[order]
    rows: dict[str, list[object]] = {c: [] for c in ORDER_COLUMNS}
    code_orders: dict[str, int] = {}
    for n, ((pos, code), t) in enumerate(zip(plan, times, strict=True)):
        cust = customers[pos]
        _order_rows(rows, rng, cust, code, int(t), 1001 + n, 5_500_000_000_000 + 7919 * n)
        if code:
            code_orders[code] = code_orders.get(code, 0) + 1
    write_csv(out / "shopify_orders.csv", rows)
    _write_customers(out / "shopify_customers.csv", customers)
    return ShopCounts(customers=len(customers), orders=len(plan), code_orders=code_orders)


def _stamp(t: int) -> str:
    return str(np.datetime64(t, "s")).replace("T", " ") + " +0000"


def _order_rows(
    rows: dict[str, list[object]],
    rng: np.random.Generator,
    cust: _Customer,
    code: str,
    t: int,
    number: int,
    oid: int,
) -> None:
    items = rng.choice(len(PRODUCTS), size=1 + int(rng.random() < 0.25), replace=False)
    qty = 1 + rng.poisson(0.3, len(items))
    subtotal = round(sum(PRODUCTS[k][2] * q for k, q in zip(items, qty, strict=True)), 2)
    rate = (
        0.15 if code and not code.startswith(("WELCOME", "SPRING")) else dict(_GENERIC_CODES).get(code, 0.0)
    )
    discount = round(subtotal * rate, 2)
    shipping = 0.0 if subtotal >= 50 else 5.95
    taxes = round((subtotal - discount) * 0.08, 2)
    city, country, _ = CITIES[cust.city]
    status = ("paid", "refunded", "partially_refunded")[int(rng.choice(3, p=[0.95, 0.03, 0.02]))]
    for j, (k, q) in enumerate(zip(items, qty, strict=True)):
        first = j == 0
        order = {
            "Financial Status": status, "Paid at": _stamp(t + 5), "Fulfillment Status": "fulfilled",
            "Accepts Marketing": "yes" if cust.cid % 3 else "no", "Currency": _CURRENCY[country],
            "Subtotal": f"{subtotal:.2f}", "Shipping": f"{shipping:.2f}", "Taxes": f"{taxes:.2f}",
            "Total": f"{subtotal - discount + shipping + taxes:.2f}", "Discount Code": code or None,
            "Discount Amount": f"{discount:.2f}", "Billing Name": f"{cust.first} {cust.last}",
            "Billing Address1": f"{10 + cust.cid % 180} Example Street", "Billing City": city,
            "Billing Country": country, "Billing Phone": f"+1-555-01{cust.cid % 100:02d}",
            "Shipping City": city, "Shipping Country": country, "Id": str(oid),
        }  # fmt: skip
        line = {
            "Name": f"#{number}", "Email": cust.email, "Created at": _stamp(t), "Lineitem quantity": int(q),
            "Lineitem name": PRODUCTS[k][0], "Lineitem price": f"{PRODUCTS[k][2]:.2f}",
            "Lineitem sku": PRODUCTS[k][1], "Vendor": "Lumenleaf",
        }  # fmt: skip
        for col in ORDER_COLUMNS:
            rows[col].append(line.get(col, order.get(col) if first else None))
    cust.spent += subtotal - discount + shipping + taxes
    cust.orders += 1


def _write_customers(path: Path, customers: list[_Customer]) -> None:
    cols: dict[str, list[object]] = {c: [] for c in CUSTOMER_COLUMNS}
    for c in customers:
        city, country, _ = CITIES[c.city] if c.city >= 0 else ("", "", 0)
        values = (
            str(c.cid),
            c.first,
            c.last,
            c.email,
            "yes" if c.cid % 3 else "no",
            f"{10 + c.cid % 180} Example Street",
            city or None,
            country or None,
            f"+1-555-01{c.cid % 100:02d}",
            None,
            f"{c.spent:.2f}",
            c.orders,
            c.note or None,
            "lumenleaf-vip" if c.orders >= 4 else None,
        )
        for col, v in zip(CUSTOMER_COLUMNS, values, strict=True):
            cols[col].append(v)
    write_csv(path, cols)
