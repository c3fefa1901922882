"""The operational store: brands, campaigns, customers, orders, consent, alerts, audit log.

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
from grassroots.store.corrections import (
    CORRECTION_KINDS,
    CORRECTION_VALUES,
    Correction,
    CorrectionKind,
    add_correction,
    check_correction,
    list_corrections,
    remove_correction,
)
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

__all__ = [
    "ALERT_KINDS",
    "ALERT_STATUSES",
    "BACKENDS",
    "CORRECTION_KINDS",
    "CORRECTION_VALUES",
    "Alert",
    "AlertDraft",
    "AlertKind",
    "AlertStatus",
    "BrandRow",
    "Correction",
    "CorrectionKind",
    "Store",
    "StoreCounts",
    "add_correction",
    "brand_rows",
    "check_correction",
    "check_url",
    "current_revision",
    "delete_brand",
    "head_revision",
    "list_alerts",
    "list_corrections",
    "migrate",
    "raise_alerts",
    "remove_correction",
    "save_brand",
    "set_alert_status",
    "sqlite_file",
    "tables",
]
