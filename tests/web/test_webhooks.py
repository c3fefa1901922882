"""Webhooks: signed POSTs with retries, sent when an alert changes through the API."""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from grassroots.config import Settings
from grassroots.store import AlertDraft, Store, raise_alerts
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.web.webhooks import Webhooks, sign
from grassroots.workspace import Workspace

SECRET = "a shared secret of some length"


class Receiver:
    """A local HTTP server recording POSTs; answers 500 to the first ``fail`` of them."""

    def __init__(self, fail: int) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.fail = fail
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(500 if len(outer.received) <= outer.fail else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(fail=2) as found:
        yield found


def _verified(headers: dict[str, str], body: bytes) -> bool:
    expected = sign(SECRET, headers["x-grassroots-timestamp"], body)
    return hmac.compare_digest(expected, headers["x-grassroots-signature"])


def test_a_delivery_is_signed_and_retried_until_it_is_taken(receiver: Receiver) -> None:
    waits: list[float] = []
    hooks = Webhooks(receiver.url, SECRET, attempts=4, backoff=0.01, sleep=waits.append)
    hooks.send("job.finished", {"id": "j1", "state": "succeeded"})
    hooks.join()
    assert len(receiver.received) == 3 and waits == [0.01, 0.02]
    deliveries = {h["x-grassroots-delivery"] for h, _ in receiver.received}
    assert len(deliveries) == 1
    for headers, body in receiver.received:
        assert _verified(headers, body) and headers["x-grassroots-event"] == "job.finished"
        assert json.loads(body)["data"] == {"id": "j1", "state": "succeeded"}
    forged = dict(receiver.received[0][0], **{"x-grassroots-timestamp": "1"})
    assert not _verified(forged, receiver.received[0][1])


def test_a_delivery_gives_up_after_its_attempts() -> None:
    with Receiver(fail=99) as always_failing:
        hooks = Webhooks(always_failing.url, SECRET, attempts=3, backoff=0.0, sleep=lambda s: None)
        hooks.send("alert.updated", {"id": 1})
        hooks.join()
        assert len(always_failing.received) == 3


def test_setting_an_alert_through_the_api_posts_the_alert(receiver: Receiver, tmp_path: Path) -> None:
    receiver.fail = 0
    settings = Settings(data_dir=tmp_path / "data")
    ws = Workspace(settings=settings)
    ws.init()
    key = ws.create_key("hooks", scope="write")
    with Store(settings.database_url) as store:
        raise_alerts(store, [AlertDraft("sentiment_spike", "2026-W05", brand="Acme", evidence={"n": 9})])
    app = create_app(WebSettings(core=settings, webhook_url=receiver.url, webhook_secret=SECRET))
    with TestClient(app) as client:
        done = client.patch(
            "/api/v1/alerts/1", json={"status": "handled"}, headers={"Authorization": f"Bearer {key}"}
        )
        assert done.status_code == 200
    ((headers, body),) = receiver.received
    assert _verified(headers, body) and headers["x-grassroots-event"] == "alert.updated"
    assert json.loads(body)["data"]["status"] == "handled"


def test_serve_refuses_a_webhook_without_a_strong_secret(tmp_path: Path) -> None:
    import os

    from tests.conftest import run_cli

    env = {k: v for k, v in os.environ.items() if k != "GRASSROOTS_WEBHOOK_SECRET"}
    found = run_cli("serve", "--webhook-url", "https://hooks.example/x", "--data-dir", str(tmp_path), env=env)
    assert found.returncode == 2 and b"GRASSROOTS_WEBHOOK_SECRET" in found.stderr
