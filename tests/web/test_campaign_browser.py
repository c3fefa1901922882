"""The campaign screens in real headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright;
never ``playwright install``): log in as an analyst, create a campaign from the shortlist (a bad
unit cost first: the brief's problem is shown at its field), draw the arms (then the assignment is
shown as fixed), measure, and see the funnel per arm and the lift per outcome with its interval,
drawn by plotly from the static script. On every page axe-core finds no serious or critical
violation and the browser reports no CSP violation, console error or failed request.

Its own server on a copy of the small world with a consented shortlist (``campaign_world``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.campaign_world import CampaignWorld, brief_fields, campaign_world
from tests.web.screens_world import PASSWORD, World, screens_world
from tests.web.test_browser import (
    _WATCH_CSP,
    Session,
    _require_browser,
    launch_chromium,
    serve_app,
)

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cworld(screens_world: World, tmp_path_factory: pytest.TempPathFactory) -> CampaignWorld:
    return campaign_world(screens_world, tmp_path_factory.mktemp("campaign-browser") / "data")


@pytest.fixture(scope="module")
def campaign_server(cworld: CampaignWorld) -> Iterator[str]:
    """The app on the campaign world, served by uvicorn on 127.0.0.1 in a thread; its base URL."""
    _require_browser()
    with serve_app(cworld.settings) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(campaign_server: str) -> Iterator[Any]:
    with launch_chromium() as browser:
        yield browser


def _fill_brief(page: Any, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        selector = f'[name="{name}"]'
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def test_create_assign_and_measure_in_chromium(
    chromium: Any, campaign_server: str, cworld: CampaignWorld
) -> None:
    started = time.perf_counter()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_WATCH_CSP)
    s = Session(context.new_page(), campaign_server)
    page, brand = s.page, cworld.brand

    s.goto("/login")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**/brands/{brand}")

    s.goto(f"/brands/{brand}/campaigns")
    assert "No campaign yet." in page.inner_text("table.campaigns")
    s.check("campaigns-empty")
    page.click("#new-campaign")
    page.wait_for_url(f"**/brands/{brand}/campaigns/new")
    assert page.locator("#pool-members li").count() == len(cworld.shortlisted)  # the shortlist is the pool
    s.check("campaign-new")

    # a bad unit cost: the form comes back with the brief's problem at that field (and a 422 we expect)
    fields = brief_fields("Browser sampling")
    _fill_brief(page, fields | {"products[0].unit_cost": "cheap"})
    s.console.clear()
    page.click("#campaign-form button[type=submit]")
    page.wait_for_selector("#f-products-0-unit_cost-error")
    assert "expected an amount, got 'cheap'" in page.inner_text("#f-products-0-unit_cost-error")
    assert page.get_attribute("#f-products-0-unit_cost", "aria-invalid") == "true"
    assert s.console == [f"422 {campaign_server}/brands/{brand}/campaigns"]  # the one refused POST
    s.console.clear()
    s.check("campaign-new-error")

    page.fill("#f-products-0-unit_cost", "12.50")
    page.click("#campaign-form button[type=submit]")
    page.wait_for_url("**/brands/*/campaigns/browser-sampling")
    assert "Not drawn yet" in page.inner_text("#assignment")
    s.check("campaign-draft")

    page.click("#assign-form button[type=submit]")
    page.wait_for_selector("#assigned")
    assert "The assignment is fixed" in page.inner_text("#assigned")
    assert page.locator("#assign-form").count() == 0
    arms = dict(
        (row.locator("th").inner_text(), int(row.locator("td").first.inner_text()))
        for row in page.locator("table.funnel tbody tr").all()
    )
    assert set(arms) == {"holdout", "treatment"} and sum(arms.values()) == len(cworld.shortlisted)
    s.check("campaign-assigned")

    page.click("#measure-form button[type=submit]")
    page.wait_for_selector("table.lift")
    page.wait_for_selector("#lift-chart[data-drawn='true']", timeout=30_000)
    outcomes = page.locator("table.lift tbody tr td:nth-child(2) strong").all_inner_texts()
    assert sorted(outcomes) == ["mentions", "new customer", "orders", "revenue"]
    intervals = page.locator("table.lift td.lift-ci").all_inner_texts()
    assert len(intervals) == 4 and all(i.startswith("[") and ", " in i for i in intervals)
    assert page.locator("#lift-chart .scatterlayer .trace").count() == 1
    cascades = page.inner_text("#cascades")  # the report's cascades: exposure with its interval, chains
    assert "friends of both arms excluded" in cascades and "interval [" in cascades
    s.check("campaign-measured")

    s.goto(f"/brands/{brand}/campaigns")
    assert "assigned" in page.inner_text("table.campaigns tbody tr")
    s.check("campaigns-list")
    context.close()
    print(f"campaign browser walk: {time.perf_counter() - started:.1f} s")  # shown with -s
