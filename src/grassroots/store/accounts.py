"""Who may use the web app and the API: users with per-brand roles, their sessions, and API keys.

Only hashes are stored. Passwords are hashed with argon2id (``argon2-cffi``, the ``web`` extra);
API keys and session tokens are 256-bit random values, so SHA-256 of them is enough (nothing to
guess) and lets a lookup be one indexed query. A key is shown once, when it is made: ``gr_`` and
43 URL-safe characters.

Roles nest (admin ⊇ analyst ⊇ viewer) and are per brand: a user holds a role for one brand's slug
or for every brand (``*``). Scopes of API keys nest the same way (admin ⊇ write ⊇ read).

>>> import tempfile, pathlib
>>> from grassroots.store import Store, migrate
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> _ = migrate(url)
>>> with Store(url) as store:
...     key = create_key(store, "shop", scope="write")
...     (key.startswith("gr_"), check_key(store, key).allows("read"), check_key(store, "gr_x"))
(True, True, None)
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from grassroots.errors import InvalidInput, MissingDependency, NotFound, StoreError
from grassroots.store.db import Store, _now
from grassroots.store.tables import api_keys, user_roles, users, web_sessions

__all__ = [
    "ALL_BRANDS",
    "KEY_PREFIX",
    "ROLES",
    "SCOPES",
    "ApiKey",
    "Role",
    "Scope",
    "User",
    "add_user",
    "authenticate",
    "check_key",
    "close_session",
    "create_key",
    "list_keys",
    "list_users",
    "open_session",
    "revoke_key",
    "session_user",
]

Role = Literal["viewer", "analyst", "admin"]
Scope = Literal["read", "write", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
SCOPES: tuple[str, ...] = get_args(Scope)
KEY_PREFIX = "gr_"
ALL_BRANDS = "*"
_MIN_PASSWORD = 10


def _check(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidInput(f"{name}={value!r}: expected one of {', '.join(allowed)}")


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class User:
    """A web user: a name and a role per brand slug (``*``: every brand)."""

    id: int
    name: str
    roles: Mapping[str, str] = field(default_factory=dict)

    def role_for(self, brand: str | None = None) -> str | None:
        """The user's role for ``brand`` (a slug); without a brand, the highest role held anywhere."""
        if brand is None:
            held = [ROLES.index(r) for r in self.roles.values()]
            return ROLES[max(held)] if held else None
        found = [self.roles[b] for b in (brand, ALL_BRANDS) if b in self.roles]
        return ROLES[max(ROLES.index(r) for r in found)] if found else None

    def allows(self, role: str, brand: str | None = None) -> bool:
        """True when the user's role (for ``brand``) is ``role`` or above."""
        held = self.role_for(brand)
        return held is not None and ROLES.index(held) >= ROLES.index(role)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "roles": dict(self.roles)}


