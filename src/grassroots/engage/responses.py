"""What comes back: one-click unsubscribes, and bounces and replies read from an mbox file or a Maildir.

:func:`opt_out` is the one way a person leaves: their ``contact`` consent is withdrawn through the
campaigns consent records (every standing grant stamped, and a refusal appended, so a consent file
re-imported later with an older grant does not bring them back) and every address of theirs (and of the
shop customer linked to them) is marked ``opted-out``; the consent store audits it.

:func:`read_mailbox` classifies each message of a mailbox:

- ``bounce``: a delivery status notification (``multipart/report; report-type=delivery-status``, RFC
  3464): each recipient whose ``Action`` is ``failed`` or ``Status`` is 5.x.x has its address marked
  ``undeliverable``; a delay (4.x.x) changes nothing. A bounce without a report part but with
  ``X-Failed-Recipients`` counts as failed;
- ``unsubscribe``: the subject or the first line written by the sender (quotes skipped) says
  unsubscribe, stop, remove me or opt out: the sender is opted out (:func:`opt_out`);
- ``reply``: anything else from an address we hold; recorded (who, when, which message it answers; not
  its text). Mail from an address we do not hold is counted and not stored.
"""

from __future__ import annotations

import hashlib
import mailbox
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

from grassroots.errors import InvalidRecord, SourceError
from grassroots.ingest import hash_email, normalise_email
from grassroots.store import (
    Store,
    linked_people,
    opt_out_addresses,
    people_with_address,
    record_consent,
    reply_keys,
    save_replies,
    sent_message,
    set_address_status,
)

__all__ = ["MailItem", "ReplyKind", "import_replies", "opt_out", "read_mailbox"]

ReplyKind = Literal["bounce", "reply", "unsubscribe"]
_UNSUBSCRIBE = re.compile(r"^\W*(unsubscribe|stop|remove me|opt[ -]?out)\b", re.IGNORECASE)
_MAILER = re.compile(r"mailer-daemon|postmaster", re.IGNORECASE)


@dataclass(frozen=True)
class MailItem:
    """One message read from a mailbox, classified."""

    key: str
    kind: ReplyKind
    addresses: tuple[str, ...]  # bounce: failed recipients; otherwise: the sender
    permanent: bool
    references: tuple[str, ...]
    received_at: datetime
    reason: str = ""


def opt_out(store: Store, person_id: str, *, at: datetime, actor: str, channel: str) -> set[str]:
    """Withdraw ``person_id``'s contact consent everywhere (with linked ids); the ids opted out."""
    people = linked_people(store, {person_id})
    text = "opted out of all contact (unsubscribe)"
    rows: list[dict[str, Any]] = []
    for p in sorted(people):
        base = {"person_id": p, "purpose": "contact", "text": text, "channel": channel, "source": channel}
        rows += [{**base, "granted": True, "recorded_at": at, "withdrawn_at": at}]
        rows += [{**base, "granted": False, "recorded_at": at}]
    record_consent(store, rows, actor=actor)
    opt_out_addresses(store, people, actor=actor)
    return people


def _when(message: Message) -> datetime:
    try:
        when = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError, IndexError):
        return datetime.now(UTC).replace(tzinfo=None)
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _ids(*values: object) -> tuple[str, ...]:
    return tuple(m for v in values if v for m in re.findall(r"<[^<>\s]+>", str(v)))


def _first_line(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    text = part.get_content() if part is not None else ""
    for line in str(text).splitlines():
        if line.strip() and not line.lstrip().startswith(">"):
            return line
    return ""


def _bounce(message: EmailMessage) -> tuple[list[str], bool, str, tuple[str, ...]]:
    """Failed recipients, whether permanent, the status, and the original message's ids."""
    failed: list[str] = []
    permanent, status, originals = False, "", tuple[str, ...]()
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            blocks = part.get_payload()
            for block in blocks if isinstance(blocks, list) else []:
                if not isinstance(block, Message):
                    continue
                recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
                code, action = str(block.get("Status") or ""), str(block.get("Action") or "").lower()
                if recipient:
                    hard = action == "failed" or code.startswith("5")
                    if hard:
                        failed.append(recipient.split(";", 1)[-1].strip())
                        permanent, status = True, code or action
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message):
                originals = _ids(inner["Message-ID"])
            else:
                originals = _ids(*re.findall(r"(?im)^message-id:\s*(.+)$", str(inner)))
    if not failed and message["X-Failed-Recipients"]:
        failed = [a.strip() for a in str(message["X-Failed-Recipients"]).split(",")]
        permanent, status = True, "X-Failed-Recipients"
    return failed, permanent, status, originals


