"""A store error names the table and the database's reason, never the SQL or a row's values."""

from __future__ import annotations

import pytest

from grassroots.errors import StoreError
from grassroots.store import Store, tables


def test_a_refused_write_carries_no_sql_and_no_personal_values(store_url: str) -> None:
    row = {"id": "email:abc", "first_name": "Zelda", "email": "zelda@example.com"}
    with Store(store_url) as store, pytest.raises(StoreError) as caught:
        store.upsert(tables.customers, [row, {**row, "first_name": "Zed"}])  # one key twice in one chunk
    message = str(caught.value)
    assert message.startswith("cannot write customers: ")
    assert not any(part in message for part in ("Zelda", "Zed", "example.com", "INSERT", "[SQL"))
    with Store(store_url) as store:
        assert store.counts()["customers"] == 0
