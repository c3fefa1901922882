"""The assistant's web side in real headless Chromium (Debian's ``/usr/bin/chromium`` through
Playwright's ``executable_path``; never ``playwright install``): the public chat at a phone viewport
(390×844, touch) and on a desktop (an answerable question is answered with its source quoted, an
out-of-scope one is handed over), then an analyst works the hand-over queue (sees the item with its
SLA timer, assigns it, answers it) and the phone's chat shows the answer on its next poll; the
feedback screen draws its chart. axe-core, CSP and console checks as in ``test_browser.py``.

Its own small data dir (no demo world: a brand, the demo knowledge base, one analyst), one server,
one browser. Skipped with a reason without Chromium or Playwright, except under ``CI=true``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from grassroots.config import Settings
from grassroots.demo_world import knowledge_base_files
from grassroots.workspace import Workspace
from tests.web.test_browser import (
    _WATCH_CSP,
    Session,
    _free_port,
    _require_browser,
    launch_chromium,
    serve_app,
)

pytestmark = pytest.mark.browser

PASSWORD = "assistant browser password"
BRAND = "Lumen Tea"
ANSWERABLE = "how many days until my parcel arrives in Germany?"
OUT_OF_SCOPE = "set an alarm for 7 am"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@dataclass(frozen=True)
class Served:
    base: str
    workspace: Workspace


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    _require_browser()
    root = tmp_path_factory.mktemp("assistant-browser")
    port = _free_port()
    settings = Settings(data_dir=root / "data", base_url=f"http://127.0.0.1:{port}")
    ws = Workspace(settings=settings, actor="test")
    ws.init()
    (root / "brand.yaml").write_text(f"name: {BRAND}\n", encoding="utf-8")
    ws.add_brand(root / "brand.yaml")
    for name, text in knowledge_base_files().items():
        (root / name).write_text(text, encoding="utf-8")
        ws.assistant_kb_add(root / name)
    ws.add_user("ada", password=PASSWORD, role="analyst", brand=BRAND)
    with serve_app(settings, port) as url:
        yield Served(url, ws)


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[Any]:
    with launch_chromium() as chromium:
        yield chromium


def _session(browser: Any, base: str, **options: Any) -> Session:
    context = browser.new_context(**options)
    context.add_init_script(_WATCH_CSP)
    return Session(context.new_page(), base)


def _chat_path(served: Served) -> str:
    url = served.workspace.assistant_chat_link(brand=BRAND, days=1).url
    return url.removeprefix(served.base)


def _ask(s: Session, text: str) -> Any:
    """Send ``text`` from the chat form; the newest assistant turn once it is there."""
    page = s.page
    before = page.locator(".turn-assistant").count()
    s.settled()
    page.fill("#chat-text", text)
    page.click("#chat-form button[type=submit]")
    page.wait_for_function("n => document.querySelectorAll('.turn-assistant').length > n", arg=before)
    assert page.input_value("#chat-text") == ""  # the form is cleared for the next message
    ids = page.evaluate("() => [...document.querySelectorAll('.turn')].map(e => e.id)")
    assert len(ids) == len(set(ids)), f"a turn is shown twice: {ids}"  # only new turns are added
    return page.locator(".turn-assistant").last


def _chat_both_ways(s: Session, name: str) -> None:
    answer = _ask(s, ANSWERABLE)
    assert answer.locator("figure.source blockquote").count() >= 1
    assert "lumenleaf-faq.md" in answer.locator("figcaption").first.inner_text()
    assert answer.locator(".handover").count() == 0
    handed = _ask(s, OUT_OF_SCOPE)
    assert "Handed over to a person" in handed.inner_text()
    s.check(name)


def test_chat_on_a_phone_and_a_desktop_and_the_queue(browser: Any, served: Served) -> None:
    started = time.perf_counter()
    phone = _session(browser, served.base, **PHONE)
    phone.goto(_chat_path(served))
    phone.check("chat-phone")
    _chat_both_ways(phone, "chat-phone-handover")
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the chat scrolls sideways on a phone: {width}px"
    _ask(phone, "I hate the Glow Serum, the pump broke")  # a feedback record for the feedback screen

    desktop = _session(browser, served.base, viewport={"width": 1280, "height": 900})
    desktop.goto(_chat_path(served))
    _chat_both_ways(desktop, "chat-desktop")

    # the analyst: log in, the two handed-over items with their SLA timers, assign and answer the phone's
    page = desktop.page
    desktop.goto("/login")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()
    desktop.goto(f"/brands/{BRAND}/assistant/queue?status=open")
    page.wait_for_selector(".sla[data-ticked='true']")
    desktop.check("queue")
    first = next(i for i in served.workspace.assistant_queue(brand=BRAND) if i.question == OUT_OF_SCOPE)
    row = f"#item-{first.id}"
    assert OUT_OF_SCOPE in page.inner_text(row)
    timer = page.inner_text(f"{row} .sla")
    assert timer.endswith("left") and "23 h" in timer, timer
    desktop.settled()
    page.select_option(f"#assign-{first.id}", "ada")
    page.click(f"{row} form[action$='/assign'] button")
    page.wait_for_selector(f"{row} td.status-assigned")
    desktop.settled()
    answer = "We cannot set alarms, but our help page explains reminders."
    page.fill(f"#answer-{first.id}", answer)
    page.click(f"{row} form[action$='/answer'] button")
    page.wait_for_selector(f"{row} td.status-answered")
    assert answer in page.inner_text(row) and page.inner_text(f"{row} .sla") == "answered in time"
    desktop.check("queue-answered")

    # the phone's chat shows the person's answer on its next poll (every 10 s)
    phone.page.wait_for_selector(".turn-staff", timeout=20_000)
    assert answer in phone.page.inner_text(".turn-staff") and f"{BRAND} team" in phone.page.inner_text(
        ".turn-staff"
    )
    phone.check("chat-phone-answered")

    desktop.goto(f"/brands/{BRAND}/assistant/feedback")
    page.wait_for_selector("#chart-feedback[data-drawn='true']", timeout=30_000)
    assert "pump broke" in page.inner_text("main")
    desktop.check("feedback")
    print(f"assistant browser walk: {time.perf_counter() - started:.1f} s")  # shown with -s
