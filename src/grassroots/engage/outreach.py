"""Outreach e-mail: sandboxed templates, previews, sending with retries, a send log, one-click unsubscribe.

A template (Jinja2, sandboxed: no attribute access to Python internals, undefined names are errors) is
rendered per person from their own context (their praising post, interests, offer); :func:`preview`
shows exactly what each person would get, and :func:`send` sends only previewed messages. Consent is an
explicit, required argument of :func:`send`: a callable answering "may we e-mail this person for this
purpose?" from the consent records (the campaigns stage keeps them). Nothing here guesses consent: a
person the callable does not clear is skipped and logged ``no-consent``.

Every message carries RFC 8058 one-click unsubscribe headers (``List-Unsubscribe`` with the person's
``unsubscribe_url``, a signed link of :mod:`grassroots.engage.links` that the caller puts in the
context, and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``). :func:`content_hash` is what a
preview records and a send checks: the message is sent only when exactly that content was previewed.
Sending goes to an SMTP server (retried on temporary failures: connection errors and 4xx replies) or to
a file outbox (``outbox.jsonl``, one message a line); :func:`send` returns each outcome and can append
it to a send log (JSONL).

>>> t = OutreachTemplate(subject="Hi {{ handle }}", body="You said: {{ post }}")
>>> ctx = {"handle": "ann", "post": "love it", "unsubscribe_url": "https://brand.example/u/TOKEN"}
>>> m = preview([("p1", "ann@example.com", ctx)], t, sender="team@brand.example")[0]
>>> m.subject, m.body, m.headers["List-Unsubscribe"], m.headers["List-Unsubscribe-Post"]
('Hi ann', 'You said: love it', '<https://brand.example/u/TOKEN>', 'List-Unsubscribe=One-Click')
>>> parse_template("Subject: Hello {{ handle }}\\n\\nBody", source="t.txt").subject
'Hello {{ handle }}'
"""

from __future__ import annotations

import email.policy
import hashlib
import json
import smtplib
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any, Literal, Protocol

from grassroots.errors import InvalidInput, InvalidRecord, MissingDependency, SourceError

__all__ = [
    "ConsentCheck",
    "FileOutbox",
    "OutreachTemplate",
    "PreviewedMessage",
    "SendResult",
    "SmtpTransport",
    "content_hash",
    "load_template",
    "parse_template",
    "preview",
    "render",
    "send",
]

#: ``consent(person_id, purpose) -> bool``: True only when a recorded consent allows it
ConsentCheck = Callable[[str, str], bool]
Status = Literal["sent", "no-consent", "failed"]


@dataclass(frozen=True)
class OutreachTemplate:
    """Subject and body templates (Jinja2 syntax, rendered in a sandbox)."""

    subject: str
    body: str


@dataclass(frozen=True)
class PreviewedMessage:
    """Exactly what one person gets."""

    person_id: str
    to: str
    subject: str
    body: str
    headers: Mapping[str, str] = field(default_factory=dict)

    def email(self, sender: str) -> EmailMessage:
        """As an RFC 5322 message."""
        message = EmailMessage(policy=_POLICY)
        message["From"], message["To"], message["Subject"] = sender, self.to, self.subject
        for key, value in self.headers.items():
            message[key] = value
        message.set_content(self.body)
        return message


#: long headers (a signed ``List-Unsubscribe`` link) stay plain text up to RFC 5322's 998 characters:
#: folding a link into RFC 2047 encoded words would break it for mail clients
_POLICY = email.policy.default.clone(max_line_length=998)


def _environment() -> Any:
    try:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment
    except ImportError as exc:
        raise MissingDependency("jinja2", "web") from exc
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def content_hash(message: PreviewedMessage) -> str:
    """SHA-256 of what the person gets (address, subject, body, unsubscribe link; not the Message-ID)."""
    parts = (message.to, message.subject, message.body, message.headers.get("List-Unsubscribe", ""))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def parse_template(text: str, *, source: str) -> OutreachTemplate:
    """A template file: a first line ``Subject: ...``, a blank line, then the body; errors name
    ``FILE:LINE``. The syntax is checked (in the sandbox) here, before anything is rendered."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].lower().startswith("subject:"):
        raise InvalidRecord(source, 1, "subject", "a template starts with a line 'Subject: ...'")
    if len(lines) < 3 or lines[1].strip():
        raise InvalidRecord(source, 2, "body", "expected a blank line after the subject, then the body")
    template = OutreachTemplate(lines[0][len("subject:") :].strip(), "\n".join(lines[2:]))
    env = _environment()
    from jinja2 import TemplateSyntaxError

    for offset, part in ((0, template.subject), (2, template.body)):
        try:
            env.from_string(part)
        except TemplateSyntaxError as exc:
            raise InvalidRecord(
                source, offset + (exc.lineno or 1), "template", exc.message or "syntax error"
            ) from None
    return template


def load_template(path: Path) -> OutreachTemplate:
    """:func:`parse_template` of a file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from exc
    return parse_template(text, source=str(path))


