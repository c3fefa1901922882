"""Workspace methods of the match stage: profiles, and people ranked against a brief."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.lake import Lake
    from grassroots.match import Found, MatchRun, Overlap, ProfileBuild, RosterChoice

__all__ = ["MatchBriefResult", "MatchMethods", "read_costs"]


@dataclass(frozen=True)
class MatchBriefResult:
    """A brief's ranking, saved in the lake table ``matches`` as ``match_id`` (a campaign's pool)."""

    match_id: str
    run: MatchRun
    profiles: ProfileBuild
    run_id: str


class MatchMethods(WorkspaceBase):
    """Who fits a brand's brief, and why."""

    def match_profiles(self, *, full: bool = False, recent: int = 20) -> ProfileBuild:
        """Build the lake table ``profiles`` for accounts whose posts changed since the last build
        (every account with ``full``); ``recent``: newest posts embedded per account."""
        from grassroots.listen import embed
        from grassroots.match import build_profiles

        with self._lake() as lake:
            return build_profiles(lake, embed_fn=embed, recent=recent, full=full, progress=self.progress)

    def match_brief(
        self, file: Path, *, limit: int = 50, why: str | None = None, match_id: str | None = None
    ) -> MatchBriefResult:
        """Rank people for the brief ``file`` (profiles refreshed first), explain each fit, and save the
        ranking as ``match_id`` (default: the brief's name; a re-run replaces it). ``why``: an account
        id or handle whose place (or exclusion) is explained in ``run.why``."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import build_profiles, load_brief, rank_brief, store_match

        if limit < 1:
            raise InvalidInput(f"limit={limit}: expected a positive integer")
        brief = load_brief(file)
        competitors = self._brand(brief.brand).competitors if brief.brand else ()
        name = match_id or re.sub(r"[^a-z0-9_-]+", "-", brief.name.lower()).strip("-") or "brief"
        with self._lake() as lake:
            built = build_profiles(lake, embed_fn=embed, progress=self.progress)
            run = rank_brief(lake, brief, embed_fn=embed, limit=limit, competitors=competitors, why=why)
            params = {"brief": str(file), "limit": limit, "actor": self.actor}
            run_id = store_match(lake, run, match_id=name, parameters=params)
        return MatchBriefResult(name, run, built, run_id)

    def match_like(self, file: Path, *, limit: int = 50) -> list[Found]:
        """People like those named in ``file`` (one id or handle per line), most alike first."""
        from grassroots.match import lookalikes

        with self._lake(read_only=True) as lake:
            return lookalikes(lake, _lines(file), source=str(file), limit=limit)

    def match_search(self, text: str, *, limit: int = 20) -> tuple[list[Found], list[Found]]:
        """(people, posts) best matching ``text`` (English; the model is English-only)."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import search

        if not text.strip():
            raise InvalidInput("text='': expected something to search for")
        with self._lake(read_only=True) as lake:
            return search(lake, text, embed_fn=embed, limit=limit)

    def match_overlap(self, file: Path, *, window_days: int = 90) -> tuple[list[Overlap], dict[str, str]]:
        """Pairwise audience overlap of the people in ``file``; also each person's audience basis
        (``followers``, or ``engagers`` in the last ``window_days`` where no follower list is known)."""
        from grassroots.match import overlaps, read_audiences, read_profiles, resolve_people

        with self._lake(read_only=True) as lake:
            rows, _ = read_profiles(lake)
            ids = [str(rows[i]["account_id"]) for i in resolve_people(rows, _lines(file), str(file))]
            audiences = read_audiences(lake, ids, window_days=window_days)
        handles = {str(r["account_id"]): str(r["handle"]) for r in rows}
        named = {handles[a]: audiences[a] for a in ids}
        return overlaps(named), {h: a.people()[1] for h, a in named.items()}

    def match_roster(
        self, brief: Path, *, k: int, budget: float | None = None, costs: Path | None = None
    ) -> tuple[list[RosterChoice], str]:
        """A roster of ``k`` people (within ``budget`` given ``costs``) maximising distinct engaged
        followers among the brief's best candidates, with top-K by fit and by followers beside it."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import load_brief, roster

        if k < 1:
            raise InvalidInput(f"k={k}: expected a positive integer")
        if (budget is None) != (costs is None):
            raise InvalidInput("budget and costs go together: give both or neither")
        parsed = load_brief(brief)
        cost_map = read_costs(costs) if costs is not None else None
        competitors = self._brand(parsed.brand).competitors if parsed.brand else ()
        with self._lake() as lake:
            lake_costs = _costs_by_id(lake, cost_map)
            return roster(lake, parsed, embed_fn=embed, k=k, costs=lake_costs, budget=budget,
                          competitors=competitors)  # fmt: skip


def _lines(file: Path) -> list[str]:
    from grassroots.errors import InvalidInput

    try:
        return Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{file}: cannot read: {exc}") from exc


def read_costs(file: Path) -> dict[str, float]:
    """``id_or_handle COST`` per line (whitespace or comma; ``#`` comments); errors ``FILE:LINE``."""
    from grassroots.errors import InvalidRecord

    out: dict[str, float] = {}
    for number, raw in enumerate(_lines(file), start=1):
        parts = raw.split("#", 1)[0].replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise InvalidRecord(str(file), number, "cost", f"expected `id cost`, got {raw.strip()!r}")
        try:
            cost = float(parts[1])
        except ValueError:
            cost = -1.0
        if not cost > 0 or cost != cost or cost == float("inf"):
            raise InvalidRecord(str(file), number, "cost", f"expected a positive number, got {parts[1]!r}")
        out[parts[0].removeprefix("@")] = cost
    return out


def _costs_by_id(lake: Lake, costs: dict[str, float] | None) -> dict[str, float] | None:
    """Costs keyed by account id (a costs file may name handles); people missing cost infinity."""
    if costs is None:
        return None
    from grassroots.match import read_profiles

    rows, _ = read_profiles(lake)
    out = {}
    for r in rows:
        cost = costs.get(str(r["account_id"]), costs.get(str(r["handle"])))
        out[str(r["account_id"])] = cost if cost is not None else float("inf")
    return out
