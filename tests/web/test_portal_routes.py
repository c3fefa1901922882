"""The advocate portal's routes (TestClient): every action, tampered and expired links, CSRF, the
consent text stored, ledger points shown, the rate limit, the security headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from grassroots.engage.links import make_token
from grassroots.engage.portal import consent_text
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, participant_rows, post_entry, tables
from grassroots.web.app import create_app
from grassroots.web.pages.portal import POSTS_PER_MINUTE
from grassroots.web.settings import WebSettings
from tests.web.portal_world import PortalWorld, portal_world


@dataclass(frozen=True)
class Portal:
    client: TestClient
    world: PortalWorld
    token: str
    person: str

    @property
    def path(self) -> str:
        return f"/p/{self.token}"

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.client.get(self.path).text)
        assert found, "no csrf field on the portal page"
        return found.group(1)

    def post(self, action: str, **data: str) -> Any:
        return self.client.post(
            f"{self.path}/{action}", data={"csrf": self.csrf(), **data}, follow_redirects=False
        )

    def rows(self, table: object, **equal: object) -> list[dict[str, object]]:
        with Store(self.world.settings.database_url) as store:
            return store.rows(table, **equal)  # type: ignore[arg-type]


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    world = portal_world(tmp_path)
    person = world.offered[0]
    token = world.workspace.portal_link(world.campaign, person, days=2).url.rsplit("/", 1)[1]
    with TestClient(create_app(WebSettings(core=world.settings)), base_url="http://testserver") as client:
        yield Portal(client, world, token, person)


def _state(p: Portal) -> str | None:
    with Store(p.world.settings.database_url) as store:
        return {r["person_id"]: r["state"] for r in participant_rows(store, 1)}[p.person]


def test_the_page_shows_the_offer_code_link_and_consent_texts_with_the_security_headers(
    portal: Portal,
) -> None:
    page = portal.client.get(portal.path)
    assert page.status_code == 200
    code = portal.rows(tables.campaign_offers, person_id=portal.person)[0]["code"]
    assert f"https://acme.example/discount/{code}?redirect=/products/glow-serum" in page.text
    assert "15% off" in page.text and 'id="accept"' in page.text and 'id="decline"' in page.text
    assert consent_text("ugc_rights", brand="Acme", campaign="Spring sampling") in page.text
    assert "Shipping address" not in page.text  # asked only once the invitation is accepted
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store" and page.headers["x-frame-options"] == "DENY"
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # no inline script
    assert 'id="chat-form"' in page.text and "/chat/" in page.text  # the chat panel, by its own link
    assert "levels, badges" in page.text and "Referral leaderboard" not in page.text  # opt-in, off by default


def test_a_tampered_or_foreign_link_is_a_404_page_and_an_expired_one_says_so(portal: Portal) -> None:
    tampered = portal.token[:-2] + ("AA" if portal.token[-2:] != "AA" else "BB")
    for path in (f"/p/{tampered}", "/p/nonsense", "/p/" + "x" * 3000):
        answer = portal.client.get(path)
        assert (
            answer.status_code == 404 and "Link not found" in answer.text and "Traceback" not in answer.text
        )
    secret = load_secret(portal.world.settings)
    old = make_token(
        secret,
        kind="portal",
        brand="Acme",
        person_id=portal.person,
        campaign_id="spring-sampling",
        expires_at=datetime.now(UTC) - timedelta(minutes=1),
    )
    gone = portal.client.get(f"/p/{old}")
    assert gone.status_code == 410 and "This link has expired" in gone.text
    refused = portal.client.post(f"/p/{old}/respond", data={"csrf": "x", "answer": "accept"})
    assert refused.status_code == 410 and _state(portal) == "invited"
    nobody = make_token(
        secret,
        kind="portal",
        brand="Acme",
        person_id=portal.world.holdout[0],
        campaign_id="spring-sampling",
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    assert portal.client.get(f"/p/{nobody}").status_code == 404  # a holdout person has no portal


def test_posts_need_the_link_bound_csrf_token(portal: Portal) -> None:
    other = portal.world.workspace.portal_link(portal.world.campaign, portal.world.offered[1]).url.rsplit(
        "/", 1
    )[1]
    foreign = portal.world.workspace.portal_csrf(other)
    for data in (
        {"answer": "accept"},
        {"answer": "accept", "csrf": ""},
        {"answer": "accept", "csrf": foreign},
    ):
        answer = portal.client.post(f"{portal.path}/respond", data=data, follow_redirects=False)
        assert answer.status_code == 403 and _state(portal) == "invited"
    assert (
        portal.client.post(f"{portal.path}/respond", data={"csrf": foreign, "answer": "accept"}).status_code
        == 403
    )


def test_accept_choose_address_rights_survey_and_gamification_through_the_forms(portal: Portal) -> None:
    done = portal.post("respond", answer="accept")
    assert done.status_code == 303 and done.headers["location"].endswith("?done=invitation#invitation")
    assert _state(portal) == "accepted"
    assert portal.post("product", choice="glow-serum|50ml").status_code == 303
    assert portal.rows(tables.portal_profiles)[0]["variant"] == "50ml"
    refused = portal.post("address", address="3 Lark Rise, Bath")
    assert refused.status_code == 422 and "tick the box" in refused.text
    assert portal.rows(tables.campaign_addresses) == []
    assert portal.post("address", address="3 Lark Rise, Bath", consent="yes").status_code == 303
    stored = portal.rows(tables.consent, person_id=portal.person, purpose="shipping_address")
    assert stored[0]["text"] == consent_text("shipping_address", brand="Acme", campaign="Spring sampling")
    assert stored[0]["channel"] == "portal"
    assert portal.post("consent", purpose="ugc_rights", decision="grant").status_code == 303
    assert portal.rows(tables.consent, person_id=portal.person, purpose="ugc_rights")[0]["text"].startswith(
        "I allow Acme to reuse the posts"
    )
    assert "You agreed on" in portal.client.get(portal.path).text
    assert portal.post("consent", purpose="ugc_rights", decision="withdraw").status_code == 303
    assert "You withdrew it on" in portal.client.get(portal.path).text
    bad = portal.post("survey", nps="12")
    assert bad.status_code == 422 and "nps: expected a whole number from 0 to 10" in bad.text
    assert portal.post("survey", nps="9", texture="light", again="4", note="Smells nice").status_code == 303
    assert {r["question"]: r["answer"] for r in portal.rows(tables.survey_answers)}["note"] == "Smells nice"
    assert portal.post("gamification", join="yes", display_name="Lark").status_code == 303
    page = portal.client.get(portal.path).text
    assert "Referral leaderboard" in page and "<td>Lark</td>" in page
    assert portal.post("gamification", join="no").status_code == 303
    assert "Referral leaderboard" not in portal.client.get(portal.path).text
    assert portal.post("consent", purpose="shipping_address", decision="withdraw").status_code == 303
    assert portal.rows(tables.campaign_addresses) == []


def test_decline_is_one_click_and_final(portal: Portal) -> None:
    assert portal.post("respond", answer="decline").status_code == 303
    assert _state(portal) == "declined"
    page = portal.client.get(portal.path).text
    assert "You declined" in page and 'id="accept"' not in page
    again = portal.post("respond", answer="accept")
    assert again.status_code == 422 and _state(portal) == "declined"


def test_ledger_points_and_posts_show_on_the_page(portal: Portal) -> None:
    portal.post("respond", answer="accept")
    moves = portal.world.settings.data_dir.parent / "posted.csv"
    moves.write_text(f"person_id,state\n{portal.person},posted\n", encoding="utf-8")
    portal.world.workspace.campaign_update(portal.world.campaign, moves)  # the brief's 50 reward points
    with Store(portal.world.settings.database_url) as store:
        post_entry(
            store,
            "extra",
            {"equity:x": Decimal(-25), f"person:{portal.person}:points": Decimal(25)},
            kind="reward",
            at=datetime(2026, 3, 3),
        )
    page = portal.client.get(portal.path).text
    assert re.search(r'id="points">75<', page)
    assert "Your post is recorded" in page


def test_posts_are_rate_limited_per_link(portal: Portal) -> None:
    csrf = portal.csrf()
    codes = [
        portal.client.post(
            f"{portal.path}/survey", data={"csrf": csrf, "nps": "7"}, follow_redirects=False
        ).status_code
        for _ in range(POSTS_PER_MINUTE + 1)
    ]
    assert codes[:POSTS_PER_MINUTE] == [303] * POSTS_PER_MINUTE and codes[-1] == 429
