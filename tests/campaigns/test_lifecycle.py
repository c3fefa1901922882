"""The lifecycle on SQLite and PostgreSQL: one assignment forever, codes, consent, states, ledger."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from grassroots.campaigns import (
    Candidate,
    assign_campaign,
    close,
    codes_csv,
    create_campaign,
    fulfilment_rows,
    funnel,
    invite,
    issue_codes,
    load_brief,
    points_account,
    store_addresses,
    update_states,
)
from grassroots.errors import InvalidInput
from grassroots.store import (
    Store,
    balances,
    participant_rows,
    post_entry,
    pseudonymise_accounts,
    record_consent,
    tables,
)

AT = datetime(2026, 2, 20, 9, 0)
POOL = [
    Candidate(
        f"ig:{i}", customer_id=f"c{i}" if i % 3 == 0 else None, tier="micro" if i % 2 else "nano", followers=i
    )
    for i in range(40)
]


def _consent(store: Store, people: list[str], purpose: str = "contact") -> None:
    rows = [
        {"person_id": p, "purpose": purpose, "granted": True, "text": "You may e-mail me", "channel": "form",
         "recorded_at": datetime(2026, 1, 1)}
        for p in people
    ]  # fmt: skip
    record_consent(store, rows, actor="test")


def _created(store: Store, brief_file: Path) -> str:
    row, warnings = create_campaign(store, load_brief(brief_file), brand_slug="acme", actor="test")
    assert warnings == []
    return row.slug


def test_assignment_is_stratified_reproducible_and_never_changes(store_url: str, brief_file: Path) -> None:
    with Store(store_url) as store:
        slug = _created(store, brief_file)
        _consent(store, [p.person_id for p in POOL[:36]])  # four people never consented
        done = assign_campaign(store, slug, POOL, at=AT, actor="test")
        assert done.no_consent == 4 and sum(done.arms.values()) == 36
        assert done.arms == {"holdout": 18, "treatment": 18}
        assert set(done.strata) == {
            "tier=micro|customer=yes",
            "tier=micro|customer=no",
            "tier=nano|customer=yes",
            "tier=nano|customer=no",
        }
        first = participant_rows(store, 1)
        with pytest.raises(InvalidInput, match="never changed"):
            assign_campaign(store, slug, POOL[::-1], at=datetime(2026, 3, 1), actor="test")
        assert participant_rows(store, 1) == first
        assert {r["assigned_at"] for r in first} == {AT}
        per_stratum: dict[str, list[str]] = {}
        for r in first:
            per_stratum.setdefault(r["stratum"], []).append(r["arm"])
        assert all(abs(arms.count("holdout") - arms.count("treatment")) <= 1 for arms in per_stratum.values())
    # the same pool and seed in a new store gives the same arms
    from grassroots.campaigns import assign
    from grassroots.campaigns import load_brief as again

    design = again(brief_file).design
    eligible = [p for p in POOL[:36]]
    assert {(a.person_id, a.arm) for a in assign(eligible, design=design)} == {
        (r["person_id"], r["arm"]) for r in first
    }


def test_codes_are_unique_unguessable_and_issued_once(store_url: str, brief_file: Path) -> None:
    with Store(store_url) as store:
        slug = _created(store, brief_file)
        _consent(store, [p.person_id for p in POOL])
        assign_campaign(store, slug, POOL, at=AT, actor="test")
        offers = issue_codes(store, slug, actor="test")
        treated = {r["person_id"] for r in participant_rows(store, 1) if r["arm"] == "treatment"}
        assert {o["person_id"] for o in offers} == treated
        assert len({o["code"] for o in offers}) == len(offers)
        assert all(re.fullmatch(r"SPRING-[A-HJKMNP-Z2-9]{12}", o["code"]) for o in offers)
        assert issue_codes(store, slug, actor="test") == offers
        text = codes_csv(offers)
        assert text.splitlines()[0] == "code,person_id,value,type,starts_at,ends_at,usage_limit"
        assert text.splitlines()[1].endswith(",15.00,percentage,2026-03-01T00:00:00,2026-04-30T23:59:59,1")


def test_invites_honour_withdrawal_and_frequency_limits(store_url: str, brief_file: Path) -> None:
    with Store(store_url) as store:
        slug = _created(store, brief_file)
        _consent(store, [p.person_id for p in POOL])
        assign_campaign(store, slug, POOL, at=AT, actor="test")
        treated = sorted(r["person_id"] for r in participant_rows(store, 1) if r["selected"])
        gone, busy = treated[0], treated[1]
        record_consent(store, [{"person_id": gone, "purpose": "contact", "withdrawn_at": AT}], actor="test")
        store.engine.dispose()
        from grassroots.store import log_contacts

        log_contacts(
            store, [{"person_id": busy, "campaign_id": None, "channel": "email", "kind": "survey", "at": AT}]
        )
        done = invite(store, slug, at=AT, actor="test")
        assert (done.invited, done.no_consent, done.too_often) == (len(treated) - 2, 1, 1)
        states = {r["person_id"]: r["state"] for r in participant_rows(store, 1)}
        assert states[gone] is None and states[busy] is None
        assert invite(store, slug, at=AT, actor="test").invited == 0  # re-running contacts nobody twice


def test_states_move_forward_only_with_an_append_only_log_and_rewards(
    store_url: str, brief_file: Path
) -> None:
    with Store(store_url) as store:
        slug = _created(store, brief_file)
        _consent(store, [p.person_id for p in POOL])
        assign_campaign(store, slug, POOL, at=AT, actor="test")
        invite(store, slug, at=AT, actor="test")
        person = next(r["person_id"] for r in participant_rows(store, 1) if r["state"] == "invited")
        with pytest.raises(InvalidInput, match="cannot move from accepted to delivered"):
            update_states(store, slug, [(person, "accepted", AT), (person, "delivered", AT)], actor="test")
        assert next(r for r in participant_rows(store, 1) if r["person_id"] == person)["state"] == "invited"
        later = datetime(2026, 3, 5)
        steps = [(person, s, later) for s in ("accepted", "shipped", "delivered", "posted")]
        assert update_states(store, slug, steps, actor="test") == 4
        assert update_states(store, slug, steps, actor="test") == 0  # re-running is a no-op
        with store.engine.connect() as conn:
            log = conn.execute(
                select(tables.campaign_events.c.from_state, tables.campaign_events.c.to_state)
                .where(tables.campaign_events.c.person_id == person)
                .order_by(tables.campaign_events.c.id)
            ).all()
        assert [tuple(r) for r in log] == [
            (None, "invited"),
            ("invited", "accepted"),
            ("accepted", "shipped"),
            ("shipped", "delivered"),
            ("delivered", "posted"),
        ]
        assert balances(store)[points_account(person)] == Decimal(50)
        assert funnel(store, slug)["states"]["posted"] == 1


def test_ledger_is_balanced_never_negative_idempotent_and_pseudonymised(store_url: str) -> None:
    with Store(store_url) as store:
        fund = {"equity:brand": Decimal(-100), "person:a:points": Decimal(100)}
        assert post_entry(store, "k1", fund, kind="reward", at=AT) is True
        assert post_entry(store, "k1", fund, kind="reward", at=AT) is False
        with pytest.raises(InvalidInput, match="sum to zero"):
            post_entry(
                store, "k2", {"equity:brand": Decimal(-1), "person:a:points": Decimal(2)}, kind="x", at=AT
            )
        with pytest.raises(InvalidInput, match="cannot pay"):
            post_entry(
                store, "k3", {"person:a:points": Decimal(-150), "payouts": Decimal(150)}, kind="x", at=AT
            )
        assert post_entry(
            store, "k4", {"person:a:points": Decimal(-40), "payouts": Decimal(40)}, kind="x", at=AT
        )
        assert pseudonymise_accounts(store, ["person:a:points"], "person:erased-1:points") == 2
        got = balances(store)
        assert "person:a:points" not in got and got["person:erased-1:points"] == Decimal(60)
        assert sum(got.values(), Decimal(0)) == 0
        engine = create_engine(store_url)
        with engine.connect() as conn:
            keys = [r[0] for r in conn.execute(select(tables.ledger_entries.c.external_key))]
        engine.dispose()
        assert "k1" not in keys and all(len(k) == 64 for k in keys)


def test_addresses_need_consent_ship_only_accepted_and_go_when_the_campaign_closes(
    store_url: str, brief_file: Path
) -> None:
    with Store(store_url) as store:
        slug = _created(store, brief_file)
        _consent(store, [p.person_id for p in POOL])
        assign_campaign(store, slug, POOL, at=AT, actor="test")
        invite(store, slug, at=AT, actor="test")
        a, b = sorted(r["person_id"] for r in participant_rows(store, 1) if r["selected"])[:2]
        _consent(store, [a], purpose="shipping_address")
        assert store_addresses(store, slug, {a: "1 High St", b: "2 Low Rd"}) == (1, 1)
        update_states(store, slug, [(a, "accepted", AT), (b, "accepted", AT)], actor="test")
        shipped = {r["person_id"]: r["address"] for r in fulfilment_rows(store, slug)}
        assert shipped == {a: "1 High St", b: ""}
        assert close(store, slug, actor="test") == 1
        assert store.rows(tables.campaign_addresses) == []
        assert {r["person_id"]: r["address"] for r in fulfilment_rows(store, slug)}[a] == ""
