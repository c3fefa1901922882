"""The feedback assistant's records in the store: chat turns, feedback, the hand-over queue.

>>> import tempfile, pathlib
>>> from datetime import datetime, timedelta
>>> from grassroots.store import Store, migrate
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> _ = migrate(url)
>>> with Store(url) as store:
...     turn = ChatTurn("s1", "ann@example.com", "user", "Is it vegan?", None, None, False, [])
...     m = save_turn(store, turn)
...     q = enqueue(store, message_id=m, turn=turn, sla=timedelta(hours=4))
...     item = answer_item(store, assign_item(store, q, to="sam").id, answer="Yes.", by="sam")
...     (item.status, item.assigned_to, item.answer)
('answered', 'sam', 'Yes.')
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, NotFound, StoreError
from grassroots.store.db import Store, _first_line, _now
from grassroots.store.tables import assistant_feedback, assistant_messages, assistant_queue

__all__ = [
    "QUEUE_STATUSES",
    "ChatTurn",
    "FeedbackRow",
    "QueueItem",
    "QueueStatus",
    "StoredTurn",
    "answer_item",
    "assign_item",
    "enqueue",
    "erase_assistant_rows",
    "feedback_rows",
    "forget_chats_before",
    "queue_items",
    "save_feedback",
    "save_turn",
    "session_turns",
]

QueueStatus = Literal["open", "assigned", "answered"]
QUEUE_STATUSES: tuple[str, ...] = get_args(QueueStatus)
_TABLES = (assistant_messages, assistant_feedback, assistant_queue)
_TEXT = {"assistant_messages": "text", "assistant_feedback": "text", "assistant_queue": "question"}


@dataclass(frozen=True)
class ChatTurn:
    """One message of a chat, as stored (``person_id``: who asked, when known)."""

    session_id: str
    person_id: str | None
    role: Literal["user", "assistant", "staff"]  # staff: a person's answer to a handed-over question
    text: str
    intent: str | None
    confidence: float | None
    handover: bool
    sources: Sequence[dict[str, Any]]


@dataclass(frozen=True)
class FeedbackRow:
    """A structured feedback record read from one message."""

    product: str | None
    topic: str
    sentiment: str
    severity: str
    text: str
    created_at: datetime | None = None
    brand: str | None = None  # the brand's slug (m010_queue); None: asked without a brand


@dataclass(frozen=True)
class StoredTurn:
    """One stored chat turn, as a chat page shows it."""

    id: int
    role: str
    text: str
    handover: bool
    sources: tuple[dict[str, Any], ...]
    created_at: datetime


@dataclass(frozen=True)
class QueueItem:
    """A question the assistant handed over to a person; ``due_at`` is its SLA deadline."""

    id: int
    session_id: str
    question: str
    status: str
    assigned_to: str | None
    answer: str | None
    created_at: datetime
    due_at: datetime
    assigned_at: datetime | None
    answered_at: datetime | None
    brand: str | None = None  # the brand's slug (m010_queue); None: asked without a brand

    def to_dict(self, *, now: datetime | None = None) -> dict[str, Any]:
        """Plain JSON, dates as ISO text, with ``overdue`` (past ``due_at`` and not answered)."""
        out: dict[str, Any] = {
            k: v.isoformat() if isinstance(v, datetime) else v for k, v in self.__dict__.items()
        }
        out["overdue"] = self.status != "answered" and (now or _now()) > self.due_at
        return out


def _write(table_name: str, action: Any) -> Any:
    try:
        return action()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot write {table_name}: {_first_line(exc)}") from exc


def _inserted(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def save_turn(store: Store, turn: ChatTurn) -> int:
    """Store one chat turn; its id."""
    values = {k: v for k, v in turn.__dict__.items() if k != "sources"}
    values |= {"sources": json.dumps(list(turn.sources), sort_keys=True), "created_at": _now()}

    def run() -> int:
        with store.engine.begin() as conn:
            return _inserted(conn.execute(insert(assistant_messages).values(**values)))

    return int(_write("assistant_messages", run))


def save_feedback(
    store: Store, *, message_id: int, turn: ChatTurn, feedback: FeedbackRow, brand: str | None = None
) -> int:
    """Store the feedback record read from message ``message_id`` (asked of ``brand``, a slug); its id."""
    values = {k: v for k, v in feedback.__dict__.items() if k not in ("created_at", "brand")}
    values["brand"] = brand
    values |= {"message_id": message_id, "session_id": turn.session_id, "person_id": turn.person_id}

    def run() -> int:
        with store.engine.begin() as conn:
            row = insert(assistant_feedback).values(**values, created_at=_now())
            return _inserted(conn.execute(row))

    return int(_write("assistant_feedback", run))


def enqueue(
    store: Store, *, message_id: int, turn: ChatTurn, sla: timedelta, brand: str | None = None
) -> int:
    """Put a question (asked of ``brand``, a slug) on the hand-over queue, due ``sla`` from now; its id."""
    created = _now()
    values = {"message_id": message_id, "session_id": turn.session_id, "person_id": turn.person_id}
    values["brand"] = brand
    values |= {"question": turn.text, "status": "open", "created_at": created, "due_at": created + sla}

    def run() -> int:
        with store.engine.begin() as conn:
            return _inserted(conn.execute(insert(assistant_queue).values(**values)))

    return int(_write("assistant_queue", run))


def _item(row: Any) -> QueueItem:
    fields = QueueItem.__dataclass_fields__
    return QueueItem(**{k: v for k, v in dict(row._mapping).items() if k in fields})


def _of_brands(column: Any, brands: Collection[str | None]) -> Any:
    """``column`` is one of ``brands`` (``None`` in it: also rows without a brand)."""
    named = [b for b in brands if b is not None]
    test = column.in_(named)
    return or_(test, column.is_(None)) if None in brands else test


def queue_items(
    store: Store, *, status: QueueStatus | None = None, brands: Collection[str | None] | None = None
) -> list[QueueItem]:
    """Queue items, oldest due first (optionally one status; only ``brands``' slugs, ``None``: unbranded)."""
    if status is not None and status not in QUEUE_STATUSES:
        raise InvalidInput(f"status={status!r}: expected one of {', '.join(QUEUE_STATUSES)}")
    query = select(assistant_queue).order_by(assistant_queue.c.due_at, assistant_queue.c.id)
    if status is not None:
        query = query.where(assistant_queue.c.status == status)
    if brands is not None:
        query = query.where(_of_brands(assistant_queue.c.brand, brands))
    try:
        with store.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read assistant_queue: {_first_line(exc)}") from exc


def _change(store: Store, item_id: int, values: dict[str, Any], *, allowed: tuple[str, ...]) -> QueueItem:
    def run() -> QueueItem:
        with store.engine.begin() as conn:
            found = conn.execute(select(assistant_queue).where(assistant_queue.c.id == item_id)).first()
            if found is None:
                raise NotFound(f"item={item_id}: no such queue item")
            if found.status not in allowed:
                raise InvalidInput(f"item={item_id}: is {found.status}; expected one of {', '.join(allowed)}")
            conn.execute(update(assistant_queue).where(assistant_queue.c.id == item_id).values(**values))
            return _item(conn.execute(select(assistant_queue).where(assistant_queue.c.id == item_id)).one())

    return _write("assistant_queue", run)  # type: ignore[no-any-return]


def assign_item(store: Store, item_id: int, *, to: str) -> QueueItem:
    """Give an open (or assigned) item to ``to``."""
    if not to.strip():
        raise InvalidInput("to='': expected the name of the person who answers")
    values = {"status": "assigned", "assigned_to": to.strip(), "assigned_at": _now()}
    return _change(store, item_id, values, allowed=("open", "assigned"))


def answer_item(store: Store, item_id: int, *, answer: str, by: str) -> QueueItem:
    """Record a person's answer; the item is then ``answered``, and the answer is a ``staff`` turn of
    the chat session it came from (the person sees it on the chat's next poll)."""
    if not answer.strip():
        raise InvalidInput("answer='': expected the answer text")
    found = next((i for i in queue_items(store) if i.id == item_id), None)
    values: dict[str, Any] = {"status": "answered", "answer": answer.strip(), "answered_at": _now()}
    if found is not None and not found.assigned_to:
        values |= {"assigned_to": by, "assigned_at": _now()}
    item = _change(store, item_id, values, allowed=("open", "assigned"))
    with store.engine.connect() as conn:
        person = conn.execute(select(assistant_queue.c.person_id).where(assistant_queue.c.id == item_id))
        person_id = person.scalar()
    save_turn(store, ChatTurn(item.session_id, person_id, "staff", answer.strip(), None, None, True, []))
    return item


def session_turns(store: Store, session_id: str) -> list[StoredTurn]:
    """The stored turns of one chat session, oldest first (what the retention limit left)."""
    query = (
        select(assistant_messages)
        .where(assistant_messages.c.session_id == session_id)
        .order_by(assistant_messages.c.created_at, assistant_messages.c.id)
    )
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(query).all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read assistant_messages: {_first_line(exc)}") from exc
    return [
        StoredTurn(r.id, r.role, r.text, bool(r.handover), tuple(json.loads(r.sources or "[]")), r.created_at)
        for r in rows
    ]


def feedback_rows(
    store: Store, *, since: datetime | None = None, brands: Collection[str | None] | None = None
) -> list[FeedbackRow]:
    """Stored feedback records, oldest first (only ``brands``' slugs when given; ``None``: unbranded)."""
    query = select(assistant_feedback).order_by(assistant_feedback.c.created_at, assistant_feedback.c.id)
    if since is not None:
        query = query.where(assistant_feedback.c.created_at >= since)
    if brands is not None:
        query = query.where(_of_brands(assistant_feedback.c.brand, brands))
    fields = FeedbackRow.__dataclass_fields__
    try:
        with store.engine.connect() as conn:
            found = conn.execute(query).all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read assistant_feedback: {_first_line(exc)}") from exc
    return [FeedbackRow(**{k: v for k, v in r._mapping.items() if k in fields}) for r in found]


def forget_chats_before(store: Store, cutoff: datetime) -> int:
    """Delete chat turns older than ``cutoff`` (the retention limit); rows removed.

    Feedback records and queue items stay: they are the brand's record of what was said (erasure
    removes them per person).
    """

    def run() -> int:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            gone = conn.execute(delete(assistant_messages).where(assistant_messages.c.created_at < cutoff))
            return int(gone.rowcount or 0)

    return int(_write("assistant_messages", run))


def erase_assistant_rows(store: Store, people: Iterable[str], needles: Iterable[str]) -> dict[str, int]:
    """Delete every assistant row asked by one of ``people`` or whose text contains a ``needle``
    (the person's e-mails and ``@handles``, compared case-insensitively); rows removed per table."""
    who = sorted({p for p in people if p} | {p.lower() for p in people if p})
    marks = [re.compile(rf"(?<![\w.+-]){re.escape(n.lower())}(?![\w-])") for n in needles if n]
    removed: dict[str, int] = {}

    def run() -> dict[str, int]:
        with store.engine.begin() as conn:
            if store.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            for table in _TABLES:
                text = table.c[_TEXT[table.name]]
                rows = conn.execute(select(table.c.id, table.c.person_id, text)).all()
                ids = [r[0] for r in rows if r[1] in who or any(m.search(str(r[2]).lower()) for m in marks)]
                if ids:
                    conn.execute(delete(table).where(table.c.id.in_(ids)))
                removed[table.name] = len(ids)
        return removed

    return _write("assistant rows", run)  # type: ignore[no-any-return]
