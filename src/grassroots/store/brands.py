"""Brand configurations in the store's ``brands`` table: the one place brands live.

The store keeps plain data (name, slug, the configuration as JSON); the listen domain turns it into
its ``Brand`` type. ``slug`` is the name without case and punctuation, so "Dove" and "dove" are the
same brand. Every change writes an audit row in the same transaction.

>>> import tempfile, pathlib
>>> from grassroots.store import Store, migrate
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'g.db'}"
>>> _ = migrate(url)
>>> with Store(url) as store:
...     save_brand(store, name="Dove", slug="dove", config={"name": "Dove", "handles": ["dove"]})
...     [row.config["handles"] for row in brand_rows(store)]
True
[['dove']]
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from grassroots.errors import InvalidInput, StoreError
from grassroots.store.db import Store, _now
from grassroots.store.tables import brands, campaigns

__all__ = ["BrandRow", "brand_rows", "delete_brand", "save_brand"]


@dataclass(frozen=True)
class BrandRow:
    """One stored brand: its display name, slug and configuration mapping."""

    name: str
    slug: str
    config: dict[str, Any]


def save_brand(
    store: Store, *, name: str, slug: str, config: Mapping[str, Any], actor: str = "grassroots"
) -> bool:
    """Insert or replace the brand with ``slug``; returns True when it was new."""
    text = json.dumps(dict(config), sort_keys=True, ensure_ascii=False)
    now = _now()
    try:
        with store.engine.begin() as conn:
            old = conn.execute(select(brands.c.id).where(brands.c.slug == slug)).first()
            if old is None:
                values = {"name": name, "slug": slug, "config": text, "created_at": now, "updated_at": now}
                conn.execute(insert(brands).values(**values))
            else:
                values = {"name": name, "config": text, "updated_at": now}
                conn.execute(update(brands).where(brands.c.slug == slug).values(**values))
            store._audit(conn, actor, "brand_add" if old is None else "brand_edit", name, {"slug": slug})
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store brand {name!r}: {exc}") from exc
    return old is None


def brand_rows(store: Store, *, slug: str | None = None) -> list[BrandRow]:
    """Every stored brand with a configuration (or only the one with ``slug``), by name."""
    query = select(brands.c.name, brands.c.slug, brands.c.config).where(brands.c.config.is_not(None))
    if slug is not None:
        query = query.where(brands.c.slug == slug)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(query.order_by(func.lower(brands.c.name))).all()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read brands (run `grassroots init`?): {exc}") from exc
    return [BrandRow(r.name, r.slug, json.loads(r.config)) for r in rows]


def delete_brand(store: Store, *, slug: str, actor: str = "grassroots") -> bool:
    """Remove the brand with ``slug``; False when there is none. Refuses while campaigns use it."""
    try:
        with store.engine.begin() as conn:
            row = conn.execute(select(brands.c.id, brands.c.name).where(brands.c.slug == slug)).first()
            if row is None:
                return False
            used = conn.scalar(select(func.count()).where(campaigns.c.brand_id == row.id)) or 0
            if used:
                raise InvalidInput(f"brand {row.name!r}: used by {used} campaign(s); remove them first")
            conn.execute(delete(brands).where(brands.c.id == row.id))
            store._audit(conn, actor, "brand_remove", row.name, {"slug": slug})
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot remove brand {slug!r}: {exc}") from exc
    return True
