"""The brief: one YAML file saying whom a brand looks for (docs/match.md "The brief").

Validated with line numbers: a bad field raises :class:`~grassroots.errors.InvalidRecord` whose
message reads ``FILE:LINE: field: problem``. Unknown top-level keys are refused except ``campaign``,
which belongs to the campaigns stage and is passed through untouched; ``audience`` is an alias of
``filters`` (use one or the other).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     p = pathlib.Path(d) / "b.yaml"
...     _ = p.write_text("text:\\n  lifestyle: trail running\\nfilters:\\n  tiers: [micro]\\n")
...     load_brief(p).filters.tiers
('micro',)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from grassroots.errors import InvalidInput, InvalidRecord

__all__ = [
    "FILTERS",
    "PREFERENCES",
    "TEXT_PARTS",
    "Brief",
    "Filters",
    "brief_errors",
    "load_brief",
    "parse_brief",
]

TextPart = Literal["values", "lifestyle", "product", "tone"]
#: The parts of a brief's text, each matched against posts on its own.
TEXT_PARTS: tuple[TextPart, ...] = ("values", "lifestyle", "product", "tone")
#: Soft preferences (name -> what the 0..1 feature is); docs/match.md.
PREFERENCES: dict[str, str] = {
    "text": "how well the person's posts match the brief's text (the main part)",
    "interests": "share of the brief's taxonomy interests among the person's interests",
    "audience_quality": "1 - mean fake-follower probability of the person's followers",
    "engagement": "the person's best engagement percentile within their tier (lake table engagement)",
    "small_audience": "1 for nano accounts falling to 0 at 1M followers (log scale)",
    "customer": "1 if the person is a customer of the brand",
}
#: Default weights of the soft preferences.
DEFAULT_WEIGHTS: dict[str, float] = {"text": 1.0, "interests": 0.3, "audience_quality": 0.1}
_TOP = {"name", "brand", "text", "filters", "audience", "preferences", "campaign"}
FILTERS = _FILTERS = {
    "locations",
    "languages",
    "tiers",
    "audience_quality_min",
    "competitors",
    "no_competitor_paid_days",
    "customers_only",
    "exclude",
}


@dataclass(frozen=True)
class Filters:
    """Hard filters: a person failing one is excluded (and ``--why`` says which)."""

    locations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    audience_quality_min: float | None = None
    competitors: tuple[str, ...] = ()
    no_competitor_paid_days: int | None = None
    customers_only: bool = False
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    """A parsed brief; ``campaign`` is the campaigns stage's section, kept as read."""

    name: str
    text: Mapping[str, str]
    filters: Filters = Filters()
    preferences: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    brand: str | None = None
    campaign: Any = None
    source: str = "<brief>"

    @property
    def full_text(self) -> str:
        """Every text part joined (what the embeddings-only baseline embeds)."""
        return ". ".join(self.text[p] for p in TEXT_PARTS if p in self.text)


