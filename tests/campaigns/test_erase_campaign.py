"""Erasing a campaign participant: no byte of them left, the rewards ledger still balanced."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from grassroots.config import Settings
from grassroots.ingest import erase_person, initialise
from grassroots.store import Store, balances, save_brand, tables
from grassroots.workspace import Workspace
from tests.campaigns.conftest import BRIEF
from tests.ingest.test_erase_everywhere import (
    ACCOUNT,
    EMAIL,
    HANDLE,
    NEEDLES,
    SHOP_ID,
    _files_holding,
    _populate,
)

OTHERS = [f"77{i}" for i in range(7)]


def test_erase_removes_the_participant_everywhere_and_pseudonymises_their_ledger_account(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path / "data", keep_clear_emails=True)
    initialise(settings)
    src = tmp_path / "src"
    src.mkdir()
    _populate(settings, src)
    with Store(settings.database_url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
    people = [ACCOUNT, *OTHERS]
    (src / "pool.csv").write_text(
        "person_id,customer_id,tier\n"
        + "".join(f"{p},{SHOP_ID if p == ACCOUNT else ''},micro\n" for p in people)
    )
    (src / "consent.csv").write_text(
        "person_id,purpose,granted,text,channel,recorded_at\n"
        + "".join(
            f"{p},{what},yes,ok,form,2026-01-01T00:00:00\n"
            for p in people
            for what in ("contact", "shipping_address")
        )
    )
    (src / "brief.yaml").write_text(
        BRIEF.replace("holdout: 0.5", "holdout: 0.05").replace("strata: [tier, customer]", "strata: []")
    )
    ws = Workspace(settings=settings, actor="test")
    slug = ws.campaign_create(src / "brief.yaml").campaign
    ws.campaign_consent(src / "consent.csv")
    ws.campaign_assign(slug, pool=src / "pool.csv")
    ws.campaign_codes(slug)
    ws.campaign_invite(slug)
    treated = [*[p for p in people if p != ACCOUNT][:1], ACCOUNT]
    (src / "addresses.csv").write_text(
        "person_id,address\n" + "".join(f"{p},1 Marmalade Row {p}\n" for p in people)
    )
    ws.campaign_addresses(slug, src / "addresses.csv")
    (src / "states.csv").write_text(
        "person_id,state\n" + "".join(f"{p},{s}\n" for p in treated for s in ("accepted", "posted"))
    )
    with Store(settings.database_url) as store:
        selected = {r["person_id"] for r in store.rows(tables.campaign_participants) if r["selected"]}
    assert ACCOUNT in selected  # holdout 5% of 8 people rounds to 0: everyone is offered
    ws.campaign_update(slug, src / "states.csv")
    with Store(settings.database_url) as store:
        before = balances(store)
    assert before[f"person:{ACCOUNT}:points"] == Decimal(50)
    exported = ws.campaign_ledger()
    lines = exported.path.read_text().splitlines()
    assert lines[0] == "entry,kind,at,campaign_id,account,amount" and exported.rows == 2 * len(treated)

    erase_person(settings, f"@{HANDLE}", actor="test")
    erase_person(
        settings, EMAIL, actor="test"
    )  # the shop customer is found by e-mail (as in the ingest test)

    assert _files_holding(settings.data_dir, (*NEEDLES, "Marmalade Row 4815162342")) == {}
    with Store(settings.database_url) as store:
        after = balances(store)
        for table in (tables.campaign_participants, tables.campaign_offers, tables.campaign_events,
                      tables.campaign_addresses, tables.contact_log, tables.consent):  # fmt: skip
            assert store.rows(table, person_id=ACCOUNT) == [], table.name
        assert len(store.rows(tables.campaign_participants)) == len(OTHERS)
    assert sum(after.values(), Decimal(0)) == 0
    assert sorted(after.values()) == sorted(before.values())
    assert not any(ACCOUNT in account for account in after)
