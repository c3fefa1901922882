"""Shopify exports with their real column names; e-mails hashed; erase a person from store and lake."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidRecord
from grassroots.ingest import erase_person, hash_email, ingest_source, load_secret
from grassroots.lake import open_lake
from grassroots.store import Store, tables

CUSTOMERS = (
    "First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,Address2,City,Province,"
    "Province Code,Country,Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Tags,Note,"
    "Tax Exempt\n"
    "Ann,Lee,Ann.Lee@Example.com ,yes,,1 High St,,Leeds,,,United Kingdom,GB,LS1 1AA,+44 113 000,no,120.50,3,"
    "vip,,no\n"
    "Bo,Ng,bo@example.com,no,,2 Low Rd,,York,,,United Kingdom,GB,YO1 1AA,,no,0.00,0,,,no\n"
)
ORDERS = (
    "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,"
    "Discount Amount,Created at,Lineitem quantity,Lineitem name,Billing Name,Billing Street,Billing Phone\n"
    "#1001,ann.lee@example.com,paid,2024-03-01 10:00:00 +0000,GBP,40.00,5.00,0.00,45.00,ANN10,4.00,"
    "2024-03-01 09:59:00 +0000,1,Soap,Ann Lee,1 High St,+44 113 000\n"
    "#1001,ann.lee@example.com,,,,,,,,,,2024-03-01 09:59:00 +0000,2,Shampoo,,,\n"
    "#1002,bo@example.com,paid,,GBP,10.00,0.00,0.00,10.00,,,2024-03-02 12:00:00 +0000,1,Soap,"
    "Bo Ng,2 Low Rd,\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_customers_keep_hashed_emails_and_drop_contact_columns(settings: Settings, tmp_path: Path) -> None:
    report = ingest_source(settings, "shopify-customers", write(tmp_path, "customers_export.csv", CUSTOMERS))
    assert report.counts.inserted == 2
    secret = load_secret(settings)
    with Store(settings.database_url) as store:
        (ann,) = store.rows(tables.customers, email_hash=hash_email("ann.lee@example.com", secret))
    assert (ann["email"], ann["phone"], ann["address"], ann["accepts_marketing"]) == (None, None, None, True)
    assert str(ann["total_spent"]) == "120.50" and ann["total_orders"] == 3
    assert "ann" not in settings.database_url  # the raw address is nowhere in the row
    assert all("example.com" not in str(v) for v in ann.values())


def test_opt_in_keeps_clear_emails_and_contact(settings: Settings, tmp_path: Path) -> None:
    clear = replace(settings, keep_clear_emails=True)
    path = write(tmp_path, "customers_export.csv", CUSTOMERS)
    ingest_source(clear, "shopify-customers", path, keep_contact=True)
    with Store(settings.database_url) as store:
        (ann,) = store.rows(tables.customers, email="ann.lee@example.com")
    assert ann["phone"] == "+44 113 000" and "Leeds" in ann["address"]


def test_orders_take_the_first_row_of_each_order_and_reingest_changes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path, "orders_export.csv", ORDERS)
    first = ingest_source(settings, "shopify-orders", path)
    again = ingest_source(settings, "shopify-orders", path)
    assert (first.counts.inserted, again.counts.changed, again.counts.unchanged) == (2, 0, 2)
    with Store(settings.database_url) as store:
        (order,) = store.rows(tables.orders, id="#1001")
    assert (order["discount_code"], str(order["total"])) == ("ANN10", "45.00")
    assert order["created_at"].isoformat() == "2024-03-01T09:59:00"


def test_a_bad_order_names_file_line_and_column_and_writes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path, "orders_export.csv", ORDERS.replace("10.00,,,2024-03-02", "ten,,,2024-03-02"))
    with pytest.raises(
        InvalidRecord, match=r"orders_export.csv:4: Total: expected an amount such as 12.50, got 'ten'"
    ):
        ingest_source(settings, "shopify-orders", path)
    with Store(settings.database_url) as store:
        assert store.counts()["orders"] == 0


def test_erase_person_removes_them_from_store_and_lake_and_audits(settings: Settings, tmp_path: Path) -> None:
    ingest_source(settings, "shopify-customers", write(tmp_path, "c.csv", CUSTOMERS))
    ingest_source(settings, "shopify-orders", write(tmp_path, "o.csv", ORDERS))
    accounts = [
        {"platform": "ig", "id": "77", "handle": "annlee"},
        {"platform": "ig", "id": "88", "handle": "bo"},
    ]
    posts = [{"platform": "ig", "id": "p1", "author": "77", "text": "love it"}]
    posts.append({"platform": "ig", "id": "p2", "author": "88", "text": "meh"})
    ingest_source(settings, "accounts", write(tmp_path, "a.jsonl", "\n".join(map(json.dumps, accounts))))
    ingest_source(settings, "posts", write(tmp_path, "p.jsonl", "\n".join(map(json.dumps, posts))))
    ingest_source(settings, "follows", write(tmp_path, "f.txt", "77 88\n88 77\n"), platform="ig")

    by_email = erase_person(settings, "ANN.LEE@example.com", actor="test")
    by_handle = erase_person(settings, "@annlee", actor="test")
    assert by_email["store"]["customers"] == 1 and by_email["store"]["orders"] == 1
    assert by_handle["lake"] == {
        "post_labels": 0,
        "posts": 1,
        "comments": 0,
        "account_snapshots": 0,
        "follows": 2,
        "accounts": 1,
        "references_cleared": 0,
        "mentions_redacted": 0,
    }
    with open_lake(settings.lake_path) as lake:
        assert lake.scan("accounts", columns=["id"]).column("id").to_pylist() == ["88"]
        assert lake.counts()["follows"] == 0
    with Store(settings.database_url) as store:
        audit = store.rows(tables.audit_log, action="erase")
        assert len(audit) == 2
        assert all("annlee" not in str(r) and "ann.lee" not in str(r) for r in audit)
        assert [r["id"] for r in store.rows(tables.customers)] == [
            f"email:{hash_email('bo@example.com', load_secret(settings))}"
        ]


def test_shop_ingest_and_erase_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    from grassroots.ingest import initialise

    settings = Settings(data_dir=tmp_path / "data", database_url_override=postgres_url)
    initialise(settings)
    report = ingest_source(settings, "shopify-orders", write(tmp_path, "o.csv", ORDERS))
    assert report.counts.inserted == 2
    assert erase_person(settings, "bo@example.com", actor="test")["store"]["orders"] == 1
    with Store(postgres_url) as store:
        assert [r["id"] for r in store.rows(tables.orders)] == ["#1001"]
        assert [r["action"] for r in store.rows(tables.audit_log)] == ["secret-created", "erase"]
