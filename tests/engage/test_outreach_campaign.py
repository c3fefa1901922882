"""Outreach of a campaign end to end, through a real local SMTP server (aiosmtpd): previews by hash,
consent, the frequency limit, quiet hours, retries, DM tasks, bounces and replies, one-click
unsubscribe in the web app, erasure; on a SQLite file and on PostgreSQL."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from grassroots.engage.links import read_token
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, consenting, tables
from tests.engage.outreach_world import NOON, POSTS, World, build

aiosmtpd = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd (dev extra) is not installed")


class Inbox:
    """aiosmtpd handler keeping what arrived; ``busy`` answers 451 to the next N messages."""

    def __init__(self) -> None:
        self.arrived: list[Any] = []
        self.busy = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 try again later"
        self.arrived.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, str]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> World:
    url = None if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    return build(tmp_path, url)


def _send(
    world: World, address: str, step: str = "invite", at: datetime = NOON, **options: Any
) -> dict[str, Any]:
    done = world.ws.outreach_send(world.slug, step=step, smtp=address, at=at, backoff=0.01, **options)
    return dict(done.counts)


def _body(message: Any) -> str:
    return str(message.get_body(preferencelist=("plain",)).get_content())


def test_invitations_arrive_personalised_with_one_click_headers_under_every_rule(
    world: World, smtp: tuple[Inbox, str]
) -> None:
    inbox, address = smtp
    ws, slug = world.ws, world.slug
    assert _send(world, address)["not-previewed"] == 3 and inbox.arrived == []  # no preview, no mail

    shown = ws.outreach_preview(slug, step="invite")
    assert shown.counts == {"emails": 3, "dm_tasks": 2, "skipped": {"no-address": 2}}  # ig:6: no consent
    previews = [json.loads(line) for line in shown.path.read_text().splitlines()]  # type: ignore[union-attr]
    assert sorted(p["to"] for p in previews) == ["ann@example.com", "bo@example.com", "dee@example.com"]

    inbox.busy = 1  # the first delivery gets a 451 and is retried
    late = NOON.replace(hour=20, minute=30)  # 22:30 in Paris (ann's zone), 20:30 UTC for the others
    counts = _send(world, address, at=late)
    assert (counts["sent"], counts["quiet-hours"]) == (2, 1)
    assert sorted(str(m["To"]) for m in inbox.arrived) == ["bo@example.com", "dee@example.com"]
    assert _send(world, address)["sent"] == 1  # the next morning: ann; nobody gets a second invitation
    assert _send(world, address).get("sent", 0) == 0

    got = {str(m["To"]): m for m in inbox.arrived}
    ann = got["ann@example.com"]
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(ann["List-Unsubscribe"]).strip("<>")
    assert link.startswith("http://127.0.0.1:8000/u/")
    secret = load_secret(world.settings)
    assert read_token(secret, link.rsplit("/", 1)[1], kind="unsubscribe").person_id == "ig:1"
    body = _body(ann)
    assert POSTS["ig:1"] in body and "handle1" in body and link in body and "15% off" in body
    with Store(world.settings.database_url) as store:
        code = next(o["code"] for o in store.rows(tables.campaign_offers) if o["person_id"] == "ig:1")
        states = {r["person_id"]: r["state"] for r in store.rows(tables.campaign_participants)}
    assert code in body
    portal = next(w for w in body.split() if "/p/" in w)
    assert (
        read_token(secret, portal.rsplit("/", 1)[1], kind="portal", now=NOON.replace(tzinfo=UTC)).campaign_id
        == slug
    )
    assert {p: s for p, s in states.items() if s} == {"ig:1": "invited", "ig:2": "invited", "ig:4": "invited"}

    log = ws.outreach_log(campaign=slug)
    first_bo = next(r for r in log if r["person_id"] == "ig:2" and r["status"] == "sent")
    assert {r["status"] for r in log} >= {"sent", "not-previewed", "quiet-hours"}
    assert sum(r["attempts"] for r in log if r["status"] == "sent") == 4  # one retry after the 451
    assert first_bo["message_id"] == str(got["bo@example.com"]["Message-ID"])

    ws.outreach_preview(slug, step="reminder")  # due: invited more than 3 days ago (the clock says so)
    refused = _send(world, address, step="reminder", at=NOON + timedelta(days=4))
    assert refused == {"too-often": 3, "skipped": {}, "transport": f"smtp:{address}"}  # 1 contact per 30 days
    assert len(inbox.arrived) == 3


def test_dm_tasks_bounces_replies_and_unsubscribe_replies(world: World, smtp: tuple[Inbox, str]) -> None:
    inbox, address = smtp
    ws, slug = world.ws, world.slug
    tasks = ws.outreach_tasks(slug)
    import csv

    rows = list(csv.DictReader(tasks.path.read_text().splitlines()))  # type: ignore[union-attr]
    assert [(r["person_id"], r["handle"]) for r in rows] == [("ig:3", "handle3"), ("ig:5", "handle5")]
    assert POSTS["ig:3"] in rows[0]["message"] and "/p/" in rows[0]["message"]

    ws.outreach_preview(slug, step="invite")
    _send(world, address)
    sent = {str(m["To"]): str(m["Message-ID"]) for m in inbox.arrived}
    box = world.src / "replies.mbox"
    box.write_bytes(_mbox(sent))
    first = ws.outreach_import_replies(box).counts
    assert first == {"bounce": 1, "delayed": 1, "reply": 1, "unsubscribe": 1, "unknown": 1, "already": 0}
    again = ws.outreach_import_replies(box).counts
    assert again == {
        **{k: 0 for k in first},
        "already": 3,
        "delayed": 1,
        "unknown": 1,
    }  # nothing stored twice
    with Store(world.settings.database_url) as store:
        status = {r["email"]: r["status"] for r in store.rows(tables.contact_addresses)}
        assert status["bo@example.com"] == "undeliverable" and status["dee@example.com"] == "opted-out"
        assert status["ann@example.com"] == "ok"
        assert consenting(store, ["ig:1", "ig:2", "ig:4"], "contact") == {"ig:1", "ig:2"}  # dee withdrew
        replies = {(r["person_id"], r["kind"]) for r in store.rows(tables.outreach_replies)}
        dee = world.dee_customer
        dee_ids = {("ig:4", "unsubscribe"), (dee, "unsubscribe"), ("501", "unsubscribe")}  # every id of dee
        assert replies == {("ig:2", "bounce"), ("ig:1", "reply"), *dee_ids}
        campaign = {r["kind"]: r["campaign_id"] for r in store.rows(tables.outreach_replies)}
        assert campaign["reply"] is not None  # tied to the invitation it answers
    reminder = ws.outreach_preview(slug, step="reminder")  # bo bounced (a DM now), dee withdrew
    assert reminder.counts == {"emails": 1, "dm_tasks": 1, "skipped": {"undeliverable": 1, "no-consent": 1}}
    assert "fay@example.com" not in {str(m["To"]) for m in inbox.arrived}  # an address without consent


def _mbox(sent: dict[str, str]) -> bytes:
    bounce = (
        "From MAILER-DAEMON Mon Mar  2 12:05:00 2026\n"
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: outreach@127.0.0.1\n"
        "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <bounce1@mx.example.net>\n"
        "Date: Mon, 02 Mar 2026 12:05:00 +0000\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; bo@example.com\nAction: failed\nStatus: 5.1.1\n\n"
        "--B\nContent-Type: text/rfc822-headers\n\n"
        f"Message-ID: {sent['bo@example.com']}\nTo: bo@example.com\n\n"
        "--B--\n\n"
    )
    delayed = bounce.replace("bounce1@", "bounce2@").replace(
        "Action: failed\nStatus: 5.1.1", "Action: delayed\nStatus: 4.4.1"
    )
    reply = (
        "From ann@example.com Mon Mar  2 13:00:00 2026\nFrom: Ann <ann@example.com>\nTo: outreach@127.0.0.1\n"
        "Subject: Re: your invitation\nMessage-ID: <r1@example.com>\n"
        f"In-Reply-To: {sent['ann@example.com']}\n"
        "Date: Mon, 02 Mar 2026 13:00:00 +0000\n\nYes please, I would love to try it!\n>From the team\n\n"
    )
    stop = (
        "From dee@example.com Mon Mar  2 13:10:00 2026\nFrom: dee@example.com\nTo: outreach@127.0.0.1\n"
        "Subject: Re: Acme\nMessage-ID: <r2@example.com>\nDate: Mon, 02 Mar 2026 13:10:00 +0000\n\n"
        "> earlier text\nUnsubscribe me please\n\n"
    )
    stranger = (
        "From zed@example.org Mon Mar  2 13:20:00 2026\nFrom: zed@example.org\nSubject: hello\n"
        "Message-ID: <r3@example.org>\n\nWho are you?\n"
    )
    return (bounce + delayed + reply + stop + stranger).encode()