def _lines(node: yaml.Node) -> dict[str, int]:
    """Line (1-based) of each key of a mapping node, and of ``key.sub`` one level down."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    out[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1
    return out


def load_brief(path: Path | str) -> Brief:
    """Read and validate a brief file (errors ``FILE:LINE: field: problem``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the brief: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InvalidRecord(str(path), 1, "brief", "not UTF-8 text") from exc
    return parse_brief(text, source=str(path), name=path.stem)


def parse_brief(text: str, *, source: str = "<brief>", name: str = "brief") -> Brief:
    """Parse brief YAML ``text``; ``source`` names it in errors."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise InvalidRecord(
            source, line, "brief", f"not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from exc
    if not isinstance(data, dict) or node is None:
        raise InvalidRecord(source, 1, "brief", "expected a mapping with at least `text:`")
    lines = _lines(node)

    def fail(key: str, problem: str) -> InvalidRecord:
        return InvalidRecord(source, lines.get(key, lines.get(key.split(".")[0], 1)), key, problem)

    unknown = sorted(set(map(str, data)) - _TOP)
    if unknown:
        raise fail(unknown[0], f"unknown field; expected one of {', '.join(sorted(_TOP))}")
    if "filters" in data and "audience" in data:
        raise fail("audience", "`audience` is an alias of `filters`: give one of them")
    parts = _text(data.get("text"), fail)
    filter_key = "audience" if "audience" in data else "filters"
    filters = _filters(data.get(filter_key) or {}, filter_key, fail)
    prefs = _preferences(data.get("preferences"), fail)
    brand = data.get("brand")
    if brand is not None and not isinstance(brand, str):
        raise fail("brand", "expected a brand name")
    title = data.get("name", name)
    return Brief(
        name=str(title),
        text=parts,
        filters=filters,
        preferences=prefs,
        brand=brand,
        campaign=data.get("campaign"),
        source=source,
    )


def _text(value: Any, fail: Any) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {"lifestyle": value.strip()}
    if not isinstance(value, dict) or not value:
        raise fail("text", f"expected a mapping of {', '.join(TEXT_PARTS)} to text")
    out: dict[str, str] = {}
    for key, part in value.items():
        if key not in TEXT_PARTS:
            raise fail(f"text.{key}", f"unknown text part; expected one of {', '.join(TEXT_PARTS)}")
        if isinstance(part, list) and all(isinstance(x, str) for x in part):
            part = ", ".join(part)
        if not isinstance(part, str) or not part.strip():
            raise fail(f"text.{key}", "expected non-empty text")
        out[str(key)] = part.strip()
    return out


def _strings(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str | int) and str(x).strip() for x in value):
        raise fail(key, "expected a list of names")
    return tuple(str(x).strip() for x in value)


def _filters(value: Any, section: str, fail: Any) -> Filters:
    if not isinstance(value, dict):
        raise fail(section, "expected a mapping of filters")
    for key in value:
        if key not in _FILTERS:
            raise fail(f"{section}.{key}", f"unknown filter; expected one of {', '.join(sorted(_FILTERS))}")
    lists = {k: _strings(value[k], f"{section}.{k}", fail) for k in _FILTERS & set(value) if _is_list(k)}
    quality = value.get("audience_quality_min")
    if quality is not None and (isinstance(quality, bool) or not isinstance(quality, int | float)):
        raise fail(f"{section}.audience_quality_min", f"expected a number from 0 to 1, got {quality!r}")
    if quality is not None and not 0 <= quality <= 1:
        raise fail(f"{section}.audience_quality_min", f"expected a number from 0 to 1, got {quality!r}")
    days = value.get("no_competitor_paid_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        raise fail(f"{section}.no_competitor_paid_days", f"expected a positive whole number, got {days!r}")
    only = value.get("customers_only", False)
    if not isinstance(only, bool):
        raise fail(f"{section}.customers_only", f"expected true or false, got {only!r}")
    langs = tuple(x.lower() for x in lists.get("languages", ()))
    tiers = tuple(x.lower() for x in lists.get("tiers", ()))
    return Filters(
        locations=lists.get("locations", ()),
        languages=langs,
        tiers=tiers,
        audience_quality_min=None if quality is None else float(quality),
        competitors=lists.get("competitors", ()),
        no_competitor_paid_days=days,
        customers_only=only,
        exclude=tuple(x.removeprefix("@") for x in lists.get("exclude", ())),
    )


def _is_list(key: str) -> bool:
    return key in {"locations", "languages", "tiers", "competitors", "exclude"}


def _preferences(value: Any, fail: Any) -> dict[str, float]:
    if value is None:
        return dict(DEFAULT_WEIGHTS)
    if not isinstance(value, dict):
        raise fail("preferences", "expected a mapping of preference to weight")
    out: dict[str, float] = {}
    for key, weight in value.items():
        if key not in PREFERENCES:
            raise fail(f"preferences.{key}", f"unknown preference; expected one of {', '.join(PREFERENCES)}")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise fail(f"preferences.{key}", f"expected a weight >= 0, got {weight!r}")
        out[str(key)] = float(weight)
    if not any(out.values()):
        raise fail("preferences", "every weight is 0: nothing to rank by")
    return out


def brief_errors(data: Mapping[str, Any], *, source: str = "<brief>") -> dict[str, str]:
    """Every field's problem at once (``field -> problem``, as :func:`parse_brief` words it), for a
    form that shows each error beside its field; empty when ``data`` (a brief as YAML would load it)
    is valid. Each field is validated on its own, beside a valid text, so one bad field does not hide
    the next."""
    base: dict[str, Any] = {"text": {"lifestyle": "x"}}
    units: list[dict[str, Any]] = []
    text = data.get("text")
    if isinstance(text, dict) and text:
        units += [{"text": {part: value}} for part, value in text.items()]
    else:
        units.append({"text": text})
    for key, value in data.items():
        if key in ("filters", "audience", "preferences") and isinstance(value, dict):
            units += [base | {key: {k: v}} for k, v in value.items()]
        if key != "text":
            units.append(base | {key: value})
    units.append(dict(data))
    errors: dict[str, str] = {}
    for unit in units:
        try:
            parse_brief(yaml.safe_dump(unit, sort_keys=False), source=source)
        except InvalidRecord as exc:
            errors.setdefault(exc.field or "brief", exc.problem)
    return errors
