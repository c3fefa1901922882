"""The lifestyle taxonomy profiles are tagged with (docs/taxonomy.md), and where cities are.

The interest ids are the demo world's (``grassroots.demo_world.taxonomy``; a test keeps them equal);
each has a short description that is embedded as the interest's prototype. A text's interest is
the prototype nearest to it, kept when the cosine is at least :data:`MIN_SIMILARITY`.

>>> INTEREST_TEXT["fitness/cycling"]
'Cycling: bike rides, cycling, cycling clubs and new bikes'
>>> country_of("london"), country_of("GB"), country_of("Atlantis")
('GB', 'GB', None)
"""

from __future__ import annotations

__all__ = ["CITY_COUNTRY", "INTEREST_TEXT", "MIN_SIMILARITY", "country_of"]

#: cosine below which a text is not tagged with any interest
MIN_SIMILARITY = 0.3

#: interest id -> "Label: description" (the text embedded as the interest's prototype). Written from
#: the labels alone, without the words of the eval briefs in bench/match/briefs (a test checks).
INTEREST_TEXT: dict[str, str] = {
    "beauty/skincare": "Skincare: skincare routines, moisturiser, serum, cleanser and sunscreen",
    "beauty/makeup": "Makeup: makeup looks, foundation, lipstick and eyeshadow",
    "beauty/haircare": "Hair care: hair care, shampoo, curls and hair styling",
    "style/fashion": "Fashion: outfits, clothes, style and wardrobe",
    "fitness/running": "Running: running, marathons, trail runs and race training",
    "fitness/yoga": "Yoga: yoga practice, stretching, mats and flows",
    "fitness/cycling": "Cycling: bike rides, cycling, cycling clubs and new bikes",
    "fitness/gym": "Gym and strength: gym workouts, weightlifting and strength training",
    "outdoors/hiking": "Hiking: hiking trails, mountains and long walks outdoors",
    "outdoors/birdwatching": "Birdwatching: birdwatching, birds and nature reserves",
    "outdoors/gardening": "Gardening: gardening, plants, vegetables and seedlings",
    "food/cooking": "Cooking: cooking, recipes and home-cooked dinners",
    "food/baking": "Baking: baking bread, cakes, cookies and sourdough",
    "food/coffee": "Coffee: coffee, espresso, lattes and cafes",
    "food/plant-based": "Plant-based food: plant-based and vegan food, vegetables and lentils",
    "family/parenting": "Parenting: parenting, kids and family life",
    "family/pets": "Pets: pets, dogs, cats and walks with the dog",
    "home/decor": "Home and interiors: home decor, interiors and furniture",
    "travel/travel": "Travel: travel, trips abroad, flights and holidays",
    "tech/gadgets": "Tech and gadgets: gadgets, phones, laptops and new tech",
    "tech/gaming": "Gaming: video games, gaming sessions and game releases",
    "culture/music": "Music: music, concerts, playlists and vinyl records",
    "culture/books": "Books: books, reading and novels",
    "values/sustainability": "Sustainability: sustainability, zero waste, refills and reuse",
    "values/wellness": "Wellness and self-care: wellness, self-care, rest and mindfulness",
}

#: city (lower case) -> ISO country code, for location filters that name a country
CITY_COUNTRY: dict[str, str] = {
    "london": "GB", "manchester": "GB", "bristol": "GB", "edinburgh": "GB", "glasgow": "GB",
    "new york": "US", "austin": "US", "chicago": "US", "los angeles": "US", "portland": "US",
    "san francisco": "US", "seattle": "US", "boston": "US", "toronto": "CA", "vancouver": "CA",
    "montreal": "CA", "berlin": "DE", "munich": "DE", "hamburg": "DE", "dublin": "IE", "sydney": "AU",
    "melbourne": "AU", "auckland": "NZ", "paris": "FR", "madrid": "ES", "amsterdam": "NL",
}  # fmt: skip


def country_of(location: str | None) -> str | None:
    """ISO country code of a city or a country code (case-insensitive), else None."""
    if not location:
        return None
    key = location.strip().lower()
    if len(key) == 2 and key.upper() in set(CITY_COUNTRY.values()):
        return key.upper()
    return CITY_COUNTRY.get(key.split(",")[0].strip())
