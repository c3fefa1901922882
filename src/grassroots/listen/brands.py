"""The brand a user listens for: its names, handles, hashtags, products, competitors and domains.

A brand is configured once (``grassroots brand add`` or a YAML file) and then drives mention
detection. ``Brand.from_name`` derives sensible defaults from a bare name so one word is enough
to start; a YAML file adds the rest.

>>> b = Brand.from_name("Coca Cola")
>>> b.hashtags, b.handles
(('cocacola',), ('cocacola',))
>>> brand_from_mapping({"name": "Dove", "products": ["Dove Men+Care"]}, source="inline").products
('Dove Men+Care',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, InvalidRecord, NotFound, SourceError

__all__ = ["Brand", "BrandBook", "brand_from_mapping", "brand_to_mapping", "load_brand", "slugify"]

_LIST_FIELDS = (
    "aliases",
    "handles",
    "hashtags",
    "products",
    "competitors",
    "domains",
    "languages",
    "company_cues",
    "other_cues",
)


def slugify(name: str) -> str:
    """Lower-case ``name`` with everything but letters and digits removed (``"Coca-Cola"`` -> ``"cocacola"``).

    >>> slugify("Dr. Pepper's")
    'drpeppers'
    """
    return re.sub(r"[\W_]+", "", name.lower())


def _clean_terms(values: Iterable[str], *, strip: str = "") -> tuple[str, ...]:
    """Strip, drop empties and leading ``strip`` characters, de-duplicate case-insensitively, keep order."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in values:
        term = raw.strip().lstrip(strip).strip()
        if term and term.lower() not in seen:
            seen.add(term.lower())
            out.append(term)
    return tuple(out)


@dataclass(frozen=True)
class Brand:
    """Everything needed to recognise a brand in text.

    ``handles`` and ``hashtags`` are stored without ``@`` / ``#``; ``domains`` without scheme or
    ``www.``. ``company_cues`` / ``other_cues`` add words that tell the brand apart from the common
    word it shares its name with (``"soap"`` vs ``"bird"`` for Dove); built-in cues exist for the
    usual suspects (Apple, Dove, Amazon, Target, ...).
    """

    name: str
    aliases: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    languages: tuple[str, ...] = field(default=("en",))
    company_cues: tuple[str, ...] = ()
    other_cues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidInput("brand name: must not be empty")
        object.__setattr__(self, "name", self.name.strip())
        object.__setattr__(self, "handles", _clean_terms(self.handles, strip="@"))
        object.__setattr__(self, "hashtags", _clean_terms(self.hashtags, strip="#"))
        domains = (re.sub(r"^(https?://)?(www\.)?", "", d.strip().lower()).rstrip("/") for d in self.domains)
        object.__setattr__(self, "domains", _clean_terms(domains))
        for name in ("aliases", "products", "competitors", "languages", "company_cues", "other_cues"):
            object.__setattr__(self, name, _clean_terms(getattr(self, name)))

    @property
    def slug(self) -> str:
        """The brand's name as a file-safe key (``"coca-cola"`` style without punctuation)."""
        return slugify(self.name)

    @classmethod
    def from_name(cls, name: str, **extra: Iterable[str]) -> Brand:
        """A brand from a bare name: hashtag and handle default to the name without spaces.

        A leading ``@`` or ``#`` is dropped (``"@microsoft"`` is the brand Microsoft's handle).
        """
        name = name.strip().lstrip("@#").strip() or name
        slug = slugify(name)
        values: dict[str, tuple[str, ...]] = {key: tuple(val) for key, val in extra.items()}
        values.setdefault("hashtags", ())
        values.setdefault("handles", ())
        values["hashtags"] = (slug, *values["hashtags"])
        values["handles"] = (slug, *values["handles"])
        return cls(name=name, **values)

    def merged(self, other: Brand) -> Brand:
        """This brand with every list of ``other`` added (used by ``brand add`` on an existing brand)."""
        values: dict[str, Any] = {"name": self.name}
        for key in _LIST_FIELDS:
            values[key] = (*getattr(self, key), *getattr(other, key))
        return Brand(**values)


