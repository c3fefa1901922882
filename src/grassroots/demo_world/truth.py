"""The planted truth of a demo world: ``truth.json`` (people, pods, codes) and ``truth-posts.csv``.

Benchmarks and tests read it to score detectors; **no scorer ever reads it**. The schema is
versioned (``schema_version``); docs/demo-world.md describes every field. ``load_truth`` refuses
files of another schema or a newer major version.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grassroots.errors import InvalidInput, SourceError

__all__ = ["SCHEMA", "SCHEMA_VERSION", "PersonTruth", "PostTruth", "Truth", "load_truth"]

SCHEMA = "grassroots.demo-world.truth"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class PersonTruth:
    """What is really true about one person (one account on the demo platform)."""

    account_id: str
    handle: str
    is_fake: bool
    is_advocate: bool
    pod_id: int | None
    community: int | None
    interests: tuple[str, ...]
    location: str | None
    customer_id: str | None
    is_creator: bool
    tier: str
    followers: int
    fake_follower_share: float
    bought_followers: int
    bought_at: str | None
    paid_by_brand: bool
    gifted_by_brand: bool
    paid_by_competitor: str | None
    fake_spammer: bool
    discount_code: str | None
    disguised_profile: bool = False
    loud_complainer: bool = False
    promo_account: bool = False


@dataclass(frozen=True)
class PostTruth:
    """What is really true about one post (a row of ``truth-posts.csv``)."""

    post_id: str
    author: str
    kind: str
    brand_target: str | None
    decoy: str | None
    sentiment: str | None
    sarcastic: bool
    paid: bool
    gifted: bool
    disclosed: bool
    disclosure: str
    competitor_paid: bool
    covert: bool = False
    quoted_brand_reply: bool = False


@dataclass(frozen=True)
class Truth:
    """A loaded ``truth.json``; ``posts()`` reads the per-post truth next to it on demand."""

    path: Path
    schema_version: int
    seed: int
    hard: bool
    platform: str
    brand: dict[str, Any]
    period: dict[str, str]
    parameters: dict[str, Any]
    files: dict[str, str]
    counts: dict[str, int]
    people: tuple[PersonTruth, ...]
    pods: tuple[tuple[str, ...], ...]
    codes: dict[str, dict[str, Any]]
    _by_id: dict[str, PersonTruth] = field(default_factory=dict, repr=False, compare=False)

    def person(self, account_id: str) -> PersonTruth:
        """The truth about one account (``KeyError`` if it is not in this world)."""
        if not self._by_id:
            self._by_id.update((p.account_id, p) for p in self.people)
        return self._by_id[account_id]

    def advocates(self) -> frozenset[str]:
        """Account ids of the planted genuine advocates."""
        return frozenset(p.account_id for p in self.people if p.is_advocate)

    def fakes(self) -> frozenset[str]:
        """Account ids of the fake accounts."""
        return frozenset(p.account_id for p in self.people if p.is_fake)

    def posts(self) -> dict[str, PostTruth]:
        """Per-post truth keyed by post id (reads ``truth-posts.csv`` beside ``truth.json``)."""
        path = self.path.parent / self.files["post_truth"]
        out: dict[str, PostTruth] = {}
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["post_id"]] = PostTruth(
                    post_id=row["post_id"],
                    author=row["author"],
                    kind=row["kind"],
                    brand_target=row["brand_target"] or None,
                    decoy=row["decoy"] or None,
                    sentiment=row["sentiment"] or None,
                    sarcastic=row["sarcastic"] == "true",
                    paid=row["paid"] == "true",
                    gifted=row["gifted"] == "true",
                    disclosed=row["disclosed"] == "true",
                    disclosure=row["disclosure"],
                    competitor_paid=row["competitor_paid"] == "true",
                    covert=row.get("covert") == "true",
                    quoted_brand_reply=row.get("quoted_brand_reply") == "true",
                )
        return out


def load_truth(path: Path | str) -> Truth:
    """Read ``truth.json`` (or a world directory containing it).

    Raises ``SourceError`` when it cannot be read and ``InvalidInput`` when it is not a demo-world
    truth file of a schema version this code understands.
    """
    p = Path(path)
    p = p / "truth.json" if p.is_dir() else p
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"{p}: cannot read demo-world truth: {exc}") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InvalidInput(f"{p}: schema: not a demo-world truth file (expected {SCHEMA!r})")
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise InvalidInput(
            f"{p}: schema_version: {version!r} is not supported (this code reads <= {SCHEMA_VERSION})"
        )
    people = tuple(PersonTruth(**{**row, "interests": tuple(row["interests"])}) for row in data["people"])
    return Truth(
        path=p,
        schema_version=version,
        seed=data["generator"]["seed"],
        hard=data["generator"]["hard"],
        platform=data["platform"],
        brand=data["brand"],
        period=data["period"],
        parameters=data["parameters"],
        files=data["files"],
        counts=data["counts"],
        people=people,
        pods=tuple(tuple(pod["members"]) for pod in data["pods"]),
        codes=data["codes"],
    )
