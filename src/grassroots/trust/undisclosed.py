"""How likely is a post sponsored, judged from everything *except* its disclosure words?

Weak supervision (no hand labels): posts whose authors disclosed a paid relationship are the
positives, the same authors' other posts the negatives; the disclosure words themselves are masked
out, so the model learns what sponsored content looks like (calls to action, brand handles, links,
discount codes, affiliate links, "link in bio"). A post that is adequately disclosed gets
``undisclosed_probability = 0``; for every other post the probability is the model's, calibrated
for equal priors. It is a likelihood to review, never a finding of fact.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grassroots.rules import Disclosure, detect_disclosure

__all__ = ["SponsoredLikeness", "load_undisclosed_model", "mask_disclosure", "undisclosed_probability"]

MODEL_PATH = Path(__file__).with_name("models") / "undisclosed.json"
_TOKEN = re.compile(r"[@#]?[a-z0-9']+|[!?]|https?://\S+|www\.\S+", re.IGNORECASE)
CUES = ("cue_mention", "cue_url", "cue_brand")
#: Fixed log-odds for signals that *are* a commercial relationship by definition, not learned: an
#: affiliate link pays its poster per sale (FTC: a material connection), a personal discount code
#: is how brands pay and track creators, "link in bio" points to a shop. Weak labels cannot learn
#: these, because most real affiliate content is itself undisclosed (Mathur et al. 2018: ~90 %).
COMMERCIAL_PRIOR = {"affiliate_link": 3.0, "discount_code": 2.0, "link_in_bio": 1.0}


def mask_disclosure(text: str, result: Disclosure | None = None) -> str:
    """``text`` with every adequate / ambiguous / negation span blanked (what the model may see).

    >>> mask_disclosure("so good #ad")
    'so good    '
    """
    result = result or detect_disclosure(text)
    chars = list(text)
    for s in result.signals:
        if s.level in ("adequate", "ambiguous") or s.kind == "negation":
            chars[s.start : s.end] = " " * (s.end - s.start)
    return "".join(chars)


def _tokens(text: str) -> list[str]:
    words = []
    for token in _TOKEN.findall(text.lower()):
        if token.startswith(("http", "www.")):
            words.append("<url>")
        elif token.startswith("@"):
            words.append("<mention>")
        else:
            words.append(token)
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _cues(result: Disclosure, text: str) -> dict[str, float]:
    rules = {s.rule.split(":")[0] for s in result.signals}
    return {
        **{name: float(name in rules) for name in COMMERCIAL_PRIOR},
        "cue_mention": float("@" in text),
        "cue_url": float("http" in text or "www." in text),
        "cue_brand": float("brand_mention" in rules),
    }


def featurize(text: str, *, brand: str | None = None) -> tuple[set[str], dict[str, float]]:
    """Masked n-gram set and cue flags for one text."""
    result = detect_disclosure(text, brand=brand)
    return set(_tokens(mask_disclosure(text, result))), _cues(result, text)


class SponsoredLikeness:
    """Logistic regression on masked word n-grams and commercial cues (estimator contract).

    Parameters
    ----------
    min_df : keep n-grams seen in at least this many training texts.
    max_features : keep at most this many n-grams (most frequent first).
    C : inverse L2 regularisation strength.
    seed : random seed of the solver.
    """

    def __init__(self, *, min_df: int = 3, max_features: int = 3000, C: float = 0.5, seed: int = 0) -> None:
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.seed = seed

    def _matrix(self, feats: Sequence[tuple[set[str], dict[str, float]]]) -> NDArray[np.float64]:
        X = np.zeros((len(feats), len(self.vocabulary_) + len(CUES)))
        for i, (grams, cues) in enumerate(feats):
            hits = [j for j in (self.vocabulary_.get(g) for g in grams) if j is not None]
            if hits:
                X[i, hits] = 1.0 / math.sqrt(len(hits))  # L2-normalised: long posts are not "more sponsored"
            X[i, len(self.vocabulary_) :] = [cues[c] for c in CUES]
        return X

    def fit(self, texts: Sequence[str], y: Sequence[int]) -> SponsoredLikeness:
        """Learn the vocabulary and weights with balanced class weights (equal priors); returns ``self``."""
        from sklearn.linear_model import LogisticRegression

        feats = [featurize(t) for t in texts]
        counts: dict[str, int] = {}
        for grams, _ in feats:
            for g in grams:
                counts[g] = counts.get(g, 0) + 1
        kept = sorted((g for g, n in counts.items() if n >= self.min_df), key=lambda g: (-counts[g], g))
        self.vocabulary_ = {g: i for i, g in enumerate(sorted(kept[: self.max_features]))}
        model = LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000, random_state=self.seed)
        model.fit(self._matrix(feats), np.asarray(y))
        # kept at the precision to_dict saves, so a saved and loaded model scores exactly the same
        self.coef_ = np.round(model.coef_[0].astype(np.float64), 6)
        self.intercept_ = round(float(model.intercept_[0]), 6)
        return self

    def predict_proba(self, texts: Sequence[str], *, brand: str | None = None) -> NDArray[np.float64]:
        """Probability that each text is sponsored content (disclosure words masked)."""
        feats = [featurize(t, brand=brand) for t in texts]
        prior = np.array([sum(w * cues[name] for name, w in COMMERCIAL_PRIOR.items()) for _, cues in feats])
        logit = self._matrix(feats) @ self.coef_ + self.intercept_ + prior
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return {
            "params": {
                "min_df": self.min_df,
                "max_features": self.max_features,
                "C": self.C,
                "seed": self.seed,
            },
            "vocabulary": names,
            "cues": list(CUES),
            "commercial_prior": COMMERCIAL_PRIOR,
            "coef": [round(float(c), 6) for c in self.coef_],
            "intercept": round(self.intercept_, 6),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SponsoredLikeness:
        """Inverse of :meth:`to_dict`."""
        model = cls(**data["params"])
        model.vocabulary_ = {g: i for i, g in enumerate(data["vocabulary"])}
        model.coef_ = np.asarray(data["coef"], dtype=np.float64)
        model.intercept_ = float(data["intercept"])
        return model

    def save(self, path: Path) -> None:
        """Write :meth:`to_dict` to ``path`` as JSON."""
        path.write_text(json.dumps(self.to_dict()), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SponsoredLikeness:
        """Read a model written by :meth:`save`."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


@cache
def load_undisclosed_model(path: Path = MODEL_PATH) -> SponsoredLikeness:
    """The shipped model (trained by ``scripts/train_trust_undisclosed.py``)."""
    return SponsoredLikeness.load(path)


def undisclosed_probability(text: str, result: Disclosure, *, brand: str | None = None) -> float:
    """0 for an adequately disclosed (or empty) post, else the shipped model's likeness (4 decimals)."""
    if result.disclosure == "adequate" or not text.strip():
        return 0.0
    p = float(load_undisclosed_model().predict_proba([text], brand=brand)[0])
    return round(p, 4) if math.isfinite(p) else 0.5