def brand_to_mapping(brand: Brand) -> dict[str, Any]:
    """The brand as plain data (lists, strings) for YAML, JSON or a database row."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(brand).items()}


def brand_from_mapping(data: Mapping[str, Any], *, source: str) -> Brand:
    """Validate a mapping (parsed YAML / JSON) into a Brand; errors name ``source`` and the field.

    Unknown keys are errors (a typo would silently lose a handle); missing optional keys are fine;
    a single string where a list is expected is accepted as a one-item list.
    """
    if not isinstance(data, Mapping):
        raise InvalidRecord(
            source, None, None, f"expected a mapping of brand fields, got {type(data).__name__}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidRecord(source, None, "name", "required: a non-empty string")
    unknown = sorted(set(data) - {"name", *_LIST_FIELDS})
    if unknown:
        known = ", ".join(("name", *_LIST_FIELDS))
        raise InvalidRecord(source, None, unknown[0], f"unknown field; known fields: {known}")
    values: dict[str, tuple[str, ...]] = {}
    for key in _LIST_FIELDS:
        raw = data.get(key)
        if raw is None:
            continue
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str | int | float) for i in items):
            raise InvalidRecord(source, None, key, f"expected a list of strings, got {raw!r}")
        values[key] = tuple(str(i) for i in items)
    derived = Brand.from_name(name)
    values["hashtags"] = (*values.get("hashtags", ()), *derived.hashtags)
    values["handles"] = (*values.get("handles", ()), *derived.handles)
    return Brand(name=name, **values)


def load_brand(path: Path | str) -> Brand:
    """Read one brand from a YAML file (``yaml.safe_load``); errors name the file and field."""
    import yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{p}: cannot read brand file: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidRecord(str(p), line, None, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    return brand_from_mapping(data, source=str(p))


class BrandBook:
    """The brands a user configured, one YAML file each under ``directory`` (``<data_dir>/brands``).

    A small seam: the operational store (``grassroots.store``) has a ``brands`` table of names
    only, so full brand configurations live here until it grows a column for them; callers use
    ``add`` / ``get`` / ``list`` and never see the files.

    >>> import tempfile
    >>> book = BrandBook(Path(tempfile.mkdtemp()))
    >>> _ = book.add(Brand.from_name("Dove", products=["Men+Care"]))
    >>> _ = book.add(Brand(name="dove", aliases=("Dov",)))  # same brand: lists are merged
    >>> book.get("DOVE").aliases, [b.name for b in book.list()]
    (('Dov',), ['Dove'])
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, name: str) -> Path:
        slug = slugify(name)
        if not slug:
            raise InvalidInput(f"brand name {name!r}: needs at least one letter or digit")
        return self.directory / f"{slug}.yaml"

    def add(self, brand: Brand) -> Brand:
        """Store ``brand``; if it exists, its lists are merged with the new ones. Returns what is stored."""
        import yaml

        path = self._path(brand.name)
        stored = load_brand(path).merged(brand) if path.exists() else brand
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".yaml.tmp")
        tmp.write_text(yaml.safe_dump(brand_to_mapping(stored), sort_keys=False, allow_unicode=True), "utf-8")
        tmp.replace(path)
        return stored

    def get(self, name: str) -> Brand:
        """The stored brand called ``name`` (case and punctuation ignored)."""
        path = self._path(name)
        if not path.exists():
            known = ", ".join(b.name for b in self.list()) or "none yet"
            raise NotFound(
                f"brand {name!r} is not configured (known: {known}); add it with `grassroots brand add`"
            )
        return load_brand(path)

    def list(self) -> list[Brand]:
        """Every stored brand, by name."""
        if not self.directory.is_dir():
            return []
        return sorted((load_brand(p) for p in self.directory.glob("*.yaml")), key=lambda b: b.name.lower())

    def resolve(self, spec: str) -> Brand:
        """A brand from a ``--brand`` value: a YAML file path, a configured brand, else a bare name."""
        if spec.endswith((".yaml", ".yml")) and Path(spec).is_file():
            return load_brand(spec)
        path = self._path(spec)
        return load_brand(path) if path.exists() else Brand.from_name(spec)
