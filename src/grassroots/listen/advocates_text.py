"""What in a brand post is the person's own voice: quoted brand replies out, broadcasts told apart.

Two text rules the advocate score needs, written from how posts at a brand look on Twitter and
Instagram (and checked on the development half of the airline tweets, docs/benchmarks.md):

- **Quoted brand replies are not the person's words.** Customers quote or retweet what the brand
  said to them (``"@brand: So sorry to hear that! DM us" still waiting``, ``... RT @brand: Thanks
  for the love!``); the brand's upbeat reply must not count as the person's praise.
  :func:`own_words` removes a quote attributed to one of the brand's handles.
- **Broadcasts are not opinions.** Deal, news and feed accounts post a link and a headline about
  the brand, never in the first person singular; a person talks about *their* experience.
  :func:`is_broadcast` marks a post with a link and no first-person-singular word; an account
  whose brand posts are mostly broadcasts is a promotional or news account, not an advocate.
- **A thanks in a request is courtesy, not praise.** ``thanks, can you rebook me?`` reads positive
  to a sentiment model; :func:`is_request` marks a post that asks the brand for something.
- **A named service failure is a complaint, however it is worded.** Sarcasm (``thanks for the
  3-hour delay``) and praise beside a failure read positive to a model; :func:`service_failures`
  names the failure words (delays, cancellations, waiting, refunds, lost or broken things), and
  :func:`sarcasm_markers` the common marks of sarcasm (an eye-roll or upside-down face, "oh
  great", "just what I needed", "#sarcasm").
"""

from __future__ import annotations

import re

from grassroots.listen.brands import Brand

__all__ = ["is_broadcast", "is_request", "own_words", "sarcasm_markers", "service_failures"]

_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'll|i'd|me|my|mine|myself)\b", re.IGNORECASE)
_QUOTES = '"“”'
_REQUEST = re.compile(
    r"\?|\b(?:can|could|would|will) (?:you|u|someone|somebody)\b|\bplease\b|\bpls\b|\bplz\b|"
    r"\bdm (?:me|us)\b|\bfollow (?:me|us) back\b",
    re.IGNORECASE,
)
_SARCASM = re.compile(
    r"[🙃🙄😒]|#sarcasm\b|(?<!\w)/s\b|\boh (?:great|wonderful|joy|fantastic|perfect)\b|"
    r"\b(?:just|exactly) what i needed\b|\byeah,? right\b|\bthanks a lot\b|\bthanks for nothing\b|"
    r"\bgreat job,? guys\b",
    re.IGNORECASE,
)
#: service failures in any brand's customer talk (not one industry's vocabulary)
_FAILURE = re.compile(
    r"\b(?:delay(?:ed|s)?|cancel+(?:ed|ing|ation|ations)?|waited|waiting|on hold|hold time|"
    r"lost|stuck|still (?:no|not|nothing|waiting|haven'?t|hasn'?t|can'?t)|refunds?|refunded|"
    r"missed|broken|broke|rude|never again|make (?:it|this) right|fix (?:it|this|your)|"
    r"late|no (?:answer|reply|response)|charged (?:me )?twice|(?<!no )problems?|(?<!no )issues?|"
    r"annoy\w*|disappoint\w*|frustrat\w*|complain\w*|unacceptable|ridiculous)\b|"
    r"\b\d+\s*(?:\+\s*)?(?:hours?|hrs?|days?|weeks?)\b",
    re.IGNORECASE,
)


def _quote_patterns(brand: Brand) -> list[re.Pattern[str]]:
    handles = "|".join(re.escape(h) for h in brand.handles) or r"(?!x)x"
    return [
        # "@brand: ..." / “@brand: ...” (a quote tweet's quoted part), up to the closing quote
        re.compile(rf"[{_QUOTES}]\s*@(?:{handles})\s*:[^{_QUOTES}]*[{_QUOTES}]?", re.IGNORECASE),
        # RT @brand: ... / RT @brand! ... (a manual retweet runs to the end of the post)
        re.compile(rf"\bRT\s+@(?:{handles})\b.*$", re.IGNORECASE | re.DOTALL),
    ]


def own_words(text: str, brand: Brand) -> str:
    """``text`` without quotes of the brand's own posts (whitespace collapsed; may be empty).

    >>> b = Brand(name="Acme", handles=("acme",))
    >>> own_words('"@acme: So sorry to hear that! DM us" still waiting', b)
    'still waiting'
    >>> own_words("I appreciate the reply. RT @Acme: We're on it, Laura!", b)
    'I appreciate the reply.'
    >>> own_words("@acme love the new cream", b)
    '@acme love the new cream'
    """
    out = text
    for rx in _quote_patterns(brand):
        out = rx.sub(" ", out)
    return " ".join(out.split())


def is_broadcast(text: str) -> bool:
    """A link and no first-person-singular word: a headline or a deal, not someone's experience.

    >>> is_broadcast("Acme launches refill pouches https://news.example/1")
    True
    >>> is_broadcast("my Acme cream arrived https://pic.example/1"), is_broadcast("love Acme")
    (False, False)
    """
    return bool(_URL.search(text)) and not _FIRST_PERSON.search(text)


def is_request(text: str) -> bool:
    """The post asks the brand for something (a question, "can you", "please", "DM me").

    A thanks in such a post is courtesy: an advocate's praise is said, not attached to a request.

    >>> is_request("thanks! can you check my booking"), is_request("DM the code please, thanks")
    (True, True)
    >>> is_request("thanks for the lovely flight!")
    False
    """
    return bool(_REQUEST.search(text))


def service_failures(text: str) -> tuple[str, ...]:
    """The service-failure words of a post (delays, waiting, refunds, lost or broken things).

    A post naming one complains whatever its tone: sarcasm and praise-beside-a-failure read
    positive to a sentiment model.

    >>> service_failures("thanks for the 3 hour delay, really great")
    ('3 hour', 'delay')
    >>> service_failures("so glad I waited forever, still no refund")
    ('waited', 'still no', 'refund')
    >>> service_failures("the crew was lovely")
    ()
    """
    return tuple(dict.fromkeys(m.group(0).lower() for m in _FAILURE.finditer(text)))


def sarcasm_markers(text: str) -> tuple[str, ...]:
    """Common marks of sarcasm: an eye-roll, upside-down or unamused face, "oh great", "just what I
    needed", "yeah right", "thanks a lot", "#sarcasm", "/s". The words around them read positive.

    >>> sarcasm_markers("oh great, another price rise. just what I needed 🙄")
    ('oh great', 'just what i needed', '🙄')
    >>> sarcasm_markers("great cream, just what I wanted")
    ()
    """
    return tuple(dict.fromkeys(m.group(0).lower() for m in _SARCASM.finditer(text)))
