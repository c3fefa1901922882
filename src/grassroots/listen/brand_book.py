"""The brands a user configured, kept in the operational store (YAML files are import / export only).

``BrandBook`` is what every command that needs a brand reads (listen, advocates, engagement, trust).
Brand YAML files that older versions kept in ``<data_dir>/brands`` are imported into the store the
first time a book is used, then moved to ``<data_dir>/brands/imported`` so a later edit or removal
in the store is never undone by importing them again.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> book = BrandBook(f"sqlite:///{folder / 'g.db'}")
>>> _ = book.add(Brand.from_name("Dove", products=["Men+Care"]))
>>> _ = book.add(Brand(name="dove", aliases=("Dov",)))  # same brand: lists are merged
>>> book.get("DOVE").aliases, [b.name for b in book.list()]
(('Dov',), ['Dove'])
>>> book.remove("dove").name, book.list()
('Dove', [])
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from grassroots.config import Settings
from grassroots.errors import InvalidInput, NotFound
from grassroots.listen.brands import (
    LIST_FIELDS,
    Brand,
    brand_from_mapping,
    brand_to_mapping,
    load_brand,
    slugify,
)
from grassroots.store import Store, brand_rows, delete_brand, migrate, save_brand

__all__ = ["BrandBook", "brand_to_yaml", "edit_brand"]

#: (store URL, legacy dir) pairs this process has migrated and imported legacy brand files into
_READY: set[tuple[str, str]] = set()
_READY_LOCK = threading.Lock()


def brand_to_yaml(brand: Brand) -> str:
    """The brand as a YAML document that ``brand add --file`` reads back to the same brand."""
    import yaml

    return str(yaml.safe_dump(brand_to_mapping(brand), sort_keys=False, allow_unicode=True))


def edit_brand(
    brand: Brand, *, add: Mapping[str, Sequence[str]], remove: Mapping[str, Sequence[str]]
) -> Brand:
    """``brand`` with values added to and removed from its lists (removal ignores case, ``@`` and ``#``).

    >>> dove = Brand.from_name("Dove")
    >>> b = edit_brand(dove, add={"products": ["Men+Care"]}, remove={"hashtags": ["#DOVE"]})
    >>> b.products, b.hashtags
    (('Men+Care',), ())
    """
    for key in (*add, *remove):
        if key not in LIST_FIELDS:
            raise InvalidInput(f"field={key!r}: expected one of {', '.join(LIST_FIELDS)}")
    values: dict[str, Any] = {"name": brand.name}
    for key in LIST_FIELDS:
        gone = {_plain(v) for v in remove.get(key, ())}
        values[key] = tuple(v for v in (*getattr(brand, key), *add.get(key, ())) if _plain(v) not in gone)
    return Brand(**values)


def _plain(value: str) -> str:
    return value.strip().lstrip("@#").strip().lower()


class BrandBook:
    """Brands in the store at ``database_url``; ``legacy_dir`` holds YAML files to import once.

    Reading never creates anything: without a store (no ``grassroots init`` and nothing added yet)
    there are no configured brands. Adding creates and migrates the store (and a SQLite file's
    directory) when needed.
    """

    def __init__(
        self, database_url: str, *, legacy_dir: Path | None = None, actor: str = "grassroots"
    ) -> None:
        self.database_url = database_url
        self.legacy_dir = legacy_dir
        self.actor = actor  # who changes brands, for the audit log
        self._ready = False

    @classmethod
    def of(cls, settings: Settings, *, actor: str = "grassroots") -> BrandBook:
        """The installation's brand book: its store, with ``<data_dir>/brands`` as the legacy folder."""
        return cls(settings.database_url, legacy_dir=settings.data_dir / "brands", actor=actor)

    def _exists(self) -> bool:
        if not self.database_url.startswith("sqlite:///"):
            return True
        return Path(self.database_url.removeprefix("sqlite:///")).exists()

    def _legacy_files(self) -> list[Path]:
        if self.legacy_dir is None or not self.legacy_dir.is_dir():
            return []
        return sorted(self.legacy_dir.glob("*.yaml"))

    @contextmanager
    def _store(self, *, create: bool) -> Iterator[Store | None]:
        """The migrated store with legacy files imported, or None when reading and there is none.

        Migrating and importing happen once per process and store (a server builds a book per request;
        Alembic is neither cheap nor safe to run from several threads at once).
        """
        key = (self.database_url, str(self.legacy_dir))
        if not self._ready and key in _READY:
            self._ready = True
        if not self._ready and not (create or self._exists() or self._legacy_files()):
            yield None
            return
        if not self._ready:
            with _READY_LOCK:
                if key not in _READY:
                    if self.database_url.startswith("sqlite:///"):
                        Path(self.database_url.removeprefix("sqlite:///")).parent.mkdir(
                            parents=True, exist_ok=True
                        )
                    migrate(self.database_url)
                    with Store(self.database_url) as store:
                        self._import_legacy(store)
                    _READY.add(key)
            self._ready = True
        with Store(self.database_url) as store:
            yield store

    def _import_legacy(self, store: Store) -> None:
        """Import every legacy YAML file (a brand already in the store wins), then move the files aside."""
        files = self._legacy_files()
        for path in files:
            brand = load_brand(path)
            if not brand_rows(store, slug=brand.slug):
                _save(store, brand, self.actor)
        if files and self.legacy_dir is not None:
            done = self.legacy_dir / "imported"
            done.mkdir(exist_ok=True)
            for path in files:
                path.replace(done / path.name)

    def add(self, brand: Brand) -> Brand:
        """Store ``brand``; if it exists, its lists are merged with the new ones. Returns what is stored."""
        with self._store(create=True) as store:
            assert store is not None
            old = _find(store, brand.name)
            stored = old.merged(brand) if old is not None else brand
            _save(store, stored, self.actor)
        return stored

    def put(self, brand: Brand) -> Brand:
        """Store ``brand`` as it is, replacing an existing brand of the same name (``brand edit``)."""
        with self._store(create=True) as store:
            assert store is not None
            _save(store, brand, self.actor)
        return brand

    def get(self, name: str) -> Brand:
        """The stored brand called ``name`` (case and punctuation ignored)."""
        with self._store(create=False) as store:
            found = _find(store, name) if store is not None else None
        if found is None:
            known = ", ".join(b.name for b in self.list()) or "none yet"
            raise NotFound(
                f"brand {name!r} is not configured (known: {known}); add it with `grassroots brand add`"
            )
        return found

    def remove(self, name: str) -> Brand:
        """Remove the brand called ``name``; returns what was removed."""
        brand = self.get(name)
        with self._store(create=False) as store:
            assert store is not None
            delete_brand(store, slug=brand.slug, actor=self.actor)
        return brand

    def list(self) -> list[Brand]:
        """Every stored brand, by name."""
        with self._store(create=False) as store:
            rows = brand_rows(store) if store is not None else []
        return [_from_config(r.config) for r in rows]

    def resolve(self, spec: str) -> Brand:
        """A brand from a ``--brand`` value: a YAML file path, a configured brand, else a bare name."""
        if spec.endswith((".yaml", ".yml")) and Path(spec).is_file():
            return load_brand(spec)
        _key(spec)
        with self._store(create=False) as store:
            found = _find(store, spec) if store is not None else None
        return found if found is not None else Brand.from_name(spec)


def _key(name: str) -> str:
    slug = slugify(name)
    if not slug:
        raise InvalidInput(f"brand name {name!r}: needs at least one letter or digit")
    return slug


def _find(store: Store, name: str) -> Brand | None:
    rows = brand_rows(store, slug=_key(name))
    return _from_config(rows[0].config) if rows else None


def _from_config(config: Mapping[str, Any]) -> Brand:
    return brand_from_mapping(config, source="store: brands")


def _save(store: Store, brand: Brand, actor: str) -> None:
    save_brand(store, name=brand.name, slug=_key(brand.name), config=brand_to_mapping(brand), actor=actor)
