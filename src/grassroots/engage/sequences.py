"""Outreach sequences of a campaign: invite, reminder, thank-you, under consent and contact limits.

Who is due for a step (offered participants only; the holdout is never contacted):

- ``invite``: not yet invited (no state) and no invitation e-mail sent;
- ``reminder``: invited (by e-mail or otherwise), neither accepted nor declined, invited at least
  ``reminder_after`` ago (default 3 days), and not reminded yet: one reminder per campaign;
- ``thanks``: reached ``posted``, not thanked yet.

The channel is e-mail when the person (or the shop customer linked to them) has an address with status
``ok`` in ``contact_addresses``; everyone else due goes to the direct-message task list a person sends by
hand (we never automate platforms' DMs). Checks, in order: a standing ``contact`` consent (campaigns'
consent records, never guessed; a withdrawal is honoured), the address, then at send time the frequency
limit across campaigns (the brief's ``limits.contacts_per_30_days`` over ``contact_log``, counting the
messages of this run), quiet hours in the person's time zone, and a preview of exactly that content.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from grassroots.campaigns import TRANSITIONS, load_campaign
from grassroots.engage.outreach import (
    OutreachTemplate,
    PreviewedMessage,
    Transport,
    content_hash,
    preview,
    render,
    send,
)
from grassroots.engage.outreach_context import LinkSettings, codes_of, person_context, read_evidence
from grassroots.errors import InvalidInput, InvalidValue
from grassroots.store import (
    Store,
    consenting,
    contact_addresses_of,
    contacts_since,
    log_contacts,
    log_sends,
    move_states,
    offer_rows,
    participant_rows,
    previewed,
    same_customers,
    save_previews,
    send_rows,
)

__all__ = [
    "STEPS",
    "DmTask",
    "OutreachPolicy",
    "Planned",
    "SendReport",
    "Step",
    "in_quiet_hours",
    "parse_quiet_hours",
    "plan_step",
    "record_previews",
    "send_step",
    "time_zone",
]

Step = Literal["invite", "reminder", "thanks"]
STEPS: tuple[str, ...] = get_args(Step)


@dataclass(frozen=True)
class OutreachPolicy:
    """Send-time rules: the default time zone, quiet hours (local ``start``-``end``, none when equal),
    and how long after an invitation a reminder is due."""

    time_zone: str = "UTC"
    quiet_hours: tuple[int, int] = (21, 8)
    reminder_after: timedelta = timedelta(days=3)


@dataclass(frozen=True)
class DmTask:
    """One direct message for a person to send by hand."""

    person_id: str
    platform: str
    handle: str
    step: str
    subject: str
    message: str


@dataclass(frozen=True)
class Planned:
    """A step's messages (e-mail), direct-message tasks, the people left out and why."""

    campaign_id: int
    campaign: str
    step: str
    limit: int
    emails: tuple[PreviewedMessage, ...]
    zones: Mapping[str, str]
    tasks: tuple[DmTask, ...]
    skipped: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SendReport:
    """What a send did: people per outcome (``sent``, ``failed``, ``too-often``, ``quiet-hours``,
    ``not-previewed``, ``no-consent``) and per reason left out before (``no-address``, ...)."""

    campaign: str
    step: str
    outcomes: dict[str, int]
    skipped: dict[str, int]


def parse_quiet_hours(text: str) -> tuple[int, int]:
    """``"21-8"`` -> (21, 8): no message from 21:00 to 07:59 local time; ``"none"`` -> (0, 0).

    >>> parse_quiet_hours("21-8"), parse_quiet_hours("none")
    ((21, 8), (0, 0))
    """
    if text.strip().lower() == "none":
        return (0, 0)
    start, _, end = text.partition("-")
    try:
        hours = (int(start), int(end))
    except ValueError:
        raise InvalidValue(
            "quiet_hours", f"expected START-END in hours (e.g. 21-8) or none, got {text!r}"
        ) from None
    if not all(0 <= h <= 23 for h in hours):
        raise InvalidValue("quiet_hours", f"hours must be 0..23, got {text!r}")
    return hours


