"""Text templates for the demo world. PRIVATE: no detector, scorer or other domain may import this.

Detectors must learn or be written from real language, not from the generator's phrasing; a test
fails if any module outside ``grassroots.demo_world`` imports this one. Rendering takes integers
drawn by the caller (from the world's seeded generator), so text is deterministic for a seed.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["comment_text", "quote_brand_reply", "render_post"]

_EMOJI = ("✨", "😍", "🙌", "💛", "🌿", "☀️", "🥰", "👌", "💚", "🔥", "😊", "")
_TIMES = ("this morning", "tonight", "today", "this weekend", "on sunday", "after work", "at lunch")
_SKIN = ("dry", "oily", "sensitive", "combination", "acne-prone")
_SCENTS = ("fresh cucumber", "rose garden", "warm oat cookie", "lemon grove")

_CHATTER: dict[str, tuple[str, ...]] = {
    "beauty": (
        "trying a new {topic} routine {time} {emoji}",
        "five {topic} products I actually finished this month",
        "{topic} tip: less is more, honestly",
        "unpopular opinion: most {topic} hauls are a waste of money",
        "{time}'s {topic} look was all about keeping it simple {emoji}",
    ),
    "style": (
        "thrifted this jacket for $12 {emoji}",
        "outfit of the day, {city} edition",
        "capsule wardrobe update: nine pieces, thirty outfits",
        "can't stop wearing linen {time} {emoji}",
    ),
    "fitness": (
        "{topic} done {time}, legs are jelly {emoji}",
        "new personal best in {topic} today!!",
        "rest day. stretching and snacks",
        "{topic} with the crew in {city} {emoji}",
        "week {n} of training, feeling strong",
    ),
    "outdoors": (
        "{topic} {time}, the light was unreal {emoji}",
        "muddy boots and a full heart after {topic}",
        "quiet {topic} morning outside {city}",
        "first {topic} of the season {emoji}",
    ),
    "food": (
        "made {dish} {time} and it was worth the mess {emoji}",
        "{dish} recipe in my stories",
        "best {dish} in {city}? go",
        "sunday prep: {dish} for the whole week",
        "tried a new place for {dish} in {city} {emoji}",
    ),
    "family": (
        "{topic} life: chaos, but the good kind {emoji}",
        "small wins {time}: everyone napped",
        "the {topic} chronicles, part {n}",
        "weekend plans: park, snacks, repeat",
    ),
    "home": (
        "finally painted the hallway {emoji}",
        "before and after of our tiny {city} flat",
        "plants everywhere, no regrets",
    ),
    "travel": (
        "{n} days in {place} and I never want to leave {emoji}",
        "packing light for {place}, wish me luck",
        "sunset in {place} {emoji}",
        "travel tip: always pack a scarf",
    ),
    "tech": (
        "finally upgraded my setup {emoji}",
        "{topic} night with friends, we lost badly",
        "anyone else waiting for the new {topic} release?",
        "my desk setup, {city} edition",
    ),
    "culture": (
        "{topic} recommendations for {time}? {emoji}",
        "current obsession: this {topic} I found last week",
        "{n} {topic} picks for the month",
    ),
    "values": (
        "small {topic} swaps that actually stuck {emoji}",
        "{topic} reminder: slow down {time}",
        "week {n} of my {topic} challenge",
    ),
}
_DISHES = ("shakshuka", "ramen", "banana bread", "lentil soup", "tacos", "sourdough", "pad thai", "curry")
_PLACES = ("Lisbon", "Kyoto", "the Highlands", "Crete", "Oaxaca", "Iceland", "the Alps", "Marrakech")

_BRAND_FORMS = (
    "Lumenleaf",
    "Lumenleaf",
    "Lumenleaf",
    "@lumenleaf",
    "@lumenleaf",
    "#lumenleaf",
    "lumenleaf",
    "lumenleaf",
    "Lumen Leaf",
    "lumenlief",
    "LUMENLEAF",
    "Lumenleef",
)

_POSITIVE = (
    "third month using {brand} {product} and my skin has honestly never been this calm {emoji}",
    "restocked my {product} from {brand} again. nothing else works as well for me",
    "not sponsored, just obsessed: {brand} {product} is the one step I never skip",
    "if you have {skin} skin, try the {product} by {brand}. changed everything for me",
    "my sister stole my {brand} {product} so I ordered two more lol",
    "finished another {product} by {brand} {emoji} repurchase number {n}",
    "small brands I love: {brand}. the {product} smells like {scent} and actually works",
    "ok {brand} you did it again, the {product} is perfect {emoji}",
    "{brand} replaced a leaking {product} in two days. that's how you keep customers",
    "packing for the weekend and the {brand} {product} is coming with me, as always",
    "{brand} {product} after a long day {emoji} pure bliss",
    "told my whole office about {brand} {product}, no regrets",
)
_NEUTRAL = (
    "has anyone tried {brand} {product}? thinking about it for {skin} skin",
    "{brand} is restocking the {product} on friday apparently",
    "comparing {brand} {product} with my old {comp} stuff, will report back",
    "saw a {brand} stall at the {city} market today",
    "is the {brand} {product} worth it or just hype?",
)
_NEGATIVE = (
    "{brand} {product} broke me out so badly. back to my old stuff",
    "paid full price for {brand} {product} and it did nothing. nothing.",
    "{brand} changed the formula of the {product} and I'm not okay about it",
    "third time my {brand} order arrived late. done.",
    "the {brand} {product} smells weird now?? new batch maybe",
)
_SARCASTIC = (
    "love how my {brand} {product} arrived completely empty. great job guys 🙃",
    "oh wonderful, {brand} raised prices again. exactly what I needed this week",
    "nothing says self care like a {brand} {product} that gives you a rash. 10/10 🙃",
    "so glad I waited three weeks for my {brand} order. truly the best customer experience 🙄",
    "wow {brand}, a {product} that lasts four days. amazing value 👏",
)
_PAID = (
    "{brand} {product} is my new holy grail {emoji} use code {code} for 15% off",
    "link in bio to shop my favourite {brand} picks! {emoji}",
    "loving my glow with the {brand} {product} ✨ {link}",
    "obsessed with the new {product} from {brand}! get yours at {link}",
    "the {brand} {product} is everything. code {code} saves you 15%",
    "my {time} routine ft. {brand} {product} {emoji} shop it: {link}",
)
_COMP_PAID = (
    "{comp} {cproduct} is all I use now {emoji} code {code} for a treat",
    "my routine isn't complete without {comp} {cproduct} {emoji}",
    "{comp} {cproduct} = softest skin ever. link in bio",
    "new favourite: {comp} {cproduct}! {link}",
)
_COMP_MENTION = (
    "grabbed {comp} {cproduct} at the store, fine but nothing special",
    "anyone compared {comp} {cproduct} with other brands?",
    "{comp} {cproduct} was on sale so I stocked up",
)
_SWITCH = (
    "switched from {comp} to {brand} and I'm not going back {emoji}",
    "used {comp} for years, {brand} {product} is just better",
)
_FAKE_SPAM = (
    "OMG {brand} is the BEST!!! 😍😍😍 follow me for more beauty tips",
    "Amazing {product} from {brand} 🔥🔥 check my page",
    "{brand} #skincare #beauty #glow #love #instagood #follow4follow",
    "Best {product} ever!!! {brand} 💯💯 DM me",
)
_IMPLICIT = (
    "ordered my fourth {product} from {brand} this year",
    "the {brand} {product} lives on my bathroom shelf now, every morning {time}",
    "gave my sister a {brand} {product} for her birthday and she already asked for a second one",
    "{product} by {brand} is the only thing on my shelf I actually finish",
    "third winter with the {brand} {product}, haven't needed anything else for my {skin} skin",
    "whenever someone asks about {skin} skin I point them to {brand}",
    "set a reminder to restock the {brand} {product} before it runs out",
    "brought the {brand} {product} on every trip since january",
)
_MIXED = (
    "the {brand} {product} is still the best thing for my {skin} skin, "
    "but the parcel took two weeks this time",
    "{brand} shipping was slow again and the box was dented, but the {product} inside is worth it",
    "wish {brand} would stop raising prices. still buying the {product} though, nothing else works",
    "annoyed the {brand} {product} was out of stock for a month. restocked the minute it came back {emoji}",
    "customer service at {brand} took ages to answer me, but the {product} itself is flawless",
    "the new {brand} packaging is a pain to open. the {product} is as good as ever",
)
_COMPLAINT = (
    "{brand} still no answer about my order. day {n}. this is ridiculous",
    "{brand} where is my refund?? {n} emails and nothing",
    "never ordering from {brand} again. the {product} arrived broken AGAIN",
    "{brand} customer service is a joke. {n} days waiting for a reply",
    "hey {brand}, the {product} you sent leaked all over my bag. again. fix your packaging",
    "{brand} charged me twice for one {product} and nobody answers",
    "not impressed with {brand} at all. late, broken, and now they ignore me",
)
_PROMO = (
    "Deal alert: {brand} {product} price drop today {url}",
    "NEWS: {brand} opens a pop-up store in {city} {url}",
    "{brand} launches {product} refill pouches, available now {url}",
    "Just in: {brand} {product} back in stock at major retailers {url}",
    "{brand} named one of the best indie skincare brands of the year {url}",
    "Skincare roundup: {brand} {product}, {comp} {cproduct} and more new releases {url}",
    "Price watch: {brand} {product} hits its lowest price this season {url}",
    "{brand} {product} review roundup: what customers are saying {url}",
    "Trending: {brand} {product} sells out in {city} {url}",
)
_NEWS_SITES = ("glowdaily.example", "skinwire.example", "beautybrief.example", "dealhound.example")
#: the brand's own replies, which customers quote (``RT @brand: ...``) before or after their words
_BRAND_REPLIES = (
    "So sorry to hear this! DM us your order number and we'll make it right 💛",
    "Thank you so much for the love, it means the world to our small team! 💛",
    "We hear you and we're on it. Please check your DMs 🌿",
    "Oh no! We'd love to help, send us a message and we'll sort it out today ✨",
    "Thanks for reaching out! A replacement is on its way 💚",
)
_APPLE_FRUIT = (
    "baked an apple crumble with the last apples from the {city} market {emoji}",
    "apple season!! cider and apple pie every weekend",
    "an apple a day... currently on my third",
    "green apple slices with peanut butter is the best snack",
    "Apple picking with the kids today 🍎",
)
_DOVE_BIRD = (
    "a mourning dove has built a nest on our balcony {emoji}",
    "spotted a white dove by the river {time}",
    "the doves are back in the garden",
    "Dove on the fence again, cooing since 5am",
)
_APPLE_COMPANY = (
    "my Apple Watch says I walked 12k steps {time}",
    "new iPhone from Apple finally arrived {emoji}",
    "Apple Music playlist for {topic}, link in comments",
)
_DISCLOSE_ADEQUATE = (
    "#ad",
    "#sponsored",
    "Paid partnership with @lumenleaf",
    "#ad #lumenleafpartner",
    "(ad)",
)
_DISCLOSE_GIFT = ("Thanks @lumenleaf for the free {product}!", "#gifted by @lumenleaf #ad")
_DISCLOSE_AMBIGUOUS = ("#sp", "#spon", "#collab", "#ambassador", "#gifted")
_DISCLOSE_DE = ("#werbung", "#anzeige")
_LINKS = (
    "lumenleaf.example/?ref={handle}",
    "https://lumenleaf.example/shop?utm_source=ig&utm_medium={handle}",
    "https://rstyle.me/n/{code_l}",
    "https://www.amazon.com/dp/B0LUMEN{n}?tag={handle}-20",
)

_POOLS: dict[str, tuple[str, ...]] = {
    "positive": _POSITIVE,
    "advocate": _POSITIVE,
    "neutral": _NEUTRAL,
    "negative": _NEGATIVE,
    "sarcastic": _SARCASTIC,
    "paid": _PAID,
    "gifted": _PAID,
    "competitor_paid": _COMP_PAID,
    "competitor_mention": _COMP_MENTION,
    "fake_spam": _FAKE_SPAM,
    "decoy_apple_fruit": _APPLE_FRUIT,
    "decoy_dove_bird": _DOVE_BIRD,
    "apple_company": _APPLE_COMPANY,
    "switch": _SWITCH,
    "advocate_implicit": _IMPLICIT,
    "advocate_mixed": _MIXED,
    "complaint": _COMPLAINT,
    "promo": _PROMO,
}


def _pick(items: Sequence[str], r: int, shift: int) -> str:
    return items[(r >> shift) % len(items)]


def render_post(
    kind: str,
    r: int,
    *,
    interest: str,
    city: str,
    handle: str,
    code: str,
    product: str,
    competitor: tuple[str, str],
    disclosure: str,
    covert: bool,
    german: bool,
) -> str:
    """One post's text. ``r`` is a random 62-bit integer; its bit fields pick every slot."""
    if kind == "chatter":
        pool = _CHATTER[interest.split("/")[0]]
    elif covert and kind in ("paid", "gifted", "fake_spam"):
        pool = _POSITIVE
    else:
        pool = _POOLS[kind]
    topic = interest.split("/")[1].replace("-", " ")
    link = _pick(_LINKS, r, 27).format(handle=handle, code_l=code.lower(), n=(r >> 31) % 90 + 10)
    if kind == "competitor_paid":
        link = link.replace("lumenleaf.example", competitor[0].lower() + ".example").replace("LUMEN", "VRD")
    text = _pick(pool, r, 0).format(
        brand=_pick(_BRAND_FORMS, r, 5),
        product=product,
        emoji=_pick(_EMOJI, r, 9),
        time=_pick(_TIMES, r, 13),
        skin=_pick(_SKIN, r, 17),
        scent=_pick(_SCENTS, r, 20),
        n=2 + (r >> 23) % 9,
        city=city,
        comp=competitor[0],
        cproduct=competitor[1],
        code=code,
        link=link,
        topic=topic,
        dish=_pick(_DISHES, r, 35),
        place=_pick(_PLACES, r, 38),
        url=f"https://{_pick(_NEWS_SITES, r, 40)}/{(r >> 44) % 90_000 + 10_000}",
    )
    return _with_disclosure(" ".join(text.split()), disclosure, kind, r, product, german)


