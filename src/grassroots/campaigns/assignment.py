"""Randomised, stratified assignment of the eligible pool, done once before anything is sent.

Strata are the combinations of the brief's ``design.strata`` among ``tier`` (the advocate's
follower tier), ``community`` (the network community of the person, ``-`` when unknown) and
``customer`` (``yes`` when linked to a shop customer). Within each stratum people are ordered by id
and shuffled by a generator seeded with ``(seed, stratum)``, and the first ``round(n * holdout)``
are the holdout, so the same pool and seed always give the same arms, whatever the input order.

Designs:

- ``two``: ``holdout`` and ``treatment``; every treated person is offered (``selected``).
- ``three``: ``holdout``, ``network`` and ``followers`` (the non-holdout split evenly, per stratum).
  Each treated arm gets half the budget: ``network`` offers the people a seeding function picks
  among its own arm (the network engine's influence maximisation), ``followers`` the same number
  with the most followers. Arms, not offers, are compared with the holdout (intent to treat).

>>> pool = [Candidate(f"p{i}", tier="micro" if i % 2 else "nano") for i in range(10)]
>>> design = Design(holdout=0.4, seed=1)
>>> made = assign(pool, design=design)
>>> [a.arm for a in made].count("holdout"), made == assign(pool[::-1], design=design)
(4, True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import numpy as np

from grassroots.campaigns.brief import Design
from grassroots.errors import InvalidInput

__all__ = ["ARM_NAMES", "Arm", "ArmAssignment", "Candidate", "NetworkChooser", "assign", "stratum_of"]

Arm = Literal["holdout", "treatment", "network", "followers"]
ARM_NAMES: tuple[str, ...] = ("holdout", "treatment", "network", "followers")
#: ``chooser(arm_members, k) -> chosen`` picks whom the network arm offers (ids among the members).
NetworkChooser = Callable[[Sequence[str], int], Sequence[str]]


@dataclass(frozen=True)
class Candidate:
    """One eligible person and what the strata are built from."""

    person_id: str
    customer_id: str | None = None
    tier: str = "-"
    community: str = "-"
    followers: int = 0


@dataclass(frozen=True)
class ArmAssignment:
    """A person's arm, stratum, and whether the arm offers them the gift (``selected``)."""

    person_id: str
    customer_id: str | None
    arm: Arm
    stratum: str
    selected: bool


def stratum_of(person: Candidate, strata: Sequence[str]) -> str:
    """The stratum label, e.g. ``tier=micro|customer=yes`` (``all`` without strata)."""
    values = {
        "tier": person.tier,
        "community": person.community,
        "customer": "yes" if person.customer_id else "no",
    }
    return "|".join(f"{name}={values[name]}" for name in strata) or "all"


def _rng(seed: int, stratum: str) -> np.random.Generator:
    digest = hashlib.sha256(f"{seed}\0{stratum}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def _split(people: list[Candidate], design: Design, stratum: str) -> list[tuple[Candidate, Arm]]:
    order = sorted(people, key=lambda p: p.person_id)
    shuffled = [order[i] for i in _rng(design.seed, stratum).permutation(len(order))]
    held = round(len(shuffled) * design.holdout)
    out: list[tuple[Candidate, Arm]] = [(p, "holdout") for p in shuffled[:held]]
    rest = shuffled[held:]
    if design.arms == "two":
        return out + [(p, "treatment") for p in rest]
    half = len(rest) // 2 + (len(rest) % 2 and _rng(design.seed, stratum + "#odd").random() < 0.5)
    return out + [(p, "network") for p in rest[:half]] + [(p, "followers") for p in rest[half:]]


def assign(
    pool: Sequence[Candidate],
    *,
    design: Design,
    budget: Decimal = Decimal(0),
    gift_value: Decimal = Decimal(0),
    network_chooser: NetworkChooser | None = None,
) -> list[ArmAssignment]:
    """Assign every person of ``pool`` to an arm (see the module docstring); sorted by person id."""
    ids = [p.person_id for p in pool]
    if len(set(ids)) != len(ids):
        raise InvalidInput("pool: a person is listed twice")
    if len(pool) < 4:
        raise InvalidInput(f"pool: {len(pool)} eligible people; need at least 4 (2 per arm)")
    groups: dict[str, list[Candidate]] = {}
    for person in pool:
        groups.setdefault(stratum_of(person, design.strata), []).append(person)
    placed = [(p, arm, s) for s, people in sorted(groups.items()) for p, arm in _split(people, design, s)]
    chosen = _offered(placed, design, budget, gift_value, network_chooser)
    made = [ArmAssignment(p.person_id, p.customer_id, arm, s, p.person_id in chosen) for p, arm, s in placed]
    return sorted(made, key=lambda a: a.person_id)


def _offered(
    placed: list[tuple[Candidate, Arm, str]],
    design: Design,
    budget: Decimal,
    gift_value: Decimal,
    chooser: NetworkChooser | None,
) -> set[str]:
    if design.arms == "two":
        return {p.person_id for p, arm, _ in placed if arm == "treatment"}
    if gift_value <= 0:
        raise InvalidInput("gift_value: the three-arm design needs products with a unit cost > 0")
    k = int((budget / 2) // gift_value)
    if k < 1:
        raise InvalidInput(f"budget={budget}: half the budget buys no gift of {gift_value}; raise the budget")
    network = sorted(p.person_id for p, arm, _ in placed if arm == "network")
    followers = sorted(
        ((p.followers, p.person_id) for p, arm, _ in placed if arm == "followers"), reverse=True
    )
    if chooser is None:
        raise InvalidInput("network_chooser: the three-arm design needs the network engine to pick seeds")
    picked = [p for p in chooser(network, min(k, len(network))) if p in set(network)]
    return set(picked[:k]) | {p for _, p in followers[:k]}
