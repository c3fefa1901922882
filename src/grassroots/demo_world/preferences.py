"""Planted product preferences for the recommendation benchmark: a NEW attribute, seeded on its own.

The generated demo-world files stay exactly as they are (this module writes none of them). It makes a
catalogue of ``items`` product variants in ``lines`` product lines and, for each of ``people`` advocates,
a planted taste (two favourite lines) and a purchase history drawn from it: each purchase is, with
probability ``taste``, a variant of a favourite line (by the line's own popularity), else any variant
(by overall popularity, Zipf). The last purchase of each person is what a recommender must find.

>>> world = plant_preferences(people=50, seed=3)
>>> again = plant_preferences(people=50, seed=3)
>>> len(world.histories), len(world.catalogue), world.histories == again.histories
(50, 60, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PlantedPreferences", "plant_preferences"]


@dataclass(frozen=True)
class PlantedPreferences:
    """Catalogue (item -> product line), each person's favourite lines and purchases in order."""

    catalogue: dict[str, int]
    favourites: dict[str, tuple[int, int]]
    histories: dict[str, list[str]]


def plant_preferences(
    *,
    people: int = 2000,
    items: int = 60,
    lines: int = 12,
    purchases: int = 6,
    taste: float = 0.7,
    seed: int = 7,
) -> PlantedPreferences:
    """The planted world; the same arguments give the same world."""
    rng = np.random.default_rng(seed)
    names = [f"item-{i:03d}" for i in range(items)]
    line_of = rng.permutation(np.arange(items) % lines)
    popularity = 1.0 / np.arange(1, items + 1) ** 0.8
    popularity = rng.permutation(popularity)
    favourites: dict[str, tuple[int, int]] = {}
    histories: dict[str, list[str]] = {}
    for p in range(people):
        person = f"advocate-{p:05d}"
        fav = rng.choice(lines, size=2, replace=False)
        favourites[person] = (int(fav[0]), int(fav[1]))
        liked = np.isin(line_of, fav)
        bought: list[str] = []
        while len(bought) < purchases:
            pool = liked if rng.random() < taste else np.ones(items, dtype=bool)
            weights = np.where(pool, popularity, 0.0)
            pick = names[int(rng.choice(items, p=weights / weights.sum()))]
            if pick not in bought:
                bought.append(pick)
        histories[person] = bought
    return PlantedPreferences(dict(zip(names, (int(x) for x in line_of), strict=True)), favourites, histories)