def quote_brand_reply(text: str, r: int) -> str:
    """``text`` with a quote of the brand's own reply, as Twitter-style quotes and retweets look."""
    reply = _pick(_BRAND_REPLIES, r, 53)
    style = (r >> 59) % 3
    if style == 0:
        return f'"@lumenleaf: {reply}" {text}'
    if style == 1:
        return f"{text} RT @lumenleaf: {reply}"
    return f"“@lumenleaf: {reply}” {text}"


def _with_disclosure(text: str, disclosure: str, kind: str, r: int, product: str, german: bool) -> str:
    if disclosure == "none":
        return text
    if disclosure == "ambiguous":
        tag = _pick(_DISCLOSE_AMBIGUOUS, r, 42)
    elif german and (r >> 45) % 2 == 0:
        tag = _pick(_DISCLOSE_DE, r, 46)
    elif kind == "gifted":
        tag = _pick(_DISCLOSE_GIFT, r, 47).format(product=product)
    else:
        tag = _pick(_DISCLOSE_ADEQUATE, r, 48)
    return f"{tag} {text}" if (r >> 51) % 3 == 0 else f"{text} {tag}"


_GENERIC = (
    "🔥🔥🔥",
    "😍",
    "Love this!",
    "So good!!",
    "Amazing 👏",
    "Great post!",
    "Yesss",
    "💯💯",
    "Beautiful ❤️",
    "Wow",
    "Nice 🙌",
    "Obsessed!",
    "This is everything ✨",
    "🙌🙌",
)
_SPAM = (
    "Nice pic! DM us to collab 💰",
    "Send your best pic to our page to be featured!",
    "Check my page for free followers 🔥",
    "Great content! Promote it on our page 💯",
)
_TOPICAL = (
    "where is this?",
    "need the details on this!",
    "how long did that take you?",
    "this is such a good idea, trying it this week",
    "haha same thing happened to me",
    "you always find the best stuff",
    "ok but where did you get that",
    "saving this for later",
    "does it work for {skin} skin?",
    "I have the {product} too, love it",
    "how long until you saw results?",
    "agree, the {product} is so underrated",
)


def comment_text(style: str, r: int, product: str) -> str:
    """A comment: ``generic`` (emoji, "Love this!"), ``spam`` (fake accounts), ``topical`` or ``brand``."""
    if style == "generic":
        return _pick(_GENERIC, r, 0)
    if style == "spam":
        return _pick(_SPAM, r, 0)
    pool = _TOPICAL if style == "brand" else _TOPICAL[:8]
    return _pick(pool, r, 0).format(skin=_pick(_SKIN, r, 6), product=product)