def time_zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; :class:`InvalidValue` naming it otherwise."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue("time_zone", f"{name!r}: not an IANA time zone (e.g. Europe/Paris)") from None


def in_quiet_hours(at: datetime, zone: str, hours: tuple[int, int]) -> bool:
    """Whether UTC time ``at`` (naive = UTC) falls in the quiet hours of ``zone``.

    >>> in_quiet_hours(datetime(2026, 6, 1, 20, 30), "Europe/Paris", (21, 8))  # 22:30 in Paris
    True
    >>> in_quiet_hours(datetime(2026, 6, 1, 20, 30), "America/New_York", (21, 8))  # 16:30
    False
    """
    start, end = hours
    if start == end:
        return False
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(time_zone(zone)).hour
    return start <= local or local < end if start > end else start <= local < end


def _due(
    store: Store, campaign_id: int, step: str, at: datetime, policy: OutreachPolicy
) -> list[dict[str, Any]]:
    """Offered participants due for ``step`` (see the module docstring)."""
    done = {
        r["person_id"] for r in send_rows(store, campaign_id) if r["step"] == step and r["status"] == "sent"
    }
    people = [p for p in participant_rows(store, campaign_id) if p["selected"] and p["person_id"] not in done]
    if step == "invite":
        return [p for p in people if p["state"] is None]
    if step == "reminder":
        cutoff = at - policy.reminder_after
        return [
            p for p in people if p["state"] == "invited" and p["invited_at"] and p["invited_at"] <= cutoff
        ]
    return [p for p in people if p["posted_at"] is not None]


def plan_step(
    store: Store,
    lake: Any,
    campaign: str,
    step: str,
    template: OutreachTemplate,
    *,
    links: LinkSettings,
    sender: str,
    policy: OutreachPolicy,
    at: datetime,
) -> Planned:
    """Render ``step`` for every consenting participant due: e-mails and DM tasks."""
    if step not in STEPS:
        raise InvalidValue("step", f"{step!r}: expected one of {', '.join(STEPS)}")
    row, brief = load_campaign(store, campaign)
    if row.assigned_at is None:
        raise InvalidInput(f"campaign={campaign!r}: not assigned yet; run `grassroots campaign assign` first")
    due = _due(store, row.id, step, at, policy)
    allowed = consenting(store, [p["person_id"] for p in due], "contact")
    skipped = {p["person_id"]: "no-consent" for p in due if p["person_id"] not in allowed}
    due = [p for p in due if p["person_id"] in allowed]
    same = same_customers(store, [p["customer_id"] for p in due if p["customer_id"]])
    customer_ids = {c for group in same.values() for c in group}
    addresses = contact_addresses_of(store, [p["person_id"] for p in due] + sorted(customer_ids))
    evidence = read_evidence(lake, row.brand, [p["person_id"] for p in due])
    codes = codes_of(offer_rows(store, row.id))
    emails, tasks, zones = [], [], {}
    for p in due:
        person = p["person_id"]
        context = person_context(
            person, brief=brief, campaign=campaign, evidence=evidence.get(person), code=codes.get(person),
            links=LinkSettings(links.secret, links.base_url, row.brand), assigned_at=row.assigned_at,
        )  # fmt: skip
        address = addresses.get(person) or _customer_address(
            addresses, same.get(p["customer_id"] or "", set())
        )
        if address is not None and address["status"] == "ok":
            emails.append((person, str(address["email"]), context))
            zones[person] = address["time_zone"] or policy.time_zone
            continue
        if address is not None and address["status"] == "opted-out":
            skipped[person] = "opted-out"
            continue
        subject, body = render(template, context, person_id=person)
        tasks.append(DmTask(person, context["platform"], context["handle"], step, subject, body))
        skipped[person] = "undeliverable" if address is not None else "no-address"
    messages = tuple(preview(emails, template, sender=sender))
    return Planned(row.id, campaign, step, brief.contacts_per_30_days, messages, zones, tuple(tasks), skipped)