def preview(
    people: Iterable[tuple[str, str, Mapping[str, Any]]],
    template: OutreachTemplate,
    *,
    sender: str,
) -> list[PreviewedMessage]:
    """Render ``template`` for each ``(person_id, address, context)``; each context holds the person's
    ``unsubscribe_url``; a template error names the person."""
    env = _environment()
    from jinja2 import TemplateError

    try:
        subject, body = env.from_string(template.subject), env.from_string(template.body)
    except TemplateError as exc:
        raise InvalidInput(f"template: {exc}") from exc
    return [
        _message(person_id, address, context, subject, body, sender) for person_id, address, context in people
    ]


def render(template: OutreachTemplate, context: Mapping[str, Any], *, person_id: str) -> tuple[str, str]:
    """Subject and body of ``template`` for one context (e.g. a direct-message task a person sends)."""
    env = _environment()
    from jinja2 import TemplateError

    try:
        return env.from_string(template.subject).render(**context).strip(), env.from_string(
            template.body
        ).render(**context)
    except TemplateError as exc:
        raise InvalidInput(f"{person_id}: template: {exc}") from exc


def _message(
    person_id: str, address: str, context: Mapping[str, Any], subject: Any, body: Any, sender: str
) -> PreviewedMessage:
    from jinja2 import TemplateError

    if "@" not in address:
        raise InvalidInput(f"{person_id}: to: {address!r} is not an e-mail address")
    link = str(context.get("unsubscribe_url") or "")
    if not link:
        raise InvalidInput(f"{person_id}: unsubscribe_url: missing (every message carries one)")
    try:
        rendered = (subject.render(**context).strip(), body.render(**context))
    except TemplateError as exc:
        raise InvalidInput(f"{person_id}: template: {exc}") from exc
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": make_msgid(domain=sender.rsplit("@", 1)[-1]),
    }
    return PreviewedMessage(person_id, address, rendered[0], rendered[1], headers)


class Transport(Protocol):
    def deliver(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class SmtpTransport:
    """An SMTP server (plain or STARTTLS-less local relay); one connection per message."""

    host: str
    port: int = 25
    timeout: float = 10.0

    def deliver(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            smtp.send_message(message)


@dataclass(frozen=True)
class FileOutbox:
    """Messages appended to ``DIR/outbox.jsonl`` instead of being sent (``make demo``, dry runs)."""

    directory: Path

    def deliver(self, message: EmailMessage) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        line = {"to": message["To"], "subject": message["Subject"], "message": message.as_string()}
        with (self.directory / "outbox.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class SendResult:
    """One person's outcome."""

    person_id: str
    status: Status
    attempts: int
    error: str | None = None


def _temporary(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, OSError | smtplib.SMTPServerDisconnected)


def send(
    messages: Sequence[PreviewedMessage],
    *,
    consent: ConsentCheck,
    purpose: str,
    transport: Transport,
    sender: str,
    log: Path | None = None,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[SendResult]:
    """Send previewed messages to people ``consent`` clears for ``purpose``; one outcome each (and a
    send-log line when ``log`` is given)."""
    results = []
    if log is not None:
        log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for message in messages:
        result = SendResult(message.person_id, "no-consent", 0)
        if consent(message.person_id, purpose):
            result = _deliver(message, transport, sender, retries, backoff, sleep)
        entry: dict[str, Any] = {"at": datetime.now(UTC).isoformat(timespec="seconds")}
        entry["person_id"] = message.person_id
        entry |= {"purpose": purpose, "status": result.status, "attempts": result.attempts}
        entry |= {"message_id": message.headers.get("Message-ID"), "error": result.error}
        if log is not None:
            with log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
        results.append(result)
    return results


def _deliver(
    message: PreviewedMessage,
    transport: Transport,
    sender: str,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
) -> SendResult:
    error = None
    for attempt in range(1, retries + 1):
        try:
            transport.deliver(message.email(sender))
            return SendResult(message.person_id, "sent", attempt)
        except (smtplib.SMTPException, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
            if not _temporary(exc):
                return SendResult(message.person_id, "failed", attempt, error)
            if attempt < retries:
                sleep(backoff * 2 ** (attempt - 1))
    return SendResult(message.person_id, "failed", retries, error)
