"""The lifestyle interest taxonomy people in the demo world are drawn from (docs/taxonomy.md).

Two levels: a category (``beauty``) and a leaf interest (``beauty/skincare``). The weights are how
often an interest is a community's core interest; skincare and wellness are a little more common
because the demo brand sells skincare.

>>> INTEREST_IDS[0]
'beauty/skincare'
>>> len(INTEREST_IDS) == len(set(INTEREST_IDS))
True
>>> CITIES[0][0]
'London'
"""

from __future__ import annotations

__all__ = ["CITIES", "INTERESTS", "INTEREST_IDS", "INTEREST_WEIGHTS", "interest_label"]

#: (id, label, weight)
INTERESTS: tuple[tuple[str, str, float], ...] = (
    ("beauty/skincare", "Skincare", 2.0),
    ("beauty/makeup", "Makeup", 1.2),
    ("beauty/haircare", "Hair care", 0.8),
    ("style/fashion", "Fashion", 1.2),
    ("fitness/running", "Running", 1.0),
    ("fitness/yoga", "Yoga", 1.0),
    ("fitness/cycling", "Cycling", 0.7),
    ("fitness/gym", "Gym and strength", 0.9),
    ("outdoors/hiking", "Hiking", 0.8),
    ("outdoors/birdwatching", "Birdwatching", 0.4),
    ("outdoors/gardening", "Gardening", 0.7),
    ("food/cooking", "Cooking", 1.2),
    ("food/baking", "Baking", 0.8),
    ("food/coffee", "Coffee", 0.8),
    ("food/plant-based", "Plant-based food", 0.7),
    ("family/parenting", "Parenting", 1.0),
    ("family/pets", "Pets", 1.0),
    ("home/decor", "Home and interiors", 0.8),
    ("travel/travel", "Travel", 1.1),
    ("tech/gadgets", "Tech and gadgets", 0.9),
    ("tech/gaming", "Gaming", 0.9),
    ("culture/music", "Music", 0.9),
    ("culture/books", "Books", 0.8),
    ("values/sustainability", "Sustainability", 0.9),
    ("values/wellness", "Wellness and self-care", 1.3),
)

INTEREST_IDS: tuple[str, ...] = tuple(i for i, _, _ in INTERESTS)
INTEREST_WEIGHTS: tuple[float, ...] = tuple(w for _, _, w in INTERESTS)

#: (city, country code, weight): where people live; communities cluster in one home city.
CITIES: tuple[tuple[str, str, float], ...] = (
    ("London", "GB", 1.6),
    ("Manchester", "GB", 0.8),
    ("Bristol", "GB", 0.5),
    ("New York", "US", 1.8),
    ("Austin", "US", 0.9),
    ("Chicago", "US", 1.0),
    ("Los Angeles", "US", 1.4),
    ("Portland", "US", 0.6),
    ("Toronto", "CA", 0.9),
    ("Vancouver", "CA", 0.6),
    ("Berlin", "DE", 0.8),
    ("Munich", "DE", 0.5),
    ("Dublin", "IE", 0.5),
    ("Sydney", "AU", 0.7),
    ("Melbourne", "AU", 0.6),
    ("Auckland", "NZ", 0.3),
)


def interest_label(interest_id: str) -> str:
    """Human label of an interest id.

    >>> interest_label("food/coffee")
    'Coffee'
    """
    for key, label, _ in INTERESTS:
        if key == interest_id:
            return label
    raise KeyError(interest_id)
