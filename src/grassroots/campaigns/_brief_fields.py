"""Field-by-field checks of a campaign brief (``brief.parse_brief`` calls :func:`build_brief`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from grassroots.campaigns.brief import (
    _FIELDS,
    DESIGN_ARMS,
    OFFER_TYPES,
    STRATA,
    Ask,
    Brief,
    Design,
    Offer,
    Product,
    _Lines,
)

__all__ = ["build_brief"]


def _text(data: dict[str, Any], key: str, lines: _Lines, path: str, *, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise lines.error(path, "required: a non-empty text")
    return value.strip()


def _money(value: Any, lines: _Lines, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise lines.error(path, f"expected an amount, got {value!r}")
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise lines.error(path, f"expected an amount, got {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise lines.error(path, f"expected an amount >= 0, got {value!r}")
    return amount


def _count(value: Any, lines: _Lines, path: str, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise lines.error(path, f"expected a whole number >= {low}, got {value!r}")
    return value


def _date(value: Any, lines: _Lines, path: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise lines.error(path, f"expected a date YYYY-MM-DD, got {value!r}") from None


def _mapping(data: dict[str, Any], key: str, lines: _Lines, *, required: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise lines.error(
            key, "required: a mapping" if value is None else f"expected a mapping, got {value!r}"
        )
    return value


def _products(data: dict[str, Any], lines: _Lines) -> tuple[Product, ...]:
    raw = data.get("products")
    if not isinstance(raw, list) or not raw:
        raise lines.error("products", "required: a list of products (handle, unit_cost)")
    out = []
    for i, item in enumerate(raw):
        path = f"products[{i}]"
        if not isinstance(item, dict):
            raise lines.error(path, "expected a mapping with handle and unit_cost")
        variants = item.get("variants", [])
        if not isinstance(variants, list):
            raise lines.error(f"{path}.variants", "expected a list of variant names")
        handle = _text(item, "handle", lines, f"{path}.handle")
        if "/" in handle or " " in handle:
            raise lines.error(
                f"{path}.handle", f"expected a shop product handle (no / or spaces), got {handle!r}"
            )
        cost = _money(item.get("unit_cost"), lines, f"{path}.unit_cost")
        name = str(item.get("name") or handle)
        out.append(Product(handle, name, cost, tuple(str(v) for v in variants)))
    return tuple(out)


def _ask(data: dict[str, Any], lines: _Lines) -> Ask:
    raw = _mapping(data, "ask", lines)
    platforms = raw.get("platforms", [])
    if not isinstance(platforms, list):
        raise lines.error("ask.platforms", "expected a list of platform names")
    return Ask(
        text=_text(raw, "text", lines, "ask.text"),
        posts=_count(raw.get("posts", 1), lines, "ask.posts"),
        minutes=_count(raw.get("minutes", 30), lines, "ask.minutes"),
        platforms=tuple(str(p).lower() for p in platforms),
    )


def _offer(data: dict[str, Any], lines: _Lines) -> Offer:
    raw = _mapping(data, "offer", lines)
    kind = raw.get("type")
    if kind not in OFFER_TYPES:
        raise lines.error("offer.type", f"expected one of {', '.join(OFFER_TYPES)}, got {kind!r}")
    value = _money(raw.get("value", 0), lines, "offer.value")
    if kind == "percentage" and not 0 < value <= 100:
        raise lines.error("offer.value", f"a percentage must be in (0, 100], got {value}")
    limit = _count(raw.get("usage_limit", 1), lines, "offer.usage_limit", low=1)
    points = _count(raw.get("reward_points", 0), lines, "offer.reward_points")
    return Offer(type=cast(Any, kind), value=value, usage_limit=limit, reward_points=points)


def _design(data: dict[str, Any], lines: _Lines) -> Design:
    raw = _mapping(data, "design", lines, required=False)
    arms = raw.get("arms", "two")
    if arms not in DESIGN_ARMS:
        raise lines.error("design.arms", f"expected one of {', '.join(DESIGN_ARMS)}, got {arms!r}")
    holdout = raw.get("holdout", 0.3)
    if isinstance(holdout, bool) or not isinstance(holdout, int | float) or not 0.05 <= holdout <= 0.95:
        raise lines.error("design.holdout", f"expected a share in [0.05, 0.95], got {holdout!r}")
    strata = raw.get("strata", list(STRATA))
    if not isinstance(strata, list) or any(s not in STRATA for s in strata):
        raise lines.error("design.strata", f"expected a list of {', '.join(STRATA)}, got {strata!r}")
    seed = _count(raw.get("seed", 0), lines, "design.seed")
    return Design(arms=arms, holdout=float(holdout), seed=seed, strata=tuple(strata))


def build_brief(data: dict[str, Any], lines: _Lines) -> Brief:
    """Check every field of a parsed brief; the first problem raises ``InvalidRecord``."""
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise lines.error(unknown[0], f"unknown field; known fields: {', '.join(sorted(_FIELDS))}")
    starts, ends = _date(data.get("starts"), lines, "starts"), _date(data.get("ends"), lines, "ends")
    if ends < starts:
        raise lines.error("ends", f"{ends} is before starts {starts}")
    analysis = _date(data.get("analysis_date", ends), lines, "analysis_date")
    if analysis < ends:
        raise lines.error("analysis_date", f"{analysis} is before the campaign ends ({ends})")
    limits = _mapping(data, "limits", lines, required=False)
    audience = data.get("audience") or {}
    if not isinstance(audience, dict):
        raise lines.error("audience", "expected a mapping (the matching filters)")
    from grassroots.campaigns.survey import parse_survey

    products = _products(data, lines)
    survey = parse_survey(data.get("survey"), lines, products=[p.handle for p in products])
    shop = _text(data, "shop", lines, "shop").removeprefix("https://").removeprefix("http://").strip("/")
    return Brief(
        name=_text(data, "name", lines, "name"),
        brand=_text(data, "brand", lines, "brand"),
        shop=shop,
        products=products,
        budget=_money(data.get("budget"), lines, "budget"),
        starts=starts,
        ends=ends,
        analysis_date=analysis,
        disclosure=_text(data, "disclosure", lines, "disclosure"),
        ask=_ask(data, lines),
        offer=_offer(data, lines),
        design=_design(data, lines),
        goal=str(data.get("goal") or ""),
        contacts_per_30_days=_count(
            limits.get("contacts_per_30_days", 2), lines, "limits.contacts_per_30_days"
        ),
        hourly_rate=_money(limits.get("hourly_rate", 20), lines, "limits.hourly_rate"),
        audience=audience,
        survey=survey,
        raw=data,
    )
