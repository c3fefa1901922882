"""Workspace methods of the feedback assistant: knowledge base, ask, hand-over queue, feedback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.engage import AssistantReply, ChatAccess, ChatLink, Document, FeedbackTheme
    from grassroots.engage.service import FeedbackCount, Period
    from grassroots.store import FeedbackRow, QueueItem, QueueStatus, StoredTurn

__all__ = ["EngageMethods"]


class EngageMethods(WorkspaceBase):
    """The assistant answers from the brand's knowledge base and hands the rest to a person."""

    def assistant_kb_add(self, path: Path) -> Document:
        """Check a knowledge-base file and copy it in (same name again: replaced)."""
        from grassroots.engage import add_document

        self._store_ready()
        document = add_document(self.data_dir, Path(path))  # written aside and renamed: no lake write
        self._audit_engage("assistant-kb-add", document.name, {"passages": len(document.passages)})
        return document

    def assistant_kb(self) -> list[Document]:
        """The knowledge base's documents."""
        from grassroots.engage import load_knowledge_base

        return list(load_knowledge_base(self.data_dir).documents)

    def assistant_kb_remove(self, name: str) -> None:
        """Remove one knowledge-base file."""
        from grassroots.engage import remove_document

        remove_document(self.data_dir, name)
        self._audit_engage("assistant-kb-remove", name, {})

    def assistant_ask(
        self, text: str, *, session: str | None = None, person: str | None = None, brand: str | None = None
    ) -> AssistantReply:
        """Answer one message from the knowledge base (or hand it over) and record it; a configured
        ``brand`` (or the only one) files its queue item and feedback under that brand."""
        from grassroots.engage import ask, endpoint_of

        self._store_ready()
        name, slug = self._assistant_brand(brand)
        return ask(
            self.settings,
            text,
            session=session,
            person=person,
            brand=name,
            brand_key=slug,
            endpoint=endpoint_of(self.settings),
        )

    def assistant_queue(
        self, *, status: QueueStatus | None = None, brand: str | None = None
    ) -> list[QueueItem]:
        """Handed-over questions, oldest due first (of one configured ``brand`` when given)."""
        from grassroots.store import Store, queue_items

        brands = self._brand_filter(brand)
        with Store(self.settings.database_url) as store:
            return queue_items(store, status=status, brands=brands)

    def assistant_assign(self, item: int, *, to: str) -> QueueItem:
        """Give a queue item to a person."""
        from grassroots.store import Store, assign_item

        with Store(self.settings.database_url) as store:
            found = assign_item(store, item, to=to)
        self._audit_engage("assistant-assign", str(item), {"to": to})
        return found

    def assistant_answer(self, item: int, *, answer: str, by: str) -> QueueItem:
        """Record a person's answer to a queue item; it joins the chat the question came from (a
        ``staff`` turn the chat page shows on its next poll)."""
        from grassroots.store import Store, answer_item

        with Store(self.settings.database_url) as store:
            found = answer_item(store, item, answer=answer, by=by)
        self._audit_engage("assistant-answer", str(item), {"by": by})
        return found

    def assistant_feedback(
        self, *, since: datetime | None = None, brand: str | None = None
    ) -> list[FeedbackRow]:
        """Stored feedback records, oldest first (of one configured ``brand`` when given)."""
        from grassroots.store import Store, feedback_rows

        brands = self._brand_filter(brand)
        with Store(self.settings.database_url) as store:
            return feedback_rows(store, since=since, brands=brands)

    def assistant_themes(self, *, brand: str | None = None, period: Period = "month") -> list[FeedbackTheme]:
        """Feedback themes per month or ISO week (listen's theming), of one ``brand`` when given."""
        from grassroots.engage import feedback_themes
        from grassroots.store import Store

        brands = self._brand_filter(brand)
        with Store(self.settings.database_url) as store:
            return feedback_themes(store, period=period, brands=brands)

    def assistant_feedback_counts(
        self, *, brand: str | None = None, period: Period = "week"
    ) -> list[FeedbackCount]:
        """Feedback records per ISO week (or month) and sentiment, with the severe ones counted."""
        from grassroots.engage.service import feedback_counts

        return feedback_counts(self.assistant_feedback(brand=brand), period=period)

    def assistant_staff(self, brand: str) -> list[str]:
        """The users who may answer ``brand``'s queue (analyst or above for it), by name."""
        from grassroots.store import Store, list_users

        slug = self._book().get(brand).slug
        with Store(self.settings.database_url) as store:
            return sorted(u.name for u in list_users(store) if u.allows("analyst", slug))

    def assistant_chat_link(
        self, *, person: str | None = None, days: int = 30, brand: str | None = None
    ) -> ChatLink:
        """A signed chat link (``GRASSROOTS_BASE_URL/chat/TOKEN``) for ``person`` (None: an anonymous
        session id in the token's person field), valid ``days`` days; audited without the person."""
        from grassroots.engage import make_chat_link
        from grassroots.errors import InvalidInput
        from grassroots.ingest import load_secret

        self._store_ready()
        name, slug = self._assistant_brand(brand)
        if slug is None:
            raise InvalidInput(f"brand={brand!r}: expected a configured brand (`grassroots brand list`)")
        secret = load_secret(self.settings)
        link = make_chat_link(secret, self.settings.base_url, brand=name, person=person, days=days)
        self._audit_engage("assistant-chat-link", slug, {"days": days, "anonymous": person is None})
        return link

    def assistant_chat(self, token: str) -> ChatAccess:
        """What a chat link opens (brand, person, session); :class:`InvalidValue` when it is tampered,
        of another kind or expired (:meth:`assistant_chat_expired` tells when)."""
        from grassroots.engage import open_chat
        from grassroots.ingest import load_secret

        access = open_chat(load_secret(self.settings), token)
        self._book().get(access.brand)  # NotFound once the brand is removed
        return access

    def assistant_chat_expired(self, token: str) -> datetime | None:
        """When a genuine chat link expired, else None."""
        from grassroots.engage import expired_on
        from grassroots.ingest import load_secret

        return expired_on(load_secret(self.settings), token)

    def assistant_chat_csrf(self, token: str) -> str:
        """The CSRF token of the chat forms opened by ``token`` (bound to the link)."""
        from grassroots.engage import chat_csrf
        from grassroots.ingest import load_secret

        return chat_csrf(load_secret(self.settings), token)

    def assistant_transcript(self, session: str) -> list[StoredTurn]:
        """One chat session's turns, oldest first: questions, answers and people's answers."""
        from grassroots.store import Store, session_turns

        with Store(self.settings.database_url) as store:
            return session_turns(store, session)

    def _store_ready(self) -> None:
        from grassroots.errors import NotFound

        if not self.initialised:
            raise NotFound(f"{self.data_dir}: not initialised; run `grassroots init` (Workspace.init())")

    def _assistant_brand(self, brand: str | None) -> tuple[str, str | None]:
        """The name the assistant speaks for and the slug it files under: a configured ``brand`` (or
        the only one configured); an unknown name is spoken for but filed unbranded (None)."""
        from grassroots.errors import NotFound
        from grassroots.store import Store, brand_rows

        if brand is None:
            with Store(self.settings.database_url) as store:
                rows = brand_rows(store)
            return (rows[0].name, rows[0].slug) if len(rows) == 1 else ("the brand", None)
        try:
            found = self._book().get(brand)
        except NotFound:
            return brand, None
        return found.name, found.slug

    def _brand_filter(self, brand: str | None) -> tuple[str | None, ...] | None:
        """Rows of ``brand`` (a configured brand): its slug, and unbranded rows when it is the only one."""
        from grassroots.store import Store, brand_rows

        if brand is None:
            return None
        slug = self._book().get(brand).slug
        with Store(self.settings.database_url) as store:
            only = len(brand_rows(store)) == 1
        return (slug, None) if only else (slug,)

    def _audit_engage(self, action: str, subject: str, details: dict[str, object]) -> None:
        from grassroots.store import Store

        with Store(self.settings.database_url) as store:
            store.audit(self.actor, action, subject, details)
