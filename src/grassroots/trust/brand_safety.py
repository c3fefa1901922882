"""Brand-safety screens over a creator's posts: which categories each post falls in, and why.

Categories are configurable word-pattern lists (``brand_safety.yaml``: violence, adult, hate, drugs,
profanity); ``competitor_praise`` flags a post that names a competitor in a positive tone (VADER
compound >= 0.3); ``hate`` and ``offensive`` also use learned text screens whose macro-F1 is
measured on TweetEval in ``bench/trust``. Every flag lists its evidence: the matched words or the
screen's probability.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from grassroots.errors import InvalidInput, MissingDependency, SourceError

__all__ = ["CATEGORIES_PATH", "PostSafety", "SafetyFlag", "Screen", "load_categories", "screen_posts"]

CATEGORIES_PATH = Path(__file__).with_name("brand_safety.yaml")
#: A learned screen: texts -> probability of the category for each text.
Screen = Callable[[Sequence[str]], Sequence[float]]


@dataclass(frozen=True)
class SafetyFlag:
    """One category a post falls in, with the evidence."""

    category: str
    evidence: str


@dataclass(frozen=True)
class PostSafety:
    """The flags of one post (empty when it is safe)."""

    index: int
    flags: tuple[SafetyFlag, ...]


def load_categories(path: Path = CATEGORIES_PATH) -> dict[str, re.Pattern[str]]:
    """Compile a categories file: ``{category: [regex, ...]}`` -> one pattern per category."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise InvalidInput(f"{path}: expected a mapping of category -> list of patterns")
    out = {}
    for name, patterns in raw.items():
        try:
            out[str(name)] = re.compile(
                r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?!\w)", re.I
            )
        except re.error as exc:
            raise InvalidInput(f"{path}: {name}: bad pattern: {exc}") from None
    return out


@cache
def _vader() -> Callable[[str], float]:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:
        raise MissingDependency("vaderSentiment", "nlp") from exc
    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def _competitor_flag(text: str, competitors: Sequence[str]) -> SafetyFlag | None:
    named = [c for c in competitors if re.search(rf"(?<!\w)[@#]?{re.escape(c)}(?!\w)", text, re.I)]
    if not named:
        return None
    tone = _vader()(text)
    if tone < 0.3:
        return None
    return SafetyFlag("competitor_praise", f"names {', '.join(named)} with positive tone (VADER {tone:+.2f})")


def screen_posts(
    texts: Sequence[str],
    *,
    categories: Mapping[str, re.Pattern[str]] | None = None,
    competitors: Sequence[str] = (),
    screens: Mapping[str, Screen] | None = None,
    threshold: float = 0.5,
) -> list[PostSafety]:
    """Flags for every post, in order.

    >>> [f.category for f in screen_posts(["we got so high last night lol"])[0].flags]
    ['drugs']
    """
    patterns = categories if categories is not None else load_categories()
    scored = {name: list(screen(texts)) for name, screen in (screens or {}).items()}
    out = []
    for index, text in enumerate(texts):
        flags = []
        for name, pattern in patterns.items():
            words = sorted({m.group(0).lower() for m in pattern.finditer(text)})
            if words:
                flags.append(SafetyFlag(name, "words: " + ", ".join(words)))
        for name, probs in scored.items():
            if probs[index] >= threshold:
                flags.append(SafetyFlag(name, f"{name} screen probability {probs[index]:.2f}"))
        praise = _competitor_flag(text, competitors) if competitors else None
        if praise is not None:
            flags.append(praise)
        out.append(PostSafety(index, tuple(flags)))
    return out
