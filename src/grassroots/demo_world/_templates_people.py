"""Names, handles and bios for the demo world's profiles. PRIVATE, like ``_templates``.

Handles look like people's (``maya.rivers``, ``tom_bakes``) or like bots' (many digits, random
letters); bios are short and empty for about one person in five.
"""

from __future__ import annotations

__all__ = ["FIRST_NAMES", "LAST_NAMES", "fake_bio", "fake_username", "real_bio", "real_username"]

_FIRST = (
    "maya ava liam noah emma olivia lucas mia leo zoe sofia ethan isla omar priya arjun chloe hannah "
    "jack grace ruby finn nora elena marco yuki kenji aisha fatima kofi amara lena jonas felix clara "
    "ines diego lucia mateo sara david rachel tom kate ben amy sam lily max jess dan ella josh anna "
    "will holly ryan megan adam beth luke rosa ivan nadia tariq zara leila chen wei mei jin hana"
)
_LAST = (
    "rivers patel nguyen smith garcia kim muller rossi silva okafor kowalski jensen brown taylor "
    "wilson chen singh ali haddad novak dubois martin lopez walker hughes evans khan murphy kelly "
    "fischer weber schmidt costa moreau bianchi larsen tanaka sato park lee obi mensah ward price "
    "bennett foster gray hayes reid ross shaw stone wood young baker carter cole"
)
FIRST_NAMES = tuple(_FIRST.split())
LAST_NAMES = tuple(_LAST.split())

_HANDLE_WORDS = {
    "beauty/skincare": ("glow", "skin", "dewy"),
    "beauty/makeup": ("glam", "beauty", "mua"),
    "beauty/haircare": ("curls", "hair", "locks"),
    "style/fashion": ("style", "wears", "closet"),
    "fitness/running": ("runs", "miles", "runner"),
    "fitness/yoga": ("yoga", "flow", "zen"),
    "fitness/cycling": ("rides", "cycles", "bike"),
    "fitness/gym": ("lifts", "fit", "strong"),
    "outdoors/hiking": ("hikes", "trails", "outdoors"),
    "outdoors/birdwatching": ("birds", "birder", "wings"),
    "outdoors/gardening": ("garden", "grows", "plants"),
    "food/cooking": ("cooks", "kitchen", "eats"),
    "food/baking": ("bakes", "crumbs", "oven"),
    "food/coffee": ("coffee", "brews", "espresso"),
    "food/plant-based": ("plants", "vegan", "greens"),
    "family/parenting": ("mama", "family", "littles"),
    "family/pets": ("pup", "paws", "cats"),
    "home/decor": ("home", "nest", "interiors"),
    "travel/travel": ("travels", "roams", "abroad"),
    "tech/gadgets": ("tech", "gadgets", "bytes"),
    "tech/gaming": ("plays", "gg", "gamer"),
    "culture/music": ("music", "beats", "vinyl"),
    "culture/books": ("reads", "books", "pages"),
    "values/sustainability": ("green", "zerowaste", "eco"),
    "values/wellness": ("wellness", "selfcare", "calm"),
}


def real_username(first: str, last: str, interest: str, r: int) -> str:
    """A person-like handle: ``maya.rivers``, ``mayaglow``, ``tom_bakes``; digits only sometimes."""
    word = _HANDLE_WORDS[interest][r % 3]
    style = (r >> 2) % 6
    base = (
        f"{first}.{last}",
        f"{first}{word}",
        f"{first}_{word}",
        f"{word}with{first}",
        f"{first}{last[0]}",
        f"the{first}{last}",
    )[style]
    return base + (str(10 + (r >> 5) % 89) if (r >> 12) % 7 == 0 else "")


def fake_username(first: str, r: int) -> str:
    """A bot-like handle: a name with many digits, or random letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    style = r % 4
    if style == 0:
        return f"{first}{r % 100000:05d}"
    if style == 1:
        return "".join(letters[(r >> (3 * i)) % 26] for i in range(9)) + str(r % 97)
    if style == 2:
        return f"{first}_{(r >> 4) % 1000}_{(r >> 14) % 100}"
    return f"{first}.{first[::-1]}{(r >> 3) % 10000}"


_BIO_PARTS = (
    "{label} lover",
    "{label} | {city}",
    "based in {city}",
    "{label} + coffee",
    "mum of two, {label_l} on weekends",
    "sharing my {label_l} journey",
    "{label_l}, dogs, and long walks",
    "{city} • {label_l} • good vibes",
    "collabs: hello@{handle}.example",
    "{label} creator from {city}",
)


def real_bio(label: str, city: str, handle: str, r: int) -> str:
    """A short bio; empty for about one in five people."""
    if r % 5 == 0:
        return ""
    parts = [
        _BIO_PARTS[(r >> (4 * i)) % len(_BIO_PARTS)].format(
            label=label, label_l=label.lower(), city=city, handle=handle
        )
        for i in range(1 + (r >> 20) % 2)
    ]
    return " · ".join(dict.fromkeys(parts))


_FAKE_BIOS = (
    "follow for follow",
    "💰 DM for promo",
    "f4f l4l",
    "Follow back 100%",
    "✨✨✨",
    "crypto | forex | dm",
)


def fake_bio(r: int) -> str:
    """A bot's bio: usually empty, otherwise follow-back or promo spam."""
    return "" if r % 5 else _FAKE_BIOS[(r >> 3) % len(_FAKE_BIOS)]
