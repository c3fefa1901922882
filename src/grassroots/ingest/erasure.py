"""Erasing one person from everything the installation writes, as journaled, resumable steps.

The lake and the store are two engines, so one erase cannot be one transaction. Instead it runs
named steps in a fixed order, each idempotent, and records each one done in a journal file
(``DATA_DIR/erasures/<subject>.json``, written aside and renamed) before starting the next:

1. ``files``: lines naming the person leave ``rejects/``, ``results/`` and ``demo-world/``;
2. ``lake``: their rows leave every lake table, ``@handle`` in other people's text is redacted;
3. ``compact``: the lake file is rebuilt from its live rows (deleted rows' bytes stay in freed
   blocks otherwise), then renamed over the old one;
4. ``store``: their customers, orders, consent, campaign participation (state log, offers,
   addresses, contact log, portal choices, survey answers) rows are deleted, and the assistant's
   chats, feedback and hand-over items they asked or that name them (SQLite: ``secure_delete``);
   their rewards-ledger accounts are renamed to a pseudonym, so every entry stays balanced;
5. ``audit``: one ``erase`` audit row saying what was done, then the journal is removed.

Steps that find the person (the lake, the shop ids in the store) come after the steps that need
what they find, so re-running the same erase after a failure finds what is left and finishes; a
failure writes an ``erase-incomplete`` audit row (when the store is reachable) with ``done`` and
``left``, and ``grassroots doctor`` lists unfinished journals. Neither the journal nor the audit log
holds the person's identifiers: both name them by an HMAC of the given id under the installation's
secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grassroots.config import Settings
from grassroots.errors import GrassrootsError, InvalidInput, NotFound, StoreError
from grassroots.ingest._purge import Identifiers, purge_files
from grassroots.ingest.privacy import hash_email, normalise_email
from grassroots.ingest.setup import load_secret
from grassroots.lake import compact_lake, open_lake, writer_lock
from grassroots.records import ProgressFn, no_progress

__all__ = ["STEPS", "Journal", "erase_person", "unfinished_erasures"]

STEPS = ("files", "lake", "compact", "store", "audit")
JOURNAL_DIR = "erasures"


@dataclass(frozen=True)
class Journal:
    """Where one erase stands: steps done (with what each removed) and the last failure."""

    subject: str
    started: str
    actor: str = ""
    done: tuple[str, ...] = ()
    removed: dict[str, Any] = field(default_factory=dict)
    attempts: int = 1
    failed: str | None = None

    @property
    def left(self) -> tuple[str, ...]:
        return tuple(s for s in STEPS if s not in self.done)

    def path(self, data_dir: Path) -> Path:
        return data_dir / JOURNAL_DIR / f"{self.subject.removeprefix('hmac:')[:32]}.json"

    def save(self, data_dir: Path) -> None:
        """Write the journal aside, fsync it, rename it into place."""
        target = self.path(data_dir)
        target.parent.mkdir(mode=0o700, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        body = {**self.__dict__, "done": list(self.done), "left": list(self.left)}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(body, sort_keys=True, indent=1) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)

    @classmethod
    def load(cls, path: Path) -> Journal:
        body = json.loads(path.read_text(encoding="utf-8"))
        body.pop("left", None)
        return cls(**{**body, "done": tuple(body["done"])})


@dataclass(frozen=True)
class _Target:
    """Everything that names the person, found in the lake and the store before anything is deleted."""

    person: str
    account_ids: list[str]
    handles: list[str]
    lake_rows: int
    customer_ids: list[str]
    shop_ids: list[str]
    email_hashes: list[str]
    emails: list[str]
    store_rows: int


def subject_of(person: str, secret: bytes) -> str:
    """The name an erase has in the journal and the audit log: an HMAC of the id as given."""
    return "hmac:" + hmac.new(secret, person.encode("utf-8"), hashlib.sha256).hexdigest()


def erase_person(
    settings: Settings, person: str, *, actor: str, progress: ProgressFn = no_progress
) -> dict[str, Any]:
    """Remove ``person`` (handle with or without ``@``, account id, Shopify customer id, or e-mail).

    Holds the data directory's writer lock throughout. Raises :class:`NotFound` when nothing names
    the person (and no earlier erase of them is unfinished); raises :class:`StoreError` saying what
    is done and what is left when a step fails; re-running finishes. ``progress`` is called before
    each step as ``progress("erase:<step>", index, total)``. Audit rows name ``actor``.
    """
    person = person.strip()
    if not person:
        raise InvalidInput("person='': expected a handle, account id, customer id or e-mail")
    secret = load_secret(settings)
    subject = subject_of(person, secret)
    with writer_lock(settings.lake_path, command="grassroots erase"):
        path = Journal(subject, "").path(settings.data_dir)
        journal = Journal.load(path) if path.exists() else None
        try:
            target = _find(settings, person, secret)
        except GrassrootsError as exc:
            if journal is None:
                raise
            left = ", ".join(journal.left)
            raise StoreError(f"erase incomplete: left {left}; cannot look the person up: {exc}") from exc
        ident = _identifiers(target)
        if journal is None:
            if not target.lake_rows and not target.store_rows and not _files_name(settings, ident):
                raise NotFound(
                    f"person={person!r}: no account (id or handle), customer (id or e-mail) or file line "
                    "matches; nothing was erased"
                )
            journal = Journal(subject, datetime.now(UTC).isoformat(timespec="seconds"), actor)
        else:
            journal = replace(journal, attempts=journal.attempts + 1, failed=None)
        journal.save(settings.data_dir)
        journal = _run_steps(settings, journal, target, ident, progress)
        path.unlink()
    return {"person": subject, **journal.removed, "done": list(journal.done), "left": []}


def _run_steps(
    settings: Settings, journal: Journal, target: _Target, ident: Identifiers, progress: ProgressFn
) -> Journal:
    for index, step in enumerate(STEPS):
        if step in journal.done:
            continue
        try:
            progress(f"erase:{step}", index, len(STEPS))
            result = _STEP[step](settings, target, ident, journal)
        except Exception as exc:
            journal = replace(journal, failed=f"{step}: {type(exc).__name__}")
            journal.save(settings.data_dir)
            _audit_incomplete(settings, journal)
            reason = str(exc) if isinstance(exc, GrassrootsError) else f"{type(exc).__name__}: {exc}"
            raise StoreError(
                f"erase incomplete: done {', '.join(journal.done) or 'nothing'}; left "
                f"{', '.join(journal.left)}; step {step!r} failed: {reason}; erase the same person again "
                "to finish"
            ) from exc
        journal = replace(journal, done=(*journal.done, step), removed={**journal.removed, step: result})
        journal.save(settings.data_dir)
    return journal


def _find(settings: Settings, person: str, secret: bytes) -> _Target:
    from grassroots.store import Store, tables

    email = normalise_email(person) if "@" in person.strip("@") else None
    email_hash = hash_email(person, secret) if email else None
    with Store(settings.database_url) as store:
        found = store.rows(tables.customers, id=person) + store.rows(
            tables.customers, shop_customer_id=person
        )
        found += store.rows(tables.customers, id=f"shopify:{person}")
        if email:
            found += store.rows(tables.customers, email_hash=email_hash) + store.rows(
                tables.customers, email=email
            )
        customer_ids = sorted(
            {str(r["id"]) for r in found} | ({f"email:{email_hash}"} if email_hash else set())
        )
        hashes = sorted(
            {str(r["email_hash"]) for r in found if r["email_hash"]} | ({email_hash} if email_hash else set())
        )
        orders = [o for c in customer_ids for o in store.rows(tables.orders, customer_id=c)]
        orders += [o for h in hashes for o in store.rows(tables.orders, email_hash=h)]
        consent = [c for pid in {person, *customer_ids} for c in store.rows(tables.consent, person_id=pid)]
        chats = [
            r
            for t in (tables.assistant_messages, tables.assistant_feedback, tables.assistant_queue)
            for pid in sorted({person, person.lower(), *customer_ids, *([email] if email else [])})
            for r in store.rows(t, person_id=pid)
        ]
    with open_lake(settings.lake_path) as lake:
        shop_ids = sorted({str(r["shop_customer_id"]) for r in found if r["shop_customer_id"]})
        ids, handles, lake_rows = lake.find_person(person, customer_ids=[*customer_ids, *shop_ids])
    emails = sorted({str(r["email"]) for r in found if r["email"]} | ({email} if email else set()))
    store_rows = len({r["id"] for r in found}) + len({o["id"] for o in orders}) + len(consent) + len(chats)
    with Store(settings.database_url) as store:
        store_rows += _campaign_rows(store, {person, *ids, *customer_ids}, shop_ids)
        kept = _contact_addresses(store, {person, *ids, *customer_ids}, hashes)
    store_rows += len(kept)
    emails = sorted({*emails, *(str(r["email"]) for r in kept)})
    return _Target(person, ids, handles, lake_rows, customer_ids, shop_ids, hashes, emails, store_rows)


def _identifiers(target: _Target) -> Identifiers:
    ids = {target.person, *target.account_ids, *target.customer_ids, *target.shop_ids, *target.email_hashes}
    handles = frozenset(h.lower() for h in target.handles)
    return Identifiers(frozenset(ids), handles, frozenset(e.lower() for e in target.emails))


def _files_name(settings: Settings, ident: Identifiers) -> bool:
    from grassroots.ingest._purge import PURGED_FOLDERS, _line_names, _text_files

    for path in _text_files(settings.data_dir / f for f in PURGED_FOLDERS):
        with path.open(encoding="utf-8", errors="replace") as handle:
            if any(_line_names(line, ident) for line in handle):
                return True
    return False


def _step_files(settings: Settings, target: _Target, ident: Identifiers, journal: Journal) -> dict[str, int]:
    reports = _drop_reports(settings.data_dir, ident)
    return {**purge_files(settings.data_dir, ident), "campaign_reports_removed": reports}


def _drop_reports(data_dir: Path, ident: Identifiers) -> int:
    """Delete campaign reports (``results/campaigns/*/report.json`` and ``.html``) naming the person,
    e.g. as a top referrer: one pretty-printed document cannot lose a line and stay whole, and
    ``campaign report`` writes it again without them."""
    import re
    from html import escape

    patterns = [re.compile(rf"(?<![\w.-]){re.escape(escape(i))}(?![\w.-])") for i in sorted(ident.ids) if i]
    removed = 0
    for path in sorted((data_dir / "results" / "campaigns").glob("*/report.*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(p.search(text) for p in patterns) or ident.text(text):
            path.unlink()
            removed += 1
    return removed


def _step_lake(settings: Settings, target: _Target, ident: Identifiers, journal: Journal) -> dict[str, int]:
    with open_lake(settings.lake_path) as lake:
        return lake.erase_person(target.person, customer_ids=[*target.customer_ids, *target.shop_ids])


def _step_compact(
    settings: Settings, target: _Target, ident: Identifiers, journal: Journal
) -> dict[str, Any]:
    before, started = settings.lake_path.stat().st_size, time.perf_counter()
    after = compact_lake(settings.lake_path)
    return {"bytes_before": before, "bytes_after": after, "seconds": round(time.perf_counter() - started, 3)}


def _step_store(settings: Settings, target: _Target, ident: Identifiers, journal: Journal) -> dict[str, int]:
    from grassroots.store import Store, pseudonymise_accounts, tables

    targets = [(tables.customers, "id", c) for c in target.customer_ids]
    targets += [(tables.customers, "shop_customer_id", s) for s in target.shop_ids]
    targets += [(tables.customers, "email", e) for e in target.emails]
    targets += [(tables.orders, "customer_id", c) for c in target.customer_ids]
    targets += [(tables.orders, "email_hash", h) for h in target.email_hashes]
    targets += [(tables.orders, "email", e) for e in target.emails]
    people = {target.person, *target.account_ids, *target.customer_ids}
    targets += [(tables.consent, "person_id", p) for p in sorted(people)]
    targets += [(t, "person_id", p) for t in _campaign_tables() for p in sorted(people)]
    targets += [(tables.campaign_participants, "customer_id", s) for s in target.shop_ids]
    targets += [(tables.contact_addresses, "email_hash", h) for h in target.email_hashes]
    targets += [(tables.contact_addresses, "email", e) for e in target.emails]
    targets += _subject_targets(target)
    with Store(settings.database_url) as store:
        removed = store.delete_rows(targets)
        # ledger entries stay (the books must balance): the person's accounts get a pseudonym
        pseudonym = f"person:erased-{journal.subject.removeprefix('hmac:')[:16]}:points"
        accounts = [f"person:{p}:points" for p in sorted(people)]
        removed["ledger_postings_pseudonymised"] = pseudonymise_accounts(store, accounts, pseudonym)
        return {**removed, **_assistant_rows(store, target, people)}


def _contact_addresses(store: Any, people: set[str], hashes: list[str]) -> list[dict[str, Any]]:
    """Clear addresses kept for outreach (m008) of the person or with their e-mail hash: the files
    step purges lines naming these addresses (the outbox), the store step deletes the rows."""
    from grassroots.store import tables

    linked = {
        r["customer_id"]
        for p in sorted(people)
        for r in store.rows(tables.campaign_participants, person_id=p)
    }
    from grassroots.store import same_customers

    people = people | {c for group in same_customers(store, [c for c in linked if c]).values() for c in group}
    found = [r for p in sorted(people) for r in store.rows(tables.contact_addresses, person_id=p)]
    return found + [r for h in hashes for r in store.rows(tables.contact_addresses, email_hash=h)]


def _campaign_tables() -> list[Any]:
    """Campaign tables keyed by ``person_id``: participants, their state log, offers, addresses,
    contacts, the portal's choices and survey answers (the ledger is pseudonymised instead, see
    ``_step_store``)."""
    from grassroots.store import tables

    return [
        tables.campaign_participants, tables.campaign_events, tables.campaign_offers,
        tables.campaign_addresses, tables.contact_log, tables.contact_addresses, tables.outreach_previews,
        tables.outreach_sends, tables.outreach_replies,
        tables.campaign_addresses, tables.contact_log, tables.portal_profiles, tables.survey_answers,
    ]  # fmt: skip


def _campaign_rows(store: Any, people: set[str], shop_ids: list[str]) -> int:
    """Rows of the campaign tables naming the person (so a person known only to a campaign is found)."""
    from grassroots.store import tables

    found = sum(len(store.rows(t, person_id=p)) for t in _campaign_tables() for p in sorted(people))
    found += sum(len(store.rows(tables.campaign_participants, customer_id=s)) for s in shop_ids)
    return found + sum(
        len(store.rows(tables.ledger_postings, account=f"person:{p}:points")) for p in sorted(people)
    )


def _assistant_rows(store: Any, target: _Target, people: set[str]) -> dict[str, int]:
    """The assistant's chats, feedback and queue items asked by the person, or naming their e-mail
    or ``@handle`` (engage, m006)."""
    from grassroots.store import erase_assistant_rows

    handles = {f"@{h}" for h in target.handles}
    who = {*people, *target.emails, *target.handles, *handles}
    return erase_assistant_rows(store, who, {*target.emails, *handles})


def _subject_targets(target: _Target) -> list[tuple[Any, str, str]]:
    """Rows of any other store table about the person: ``account_id`` or ``subject`` (e.g. alerts)."""
    from grassroots.store import tables

    names = {*target.account_ids, *target.handles, *(f"@{h}" for h in target.handles)}
    found = []
    for table in tables.metadata.sorted_tables:
        if table.name in ("audit_log", "customers", "orders", "consent"):
            continue
        for column in ("account_id", "subject"):
            if column in table.c:
                found += [(table, column, value) for value in sorted(names)]
    return found


def _step_audit(settings: Settings, target: _Target, ident: Identifiers, journal: Journal) -> dict[str, Any]:
    from grassroots.store import Store

    details = {"done": [*journal.done, "audit"], "left": [], "attempts": journal.attempts, **journal.removed}
    with Store(settings.database_url) as store:
        store.audit(journal.actor, "erase", journal.subject, _without_paths(details))
    return {"rows": 1}


def _without_paths(details: dict[str, Any]) -> dict[str, Any]:
    """Counts only: file names under ``results/`` are ours, but keep the audit row free of anything else."""
    files = details.get("files")
    return {**details, "files": sum(files.values()) if isinstance(files, dict) else files}


def _audit_incomplete(settings: Settings, journal: Journal) -> None:
    """Best effort: the store may be what failed; the journal file is the record then."""
    from grassroots.store import Store

    details: dict[str, Any] = {"done": list(journal.done), "left": list(journal.left)}
    details |= {"failed": journal.failed, "attempts": journal.attempts}
    try:
        with Store(settings.database_url) as store:
            store.audit(journal.actor, "erase-incomplete", journal.subject, details)
    except Exception:  # the failure being reported is the one that matters
        return


_STEP = {
    "files": _step_files,
    "lake": _step_lake,
    "compact": _step_compact,
    "store": _step_store,
    "audit": _step_audit,
}


def unfinished_erasures(data_dir: Path) -> list[Journal]:
    """Erases that failed part-way (their journals), oldest first: re-running each finishes it."""
    folder = data_dir / JOURNAL_DIR
    if not folder.is_dir():
        return []
    return sorted((Journal.load(p) for p in folder.glob("*.json")), key=lambda j: j.started)
