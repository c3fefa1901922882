"""The match screens in real headless Chromium (Debian's ``/usr/bin/chromium``, never ``playwright
install``; the server, browser and checks of ``test_browser.py``): log in, search people and posts
(spans marked), fill the brief form (a bad field shows the validator's error beside it), see the
ranking with its explanations, build a roster against its baselines. axe-core finds no serious or
critical violation on any of them, and there is no CSP violation or console error."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.web.screens_world import PASSWORD, World, screens_world
from tests.web.test_browser import _WATCH_CSP, Session, browser, server

__all__ = ["browser", "screens_world", "server"]  # fixtures, imported so pytest finds them here

pytestmark = pytest.mark.browser


def test_match_screens_in_chromium(browser: Any, server: str, screens_world: World) -> None:
    started = time.perf_counter()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_WATCH_CSP)
    s = Session(context.new_page(), server)
    page = s.page
    s.goto("/login")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**/brands/{screens_world.brand}")

    # the brief form: a bad field comes back beside it in the validator's words, then the ranking
    s.goto("/match/brief")
    s.check("match-brief")
    s.settled()
    page.fill("#f-name", "Browser calm")
    page.fill("#f-text-lifestyle", "unhurried self-care rituals and calm morning routines")
    page.fill("#f-filters-audience_quality_min", "high")
    page.click("#brief-form button[type=submit]")
    error = page.wait_for_selector("#f-filters-audience_quality_min-error")
    assert error.inner_text() == "filters.audience_quality_min: expected a number from 0 to 1, got 'high'"
    assert page.get_attribute("#f-filters-audience_quality_min", "aria-invalid") == "true"
    s.check("match-brief-errors")
    s.settled()
    page.fill("#f-filters-audience_quality_min", "")
    page.fill("#f-limit", "5")
    page.click("#brief-form button[type=submit]")
    page.wait_for_selector("#match-done", timeout=120_000)
    assert page.locator("#match-done li.match").count() == 5
    page.locator("#match-done li.match summary").first.click()
    assert page.locator("#match-done li.match").first.locator("blockquote mark").first.is_visible()
    assert "Score parts" in page.locator("#match-done li.match").first.inner_text()
    s.check("match-results")

    # search people and posts: each post's matching clause is marked
    s.goto("/match")
    s.settled()
    page.fill("#search-q", "a calm skincare routine before work")
    page.fill("#search-limit", "3")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#search-result .found-posts mark", timeout=120_000)
    assert page.locator("#search-result .found-people tbody tr").count() == 3
    s.check("match-search")

    # the roster builder: ours against top K by fit and top K by followers, in one table
    s.goto("/match/roster")
    s.settled()
    page.fill("#f-text-lifestyle", "unhurried self-care rituals and calm morning routines")
    page.fill("#f-k", "3")
    page.click("#brief-form button[type=submit]")
    page.wait_for_selector("#match-done .roster-table", timeout=120_000)
    strategies = page.locator(".roster-table tbody th").all_inner_texts()
    assert strategies == ["greedy max coverage (ours)", "top K by fit", "top K by followers"]
    s.check("match-roster")

    # the saved matches list: the brief's ranking is there as a pool
    s.goto("/match")
    assert page.locator("table.saved a[href='/match/saved/browser-calm']").count() == 1
    s.goto("/match/saved/browser-calm")
    s.check("match-saved")
    context.close()
    print(f"match browser walk: {time.perf_counter() - started:.1f} s")  # shown with -s
