"""The advocate portal in real headless Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright;
never ``playwright install``), at a phone viewport (390 x 844, touch, mobile) and on a desktop: open
the link, accept, choose a product, give an address with consent, answer the NPS survey, see the
points the ledger credits; on desktop also join the leaderboard. axe-core (the other browser tests'
vendored copy) finds no serious or critical violation, the browser reports no CSP violation, and the
phone page never scrolls sideways. Screenshots go to ``test-artifacts/portal-*.png``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.portal_world import PortalWorld, portal_world
from tests.web.test_browser import (
    _WATCH_CSP,
    Session,
    _require_browser,
    launch_chromium,
    serve_app,
)

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> PortalWorld:
    _require_browser()
    return portal_world(tmp_path_factory.mktemp("portal"))


@pytest.fixture(scope="module")
def server(world: PortalWorld) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a thread; its base URL."""
    with serve_app(world.settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


def _walk(
    browser: Any, server: str, world: PortalWorld, person: str, name: str, device: dict[str, Any]
) -> Session:
    """Open the person's link and go through the portal as they would; returns the session."""
    context = browser.new_context(**device)
    context.add_init_script(_WATCH_CSP)
    s = Session(context.new_page(), server)
    page = s.page
    token = world.workspace.portal_link(world.campaign, person, days=7).url.rsplit("/", 1)[1]
    s.goto(f"/p/{token}")
    assert page.inner_text("#code").startswith("SPRING-")
    s.check(f"portal-{name}-open")
    page.click("#accept")
    page.wait_for_selector("#state[data-state='accepted']")
    page.check("input[name=choice][value='glow-serum|30ml']")
    page.click("#product button[type=submit]")
    page.wait_for_selector("#chosen")
    assert "30ml" in page.inner_text("#chosen")
    page.fill("#address-text", "12 Larch Lane, Bath")
    page.check("#address-consent")
    page.click("#address form[action$='/address'] button[type=submit]")
    page.wait_for_selector("#stored-address")
    page.check("input[name=nps][value='9']")
    page.check("input[name=texture][value='just right']")
    page.click("#survey button[type=submit]")
    page.wait_for_selector("#answered")
    moves = world.settings.data_dir.parent / f"posted-{name}.csv"
    moves.write_text(f"person_id,state\n{person},posted\n", encoding="utf-8")
    world.workspace.campaign_update(world.campaign, moves)  # the brief credits 50 points on a post
    page.reload()
    assert page.inner_text("#points") == "50"
    s.check(f"portal-{name}-done")
    return s


def test_portal_on_a_phone(browser: Any, server: str, world: PortalWorld) -> None:
    started = time.perf_counter()
    s = _walk(browser, server, world, world.offered[0], "phone", PHONE)
    width = s.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the phone page scrolls sideways: {width}"
    s.page.context.close()
    print(f"portal phone walk: {time.perf_counter() - started:.1f} s")


def test_portal_on_a_desktop_with_the_leaderboard(browser: Any, server: str, world: PortalWorld) -> None:
    started = time.perf_counter()
    s = _walk(browser, server, world, world.offered[1], "desktop", DESKTOP)
    page = s.page
    page.fill("#display-name", "Larch")
    page.click("#rewards button[value=yes]")
    page.wait_for_selector("table.leaders")
    assert "Larch" in page.inner_text("table.leaders") and "Contributor" in page.inner_text("#level")
    s.check("portal-desktop-leaderboard")
    page.context.close()
    print(f"portal desktop walk: {time.perf_counter() - started:.1f} s")


def test_an_expired_link_reads_clearly_in_the_browser(browser: Any, server: str, world: PortalWorld) -> None:
    from datetime import UTC, datetime, timedelta

    from grassroots.engage.links import make_token
    from grassroots.ingest.setup import load_secret

    old = make_token(
        load_secret(world.settings), kind="portal", brand="Acme", person_id=world.offered[2],
        campaign_id=world.campaign, expires_at=datetime.now(UTC) - timedelta(hours=1),
    )  # fmt: skip
    context = browser.new_context(**PHONE)
    page = context.new_page()
    answer = page.goto(f"{server}/p/{old}")
    assert answer is not None and answer.status == 410
    assert page.inner_text("h1") == "This link has expired"
    context.close()
