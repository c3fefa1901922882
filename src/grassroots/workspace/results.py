"""What the :class:`~grassroots.workspace.Workspace` methods return: frozen dataclasses, never bare dicts.

A pipeline stage's result carries the ``run_id`` of the ``runs`` row it recorded (``None`` only for
file-scoring methods called before ``grassroots init``, when there is no lake to record in). The
``to_dict`` / ``summary`` methods give the JSON shapes the CLI prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grassroots.demo_world import WorldFiles
    from grassroots.ingest import IngestReport
    from grassroots.lake import UpsertCounts
    from grassroots.listen import Advocate, EngagementProfile, Mention, SentimentResult, SummaryView
    from grassroots.records import TextRecord
    from grassroots.trust import FakeFollowerScore

__all__ = [
    "AdvocatesResult",
    "DisclosureItem",
    "DisclosureResult",
    "EngagementResult",
    "ErasureResult",
    "ExportedTable",
    "FakeFollowerResult",
    "IngestResult",
    "InitResult",
    "MentionLine",
    "NetworkBuildResult",
    "ScanResult",
    "ScannedPost",
    "ScoredText",
    "SeedPlanResult",
    "WorldResult",
]


@dataclass(frozen=True)
class InitResult:
    """Where the installation lives and whether ``init`` created the secret (False: it was kept)."""

    data_dir: Path
    lake_path: Path
    database_url: str
    created_secret: bool


@dataclass(frozen=True)
class WorldResult:
    """A generated demo world: its files (``world.path("posts")``) and row counts."""

    world: WorldFiles
    seed: int

    @property
    def directory(self) -> Path:
        return self.world.directory

    @property
    def counts(self) -> dict[str, int]:
        return self.world.counts


@dataclass(frozen=True)
class IngestResult:
    """One ingested file: the source it was read as, and the ingest report (table, counts, warnings,
    rejects file); ``run_id`` names its ``runs`` row."""

    source: str
    report: IngestReport

    @property
    def table(self) -> str:
        return self.report.table

    @property
    def path(self) -> Path:
        return self.report.path

    @property
    def counts(self) -> UpsertCounts:
        return self.report.counts

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.report.warnings

    @property
    def rejects_path(self) -> Path | None:
        return self.report.rejects_path

    @property
    def all_rejected(self) -> bool:
        """Every record was rejected (``skip_invalid``): nothing of the file is stored."""
        return self.report.all_rejected

    @property
    def run_id(self) -> str:
        return self.report.counts.run_id

    def summary(self) -> dict[str, Any]:
        """The flat JSON line ``grassroots ingest`` prints."""
        return self.report.summary()


@dataclass(frozen=True)
class FakeFollowerResult:
    """Fake-account probabilities of every profile of a file, in file order, with reasons."""

    scores: tuple[FakeFollowerScore, ...]
    prior: float
    run_id: str | None
    path: Path | None = None  # the JSONL export (``results/fake-followers.jsonl``)
    warnings: tuple[str, ...] = ()  # e.g. most profile fields unknown (imputed)
    platforms: tuple[str, ...] = ()  # per score, when scored from the lake
    prior_estimate: float | None = None  # the EM estimate of the fake share, when adapted

    @property
    def probabilities(self) -> dict[str, float]:
        """Account id -> probability of being fake."""
        return {str(s.id): float(s.probability) for s in self.scores}

    @property
    def likely_fake(self) -> frozenset[str]:
        """Ids whose probability is at least 0.5 (the threshold for equal priors)."""
        return frozenset(i for i, p in self.probabilities.items() if p >= 0.5)

    def rows(self) -> list[dict[str, Any]]:
        """One JSON object per profile: ``id``, ``probability``, ``platform`` (its model), ``reasons``;
        scored from the lake, ``account_platform`` too (the lake's platform of the account)."""
        rows = [
            {"id": s.id, "probability": s.probability, "platform": s.platform, "reasons": list(s.reasons)}
            for s in self.scores
        ]
        if self.platforms:
            return [row | {"account_platform": p} for p, row in zip(self.platforms, rows, strict=True)]
        return rows

    def summary(self) -> str:
        """One line for stderr: profiles per platform, the prior used (and its EM estimate)."""
        counts = {name: sum(s.platform == name for s in self.scores) for name in ("instagram", "twitter")}
        line = f"{len(self.scores)} profiles ({', '.join(f'{k} {v}' for k, v in counts.items() if v)})"
        if self.prior_estimate is not None:
            line += f"; prior_estimate={self.prior_estimate:.3f} (EM, label-free)"
        called = sum(s.probability >= 0.5 for s in self.scores)
        return f"{line}; prior={self.prior:.3f}; {called} at or above 0.5"


@dataclass(frozen=True)
class EngagementResult:
    """Engagement per account for one brand, as stored in the lake table ``engagement``."""

    brand: str
    profiles: tuple[EngagementProfile, ...]
    run_id: str


@dataclass(frozen=True)
class ScannedPost:
    """One row of ``brand_mentions``: a post about ``subject`` (the brand or a competitor).

    ``disclosure`` and ``commercial`` are the shared rules' answer
    (:func:`grassroots.rules.detect_disclosure`); ``commercial_signals`` and ``mentions`` are JSON
    text, as stored in the lake.
    """

    brand: str
    subject: str
    platform: str
    post_id: str
    author: str | None
    created_at: Any
    week: str | None
    lang: str | None
    label: str
    score: float
    p_negative: float
    p_neutral: float
    p_positive: float
    evidence_start: int
    evidence_end: int
    evidence: str
    disclosure: str
    commercial: str
    paid_or_gifted: bool
    commercial_signals: str
    mentions: str


@dataclass(frozen=True)
class ScanResult:
    """Every lake post about the brand and its competitors, scored toward its subject."""

    brand: str
    posts: tuple[ScannedPost, ...]
    run_id: str
    by: SummaryView = "week"
    alerts: int = 0  # sentiment-spike alerts the scan raises (new or already raised)

    @property
    def own(self) -> tuple[ScannedPost, ...]:
        """The posts about the brand itself."""
        return tuple(p for p in self.posts if p.subject == self.brand)

    def labels(self) -> dict[str, int]:
        """Positive / neutral / negative counts of the brand's own posts."""
        return {k: sum(p.label == k for p in self.own) for k in ("positive", "neutral", "negative")}

    def summary(self, by: SummaryView | None = None) -> list[dict[str, Any]]:
        """Per ISO week, per author or per post (default: ``self.by``; see
        :func:`grassroots.listen.summarise`)."""
        from grassroots.listen import summarise

        return summarise([asdict(p) for p in self.posts], by=by or self.by)


@dataclass(frozen=True)
class AdvocatesResult:
    """The brand's advocates, best first, as stored in the lake table ``advocates``."""

    brand: str
    advocates: tuple[Advocate, ...]
    run_id: str

    def customers(self) -> tuple[Advocate, ...]:
        """Only the advocates linked to a shop customer."""
        return tuple(a for a in self.advocates if a.customer_id)


@dataclass(frozen=True)
class DisclosureItem:
    """The disclosure verdict of one input line, and the commercial relationship it shows (the shared
    rules' answer: ``paid`` / ``gifted`` / ``affiliate`` / ``none``, disclosed or not); for a lake
    post also its ``platform``, ``id`` and ``author``."""

    disclosure: str
    commercial: str
    signals: tuple[dict[str, Any], ...]
    undisclosed_probability: float
    id: Any = None
    warnings: tuple[str, ...] = ()
    platform: str | None = None
    author: str | None = None
    #: the verdict as shown: ``commercial_undisclosed`` ("commercial signal, not disclosed") is a ``none``
    #: post with an affiliate link or a code; empty = the disclosure verdict
    status: str = ""
    #: the user correction applied to this post (``grassroots correct disclosure``), if any
    correction: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON line of ``grassroots trust disclosure`` (``id``, ``warnings``, ``platform`` and
        ``author`` only when present)."""
        out: dict[str, Any] = {} if self.platform is None else {"platform": self.platform}
        out |= {} if self.id is None else {"id": self.id}
        out |= {} if self.author is None else {"author": self.author}
        out |= {"disclosure": self.disclosure, "status": self.status or self.disclosure}
        out |= {"commercial": self.commercial, "signals": list(self.signals)}
        out["undisclosed_probability"] = self.undisclosed_probability
        out |= {} if self.correction is None else {"correction": self.correction}
        return out | ({"warnings": list(self.warnings)} if self.warnings else {})


@dataclass(frozen=True)
class DisclosureResult:
    """One verdict per line of a posts file, in order."""

    items: tuple[DisclosureItem, ...]
    run_id: str | None
    path: Path | None = None  # the JSONL export (``results/disclosures.jsonl``)
    alerts: int = 0  # undisclosed-paid-post alerts these posts raise (new or already raised)

    def counts(self) -> dict[str, int]:
        """How many lines are ``adequate``, ``ambiguous`` and ``none``, and how many of the ``none`` ones
        show a commercial signal (``commercial_undisclosed``)."""
        out = {k: sum(i.disclosure == k for i in self.items) for k in ("adequate", "ambiguous", "none")}
        return out | {"commercial_undisclosed": sum(i.status == "commercial_undisclosed" for i in self.items)}


@dataclass(frozen=True)
class SeedPlanResult:
    """Whom to seed (selection order) and the word-of-mouth reach that plan is expected to get."""

    seeds: tuple[str, ...]
    expected_reach: float
    reach_halfwidth: float
    excluded: int
    nodes: int
    edges: int
    run_id: str
    path: Path  # the plan, one id a line (``results/seed-plan.txt``)
    plan_id: str = ""  # its rows in the lake table ``seed_plans``


@dataclass(frozen=True)
class ScoredText:
    """One input line of ``listen sentiment`` and its score."""

    record: TextRecord
    result: SentimentResult

    def to_dict(self) -> dict[str, Any]:
        row = self.result.as_dict() | ({"id": self.record.id} if self.record.id is not None else {})
        warnings = [*self.record.warnings, *self.result.warnings]
        return row | ({"warnings": warnings} if warnings else {})


@dataclass(frozen=True)
class MentionLine:
    """The mentions of a brand found on one input line."""

    line: int
    id: Any
    mentions: tuple[Mention, ...]
    warnings: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        found = [asdict(m) for m in self.mentions]
        return {"line": self.line, "id": self.id, "mentions": found, "warnings": list(self.warnings)}


@dataclass(frozen=True)
class ExportedTable:
    """One Parquet file written by ``export``."""

    table: str
    path: Path
    rows: int


@dataclass(frozen=True)
class ErasureResult:
    """What erasing one person removed, step by step; ``person`` is the HMAC the audit row names them by.

    ``report`` is the journal's account: rows or files removed per step, and the steps done and left.
    """

    report: Mapping[str, Any]

    @property
    def person(self) -> str:
        return str(self.report["person"])

    def to_dict(self) -> dict[str, Any]:
        return dict(self.report)


@dataclass(frozen=True)
class NetworkBuildResult:
    """An influence graph from the lake written as an edge file."""

    source: str
    path: Path
    nodes: int
    edges: int


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write ``rows`` as JSON lines beside ``path`` and rename, so the file appears whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    part.replace(path)
    return path
