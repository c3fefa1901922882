"""The brand a user listens for: its names, handles, hashtags, products, competitors and domains.

A brand is configured once (``grassroots brand add``, kept in the store by
:class:`~grassroots.listen.brand_book.BrandBook`; YAML files are import / export) and then drives
mention detection. ``Brand.from_name`` derives sensible defaults from a bare name so one word is enough
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

from grassroots.errors import InvalidInput, InvalidRecord, SourceError

__all__ = ["LIST_FIELDS", "Brand", "brand_from_mapping", "brand_to_mapping", "load_brand", "slugify"]

LIST_FIELDS = (
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
        for key in LIST_FIELDS:
            values[key] = (*getattr(self, key), *getattr(other, key))
        return Brand(**values)


def brand_to_mapping(brand: Brand) -> dict[str, Any]:
    """The brand as plain data (lists, strings) for YAML, JSON or a database row."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(brand).items()}


def brand_from_mapping(data: Mapping[str, Any], *, source: str) -> Brand:
    """Validate a mapping (parsed YAML / JSON) into a Brand; errors name ``source`` and the field.

    Unknown keys are errors (a typo would silently lose a handle); missing optional keys are fine;
    a single string where a list is expected is accepted as a one-item list. ``handles`` and
    ``hashtags`` get the name-derived default added only when the key is absent, so an exported
    brand (every key present) reads back exactly, a removed default included.
    """
    if not isinstance(data, Mapping):
        raise InvalidRecord(
            source, None, None, f"expected a mapping of brand fields, got {type(data).__name__}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidRecord(source, None, "name", "required: a non-empty string")
    unknown = sorted(set(data) - {"name", *LIST_FIELDS})
    if unknown:
        known = ", ".join(("name", *LIST_FIELDS))
        raise InvalidRecord(source, None, unknown[0], f"unknown field; known fields: {known}")
    values: dict[str, tuple[str, ...]] = {}
    for key in LIST_FIELDS:
        raw = data.get(key)
        if raw is None:
            continue
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(i, str | int | float) for i in items):
            raise InvalidRecord(source, None, key, f"expected a list of strings, got {raw!r}")
        values[key] = tuple(str(i) for i in items)
    derived = Brand.from_name(name)
    for key in ("hashtags", "handles"):
        if key not in data:
            values[key] = getattr(derived, key)
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
