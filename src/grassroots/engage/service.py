"""The assistant as one call over the store: answer a message, keep the chat, queue and feedback.

:func:`ask` is what ``grassroots assistant ask`` and the REST endpoint run: it answers with
:func:`~grassroots.engage.assistant.answer_message`, stores the question and the answer
(``assistant_messages``), the feedback record if any, and a hand-over queue item when a person must
answer; chats older than the retention limit are deleted first. Logs carry the message with
e-mail addresses, phone numbers and handles masked.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, get_args

from grassroots.config import Settings
from grassroots.engage.assistant import AssistantReply, answer_message
from grassroots.engage.feedback import mask_personal
from grassroots.engage.intent import intent_model
from grassroots.engage.kb import load_knowledge_base
from grassroots.engage.phrasing import ChatEndpoint
from grassroots.errors import InvalidInput
from grassroots.store import (
    ChatTurn,
    FeedbackRow,
    Store,
    enqueue,
    feedback_rows,
    forget_chats_before,
    save_feedback,
    save_turn,
)

__all__ = [
    "MAX_MESSAGE",
    "FeedbackCount",
    "FeedbackTheme",
    "Period",
    "ask",
    "endpoint_of",
    "feedback_counts",
    "feedback_themes",
    "period_of",
]

_log = logging.getLogger(__name__)
MAX_MESSAGE = 2000


def endpoint_of(settings: Settings) -> ChatEndpoint | None:
    """The user's chat endpoint from the settings, or None (the default: off)."""
    if not settings.assistant_llm_url:
        return None
    return ChatEndpoint(settings.assistant_llm_url, settings.assistant_llm_model, settings.assistant_llm_key)


def _sentiment(text: str) -> str:
    from grassroots.listen import load_scorer, score_texts

    return score_texts([text], scorer=load_scorer("fast"))[0].label


def ask(
    settings: Settings,
    text: str,
    *,
    session: str | None = None,
    person: str | None = None,
    brand: str = "the brand",
    brand_key: str | None = None,
    endpoint: ChatEndpoint | None = None,
) -> AssistantReply:
    """Answer ``text`` and record the exchange; the reply's ``extra`` names the session and queue item.

    ``brand`` is the name the assistant speaks for; ``brand_key`` the brand's slug its queue item and
    feedback record are filed under (None: unbranded)."""
    text = text.strip()
    if not text:
        raise InvalidInput("text='': expected a message")
    if len(text) > MAX_MESSAGE:
        raise InvalidInput(f"text: {len(text)} characters; expected at most {MAX_MESSAGE}")
    session = session or uuid.uuid4().hex[:16]
    if len(session) > 100:
        raise InvalidInput("session: expected at most 100 characters")
    kb = load_knowledge_base(settings.data_dir)
    reply = answer_message(
        text, kb=kb, model=intent_model(), sentiment=_sentiment, brand=brand, endpoint=endpoint
    )
    question = ChatTurn(session, person, "user", text, reply.intent, reply.confidence, reply.handover, [])
    answer = ChatTurn(
        session,
        person,
        "assistant",
        reply.answer,
        None,
        None,
        reply.handover,
        [s.__dict__ for s in reply.sources],
    )
    with Store(settings.database_url) as store:
        forget_chats_before(store, _cutoff(settings))
        message_id = save_turn(store, question)
        save_turn(store, answer)
        extra: dict[str, Any] = {"session": session, "queue_item": None}
        if reply.feedback is not None:
            extra["feedback_id"] = save_feedback(
                store, message_id=message_id, turn=question, feedback=reply.feedback, brand=brand_key
            )
        if reply.handover:
            sla = timedelta(hours=settings.assistant_sla_hours)
            extra["queue_item"] = enqueue(
                store, message_id=message_id, turn=question, sla=sla, brand=brand_key
            )
    _log.info("assistant %s: %r -> %s", session, mask_personal(text), reply.route)
    return replace(reply, extra=extra)


def _cutoff(settings: Settings) -> datetime:
    """Chats created before this (UTC, naive as the store keeps times) are past the retention limit."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return now - timedelta(days=settings.assistant_retention_days)


Period = Literal["week", "month"]


def period_of(when: datetime | None, period: Period) -> str:
    """The ISO week (``2026-W49``) or month (``2026-12``) of ``when``.

    >>> period_of(datetime(2026, 12, 2), "week"), period_of(datetime(2026, 12, 2), "month")
    ('2026-W49', '2026-12')
    """
    if when is None:
        return "unknown"
    return when.strftime("%G-W%V") if period == "week" else when.strftime("%Y-%m")


@dataclass(frozen=True)
class FeedbackTheme:
    """A theme of one period's feedback (listen's theming, per sentiment); ``month`` names the
    period (an ISO week such as ``2026-W49`` when themes are per week)."""

    month: str
    sentiment: str
    term: str
    messages: int
    z: float


@dataclass(frozen=True)
class FeedbackCount:
    """How many feedback records of one sentiment a period had, and how many of them were severe."""

    period: str
    sentiment: str
    messages: int
    high: int


def feedback_counts(rows: Iterable[FeedbackRow], *, period: Period = "week") -> list[FeedbackCount]:
    """Feedback records per period and sentiment, oldest period first.

    >>> rows = [FeedbackRow(None, "t", "negative", "high", "x", datetime(2026, 12, 1)),
    ...         FeedbackRow(None, "t", "positive", "low", "y", datetime(2026, 12, 2))]
    >>> [(c.period, c.sentiment, c.messages, c.high) for c in feedback_counts(rows)]
    [('2026-W49', 'negative', 1, 1), ('2026-W49', 'positive', 1, 0)]
    """
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        cell = counts[(period_of(row.created_at, period), row.sentiment)]
        cell[0] += 1
        cell[1] += row.severity == "high"
    return [FeedbackCount(p, s, n, h) for (p, s), (n, h) in sorted(counts.items())]


def feedback_themes(
    store: Store,
    *,
    min_messages: int = 2,
    period: Period = "month",
    brands: Collection[str | None] | None = None,
) -> list[FeedbackTheme]:
    """Themes of the stored feedback (of ``brands`` when given), period by period (terms
    over-represented in one sentiment)."""
    from grassroots.listen import themes

    if period not in get_args(Period):
        raise InvalidInput(f"period={period!r}: expected one of week, month")
    by_month: dict[str, list[FeedbackRow]] = defaultdict(list)
    for row in feedback_rows(store, brands=brands):
        by_month[period_of(row.created_at, period)].append(row)
    out = []
    for month, rows in sorted(by_month.items()):
        docs = [
            {"label": r.sentiment, "evidence": r.text, "post_id": str(i), "created_at": r.created_at}
            for i, r in enumerate(rows)
        ]
        for theme in themes(docs, min_posts=min_messages, z_min=0.0):
            out.append(FeedbackTheme(month, theme.label, theme.term, theme.posts, round(theme.z, 3)))
    return out
