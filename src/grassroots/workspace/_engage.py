"""Workspace methods of the feedback assistant: knowledge base, ask, hand-over queue, feedback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.engage import AssistantReply, Document, FeedbackTheme
    from grassroots.store import FeedbackRow, QueueItem, QueueStatus

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
        """Answer one message from the knowledge base (or hand it over) and record it."""
        from grassroots.engage import ask, endpoint_of

        self._store_ready()
        return ask(
            self.settings,
            text,
            session=session,
            person=person,
            brand=brand or self._brand_name(),
            endpoint=endpoint_of(self.settings),
        )

    def assistant_queue(self, *, status: QueueStatus | None = None) -> list[QueueItem]:
        """Handed-over questions, oldest due first."""
        from grassroots.store import Store, queue_items

        with Store(self.settings.database_url) as store:
            return queue_items(store, status=status)

    def assistant_assign(self, item: int, *, to: str) -> QueueItem:
        """Give a queue item to a person."""
        from grassroots.store import Store, assign_item

        with Store(self.settings.database_url) as store:
            found = assign_item(store, item, to=to)
        self._audit_engage("assistant-assign", str(item), {"to": to})
        return found

    def assistant_answer(self, item: int, *, answer: str, by: str) -> QueueItem:
        """Record a person's answer to a queue item."""
        from grassroots.store import Store, answer_item

        with Store(self.settings.database_url) as store:
            found = answer_item(store, item, answer=answer, by=by)
        self._audit_engage("assistant-answer", str(item), {"by": by})
        return found

    def assistant_feedback(self, *, since: datetime | None = None) -> list[FeedbackRow]:
        """Stored feedback records, oldest first."""
        from grassroots.store import Store, feedback_rows

        with Store(self.settings.database_url) as store:
            return feedback_rows(store, since=since)

    def assistant_themes(self) -> list[FeedbackTheme]:
        """Feedback themes month by month (listen's theming)."""
        from grassroots.engage import feedback_themes
        from grassroots.store import Store

        with Store(self.settings.database_url) as store:
            return feedback_themes(store)

    def _store_ready(self) -> None:
        from grassroots.errors import NotFound

        if not self.initialised:
            raise NotFound(f"{self.data_dir}: not initialised; run `grassroots init` (Workspace.init())")

    def _brand_name(self) -> str:
        """The brand's name when the store holds exactly one brand, else a neutral word."""
        from grassroots.store import Store, brand_rows

        with Store(self.settings.database_url) as store:
            rows = brand_rows(store)
        return rows[0].name if len(rows) == 1 else "the brand"

    def _audit_engage(self, action: str, subject: str, details: dict[str, object]) -> None:
        from grassroots.store import Store

        with Store(self.settings.database_url) as store:
            store.audit(self.actor, action, subject, details)
