"""The feedback assistant's answer to one message: retrieve, answer or hand over, read feedback.

One embedding of the message serves both the intent model and retrieval. The message is answered
when a knowledge-base passage scores at least ``ANSWER_MIN`` (cosine; fixed before the question set
was run, see ``docs/assistant.md``): the answer is that passage's text, quoted with its source,
optionally phrased by the user's own chat endpoint (:mod:`grassroots.engage.phrasing`) when the
phrasing stays grounded. Greetings, thanks and the like (CLINC150 small-talk intents read as in
scope) get a short reply. Anything else is handed over to a person: the assistant says it does not
know. A negative message about health, safety, the law or money taken is handed over as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from grassroots.engage.embedding import embed_texts
from grassroots.engage.feedback import feedback_record
from grassroots.engage.intent import IntentModel, IntentPrediction
from grassroots.engage.kb import KnowledgeBase, Passage
from grassroots.engage.phrasing import ChatEndpoint
from grassroots.store import FeedbackRow

__all__ = ["ANSWER_MIN", "DONT_KNOW", "AssistantReply", "Source", "answer_message"]

ANSWER_MIN = 0.5
TOPIC_MIN = 0.3
DONT_KNOW = (
    "I don't know the answer to that from {brand}'s own information, so I won't guess. "
    "I've passed your message to a person on the team, who will reply."
)
_SMALL_TALK = {
    "greeting": "Hello! Ask me anything about {brand}'s products, orders or the advocate programme.",
    "thank_you": "You're welcome!",
    "goodbye": "Goodbye, and thank you for getting in touch.",
    "are_you_a_bot": "Yes, I'm {brand}'s automated assistant. I answer from {brand}'s own information "
    "and pass anything else to a person.",
    "what_can_i_ask_you": "You can ask me about {brand}'s products, delivery, returns and the advocate "
    "programme, or tell me what you think of a product.",
}

Route = Literal["knowledge_base", "small_talk", "handover"]


@dataclass(frozen=True)
class Source:
    """A knowledge-base passage an answer quotes."""

    document: str
    title: str
    section: str
    quote: str
    score: float

    @classmethod
    def of(cls, passage: Passage, score: float) -> Source:
        return cls(passage.document, passage.title, passage.heading, passage.text, round(score, 4))


@dataclass(frozen=True)
class AssistantReply:
    """What the assistant says to one message, and what it read in it."""

    answer: str
    sources: tuple[Source, ...]
    intent: str
    confidence: float
    handover: bool
    out_of_scope: bool
    route: Route
    feedback: FeedbackRow | None = None
    phrased_by: Literal["built-in", "endpoint"] = "built-in"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``grassroots assistant ask --json``."""
        feedback = None
        if self.feedback is not None:
            feedback = {k: v for k, v in self.feedback.__dict__.items() if k != "created_at"}
        return {
            "answer": self.answer,
            "sources": [s.__dict__ for s in self.sources],
            "intent": self.intent,
            "out_of_scope": self.out_of_scope,
            "confidence": round(self.confidence, 4),
            "handover": self.handover,
            "route": self.route,
            "phrased_by": self.phrased_by,
            "feedback": feedback,
            **self.extra,
        }


def answer_message(
    text: str,
    *,
    kb: KnowledgeBase,
    model: IntentModel,
    sentiment: Callable[[str], str],
    brand: str,
    endpoint: ChatEndpoint | None = None,
) -> AssistantReply:
    """Answer ``text`` from ``kb`` or hand it over; ``sentiment(text)`` is listen's label."""
    vector = embed_texts([text])
    intent = model.classify_vectors(vector)[0]
    hits = kb.search(vector[0], top=3)
    label = sentiment(text)
    topic = hits[0][0].heading if hits and hits[0][1] >= TOPIC_MIN else _topic(intent)
    feedback = feedback_record(text, sentiment=label, products=kb.products(), topic=topic)
    urgent = feedback is not None and feedback.severity == "high"
    if hits and hits[0][1] >= ANSWER_MIN:
        best = hits[0][1]
        chosen = [(p, s) for p, s in hits if s >= ANSWER_MIN and best - s <= 0.05][:2]
        answer, phrased_by = _phrase(text, [p for p, _ in chosen], endpoint)
        sources = tuple(Source.of(p, s) for p, s in chosen)
        route: Route = "knowledge_base"
        return AssistantReply(
            answer, sources, intent.intent, best, urgent, intent.out_of_scope, route, feedback, phrased_by
        )
    if intent.intent in _SMALL_TALK and not intent.out_of_scope and not urgent and feedback is None:
        reply = _SMALL_TALK[intent.intent].format(brand=brand)
        return AssistantReply(reply, (), intent.intent, intent.confidence, False, False, "small_talk")
    confidence = hits[0][1] if hits else 0.0
    return AssistantReply(
        DONT_KNOW.format(brand=brand),
        (),
        intent.intent,
        confidence,
        True,
        intent.out_of_scope,
        "handover",
        feedback,
    )


def _topic(intent: IntentPrediction) -> str:
    return "other" if intent.out_of_scope else intent.intent


def _phrase(
    question: str, passages: Sequence[Passage], endpoint: ChatEndpoint | None
) -> tuple[str, Literal["built-in", "endpoint"]]:
    if endpoint is not None:
        phrased = endpoint.phrase(question, passages)
        if phrased is not None:
            return phrased, "endpoint"
    return passages[0].text, "built-in"
