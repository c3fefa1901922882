"""Alerts and brand configurations in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from grassroots.errors import InvalidInput, NotFound
from grassroots.store import (
    AlertDraft,
    Store,
    brand_rows,
    delete_brand,
    list_alerts,
    raise_alerts,
    save_brand,
    set_alert_status,
    tables,
)


def _drafts() -> list[AlertDraft]:
    return [
        AlertDraft("undisclosed_paid_post", "p1", brand="Dove", evidence={"p": 0.9}, account_id="a1"),
        AlertDraft("brand_safety", "p2", brand="Dove", evidence={"flags": ["violence"]}, account_id="a2"),
        AlertDraft("sentiment_spike", "2026-W10", brand="Acme", evidence={"negative": 9}),
    ]


def test_raising_the_same_alerts_again_changes_nothing(store_url: str) -> None:
    with Store(store_url) as store:
        first = raise_alerts(store, _drafts())
        again = raise_alerts(store, _drafts())
        assert (first.inserted, first.updated) == (3, 0)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
        assert store.counts()["alerts"] == 3


def test_new_evidence_refreshes_an_alert_but_keeps_a_persons_decision(store_url: str) -> None:
    with Store(store_url) as store:
        raise_alerts(store, _drafts())
        (spike,) = list_alerts(store, kind="sentiment_spike")
        set_alert_status(store, spike.id, status="dismissed", by="maria")
        refreshed = AlertDraft("sentiment_spike", "2026-W10", brand="Acme", evidence={"negative": 12})
        counts = raise_alerts(store, [refreshed])
        (after,) = list_alerts(store, kind="sentiment_spike")
        assert counts.updated == 1
        assert (after.status, after.handled_by, after.evidence) == ("dismissed", "maria", {"negative": 12})


def test_list_filters_and_set_status_is_audited(store_url: str) -> None:
    with Store(store_url) as store:
        raise_alerts(store, _drafts())
        assert {a.subject for a in list_alerts(store, brand="Dove")} == {"p1", "p2"}
        assert [a.kind for a in list_alerts(store, brand="Dove", kind="brand_safety")] == ["brand_safety"]
        target = list_alerts(store, kind="undisclosed_paid_post")[0]
        done = set_alert_status(store, target.id, status="handled", by="sam")
        assert done.status == "handled" and done.handled_by == "sam" and isinstance(done.handled_at, datetime)
        assert [a.subject for a in list_alerts(store, status="handled")] == ["p1"]
        assert len(list_alerts(store, status="open")) == 2
        audit = store.rows(tables.audit_log, action="alert_handled")
        assert [(r["actor"], r["subject"]) for r in audit] == [("sam", str(target.id))]
        reopened = set_alert_status(store, target.id, status="open", by="sam")
        assert (reopened.status, reopened.handled_by, reopened.handled_at) == ("open", None, None)


def test_bad_alert_values_name_the_parameter(store_url: str) -> None:
    with Store(store_url) as store:
        with pytest.raises(InvalidInput, match="kind='spam': expected one of undisclosed_paid_post"):
            AlertDraft("spam", "x")  # type: ignore[arg-type]
        with pytest.raises(InvalidInput, match="status='closed'"):
            list_alerts(store, status="closed")  # type: ignore[arg-type]
        with pytest.raises(NotFound, match="alert id=99"):
            set_alert_status(store, 99, status="handled", by="sam")


def test_brand_rows_save_replace_and_delete(store_url: str) -> None:
    with Store(store_url) as store:
        assert save_brand(store, name="Dove", slug="dove", config={"name": "Dove", "aliases": []}) is True
        assert save_brand(store, name="Dove", slug="dove", config={"name": "Dove", "aliases": ["D"]}) is False
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
        assert [(r.name, r.config.get("aliases")) for r in brand_rows(store)] == [
            ("Acme", None),
            ("Dove", ["D"]),
        ]
        assert store.counts()["brands"] == 2
        assert delete_brand(store, slug="acme") is True and delete_brand(store, slug="acme") is False
        actions = [r["action"] for r in store.rows(tables.audit_log)]
        assert actions == ["brand_add", "brand_edit", "brand_add", "brand_remove"]


def test_a_brand_with_campaigns_is_not_removed(store_url: str) -> None:
    with Store(store_url) as store:
        save_brand(store, name="Dove", slug="dove", config={"name": "Dove"})
        (row,) = store.rows(tables.brands, slug="dove")
        now = datetime(2026, 1, 1)
        campaign = {"id": 1, "brand_id": row["id"], "name": "spring", "status": "draft", "created_at": now}
        store.upsert(tables.campaigns, [campaign])
        with pytest.raises(InvalidInput, match="used by 1 campaign"):
            delete_brand(store, slug="dove")
        assert json.loads(store.rows(tables.brands, slug="dove")[0]["config"]) == {"name": "Dove"}
