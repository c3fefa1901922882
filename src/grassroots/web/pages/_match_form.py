"""The brief form: its fields, and the brief (as YAML would load it) they make.

Each form field is named after the brief's own field (``text.values``, ``filters.tiers``,
``preferences.text``), so the validator's errors (:func:`grassroots.match.brief_errors`, the same
words ``match brief FILE`` prints) land beside the field they name. Lists are comma-separated; a
scalar is read as YAML reads it (``0.7`` a number, ``high`` a string), so a wrong value gets the
validator's own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from grassroots.match import FILTERS, PREFERENCES, TEXT_PARTS

__all__ = ["LISTS", "SCALARS", "BriefForm", "read_form"]

#: filters given as comma-separated lists
LISTS = ("locations", "languages", "tiers", "competitors", "exclude")
#: filters given as one value
SCALARS = ("audience_quality_min", "no_competitor_paid_days")
#: every form field the brief reads (the roster's and the run's own fields are read by the route)
FIELDS = (
    "name",
    "brand",
    *(f"text.{p}" for p in TEXT_PARTS),
    *(f"filters.{f}" for f in sorted(FILTERS)),
    *(f"preferences.{p}" for p in PREFERENCES),
)


@dataclass(frozen=True)
class BriefForm:
    """What was typed (to show it again), the brief it makes, and each field's problem."""

    values: Mapping[str, str]
    data: Mapping[str, Any]
    errors: Mapping[str, str]

    @property
    def yaml(self) -> str:
        """The brief as a YAML file (what ``grassroots match brief FILE`` reads)."""
        return yaml.safe_dump(dict(self.data), sort_keys=False, allow_unicode=True)


def _scalar(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def read_form(form: Mapping[str, Any]) -> BriefForm:
    """The brief made from a submitted form, validated field by field."""
    from grassroots.match import brief_errors

    values = {k: str(form.get(k) or "").strip() for k in FIELDS}
    data: dict[str, Any] = {}
    if values["name"]:
        data["name"] = values["name"]
    if values["brand"]:
        data["brand"] = values["brand"]
    data["text"] = {p: values[f"text.{p}"] for p in TEXT_PARTS if values[f"text.{p}"]}
    filters: dict[str, Any] = {}
    for key in LISTS:
        items = [x.strip() for x in values[f"filters.{key}"].split(",") if x.strip()]
        if items:
            filters[key] = items
    for key in SCALARS:
        if values[f"filters.{key}"]:
            filters[key] = _scalar(values[f"filters.{key}"])
    if values["filters.customers_only"]:
        filters["customers_only"] = _scalar(values["filters.customers_only"])
    if filters:
        data["filters"] = filters
    prefs = {p: _scalar(values[f"preferences.{p}"]) for p in PREFERENCES if values[f"preferences.{p}"]}
    if prefs:
        data["preferences"] = prefs
    errors = brief_errors(data, source="brief form")
    return BriefForm(values, data, errors)
