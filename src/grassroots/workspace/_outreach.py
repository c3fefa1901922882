"""Workspace methods of outreach: contact addresses, preview, send, DM tasks, replies, log, unsubscribe.

The domain is :mod:`grassroots.engage.sequences` (who is due, consent, limits, quiet hours),
:mod:`grassroots.engage.outreach` (templates, sending) and :mod:`grassroots.engage.responses`
(unsubscribe, bounces, replies). Files go under ``DATA_DIR/results/outreach/`` (erase purges the lines
naming a person there); each step records a ``runs`` row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from grassroots.errors import InvalidInput
from grassroots.workspace._base import WorkspaceBase, now
from grassroots.workspace.campaign_results import _plain

if TYPE_CHECKING:
    from grassroots.engage.outreach import OutreachTemplate, Transport
    from grassroots.engage.sequences import OutreachPolicy, Planned
    from grassroots.store import Store

__all__ = ["OutreachMethods", "OutreachResult"]

#: what ``outreach log`` shows of each send-log row
LOG_COLUMNS = ("at", "campaign", "step", "person_id", "channel", "status", "attempts", "message_id", "error")
TASK_COLUMNS = ("person_id", "platform", "handle", "step", "subject", "message")


@dataclass(frozen=True)
class OutreachResult:
    """One outreach step: the file written (if any) and people per outcome."""

    campaign: str
    step: str
    path: Path | None
    counts: dict[str, Any]
    run_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(_plain(asdict(self)))


class OutreachMethods(WorkspaceBase):
    """E-mail and DM outreach of a campaign's participants, under their consent."""

    def _outreach_store(self) -> Store:
        from grassroots.store import Store

        return Store(self.settings.database_url)

    def _sender(self, sender: str | None) -> str:
        if sender:
            if "@" not in sender:
                raise InvalidInput(f"sender={sender!r}: expected an e-mail address")
            return sender
        return f"outreach@{urlsplit(self.settings.base_url).hostname or 'localhost'}"

    def _plan(
        self, store: Store, campaign: str, step: str, template: Path | None, policy: OutreachPolicy, *,
        sender: str, at: datetime,
    ) -> Planned:  # fmt: skip
        from grassroots.engage.outreach_context import LinkSettings
        from grassroots.engage.sequences import plan_step
        from grassroots.ingest import load_secret

        links = LinkSettings(load_secret(self.settings), self.settings.base_url, "")
        with self._lake(read_only=True) as lake:
            return plan_step(
                store, lake, campaign, step, _template(step, template), links=links, sender=sender,
                policy=policy, at=at,
            )  # fmt: skip

    def outreach_add_addresses(self, file: Path) -> OutreachResult:
        """Keep e-mail addresses people gave with consent to contact (``person_id,email,consent_text,
        recorded_at[,time_zone]``: a portal or form export); the only clear addresses besides shop
        customers who accepted marketing."""
        from grassroots.engage.outreach_files import read_addresses
        from grassroots.ingest import load_secret
        from grassroots.store import save_contact_addresses

        started = now()
        rows = read_addresses(Path(file), secret=load_secret(self.settings))
        with self.writing("grassroots outreach addresses"), self._outreach_store() as store:
            written = save_contact_addresses(store, rows, actor=self.actor)
        run_id = self._record(
            "outreach_addresses", started=started, read=len(rows), parameters={"file": str(file)}
        )
        return OutreachResult("", "addresses", None, {"addresses": written}, run_id)

    def outreach_preview(
        self,
        campaign: str,
        *,
        step: str,
        template: Path | None = None,
        out: Path | None = None,
        time_zone: str = "UTC",
        sender: str | None = None,
    ) -> OutreachResult:
        """Render ``step`` for every consenting participant due and write exactly what each gets;
        the content hashes are stored (a send sends only previewed content)."""
        from grassroots.engage.sequences import OutreachPolicy, record_previews
        from grassroots.engage.sequences import time_zone as zone

        zone(time_zone)
        started, policy = now(), OutreachPolicy(time_zone=time_zone)
        with self.writing("grassroots outreach preview"), self._outreach_store() as store:
            plan = self._plan(
                store, campaign, step, template, policy, sender=self._sender(sender), at=started
            )
            stored = record_previews(store, plan, at=started, actor=self.actor)
        path = Path(out) if out else self._results_file(f"outreach/{campaign}/{step}-preview.jsonl")
        _write(path, _preview_text(plan))
        counts = {"emails": stored, "dm_tasks": len(plan.tasks), "skipped": _count(plan.skipped.values())}
        run_id = self._record(
            "outreach_preview", started=started, read=stored, parameters={"campaign": campaign, "step": step}
        )
        return OutreachResult(campaign, step, path, counts, run_id)

    def outreach_send(
        self,
        campaign: str,
        *,
        step: str,
        template: Path | None = None,
        smtp: str | None = None,
        outbox: Path | None = None,
        time_zone: str = "UTC",
        quiet_hours: str = "21-8",
        sender: str | None = None,
        at: datetime | None = None,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> OutreachResult:
        """Send ``step``'s previewed e-mails that pass consent, the frequency limit and quiet hours,
        through SMTP (``HOST:PORT``) or the file outbox (default ``results/outreach/outbox/``)."""
        from grassroots.engage.sequences import (
            OutreachPolicy,
            parse_quiet_hours,
            send_step,
        )
        from grassroots.engage.sequences import (
            time_zone as zone,
        )

        zone(time_zone)
        policy = OutreachPolicy(time_zone=time_zone, quiet_hours=parse_quiet_hours(quiet_hours))
        started, when, from_ = now(), at or now(), self._sender(sender)
        transport, where = self._transport(smtp, outbox)
        with self.writing("grassroots outreach send"), self._outreach_store() as store:
            plan = self._plan(store, campaign, step, template, policy, sender=from_, at=when)
            done = send_step(
                store, plan, transport=transport, sender=from_, policy=policy, at=when, actor=self.actor,
                retries=retries, backoff=backoff,
            )  # fmt: skip
        counts = {**done.outcomes, "skipped": done.skipped, "transport": where}
        run_id = self._record(
            "outreach_send",
            started=started,
            read=len(plan.emails),
            parameters={"campaign": campaign, "step": step},
        )
        path = (
            Path(outbox or self._results_file("outreach/outbox")) / "outbox.jsonl" if smtp is None else None
        )
        return OutreachResult(campaign, step, path, counts, run_id)

    def _transport(self, smtp: str | None, outbox: Path | None) -> tuple[Transport, str]:
        from grassroots.engage.outreach import FileOutbox, SmtpTransport

        if smtp is None:
            folder = Path(outbox) if outbox else self._results_file("outreach/outbox")
            return FileOutbox(folder), f"outbox:{folder}"
        if outbox is not None:
            raise InvalidInput("smtp: give either --smtp or --outbox, not both")
        host, _, port = smtp.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise InvalidInput(f"smtp={smtp!r}: expected HOST:PORT (e.g. localhost:25)")
        return SmtpTransport(host, int(port)), f"smtp:{smtp}"

    def outreach_tasks(
        self, campaign: str, *, step: str = "invite", template: Path | None = None, out: Path | None = None
    ) -> OutreachResult:
        """The direct-message task list (CSV) of consenting people due for ``step`` without a usable
        e-mail address: for a person to send by hand on the platform (we never automate DMs)."""
        from grassroots.engage.sequences import OutreachPolicy, task_rows

        started = now()
        with self._outreach_store() as store:
            plan = self._plan(
                store, campaign, step, template, OutreachPolicy(), sender=self._sender(None), at=started
            )
        path = Path(out) if out else self._results_file(f"outreach/{campaign}/{step}-dm-tasks.csv")
        _write(path, _csv(TASK_COLUMNS, task_rows(plan.tasks)))
        run_id = self._record(
            "outreach_tasks",
            started=started,
            read=len(plan.tasks),
            parameters={"campaign": campaign, "step": step},
        )
        return OutreachResult(campaign, step, path, {"tasks": len(plan.tasks)}, run_id)

    def outreach_import_replies(self, path: Path) -> OutreachResult:
        """Read bounces, replies and unsubscribe replies from an mbox file or a Maildir directory."""
        from grassroots.engage.responses import import_replies, read_mailbox
        from grassroots.ingest import load_secret

        started = now()
        items = list(read_mailbox(Path(path)))  # a bad mailbox fails before anything changes
        with self.writing("grassroots outreach import-replies"), self._outreach_store() as store:
            counts = import_replies(store, items, secret=load_secret(self.settings), actor=self.actor)
        run_id = self._record(
            "outreach_replies", started=started, read=len(items), parameters={"path": str(path)}
        )
        return OutreachResult("", "import-replies", Path(path), counts, run_id)

    def outreach_log(self, *, campaign: str | None = None) -> list[dict[str, Any]]:
        """The send log (oldest first), one campaign's or all."""
        from grassroots.store import campaign_row, campaign_rows, send_rows

        with self._outreach_store() as store:
            slugs = {c.id: c.slug for c in campaign_rows(store)}
            rows = send_rows(store, campaign_row(store, campaign).id if campaign else None)
        return [
            {**{k: r.get(k) for k in LOG_COLUMNS}, "campaign": slugs.get(r["campaign_id"], ""),
             "at": r["at"].isoformat(timespec="seconds")}
            for r in rows
        ]  # fmt: skip

    def outreach_demo(self, campaign: str) -> OutreachResult:
        """The demo's invitations (``make demo``): preview, send to the file outbox, and the DM task list
        for the rest. Quiet hours are off: the demo replays a campaign whose dates are past."""
        shown = self.outreach_preview(campaign, step="invite")
        sent = self.outreach_send(campaign, step="invite", quiet_hours="none")
        tasks = self.outreach_tasks(campaign, step="invite")
        counts = {**sent.counts, "previewed": shown.counts["emails"], "dm_tasks": tasks.counts["tasks"]}
        counts |= {"preview": str(shown.path), "tasks_file": str(tasks.path)}
        return OutreachResult(campaign, "invite", sent.path, counts, sent.run_id)

    def outreach_link(self, token: str) -> dict[str, Any]:
        """What an unsubscribe link says (brand, campaign), or InvalidValue for a bad link."""
        from grassroots.engage.links import read_token
        from grassroots.ingest import load_secret

        claims = read_token(load_secret(self.settings), token, kind="unsubscribe")
        return {"brand": claims.brand, "campaign": claims.campaign_id}

    def outreach_unsubscribe(self, token: str, *, channel: str = "unsubscribe-link") -> int:
        """One-click unsubscribe: the link's person is opted out of all contact (consent withdrawn,
        addresses opted out, audited). Returns how many ids were opted out."""
        from grassroots.engage.links import read_token
        from grassroots.engage.responses import opt_out
        from grassroots.ingest import load_secret

        claims = read_token(load_secret(self.settings), token, kind="unsubscribe")
        with self.writing("grassroots unsubscribe"), self._outreach_store() as store:
            return len(opt_out(store, claims.person_id, at=now(), actor=self.actor, channel=channel))


def _template(step: str, path: Path | None) -> OutreachTemplate:
    from importlib import resources

    from grassroots.engage.outreach import load_template, parse_template
    from grassroots.engage.sequences import STEPS

    if path is not None:
        return load_template(Path(path))
    if step not in STEPS:
        raise InvalidInput(f"step={step!r}: expected one of {', '.join(STEPS)}")
    text = resources.files("grassroots.engage").joinpath(f"outreach_templates/{step}.txt").read_text("utf-8")
    return parse_template(text, source=f"{step}.txt")


def _preview_text(plan: Planned) -> str:
    """One JSON object a line per message (so erase removes a person's whole message)."""
    import json

    from grassroots.engage.outreach import content_hash

    lines = []
    for m in plan.emails:
        headers = {k: v for k, v in m.headers.items() if k != "Message-ID"}
        entry = {"person_id": m.person_id, "to": m.to, "subject": m.subject, "headers": headers}
        entry |= {"body": m.body, "content_hash": content_hash(m)}
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    return "".join(lines)


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
