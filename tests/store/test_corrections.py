"""User corrections in the store (SQLite and PostgreSQL): stored, replaced, listed, removed, audited."""

from __future__ import annotations

import pytest

from grassroots.errors import InvalidInput, NotFound
from grassroots.store import Store, add_correction, list_corrections, remove_correction, tables


def test_a_newer_correction_replaces_the_older_and_is_audited(store_url: str) -> None:
    with Store(store_url) as store:
        first = add_correction(store, "account", "a1", "fake", by="sam", platform="instagram")
        again = add_correction(
            store, "account", "a1", "real", by="kim", platform="instagram", note="knows her"
        )
        other = add_correction(
            store, "advocate", "a1", "not_advocate", by="sam", brand="Lumen", account_id="a1"
        )
        assert again.id == first.id and (again.value, again.created_by, again.note) == (
            "real",
            "kim",
            "knows her",
        )
        assert [c.id for c in list_corrections(store)] == [first.id, other.id]
        assert [c.kind for c in list_corrections(store, kind="advocate", brand="Lumen")] == ["advocate"]
        assert list_corrections(store, brand="Other") == []
        audit = [r["action"] for r in store.rows(tables.audit_log)]
        assert audit.count("correct") == 3
        assert remove_correction(store, other.id, by="sam").value == "not_advocate"
        assert [c.id for c in list_corrections(store)] == [first.id]
        assert "correction_removed" in {r["action"] for r in store.rows(tables.audit_log)}


def test_bad_corrections_name_the_parameter(store_url: str) -> None:
    with Store(store_url) as store:
        with pytest.raises(InvalidInput, match="value='maybe': expected one of real, fake"):
            add_correction(store, "account", "a1", "maybe", by="sam")
        with pytest.raises(InvalidInput, match="kind='post'"):
            add_correction(store, "post", "a1", "none", by="sam")  # type: ignore[arg-type]
        with pytest.raises(InvalidInput, match="by: must not be empty"):
            add_correction(store, "disclosure", "p1", "none", by=" ")
        with pytest.raises(NotFound, match="correction id=99"):
            remove_correction(store, 99, by="sam")
        assert list_corrections(store) == []