def classify(raw: bytes) -> MailItem:
    """One message as a :class:`MailItem`."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    key = hashlib.sha256(str(message["Message-ID"] or "").encode() or raw).hexdigest()
    refs = _ids(message["In-Reply-To"], message["References"])
    sender = [a for _, a in getaddresses([str(message["From"] or "")]) if "@" in a]
    report = message.get_content_type() == "multipart/report"
    if report or (_MAILER.search(str(message["From"] or "")) and message["X-Failed-Recipients"]):
        failed, permanent, status, originals = _bounce(message)
        return MailItem(key, "bounce", tuple(failed), permanent, refs + originals, _when(message), status)
    said = f"{message['Subject'] or ''}\n{_first_line(message)}"
    kind: ReplyKind = "unsubscribe" if any(_UNSUBSCRIBE.match(x) for x in said.splitlines()) else "reply"
    return MailItem(key, kind, tuple(sender[:1]), False, refs, _when(message))


def read_mailbox(path: Path) -> Iterator[MailItem]:
    """Every message of an mbox file or a Maildir directory, classified; errors name ``FILE:LINE``."""
    if path.is_dir():
        if not all((path / d).is_dir() for d in ("cur", "new")):
            raise InvalidRecord(str(path), None, "mailbox", "a Maildir directory has cur/ and new/")
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            yield classify(box.get_bytes(key))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    yield from (classify(raw) for raw in _mbox_messages(path, data))


def _mbox_messages(path: Path, data: bytes) -> Iterator[bytes]:
    """Split an mbox (``From `` lines after a blank line start a message; ``>From`` unquoted)."""
    if data and not data.startswith(b"From "):
        raise InvalidRecord(str(path), 1, "mailbox", "not an mbox file (it starts with a 'From ' line)")
    current: list[bytes] = []
    previous_blank = True
    for line in data.splitlines(keepends=True):
        if line.startswith(b"From ") and previous_blank:
            if current:
                yield b"".join(current)
            current = []
        else:
            current.append(line[1:] if re.match(rb"^>+From ", line) else line)
        previous_blank = not line.strip()
    if current:
        yield b"".join(current)


def import_replies(store: Store, items: Iterable[MailItem], *, secret: bytes, actor: str) -> dict[str, int]:
    """Apply a mailbox's messages (module docstring); re-importing the same mailbox changes nothing."""
    known, counts = reply_keys(store), {"bounce": 0, "delayed": 0, "reply": 0, "unsubscribe": 0}
    counts |= {"unknown": 0, "already": 0}
    for item in items:
        if item.key in known:
            counts["already"] += 1
            continue
        known.add(item.key)
        sent = sent_message(store, item.references)
        campaign = sent["campaign_id"] if sent else None
        if item.kind == "bounce" and not item.permanent:
            counts["delayed"] += 1
            continue
        people: set[str] = set()
        for address in item.addresses:
            digest = hash_email(normalise_email(address), secret)
            if item.kind == "bounce":
                people |= set(
                    set_address_status(store, digest, "undeliverable", reason=item.reason, actor=actor)
                )
            else:
                people |= people_with_address(store, digest)
        if not people:
            counts["unknown"] += 1
            continue
        if item.kind == "unsubscribe":
            for person in sorted(people):
                opt_out(store, person, at=item.received_at, actor=actor, channel="reply")
        people = linked_people(store, people)  # the campaign person behind a shop customer's address
        rows = [
            {"key": item.key if i == 0 else hashlib.sha256(f"{item.key}:{p}".encode()).hexdigest(),
             "person_id": p, "kind": item.kind, "campaign_id": campaign,
             "in_reply_to": item.references[0] if item.references else None, "received_at": item.received_at}
            for i, p in enumerate(sorted(people))
        ]  # fmt: skip
        save_replies(store, rows)
        counts[item.kind] += 1
    return counts