def _customer_address(addresses: Mapping[str, dict[str, Any]], ids: set[str]) -> dict[str, Any] | None:
    """The shop address of a linked customer (known by any of its ids), an ``ok`` one first."""
    found = [addresses[i] for i in sorted(ids) if i in addresses]
    return next((a for a in found if a["status"] == "ok"), found[0] if found else None)


def record_previews(store: Store, plan: Planned, *, at: datetime, actor: str) -> int:
    """Store the hash of every previewed e-mail (a send checks it)."""
    return save_previews(
        store,
        plan.campaign_id,
        plan.step,
        {m.person_id: content_hash(m) for m in plan.emails},
        at=at,
        actor=actor,
    )


def send_step(
    store: Store,
    plan: Planned,
    *,
    transport: Transport,
    sender: str,
    policy: OutreachPolicy,
    at: datetime,
    actor: str,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] | None = None,
) -> SendReport:
    """Send the plan's e-mails that pass the send-time checks; log every outcome; invitations move the
    person to ``invited`` and every sent message is a ``contact_log`` row."""
    seen = previewed(store, plan.campaign_id, plan.step)
    recent = contacts_since(store, [m.person_id for m in plan.emails], at - timedelta(days=30))
    allowed = consenting(store, [m.person_id for m in plan.emails], "contact")  # withdrawn since the plan?
    outcomes: dict[str, int] = {}
    log: list[dict[str, Any]] = []
    for message in plan.emails:
        person, digest = message.person_id, content_hash(message)
        status = _refusal(person, digest, plan, seen, recent, allowed, at, policy)
        attempts, error = 0, None
        if status is None:
            result = send(
                [message], consent=lambda p, _: p in allowed, purpose="contact", transport=transport,
                sender=sender, retries=retries, backoff=backoff, sleep=sleep or time.sleep,
            )[0]  # fmt: skip
            status, attempts, error = result.status, result.attempts, result.error
        if status == "sent":
            recent[person] += 1
            _record_contact(store, plan, person, at, actor)
        outcomes[status] = outcomes.get(status, 0) + 1
        log.append(
            {"campaign_id": plan.campaign_id, "step": plan.step, "person_id": person, "channel": "email",
             "status": status, "attempts": attempts, "message_id": message.headers.get("Message-ID"),
             "content_hash": digest, "error": error, "at": at}
        )  # fmt: skip
        log_sends(store, log[-1:])
    skipped: dict[str, int] = {}
    for reason in plan.skipped.values():
        skipped[reason] = skipped.get(reason, 0) + 1
    return SendReport(plan.campaign, plan.step, outcomes, skipped)


def _refusal(
    person: str,
    digest: str,
    plan: Planned,
    seen: Mapping[str, set[str]],
    recent: Mapping[str, int],
    allowed: set[str],
    at: datetime,
    policy: OutreachPolicy,
) -> str | None:
    if person not in allowed:
        return "no-consent"
    if digest not in seen.get(person, set()):
        return "not-previewed"
    if recent[person] >= plan.limit:
        return "too-often"
    if in_quiet_hours(at, plan.zones.get(person, policy.time_zone), policy.quiet_hours):
        return "quiet-hours"
    return None


def _record_contact(store: Store, plan: Planned, person: str, at: datetime, actor: str) -> None:
    contact = {
        "person_id": person,
        "campaign_id": plan.campaign_id,
        "channel": "email",
        "kind": plan.step,
        "at": at,
    }
    log_contacts(store, [contact])
    if plan.step == "invite":
        move_states(store, plan.campaign_id, [(person, "invited", at)], allowed=TRANSITIONS, actor=actor)


def task_rows(tasks: Sequence[DmTask]) -> list[dict[str, str]]:
    """The DM task list's rows (``person_id,platform,handle,step,subject,message``)."""
    return [
        {"person_id": t.person_id, "platform": t.platform, "handle": t.handle, "step": t.step,
         "subject": t.subject, "message": t.message}
        for t in tasks
    ]  # fmt: skip
