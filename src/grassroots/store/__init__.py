"""The operational store: brands, campaigns, customers, orders, consent, alerts, assistant, audit log.

SQLAlchemy 2 + Alembic; SQLite file by default, PostgreSQL when the database URL says so. The only
package that speaks SQL to the operational store.
"""

from __future__ import annotations

from grassroots.store import tables
from grassroots.store.alerts import (
    ALERT_KINDS,
    ALERT_STATUSES,
    Alert,
    AlertDraft,
    AlertKind,
    AlertStatus,
    list_alerts,
    raise_alerts,
    set_alert_status,
)
from grassroots.store.brands import BrandRow, brand_rows, delete_brand, save_brand
from grassroots.store.db import (
    BACKENDS,
    Store,
    StoreCounts,
    check_url,
    current_revision,
    head_revision,
    migrate,
    sqlite_file,
)
from grassroots.store.engage import (
    QUEUE_STATUSES,
    ChatTurn,
    FeedbackRow,
    QueueItem,
    QueueStatus,
    answer_item,
    assign_item,
    enqueue,
    erase_assistant_rows,
    feedback_rows,
    forget_chats_before,
    queue_items,
    save_feedback,
    save_turn,
)

__all__ = [
    "ALERT_KINDS",
    "ALERT_STATUSES",
    "BACKENDS",
    "QUEUE_STATUSES",
    "Alert",
    "AlertDraft",
    "AlertKind",
    "AlertStatus",
    "BrandRow",
    "ChatTurn",
    "FeedbackRow",
    "QueueItem",
    "QueueStatus",
    "Store",
    "StoreCounts",
    "answer_item",
    "assign_item",
    "brand_rows",
    "check_url",
    "current_revision",
    "delete_brand",
    "enqueue",
    "erase_assistant_rows",
    "feedback_rows",
    "forget_chats_before",
    "head_revision",
    "list_alerts",
    "migrate",
    "queue_items",
    "raise_alerts",
    "save_brand",
    "save_feedback",
    "save_turn",
    "set_alert_status",
    "sqlite_file",
    "tables",
]
