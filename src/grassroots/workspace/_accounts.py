"""Workspace methods on who may use the web app and API: users, sessions, API keys, the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.store import ApiKey, Role, Scope, User

__all__ = ["AccountMethods"]


class AccountMethods(WorkspaceBase):
    """Users with per-brand roles, login sessions and API keys (see :mod:`grassroots.store.accounts`)."""

    def add_user(self, name: str, *, password: str, role: Role, brand: str | None = None) -> User:
        """Create a user (or set its password) with ``role`` for ``brand`` (None: every brand)."""
        from grassroots.store import ALL_BRANDS, Store, add_user

        slug = ALL_BRANDS if brand is None else self._book().get(brand).slug
        with Store(self.settings.database_url) as store:
            return add_user(store, name, password=password, role=role, brand=slug, actor=self.actor)

    def users(self) -> tuple[User, ...]:
        """Every web user and its roles."""
        from grassroots.store import Store, list_users

        with Store(self.settings.database_url) as store:
            return tuple(list_users(store))

    def login(self, name: str, password: str, *, ttl: timedelta) -> tuple[User, str, str] | None:
        """Check a password; on success open a session: (user, session token, CSRF token)."""
        from grassroots.store import Store, authenticate, open_session

        with Store(self.settings.database_url) as store:
            user = authenticate(store, name, password)
            if user is None:
                store.audit(self.actor, "login_failed", name, {})
                return None
            token, csrf = open_session(store, user, ttl=ttl)
            store.audit(name, "login", name, {})
            return user, token, csrf

    def session(self, token: str) -> tuple[User, str] | None:
        """The user and CSRF token of a live session token, or None."""
        from grassroots.store import Store, session_user

        with Store(self.settings.database_url) as store:
            return session_user(store, token)

    def logout(self, token: str) -> None:
        """End a session."""
        from grassroots.store import Store, close_session

        with Store(self.settings.database_url) as store:
            close_session(store, token)

    def create_key(self, name: str, *, scope: Scope) -> str:
        """A new API key (returned once; only its hash is stored)."""
        from grassroots.store import Store, create_key

        with Store(self.settings.database_url) as store:
            return create_key(store, name, scope=scope, actor=self.actor)

    def api_keys(self) -> tuple[ApiKey, ...]:
        """Every API key (never the key itself), revoked ones too."""
        from grassroots.store import Store, list_keys

        with Store(self.settings.database_url) as store:
            return tuple(list_keys(store))

    def revoke_key(self, name: str) -> ApiKey:
        """Revoke an API key by name."""
        from grassroots.store import Store, revoke_key

        with Store(self.settings.database_url) as store:
            return revoke_key(store, name, actor=self.actor)

    def check_key(self, key: str) -> ApiKey | None:
        """The live API key ``key`` is, or None."""
        from grassroots.store import Store, check_key

        with Store(self.settings.database_url) as store:
            return check_key(store, key)

    def audit(self, action: str, subject: str | None, details: Mapping[str, Any] | None = None) -> None:
        """Append one row to the audit log as this workspace's actor (who, what, when)."""
        from grassroots.store import Store

        with Store(self.settings.database_url) as store:
            store.audit(self.actor, action, subject, details or {})
