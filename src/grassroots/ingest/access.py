"""Subject access (GDPR art. 15): everything the installation holds about one person, in one answer.

The person is named as for erasure (handle with or without ``@``, account id, shop customer id or
e-mail) and found the same way (:func:`grassroots.ingest.erasure._find`), so what an export shows is
what an erase would remove: their rows in every lake table (accounts, posts, results ...) and in the
store (customers, orders, consent, alerts about them). Files under the data dir (results exports,
shortlists) are not read back; an erase purges them.
"""

from __future__ import annotations

from typing import Any

from grassroots.config import Settings
from grassroots.errors import InvalidInput, NotFound
from grassroots.ingest.erasure import _find, subject_of
from grassroots.ingest.setup import load_secret
from grassroots.lake import open_lake

__all__ = ["export_person"]


def export_person(settings: Settings, person: str) -> dict[str, Any]:
    """``{"person": HMAC, "identifiers": ..., "lake": {table: rows}, "store": {table: rows}}``.

    Raises :class:`NotFound` when nothing names the person.
    """
    from grassroots.store import Store, tables

    person = person.strip()
    if not person:
        raise InvalidInput("person='': expected a handle, account id, customer id or e-mail")
    secret = load_secret(settings)
    target = _find(settings, person, secret)
    if not target.lake_rows and not target.store_rows and not target.account_ids:
        raise NotFound(f"person {person!r}: nothing in the lake or store names them")
    with open_lake(settings.lake_path, read_only=True) as lake:
        lake_rows = lake.person_rows(
            target.account_ids, customer_ids=[*target.customer_ids, *target.shop_ids]
        )
    names = {*target.account_ids, *target.handles, *(f"@{h}" for h in target.handles)}
    with Store(settings.database_url) as store:
        store_rows: dict[str, list[dict[str, Any]]] = {
            "customers": [r for c in target.customer_ids for r in store.rows(tables.customers, id=c)],
            "orders": [r for c in target.customer_ids for r in store.rows(tables.orders, customer_id=c)],
            "consent": [
                r
                for p in sorted({person, *target.account_ids, *target.customer_ids})
                for r in store.rows(tables.consent, person_id=p)
            ],
            "alerts": [r for n in sorted(names) for r in store.rows(tables.alerts, account_id=n)],
        }
    return {
        "person": subject_of(person, secret),
        "identifiers": {
            "account_ids": list(target.account_ids),
            "handles": list(target.handles),
            "customer_ids": list(target.customer_ids),
        },
        "lake": lake_rows,
        "store": {k: v for k, v in store_rows.items() if v},
    }
