"""The campaign brief: one YAML file saying what is offered to whom, for what, and within what budget.

Matching reads the same file for its ``audience:`` section; this module checks everything else and
passes ``audience`` through as the mapping it is. Every problem is ``FILE:LINE: field: problem``
with the line of the offending key (``products[1].unit_cost``).

>>> text = '''
... name: Spring sampling
... brand: Acme
... shop: acme.example
... products: [{handle: glow-serum, unit_cost: 12.5}]
... budget: 500
... starts: 2026-03-01
... ends: 2026-04-30
... disclosure: "#ad"
... ask: {text: "Try it and post your honest opinion", posts: 1}
... offer: {type: percentage, value: 15}
... '''
>>> brief = parse_brief(text, source="b.yaml")
>>> (brief.slug, brief.products[0].unit_cost, brief.design.arms, brief.analysis_date.isoformat())
('spring-sampling', Decimal('12.50'), 'two', '2026-04-30')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, get_args

from grassroots.campaigns.survey import Survey
from grassroots.errors import InvalidRecord, SourceError

__all__ = [
    "DESIGN_ARMS",
    "OFFER_TYPES",
    "STRATA",
    "Ask",
    "Brief",
    "Design",
    "DesignArms",
    "Offer",
    "OfferType",
    "Product",
    "brief_from_mapping",
    "load_brief",
    "parse_brief",
]

DesignArms = Literal["two", "three"]
OfferType = Literal["percentage", "fixed_amount", "free_product"]
DESIGN_ARMS: tuple[str, ...] = get_args(DesignArms)
OFFER_TYPES: tuple[str, ...] = get_args(OfferType)
#: What the randomisation may stratify on (see ``docs/campaigns.md``, "Assignment").
STRATA = ("tier", "community", "customer")
_FIELDS = {
    "name", "brand", "goal", "shop", "products", "budget", "starts", "ends", "analysis_date", "disclosure",
    "ask", "offer", "design", "limits", "audience", "survey",
}  # fmt: skip


@dataclass(frozen=True)
class Product:
    """A product offered: its shop handle (for the discount link), variants and unit cost."""

    handle: str
    name: str
    unit_cost: Decimal
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ask:
    """What participants are asked to do; ``minutes`` values their effort for the fair-ask check."""

    text: str
    posts: int = 1
    minutes: int = 30
    platforms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Offer:
    """The discount each treated participant gets: ``percentage`` (0-100), ``fixed_amount`` or
    ``free_product`` (value = the product's price), used at most ``usage_limit`` times."""

    type: OfferType
    value: Decimal
    usage_limit: int = 1
    reward_points: int = 0  # credited in the rewards ledger when a participant posts


@dataclass(frozen=True)
class Design:
    """The randomisation: two arms (treatment, holdout) or three (holdout, network, followers)."""

    arms: DesignArms = "two"
    holdout: float = 0.3
    seed: int = 0
    strata: tuple[str, ...] = STRATA


@dataclass(frozen=True)
class Brief:
    """A checked campaign brief (``audience`` is passed through unchecked, for matching)."""

    name: str
    brand: str
    shop: str
    products: tuple[Product, ...]
    budget: Decimal
    starts: date
    ends: date
    analysis_date: date
    disclosure: str
    ask: Ask
    offer: Offer
    design: Design = Design()
    goal: str = ""
    contacts_per_30_days: int = 2
    hourly_rate: Decimal = Decimal(20)
    audience: dict[str, Any] = field(default_factory=dict)
    survey: Survey = field(default_factory=Survey)  # the portal's questionnaire (NPS only without one)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # the fields as read

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def gift_value(self) -> Decimal:
        """What one treated participant receives at cost: the costliest product offered."""
        return max((p.unit_cost for p in self.products), default=Decimal(0))


class _Lines:
    """Field path -> line of its key in the YAML, so errors point at the line to fix."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[str, int] = {}

    def error(self, path: str, problem: str) -> InvalidRecord:
        line = self.lines.get(path) or self.lines.get(path.split(".")[0].split("[")[0])
        return InvalidRecord(self.source, line, path, problem)


def _plain(node: Any, path: str, lines: _Lines) -> Any:
    """A composed YAML node as plain data, noting each mapping key's line under its path."""
    import yaml

    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key, value in node.value:
            name = f"{path}.{key.value}" if path else str(key.value)
            lines.lines[name] = key.start_mark.line + 1
            out[str(key.value)] = _plain(value, name, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v, f"{path}[{i}]", lines) for i, v in enumerate(node.value)]
    return yaml.SafeLoader("").construct_object(node, deep=True)


def load_brief(path: Path | str) -> Brief:
    """Read and check a brief file; errors name the file, the line and the field."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{p}: cannot read the brief: {exc}") from exc
    return parse_brief(text, source=str(p))


def parse_brief(text: str, *, source: str) -> Brief:
    """Check a brief's YAML text (see the module docstring); ``source`` names it in errors."""
    import yaml

    lines = _Lines(source)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InvalidRecord(source, line, None, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    data = _plain(node, "", lines) if node is not None else None
    if not isinstance(data, dict):
        raise InvalidRecord(source, 1, None, "expected a mapping of brief fields")
    return brief_from_mapping(data, source=source, lines=lines)


def brief_from_mapping(data: dict[str, Any], *, source: str, lines: _Lines | None = None) -> Brief:
    """Check a brief given as plain data (a stored brief's ``raw``); errors name ``source``."""
    from grassroots.campaigns._brief_fields import build_brief

    return build_brief(data, lines or _Lines(source))
