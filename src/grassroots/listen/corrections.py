"""Apply user corrections to an advocate ranking: people marked "not an advocate" leave it, people
marked "advocate" go first; the explanation names the correction.

>>> from grassroots.listen.advocates import Advocate
>>> def person(rank, account):
...     numbers = (1.0 / rank, 1, 1, 0, 0, 0, 1, None, 1.0, 1.0, None, "")
...     return Advocate(rank, "x", account, None, None, "nano", *numbers)
>>> ranked = [person(1, "a"), person(2, "b"), person(3, "c")]
>>> fixed = correct_advocates(ranked, {"a": {"value": "not_advocate", "correction_id": 1, "by": "sam"},
...                                    "c": {"value": "advocate", "correction_id": 2, "by": "sam"}})
>>> [(a.rank, a.account_id) for a in fixed]
[(1, 'c'), (2, 'b')]
>>> fixed[0].explanation
'user correction #2 by sam: advocate'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from grassroots.listen.advocates import Advocate

__all__ = ["correct_advocates"]


def correct_advocates(
    ranked: Sequence[Advocate], corrections: Mapping[str, Mapping[str, Any]]
) -> list[Advocate]:
    """``ranked`` without the accounts corrected to ``not_advocate`` and with those corrected to
    ``advocate`` first (in their old order), ranks renumbered from 1."""
    if not corrections:
        return list(ranked)
    forced: list[Advocate] = []
    rest: list[Advocate] = []
    for a in ranked:
        c = corrections.get(a.account_id)
        if c is None:
            rest.append(a)
        elif c["value"] == "advocate":
            label = f"user correction #{c.get('correction_id')} by {c.get('by')}: advocate"
            forced.append(replace(a, explanation="; ".join(x for x in (label, a.explanation) if x)))
    return [replace(a, rank=n) for n, a in enumerate([*forced, *rest], start=1)]