@dataclass(frozen=True)
class ApiKey:
    """A stored API key (never the key itself): its name, first characters, scope and dates."""

    name: str
    prefix: str
    scope: str
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    def allows(self, scope: str) -> bool:
        """True when this key's scope is ``scope`` or above (admin ⊇ write ⊇ read)."""
        return SCOPES.index(self.scope) >= SCOPES.index(scope)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.__dict__)
        for key in ("created_at", "revoked_at", "last_used_at"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return out


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ModuleNotFoundError as exc:
        raise MissingDependency("argon2-cffi", "web") from exc
    return PasswordHasher()


_DUMMY: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (same time as a wrong password)."""
    if "hash" not in _DUMMY:
        _DUMMY["hash"] = _hasher().hash(secrets.token_urlsafe(16))
    return _DUMMY["hash"]


def add_user(
    store: Store, name: str, *, password: str, role: Role, brand: str = ALL_BRANDS, actor: str = "cli"
) -> User:
    """Create the user ``name``, or set a new password for it, and give it ``role`` for ``brand``."""
    _check("role", role, ROLES)
    if not name.strip() or len(name) > 200:
        raise InvalidInput(f"name={name!r}: give 1 to 200 characters")
    if len(password) < _MIN_PASSWORD:
        raise InvalidInput(f"password: at least {_MIN_PASSWORD} characters")
    hashed = _hasher().hash(password)
    try:
        with store.engine.begin() as conn:
            found = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if found is None:
                values = {"name": name, "password_hash": hashed, "created_at": _now(), "disabled": False}
                inserted = conn.execute(insert(users).values(**values)).inserted_primary_key
                found = inserted[0] if inserted is not None else 0
            else:
                conn.execute(update(users).where(users.c.id == found).values(password_hash=hashed))
                conn.execute(delete(web_sessions).where(web_sessions.c.user_id == found))
            conn.execute(delete(user_roles).where(user_roles.c.user_id == found, user_roles.c.brand == brand))
            conn.execute(insert(user_roles).values(user_id=found, brand=brand, role=role))
            store._audit(conn, actor, "user_set", name, {"role": role, "brand": brand})
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot write users: {exc}") from exc
    return _user(store, int(found))


def _user(store: Store, user_id: int) -> User:
    with store.engine.connect() as conn:
        name = conn.execute(select(users.c.name).where(users.c.id == user_id)).scalar_one()
        roles = conn.execute(
            select(user_roles.c.brand, user_roles.c.role).where(user_roles.c.user_id == user_id)
        )
        return User(user_id, str(name), {str(b): str(r) for b, r in roles})


def list_users(store: Store) -> list[User]:
    """Every user with its roles, by name."""
    with store.engine.connect() as conn:
        ids = conn.execute(select(users.c.id).order_by(users.c.name)).scalars().all()
    return [_user(store, int(i)) for i in ids]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when ``password`` is right, else None (an unknown name takes as long as a wrong one)."""
    from argon2.exceptions import VerificationError

    hasher = _hasher()
    with store.engine.connect() as conn:
        row = conn.execute(
            select(users.c.id, users.c.password_hash).where(users.c.name == name, users.c.disabled.is_(False))
        ).first()
    try:
        hasher.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except VerificationError:
        return None
    return _user(store, int(row.id)) if row is not None else None


def open_session(store: Store, user: User, *, ttl: timedelta) -> tuple[str, str]:
    """Start a session for ``user``: returns (cookie token, CSRF token); only the token's hash is kept."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    values = {"id": _sha256(token), "user_id": user.id, "csrf_token": csrf, "created_at": now}
    with store.engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
        conn.execute(insert(web_sessions).values(**values, expires_at=now + ttl))
    return token, csrf


def session_user(store: Store, token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session, or None (unknown or expired token)."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(web_sessions.c.user_id, web_sessions.c.csrf_token).where(
                web_sessions.c.id == _sha256(token), web_sessions.c.expires_at > _now()
            )
        ).first()
    return (_user(store, int(row.user_id)), str(row.csrf_token)) if row is not None else None


def close_session(store: Store, token: str) -> None:
    """End a session (log out); unknown tokens are ignored."""
    with store.engine.begin() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.id == _sha256(token)))


def create_key(store: Store, name: str, *, scope: Scope, actor: str = "cli") -> str:
    """Make an API key named ``name``; returns the key, which is never shown again."""
    _check("scope", scope, SCOPES)
    if not name.strip() or len(name) > 200:
        raise InvalidInput(f"name={name!r}: give 1 to 200 characters")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    values = {"name": name, "key_hash": _sha256(key), "prefix": key[:8], "scope": scope, "created_at": _now()}
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(api_keys).values(**values))
            store._audit(conn, actor, "api_key_create", name, {"scope": scope})
    except IntegrityError:
        raise InvalidInput(f"name={name!r}: a key of that name exists; revoke it or pick another") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot write api_keys: {exc}") from exc
    return key


def _key(row: Any) -> ApiKey:
    return ApiKey(row.name, row.prefix, row.scope, row.created_at, row.revoked_at, row.last_used_at)


def list_keys(store: Store) -> list[ApiKey]:
    """Every API key (revoked ones too), by name."""
    with store.engine.connect() as conn:
        return [_key(r) for r in conn.execute(select(api_keys).order_by(api_keys.c.name))]


def revoke_key(store: Store, name: str, *, actor: str = "cli") -> ApiKey:
    """Revoke the key ``name`` at once (requests with it get 401 from now on)."""
    with store.engine.begin() as conn:
        done = conn.execute(
            update(api_keys)
            .where(api_keys.c.name == name, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        if not done.rowcount:
            raise NotFound(f"name={name!r}: no such live API key (see `grassroots auth list`)")
        store._audit(conn, actor, "api_key_revoke", name, {})
        row = conn.execute(select(api_keys).where(api_keys.c.name == name)).first()
    return _key(row)


def check_key(store: Store, key: str) -> ApiKey | None:
    """The live key ``key`` is, or None (unknown, malformed or revoked)."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(api_keys).where(api_keys.c.key_hash == _sha256(key), api_keys.c.revoked_at.is_(None))
        ).first()
    return _key(row) if row is not None else None
