"""The advocate portal's domain through the Workspace, on a SQLite file and on PostgreSQL: links,
accept / decline through the lifecycle, product choice, address with consent, content rights,
surveys, gamification, points, referrals, closing, the survey export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from grassroots.engage.links import make_token
from grassroots.engage.portal import consent_text
from grassroots.errors import InvalidInput, InvalidValue, NotFound
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, post_entry, tables
from tests.web.portal_world import PortalWorld, portal_world


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PortalWorld]:
    url = None if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    yield portal_world(tmp_path, url)


def _token(w: PortalWorld, person: str) -> str:
    return w.workspace.portal_link(w.campaign, person, days=3).url.rsplit("/", 1)[1]


def _rows(w: PortalWorld, table: object, **equal: object) -> list[dict[str, object]]:
    with Store(w.settings.database_url) as store:
        return store.rows(table, **equal)  # type: ignore[arg-type]


def test_links_are_signed_for_offered_people_only_and_say_when_they_expire(world: PortalWorld) -> None:
    ws = world.workspace
    link = ws.portal_link(world.campaign, world.offered[0], days=3)
    assert link.url.startswith("https://brand.example/p/")
    assert timedelta(days=2, hours=23) < link.expires_at - datetime.now(UTC) <= timedelta(days=3)
    token = link.url.rsplit("/", 1)[1]
    assert ws.portal_link_state(token) == "valid"
    assert ws.portal_link_state(token[:-1] + ("A" if token[-1] != "A" else "B")) == "invalid"
    chat = make_token(
        load_secret(world.settings),
        kind="chat",
        brand="Acme",
        person_id=world.offered[0],
        campaign_id=world.campaign,
        expires_at=link.expires_at,
    )
    assert ws.portal_link_state(chat) == "invalid"  # a chat link never opens a portal
    old = make_token(
        load_secret(world.settings),
        kind="portal",
        brand="Acme",
        person_id=world.offered[0],
        campaign_id=world.campaign,
        expires_at=datetime.now(UTC) - timedelta(seconds=1),
    )
    assert ws.portal_link_state(old) == "expired"
    with pytest.raises(NotFound, match="not offered"):
        ws.portal_link(world.campaign, world.holdout[0])  # holdout people get no offer, so no portal
    with pytest.raises(InvalidValue, match="days"):
        ws.portal_link(world.campaign, world.offered[0], days=0)
    every = ws.portal_links(world.campaign, days=5)
    assert [p.person_id for p in every] == sorted(world.offered)
    assert ws.portal_csrf(token) != ws.portal_csrf(_token(world, world.offered[1]))


def test_accept_and_decline_drive_the_lifecycle_with_an_audit_row(world: PortalWorld) -> None:
    ws = world.workspace
    yes, no = _token(world, world.offered[0]), _token(world, world.offered[1])
    view = ws.portal_page(yes)
    assert (view.state, view.can_accept, view.can_decline) == ("invited", True, True)
    assert view.code is not None and view.links[0][1].endswith(
        f"/discount/{view.code}?redirect=/products/glow-serum"
    )
    assert ws.portal_respond(yes, "accept") == "accepted"
    assert ws.portal_respond(no, "decline") == "declined"
    with pytest.raises(InvalidInput, match="cannot accept"):
        ws.portal_respond(no, "accept")  # declined is final
    events = _rows(world, tables.campaign_events, person_id=world.offered[0])
    assert [(e["from_state"], e["to_state"], e["actor"]) for e in events][-1] == (
        "invited",
        "accepted",
        "portal",
    )
    assert ws.portal_page(yes).can_decline  # declining stays as easy as accepting until it ships


def test_product_address_and_consent_store_the_exact_text_and_honour_withdrawal(world: PortalWorld) -> None:
    ws, person = world.workspace, world.offered[0]
    token = _token(world, person)
    with pytest.raises(InvalidInput, match="after accepting"):
        ws.portal_choose(token, product="glow-serum", variant="30ml")
    ws.portal_respond(token, "accept")
    with pytest.raises(InvalidValue, match="variant"):
        ws.portal_choose(token, product="glow-serum", variant="5 litres")
    with pytest.raises(InvalidValue, match="product"):
        ws.portal_choose(token, product="other", variant="")
    ws.portal_choose(token, product="glow-serum", variant="50ml")
    with pytest.raises(InvalidValue, match="tick the box"):
        ws.portal_address(token, address="1 Marmalade Row, Leeds", consent=False)
    assert _rows(world, tables.campaign_addresses) == []  # never kept without the box ticked
    ws.portal_address(token, address="1 Marmalade Row,\n Leeds", consent=True)
    shown = consent_text("shipping_address", brand="Acme", campaign="Spring sampling")
    granted = _rows(world, tables.consent, person_id=person, purpose="shipping_address")
    assert [(c["text"], c["channel"], c["granted"]) for c in granted] == [(shown, "portal", True)]
    view = ws.portal_page(token)
    assert (view.product, view.variant, view.address) == ("glow-serum", "50ml", "1 Marmalade Row, Leeds")
    assert view.shipping.granted and view.shipping.text == shown
    fulfilment = ws.campaign_fulfilment(world.campaign).path.read_text(encoding="utf-8")
    assert "1 Marmalade Row, Leeds" in fulfilment
    ws.portal_consent(token, purpose="shipping_address", grant=False)
    assert _rows(world, tables.campaign_addresses) == []  # withdrawal deletes the address at once
    assert not ws.portal_page(token).shipping.granted

    ws.portal_consent(token, purpose="ugc_rights", grant=True)
    ugc = _rows(world, tables.consent, person_id=person, purpose="ugc_rights")
    assert ugc[0]["text"] == consent_text("ugc_rights", brand="Acme", campaign="Spring sampling")
    assert ws.portal_page(token).ugc.granted
    ws.portal_consent(token, purpose="ugc_rights", grant=False)
    assert not ws.portal_page(token).ugc.granted
    assert _rows(world, tables.consent, person_id=person, purpose="ugc_rights")[0]["withdrawn_at"] is not None


def test_survey_answers_are_checked_replaced_and_exported_with_the_nps(
    world: PortalWorld, tmp_path: Path
) -> None:
    ws = world.workspace
    first, second = _token(world, world.offered[0]), _token(world, world.offered[1])
    with pytest.raises(InvalidValue, match="nps: required"):
        ws.portal_survey(first, {"texture": "light"})
    with pytest.raises(InvalidValue, match="nps: expected a whole number from 0 to 10"):
        ws.portal_survey(first, {"nps": "11"})
    with pytest.raises(InvalidValue, match="texture: expected one of light, just right, heavy"):
        ws.portal_survey(first, {"nps": "9", "texture": "sticky"})
    assert ws.portal_survey(first, {"nps": "3", "texture": "heavy", "note": ""}) == 2
    assert (
        ws.portal_survey(first, {"nps": "10", "texture": "light", "again": "5", "note": "Lovely, thanks"})
        == 4
    )
    ws.portal_survey(second, {"nps": "6"})
    assert ws.portal_page(first).answers == {
        "nps": "10",
        "texture": "light",
        "again": "5",
        "note": "Lovely, thanks",
    }
    done = ws.portal_surveys_export(world.campaign, out=tmp_path / "answers.csv")
    rows = list(csv.DictReader(io.StringIO(done.path.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["campaign", "person_id", "question", "answer", "answered_at"]
    assert (done.rows, done.people, done.nps) == (5, 2, 0.0)  # one promoter, one detractor
    assert {r["answer"] for r in rows if r["person_id"] == world.offered[0]} == {
        "10",
        "light",
        "5",
        "Lovely, thanks",
    }


def test_points_levels_badges_and_a_leaderboard_of_opted_in_people_only(world: PortalWorld) -> None:
    ws = world.workspace
    a, b, c = (_token(world, p) for p in world.offered[:3])
    for token in (a, b, c):
        ws.portal_respond(token, "accept")
    assert not ws.portal_page(a).gamification  # off by default
    with Store(world.settings.database_url) as store:
        post_entry(
            store,
            "bonus:a",
            {"equity:campaign:x": Decimal(-70), f"person:{world.offered[0]}:points": Decimal(70)},
            kind="reward",
            at=datetime(2026, 3, 2),
            campaign_id=1,
        )
        codes = {r["person_id"]: r["code"] for r in store.rows(tables.campaign_offers)}
        store.upsert(
            tables.orders,
            [
                {
                    "id": "#1",
                    "discount_code": codes[world.offered[1]],
                    "email_hash": "f" * 64,
                    "total": Decimal(20),
                },
                {
                    "id": "#2",
                    "discount_code": codes[world.offered[1]].lower(),
                    "email_hash": "e" * 64,
                    "total": Decimal(5),
                },
                {
                    "id": "#3",
                    "discount_code": codes[world.offered[2]],
                    "email_hash": "d" * 64,
                    "total": Decimal(5),
                },
            ],
        )
    view = ws.portal_page(a)
    assert view.points == Decimal(70) and view.level.name == "Contributor" and view.leaders == ()
    with pytest.raises(InvalidValue, match="display_name"):
        ws.portal_gamification(a, opt_in=True, display_name=" x ")
    ws.portal_gamification(a, opt_in=True, display_name="Sunny  Day")
    ws.portal_gamification(b, opt_in=True, display_name="Bee")  # c never opts in: never listed
    board = ws.portal_page(a).leaders
    assert [(r.rank, r.name, r.referrals) for r in board] == [(1, "Bee", 2), (2, "Sunny Day", 0)]
    assert [x.key for x in ws.portal_page(b).badges] == ["joined", "first_referral"]
    ws.portal_gamification(b, opt_in=False)
    assert [r.name for r in ws.portal_page(a).leaders] == ["Sunny Day"]
    assert _rows(world, tables.portal_profiles, person_id=world.offered[1])[0]["display_name"] is None


def test_a_closed_campaign_drops_addresses_and_changes_nothing_more(world: PortalWorld) -> None:
    ws = world.workspace
    token = _token(world, world.offered[0])
    ws.portal_respond(token, "accept")
    ws.portal_address(token, address="2 Quiet Close, York", consent=True)
    ws.campaign_close(world.campaign)
    assert _rows(world, tables.campaign_addresses) == []
    view = ws.portal_page(token)
    assert not view.open and not view.can_decline and view.address is None
    with pytest.raises(InvalidInput, match="closed"):
        ws.portal_address(token, address="2 Quiet Close, York", consent=True)
    ws.portal_consent(token, purpose="ugc_rights", grant=False)  # withdrawing still works once closed
