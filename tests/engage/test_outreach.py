"""Outreach e-mail through a real local SMTP server (aiosmtpd): what arrives is what was previewed, with
RFC 8058 one-click unsubscribe headers; consent is required and never guessed; temporary failures are
retried and every outcome is in the send log; the sandbox refuses unsafe templates."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest

from grassroots.engage import FileOutbox, OutreachTemplate, SmtpTransport, preview, send
from grassroots.engage.links import link_url, make_token, read_token
from grassroots.errors import InvalidInput

aiosmtpd = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd (dev extra) is not installed")

TEMPLATE = OutreachTemplate(
    subject="{{ first_name }}, a {{ offer }} for you",
    body='Hi {{ first_name }},\nyou wrote: "{{ post }}"\nUnsubscribe: {{ unsubscribe_url }}\n',
)
SECRET = bytes(range(32))


def _link(person: str) -> str:
    token = make_token(SECRET, kind="unsubscribe", brand="Lumen Leaf", person_id=person)
    return link_url("https://lumenleaf.example", "unsubscribe", token)


PEOPLE = [
    ("c1", "ann@example.com", {"first_name": "Ann", "offer": "free Glow Serum", "post": "my skin glows",
                               "unsubscribe_url": _link("c1")}),
    ("c2", "bo@example.com", {"first_name": "Bo", "offer": "free Oat Milk Bar", "post": "so gentle",
                              "unsubscribe_url": _link("c2")}),
]  # fmt: skip


class Inbox:
    """aiosmtpd handler keeping what arrived; ``busy`` answers 451 to the next N messages."""

    def __init__(self) -> None:
        self.arrived: list[Any] = []
        self.busy = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.busy:
            self.busy -= 1
            return "451 try again later"
        self.arrived.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _messages() -> list[Any]:
    return preview(PEOPLE, TEMPLATE, sender="team@lumenleaf.example")


def test_what_arrives_is_the_preview_with_one_click_unsubscribe(
    smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    messages = _messages()
    results = send(
        messages, consent=lambda person, purpose: True, purpose="advocate-invite",
        transport=SmtpTransport("127.0.0.1", port), sender="team@lumenleaf.example",
        log=tmp_path / "send-log.jsonl",
    )  # fmt: skip
    assert [r.status for r in results] == ["sent", "sent"]
    got = inbox.arrived[0]
    assert got["To"] == "ann@example.com" and got["Subject"] == "Ann, a free Glow Serum for you"
    assert got.get_payload(decode=True).decode().replace("\r\n", "\n").rstrip() == messages[0].body.rstrip()
    assert got["List-Unsubscribe"] == f"<{messages[0].headers['List-Unsubscribe'][1:-1]}>"
    assert got["List-Unsubscribe"].startswith("<https://lumenleaf.example/u/")
    token = got["List-Unsubscribe"][1:-1].rsplit("/", 1)[1]
    assert read_token(SECRET, token, kind="unsubscribe").person_id == "c1"  # the signed-links format
    assert got["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_consent_no_mail_and_the_log_says_so(smtp: tuple[Inbox, int], tmp_path: Path) -> None:
    inbox, port = smtp
    asked: list[tuple[str, str]] = []

    def consent(person: str, purpose: str) -> bool:
        asked.append((person, purpose))
        return person == "c2"

    results = send(
        _messages(), consent=consent, purpose="advocate-invite", transport=SmtpTransport("127.0.0.1", port),
        sender="team@lumenleaf.example", log=tmp_path / "log.jsonl",
    )  # fmt: skip
    assert [r.status for r in results] == ["no-consent", "sent"]
    assert [m["To"] for m in inbox.arrived] == ["bo@example.com"]
    assert asked == [("c1", "advocate-invite"), ("c2", "advocate-invite")]
    log = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert [(e["person_id"], e["status"]) for e in log] == [("c1", "no-consent"), ("c2", "sent")]


def test_consent_is_a_required_argument() -> None:
    with pytest.raises(TypeError, match="consent"):
        send(_messages(), purpose="x", transport=FileOutbox(Path(".")), sender="a@b.c", log=Path("x"))  # type: ignore[call-arg]


def test_temporary_failures_are_retried_and_permanent_ones_are_not(
    smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    inbox.busy = 2
    waits: list[float] = []
    results = send(
        _messages()[:1], consent=lambda p, q: True, purpose="x", transport=SmtpTransport("127.0.0.1", port),
        sender="team@lumenleaf.example", log=tmp_path / "log.jsonl", sleep=waits.append,
    )  # fmt: skip
    assert (results[0].status, results[0].attempts, waits) == ("sent", 3, [1.0, 2.0])
    closed = send(
        _messages()[:1], consent=lambda p, q: True, purpose="x",
        transport=SmtpTransport("127.0.0.1", 9, timeout=2),
        sender="team@lumenleaf.example", log=tmp_path / "log.jsonl", sleep=waits.append, retries=2,
    )  # fmt: skip
    assert (
        closed[0].status == "failed" and closed[0].attempts == 2 and "Connection" in (closed[0].error or "")
    )


def test_the_file_outbox_and_the_sandbox(tmp_path: Path) -> None:
    send(
        _messages(), consent=lambda p, q: True, purpose="x", transport=FileOutbox(tmp_path / "results"),
        sender="team@lumenleaf.example", log=tmp_path / "results" / "send-log.jsonl",
    )  # fmt: skip
    lines = [json.loads(x) for x in (tmp_path / "results" / "outbox.jsonl").read_text().splitlines()]
    assert [x["to"] for x in lines] == ["ann@example.com", "bo@example.com"]
    evil = OutreachTemplate(subject="x", body="{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(InvalidInput, match="c1: template"):
        preview(PEOPLE, evil, sender="a@b.example")
    with pytest.raises(InvalidInput, match="c1: template: 'nickname' is undefined"):
        preview(
            PEOPLE,
            OutreachTemplate("x", "{{ nickname }}"),
            sender="a@b.example",
        )


def test_erase_removes_the_persons_outbox_and_send_log_lines(tmp_path: Path) -> None:
    from grassroots import Workspace

    ws = Workspace(data_dir=tmp_path / "data")
    ws.init()
    people = [(email, email, ctx) for _, email, ctx in PEOPLE]  # people known by their e-mail
    messages = preview(people, TEMPLATE, sender="team@lumenleaf.example")
    results = ws.data_dir / "results"
    send(
        messages, consent=lambda p, q: True, purpose="x", transport=FileOutbox(results),
        sender="team@lumenleaf.example", log=results / "send-log.jsonl",
    )  # fmt: skip
    ws.erase("ann@example.com")
    for name in ("outbox.jsonl", "send-log.jsonl"):
        body = (results / name).read_text(encoding="utf-8")
        assert "ann@example.com" not in body and "my skin glows" not in body and "bo@example.com" in body
