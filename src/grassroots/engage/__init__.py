"""engage domain: the feedback assistant (intent, knowledge base, answers, hand-over, feedback, the
public chat's signed links), next-product recommendations and outreach e-mail.

The intent model and the sentence model load on first use.
"""

from __future__ import annotations

from grassroots.engage.assistant import ANSWER_MIN, DONT_KNOW, AssistantReply, Source, answer_message
from grassroots.engage.chat import (
    ANONYMOUS,
    ChatAccess,
    ChatLink,
    chat_csrf,
    expired_on,
    make_chat_link,
    open_chat,
)
from grassroots.engage.feedback import feedback_record, mask_personal, severity_of
from grassroots.engage.intent import OUT_OF_SCOPE, IntentModel, IntentPrediction, intent_model
from grassroots.engage.kb import (
    KB_KINDS,
    Document,
    KnowledgeBase,
    Passage,
    add_document,
    kb_dir,
    load_knowledge_base,
    parse_document,
    remove_document,
)
from grassroots.engage.outreach import (
    ConsentCheck,
    FileOutbox,
    OutreachTemplate,
    PreviewedMessage,
    SendResult,
    SmtpTransport,
    preview,
    send,
)
from grassroots.engage.phrasing import ChatEndpoint, grounded
from grassroots.engage.recommend import ItemItemRecommender, PopularityRecommender, Recommendation
from grassroots.engage.service import FeedbackTheme, ask, endpoint_of, feedback_themes

__all__ = [
    "ANONYMOUS",
    "ANSWER_MIN",
    "DONT_KNOW",
    "KB_KINDS",
    "OUT_OF_SCOPE",
    "AssistantReply",
    "ChatAccess",
    "ChatEndpoint",
    "ChatLink",
    "ConsentCheck",
    "Document",
    "FeedbackTheme",
    "FileOutbox",
    "IntentModel",
    "IntentPrediction",
    "ItemItemRecommender",
    "KnowledgeBase",
    "OutreachTemplate",
    "Passage",
    "PopularityRecommender",
    "PreviewedMessage",
    "Recommendation",
    "SendResult",
    "SmtpTransport",
    "Source",
    "add_document",
    "answer_message",
    "ask",
    "chat_csrf",
    "endpoint_of",
    "expired_on",
    "feedback_record",
    "feedback_themes",
    "grounded",
    "intent_model",
    "kb_dir",
    "load_knowledge_base",
    "make_chat_link",
    "mask_personal",
    "open_chat",
    "parse_document",
    "preview",
    "remove_document",
    "send",
    "severity_of",
]
