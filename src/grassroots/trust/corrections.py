"""Apply user corrections to trust answers: a corrected disclosure verdict or fake-follower verdict.

A correction is given as its evidence mapping (:meth:`grassroots.store.Correction.evidence`: ``value``,
``correction_id``, ``by``, ``at``, ``note``); the corrected answer names it, so every decision still
says what it rests on.

>>> item = {"disclosure": "none", "status": "commercial_undisclosed", "commercial": "affiliate",
...         "signals": [], "undisclosed_probability": 0.9}
>>> fixed = correct_disclosure(item, {"value": "adequate", "correction_id": 3, "by": "sam"})
>>> fixed["disclosure"], fixed["status"], fixed["undisclosed_probability"], fixed["signals"][0]["rule"]
('adequate', 'adequate', 0.0, 'user_correction')
>>> real = {"value": "real", "correction_id": 4, "by": "sam"}
>>> s = correct_fake_score(FakeFollowerScore("a1", 0.93, ("no posts",)), real)
>>> s.probability, s.reasons[0]
(0.0, 'user correction #4 by sam: real')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from grassroots.trust.fake_followers import FakeFollowerScore

if TYPE_CHECKING:
    from grassroots.lake import Lake

__all__ = ["check_corrections", "correct_disclosure", "correct_fake_score", "correct_fake_scores"]


def _label(correction: Mapping[str, Any]) -> str:
    return (
        f"user correction #{correction.get('correction_id')} by {correction.get('by')}: {correction['value']}"
    )


def correct_disclosure(item: Mapping[str, Any], correction: Mapping[str, Any]) -> dict[str, Any]:
    """The assessed post with the corrected verdict; the correction is its first signal and its
    ``correction`` field. A post corrected to ``none`` that shows an affiliate link or code stays
    "commercial signal, not disclosed"; one corrected to disclosed shows a relationship (``paid``
    when the rules found none) and has nothing left to hide (``undisclosed_probability`` 0)."""
    value = str(correction["value"])
    out = dict(item)
    out["disclosure"] = value
    if value == "none":
        out["status"] = "commercial_undisclosed" if item.get("status") == "commercial_undisclosed" else "none"
    else:
        out["status"] = value
        out["commercial"] = item["commercial"] if item["commercial"] != "none" else "paid"
        if value == "adequate":
            out["undisclosed_probability"] = 0.0
    signal = {"kind": "correction", "rule": "user_correction", "level": value, "text": _label(correction)}
    out["signals"] = [signal, *item["signals"]]
    out["correction"] = dict(correction)
    return out


def correct_fake_score(score: FakeFollowerScore, correction: Mapping[str, Any]) -> FakeFollowerScore:
    """The score with the corrected verdict: probability 1 for ``fake``, 0 for ``real``, the correction
    as the first reason (the model's reasons follow)."""
    probability = 1.0 if correction["value"] == "fake" else 0.0
    return replace(score, probability=probability, reasons=(_label(correction), *score.reasons))


def correct_fake_scores(
    scores: Sequence[FakeFollowerScore],
    platforms: Sequence[str],
    corrections: Mapping[tuple[str, str], Mapping[str, Any]],
) -> list[FakeFollowerScore]:
    """Each score, corrected when a correction names its (platform, id) or ("", id)."""
    out = []
    for score, platform in zip(scores, platforms, strict=True):
        found = corrections.get((platform, str(score.id))) or corrections.get(("", str(score.id)))
        out.append(correct_fake_score(score, found) if found else score)
    return out


def check_corrections(lake: Lake, corrections: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """How often our own answer (before the correction) agrees with people's corrections, per kind:
    ``labels`` (corrections), ``found`` (their post / account is in the lake), ``agree`` and
    ``agreement`` (our raw answer equals the correction). Advocate corrections are counted by value.

    Reported by ``listen evaluate`` next to (never mixed into) the sentiment figures.
    """
    from grassroots.rules import detect_disclosure
    from grassroots.trust.fake_followers import score_profiles
    from grassroots.trust.profiles import profile_from_mapping

    out: dict[str, Any] = {}
    found = agree = 0
    disclosures = [c for c in corrections if c["kind"] == "disclosure"]
    for c in disclosures:
        rows = _rows(lake, "posts", c)
        if rows:
            found += 1
            agree += detect_disclosure(str(rows[0].get("text") or "")).disclosure == c["value"]
    out["disclosure"] = _agreement(len(disclosures), found, agree)
    found = agree = 0
    accounts = [c for c in corrections if c["kind"] == "account"]
    for c in accounts:
        rows = _rows(lake, "accounts", c)
        if rows:
            found += 1
            profile = profile_from_mapping(rows[0], path="lake: accounts", line=1, number=1)
            (score,) = score_profiles([profile])
            agree += ("fake" if score.probability >= 0.5 else "real") == c["value"]
    out["account"] = _agreement(len(accounts), found, agree)
    advocates = [c for c in corrections if c["kind"] == "advocate"]
    out["advocate"] = {"labels": len(advocates)} | {
        v: sum(c["value"] == v for c in advocates) for v in ("not_advocate", "advocate")
    }
    return out


def _rows(lake: Lake, table: str, correction: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = lake.scan(table, where={"id": correction["subject"]}).to_pylist()
    return [r for r in rows if correction["platform"] in ("", r.get("platform"))]


def _agreement(labels: int, found: int, agree: int) -> dict[str, Any]:
    return {"labels": labels, "found": found, "agree": agree, "agreement": agree / found if found else None}
