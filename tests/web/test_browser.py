"""The screens in real headless Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright; never
``playwright install``): log in, open each screen, sort and filter the advocates, open an explanation,
export CSV, plan seeds from the form, set an alert's status. On every page axe-core (vendored,
injected by the test, never served) finds no serious or critical violation, and the browser reports
no Content-Security-Policy violation. Screenshots go to ``test-artifacts/``.

One browser, one server (uvicorn in a thread on a free port), the small session world. Skipped with
a reason when Chromium or Playwright is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from grassroots.config import Settings
from grassroots.workspace import Workspace
from tests.web.screens_world import PASSWORD, World, screens_world

__all__ = ["screens_world"]  # the session fixture, imported so pytest finds it here

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser


def _require_browser() -> Any:
    """Playwright's sync API, or a skip (a failure under CI) saying what is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium; scripts/system-deps.sh does it)")
    try:
        from playwright import sync_api
    except ImportError:
        missing.append("the playwright package (dev extra)")
        sync_api = None
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return sync_api


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve_app(settings: Settings, port: int | None = None) -> Iterator[str]:
    """The web app for ``settings`` served by uvicorn on 127.0.0.1 in a thread; its base URL."""
    import uvicorn

    from grassroots.web.app import create_app
    from grassroots.web.settings import WebSettings

    port = port or _free_port()
    app = create_app(WebSettings(core=settings, host="127.0.0.1", port=port))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=30)


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (never a downloaded browser)."""
    sync_api = _require_browser()
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(screens_world: World) -> Iterator[str]:
    """The app on the screens world; its base URL."""
    _require_browser()
    with serve_app(screens_world.settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


_WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""


class Session:
    """One logged-in page plus what the browser reported: console errors and CSP violations."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.console: list[str] = []
        self.csp: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console.append(f"pageerror: {exc}"))
        page.on("response", self._response)

    def _response(self, response: Any) -> None:
        # the browser asks for /favicon.ico on its own; every other failed request is a bug
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.console.append(f"{response.status} {response.url}")

    def _console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.csp.append(text)
        elif message.type == "error" and not text.startswith("Failed to load resource"):
            self.console.append(text)

    def settled(self) -> None:
        """Wait until htmx has no request in flight and has wired every new hx- element (a click
        before that would follow the plain link)."""
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
            " && [...document.querySelectorAll('[hx-get], [hx-post]')].every(e => e['htmx-internal-data'])"
        )

    def goto(self, path: str) -> None:
        answer = self.page.goto(self.base + path)
        assert answer is not None and answer.status == 200, f"{path}: {answer and answer.status}"

    def check(self, name: str) -> None:
        """axe-core on the page as it is now (no serious / critical violation), CSP and console
        clean, and a screenshot ``test-artifacts/NAME.png``."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8"))  # CDP evaluate: not an inline script
        found = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
        )
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert not bad, f"{name}: accessibility violations {bad}"
        self.csp += self.page.evaluate("window.__csp || []")
        self.page.evaluate("window.__csp = []")
        assert not self.csp, f"{name}: CSP violations {self.csp}"
        assert not self.console, f"{name}: console errors {self.console}"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_screens_in_chromium(browser: Any, server: str, screens_world: World) -> None:
    started = time.perf_counter()
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.add_init_script(_WATCH_CSP)
    s = Session(context.new_page(), server)
    page, brand = s.page, screens_world.brand

    s.goto("/login")
    s.check("login")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**/brands/{brand}")

    # overview: three plotly charts drawn from the JSON endpoint by the static script
    page.wait_for_selector("#chart-paid[data-drawn='true']", timeout=30_000)
    assert page.locator(".chart[data-drawn='true']").count() == 3
    assert page.locator("#chart-mentions .scatterlayer .trace").count() >= 1
    s.check("overview")

    # advocates: sort by followers (descending), filter by a handle, open the explanation
    s.goto(f"/brands/{brand}/advocates")
    s.check("advocates")
    s.settled()
    page.click("th a[data-sort='followers']")
    page.wait_for_selector("th[aria-sort='descending'] a[data-sort='followers']")
    cells = page.locator("table.advocates tbody tr td:nth-child(4)").all_inner_texts()
    followers = [int(c.replace(",", "")) for c in cells]
    assert followers == sorted(followers, reverse=True) and len(followers) > 1
    assert "sort=followers" in page.url  # htmx pushed the state into the address bar
    handle = page.locator("table.advocates tbody tr td:nth-child(2) a").nth(1).inner_text().lstrip("@")
    s.settled()
    page.fill("#filter-q", handle)
    page.wait_for_function(
        "h => [...document.querySelectorAll('table.advocates tbody tr td:nth-child(2) a')]"
        ".every(a => a.textContent.includes(h))",
        arg=handle,
    )
    assert page.locator("table.advocates tbody tr").count() >= 1
    s.settled()
    page.locator("a.score").first.click()
    page.wait_for_selector("#drawer.open #explanation-title")
    assert handle in page.inner_text("#explanation-title")
    s.check("advocate-explanation")
    page.click("[data-close-drawer]")
    assert not page.is_visible("#drawer.open")

    # shortlist from the table, then the CSV exports of the table and of the shortlist
    page.fill("#filter-q", "")
    everyone = len(Workspace(settings=screens_world.settings).advocate_rows(brand))
    page.wait_for_function(
        "n => document.querySelectorAll('table.advocates tbody tr').length === n", arg=min(everyone, 20)
    )
    s.settled()
    page.locator(".shortlist button[aria-pressed='false']").first.click()
    page.wait_for_function("() => document.querySelector(\".shortlist button[aria-pressed='true']\")")
    with page.expect_download() as got:
        page.click("#advocate-count a:has-text('Export CSV')")
    rows = _rows(Path(got.value.path()).read_text(encoding="utf-8"))
    assert rows and {"rank", "handle", "score", "explanation"} <= set(rows[0])
    with page.expect_download() as got:
        page.click("#advocate-count a:has-text('Shortlist CSV')")
    assert len(_rows(Path(got.value.path()).read_text(encoding="utf-8"))) == 1

    # person
    s.goto(f"/people/{screens_world.top}?brand={brand}")
    assert page.is_visible("#network dl.facts")
    s.check("person")

    # network: plan seeds from the form (a background job the page polls)
    s.goto("/network")
    s.check("network")
    page.fill("#plan-k", "3")
    page.fill("#plan-community", "1")
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#plan-done", timeout=60_000)
    methods = page.locator(".plan-table tbody th").all_inner_texts()
    assert len(methods) == 3 and "PageRank" in methods[2]
    s.check("network-plan")

    # alerts: set one's status with the CSRF-protected form
    s.goto("/alerts?status=open")
    s.check("alerts")
    row = page.locator("table.alerts tbody tr").first
    alert_id = row.get_attribute("id")
    row.locator("select").select_option("handled")
    row.locator("button").click()
    page.wait_for_selector(f"#{alert_id} td.status-handled")
    assert "ada" in page.inner_text(f"#{alert_id}")
    s.check("alerts-handled")
    context.close()
    print(f"browser walk: {time.perf_counter() - started:.1f} s")  # shown with -s
