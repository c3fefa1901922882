"""API routes of the feedback assistant: ask it (``POST /assistant/messages``), work the hand-over queue."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from grassroots.web.api._common import ID, Page, PageParams, page_of
from grassroots.web.app import get_workspace
from grassroots.web.auth import require_scope

__all__ = ["router"]

router = APIRouter()
READ = [Depends(require_scope("read"))]
WRITE = [Depends(require_scope("write"))]


class MessageCreate(BaseModel):
    """A customer's message to the assistant."""

    text: str = Field(min_length=1, max_length=2000)
    session: str | None = Field(
        None, min_length=1, max_length=100, description="Chat session (default: new)."
    )
    person: str | None = Field(None, min_length=1, max_length=320, description="Who asks (for erasure).")


@router.post("/assistant/messages", dependencies=WRITE, tags=["assistant"])
def post_message(request: Request, message: MessageCreate) -> dict[str, Any]:
    """Answer from the knowledge base with quoted sources, or hand over to a person (``handover``)."""
    reply = get_workspace(request).assistant_ask(message.text, session=message.session, person=message.person)
    return reply.to_dict()


@router.get("/assistant/queue", dependencies=READ, tags=["assistant"])
def list_queue(
    request: Request,
    page: Annotated[PageParams, Depends()],
    status: Literal["open", "assigned", "answered"] | None = None,
    brand: Annotated[str | None, Query(max_length=200)] = None,
) -> Page:
    """Handed-over questions, oldest due first (``overdue`` once past the SLA), of one brand if given."""
    items = get_workspace(request).assistant_queue(status=status, brand=brand)
    return page_of([i.to_dict() for i in items], page)


class QueueAssign(BaseModel):
    """Who takes a queue item."""

    to: str = Field(min_length=1, max_length=200)


class QueueAnswer(BaseModel):
    """A person's answer to a queue item."""

    answer: str = Field(min_length=1, max_length=5000)
    by: str = Field(min_length=1, max_length=200)


@router.post("/assistant/queue/{item}/assign", dependencies=WRITE, tags=["assistant"])
def assign(request: Request, item: ID, body: QueueAssign) -> dict[str, Any]:
    """Assign a queue item; audited."""
    return get_workspace(request).assistant_assign(item, to=body.to).to_dict()


@router.post("/assistant/queue/{item}/answer", dependencies=WRITE, tags=["assistant"])
def answer(request: Request, item: ID, body: QueueAnswer) -> dict[str, Any]:
    """Record the answer to a queue item; audited."""
    return get_workspace(request).assistant_answer(item, answer=body.answer, by=body.by).to_dict()
