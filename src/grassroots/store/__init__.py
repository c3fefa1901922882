"""The operational store: brands, campaigns, customers, orders, consent, alerts, audit log.

SQLAlchemy 2 + Alembic; SQLite file by default, PostgreSQL when the database URL says so. The only
package that speaks SQL to the operational store.
"""

from __future__ import annotations

from grassroots.store import accounts, tables
from grassroots.store.accounts import (
    ALL_BRANDS,
    ROLES,
    SCOPES,
    ApiKey,
    Role,
    Scope,
    User,
    add_user,
    authenticate,
    check_key,
    close_session,
    create_key,
    list_keys,
    list_users,
    open_session,
    revoke_key,
    session_user,
)
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

__all__ = [
    "ALERT_KINDS",
    "ALERT_STATUSES",
    "ALL_BRANDS",
    "BACKENDS",
    "ROLES",
    "SCOPES",
    "Alert",
    "AlertDraft",
    "AlertKind",
    "AlertStatus",
    "ApiKey",
    "BrandRow",
    "Role",
    "Scope",
    "Store",
    "StoreCounts",
    "User",
    "accounts",
    "add_user",
    "authenticate",
    "brand_rows",
    "check_key",
    "check_url",
    "close_session",
    "create_key",
    "current_revision",
    "delete_brand",
    "head_revision",
    "list_alerts",
    "list_keys",
    "list_users",
    "migrate",
    "open_session",
    "raise_alerts",
    "revoke_key",
    "save_brand",
    "session_user",
    "set_alert_status",
    "sqlite_file",
    "tables",
]
