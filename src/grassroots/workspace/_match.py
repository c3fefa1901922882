"""Workspace methods of the match stage: profiles, and people ranked against a brief."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.lake import Lake
    from grassroots.match import Brief, Found, MatchRun, Overlap, ProfileBuild, RosterChoice
    from grassroots.match.results import SavedMatch

__all__ = ["FoundResult", "MatchBriefResult", "MatchMethods", "OverlapResult", "RosterResult", "read_costs"]


@dataclass(frozen=True)
class MatchBriefResult:
    """A brief's ranking, saved in the lake table ``matches`` as ``match_id`` (a campaign's pool)."""

    match_id: str
    run: MatchRun
    profiles: ProfileBuild
    run_id: str


@dataclass(frozen=True)
class FoundResult:
    """People (and, for a search, posts) found, saved in ``match_results`` as ``result_id``."""

    result_id: str
    run_id: str
    people: tuple[Found, ...]
    posts: tuple[Found, ...] = ()


@dataclass(frozen=True)
class OverlapResult:
    """Pairwise overlaps and each person's audience basis (by handle), saved as ``result_id``."""

    result_id: str
    run_id: str
    pairs: tuple[Overlap, ...]
    bases: dict[str, str]


@dataclass(frozen=True)
class RosterResult:
    """The roster against top-K by fit and by followers, the audience basis, saved as ``result_id``."""

    result_id: str
    run_id: str
    choices: tuple[RosterChoice, ...]
    basis: str


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "brief"


class MatchMethods(WorkspaceBase):
    """Who fits a brand's brief, and why; every result saved in the lake (docs/match.md)."""

    def match_profiles(self, *, full: bool = False, recent: int = 20) -> ProfileBuild:
        """Build the lake table ``profiles`` for accounts whose posts changed since the last build
        (every account with ``full``); ``recent``: newest posts embedded per account."""
        from grassroots.listen import embed
        from grassroots.match import build_profiles

        with self._lake() as lake:
            return build_profiles(lake, embed_fn=embed, recent=recent, full=full, progress=self.progress)

    def _parsed(self, brief: Path | Brief) -> tuple[Brief, tuple[str, ...]]:
        """The brief (read from a file when given one) and its brand's competitors."""
        from grassroots.match import Brief, load_brief

        parsed = brief if isinstance(brief, Brief) else load_brief(brief)
        return parsed, tuple(self._brand(parsed.brand).competitors) if parsed.brand else ()

    def match_brief(
        self, file: Path | Brief, *, limit: int = 50, why: str | None = None, match_id: str | None = None
    ) -> MatchBriefResult:
        """Rank people for the brief ``file`` (a path or a parsed :class:`~grassroots.match.Brief`;
        profiles refreshed first), explain each fit, and save the ranking as ``match_id`` (default:
        the brief's name; a re-run replaces it). ``why``: an account id or handle whose place (or
        exclusion) is explained in ``run.why``."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import build_profiles, rank_brief, store_match

        if limit < 1:
            raise InvalidInput(f"limit={limit}: expected a positive integer")
        brief, competitors = self._parsed(file)
        name = match_id or _slug(brief.name)
        with self._lake() as lake:
            built = build_profiles(lake, embed_fn=embed, progress=self.progress)
            run = rank_brief(lake, brief, embed_fn=embed, limit=limit, competitors=competitors, why=why)
            params = {"brief": brief.source, "limit": limit, "actor": self.actor}
            run_id = store_match(lake, run, match_id=name, parameters=params)
        return MatchBriefResult(name, run, built, run_id)

    def match_like(self, file: Path, *, limit: int = 50, result_id: str | None = None) -> FoundResult:
        """People like those named in ``file`` (one id or handle per line), most alike first; saved as
        ``result_id`` (default ``like-`` and the file's name)."""
        from grassroots.match import lookalikes, read_profiles
        from grassroots.match.results import result_id as make_id
        from grassroots.match.results import store_found

        rid = result_id or make_id("like", Path(file).stem)
        with self._lake() as lake:
            found = lookalikes(lake, _lines(file), source=str(file), limit=limit)
            params = {"file": str(file), "limit": limit, "actor": self.actor}
            platforms = _platforms(read_profiles(lake)[0])
            run_id = store_found(lake, "like", rid, found, query=None, platforms=platforms, params=params)
        return FoundResult(rid, run_id, tuple(found))

    def match_search(self, text: str, *, limit: int = 20) -> FoundResult:
        """People and posts best matching ``text`` (English; the model is English-only); saved as
        ``search-`` and a hash of the text (the text itself in the rows' ``query``)."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import read_profiles, search
        from grassroots.match.results import result_id, store_found

        if not text.strip():
            raise InvalidInput("text='': expected something to search for")
        if limit < 1:
            raise InvalidInput(f"limit={limit}: expected a positive integer")
        rid = result_id("search", text)
        with self._lake() as lake:
            people, posts = search(lake, text, embed_fn=embed, limit=limit)
            platforms = _platforms(read_profiles(lake)[0])
            params = {"limit": limit, "actor": self.actor}
            run_id = store_found(lake, "search", rid, [*people, *posts], query=text, platforms=platforms,
                                 params=params)  # fmt: skip
        return FoundResult(rid, run_id, tuple(people), tuple(posts))

    def match_overlap(
        self, file: Path, *, window_days: int = 90, result_id: str | None = None
    ) -> OverlapResult:
        """Pairwise audience overlap of the people in ``file``; also each person's audience basis
        (``followers``, or ``engagers`` in the last ``window_days`` where no follower list is known).
        Saved as ``result_id`` (default ``overlap-`` and the file's name)."""
        from grassroots.match import overlaps, read_audiences, read_profiles, resolve_people
        from grassroots.match.results import result_id as make_id
        from grassroots.match.results import store_overlaps

        rid = result_id or make_id("overlap", Path(file).stem)
        with self._lake() as lake:
            rows, _ = read_profiles(lake)
            ids = [str(rows[i]["account_id"]) for i in resolve_people(rows, _lines(file), str(file))]
            audiences = read_audiences(lake, ids, window_days=window_days)
            handles = {str(r["account_id"]): str(r["handle"]) for r in rows}
            named = {handles[a]: audiences[a] for a in ids}
            pairs = overlaps(named)
            params = {"file": str(file), "window_days": window_days, "actor": self.actor}
            run_id = store_overlaps(lake, rid, pairs, {handles[a]: a for a in ids}, params)
        bases: dict[str, str] = {h: a.people()[1] for h, a in named.items()}
        return OverlapResult(rid, run_id, tuple(pairs), bases)

    def match_roster(
        self,
        brief: Path | Brief,
        *,
        k: int,
        budget: float | None = None,
        costs: Path | dict[str, float] | None = None,
        result_id: str | None = None,
    ) -> RosterResult:
        """A roster of ``k`` people (within ``budget`` given ``costs``: a file or id/handle -> cost)
        maximising distinct engaged followers among the brief's best candidates, with top-K by fit
        and by followers beside it. Saved as ``result_id`` (default ``roster-BRIEF-kK``)."""
        from grassroots.errors import InvalidInput
        from grassroots.listen import embed
        from grassroots.match import read_profiles, roster
        from grassroots.match.results import result_id as make_id
        from grassroots.match.results import store_roster

        if k < 1:
            raise InvalidInput(f"k={k}: expected a positive integer")
        if (budget is None) != (costs is None):
            raise InvalidInput("budget and costs go together: give both or neither")
        if budget is not None and not budget > 0:
            raise InvalidInput(f"budget={budget}: expected a positive number")
        parsed, competitors = self._parsed(brief)
        cost_map = read_costs(costs) if isinstance(costs, Path) else costs
        suffix = f"-k{k}" + (f"-b{budget:g}" if budget is not None else "")
        rid = result_id or make_id("roster", _slug(parsed.name) + suffix)
        with self._lake() as lake:
            lake_costs = _costs_by_id(lake, cost_map)
            choices, basis = roster(lake, parsed, embed_fn=embed, k=k, costs=lake_costs, budget=budget,
                                    competitors=competitors)  # fmt: skip
            params = {"brief": parsed.source, "k": k, "budget": budget, "actor": self.actor}
            run_id = store_roster(lake, rid, choices, _platforms(read_profiles(lake)[0]), params)
        return RosterResult(rid, run_id, tuple(choices), basis)

    def saved_matches(self) -> list[SavedMatch]:
        """Every saved result: brief rankings (``matches``) and like / search / overlap / roster
        results (``match_results``), with how many people each holds as a campaign pool."""
        from grassroots.match.results import saved_matches

        with self._lake(read_only=True) as lake:
            return saved_matches(lake)

    def match_pool(self, match_id: str) -> list[dict[str, Any]]:
        """The people of a saved match in rank order (``person_id`` first: a campaign pool CSV)."""
        from grassroots.match.results import pool_of

        with self._lake(read_only=True) as lake:
            return pool_of(lake, match_id)

    def saved_match(self, match_id: str) -> dict[str, Any]:
        """One saved result as stored: ``kind``, and its ``rows`` (JSON columns decoded)."""
        from grassroots.match.results import read_saved

        with self._lake(read_only=True) as lake:
            return read_saved(lake, match_id)


def _platforms(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {str(r["account_id"]): str(r["platform"]) for r in rows}


def _lines(file: Path) -> list[str]:
    from grassroots.errors import InvalidInput

    try:
        return Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{file}: cannot read: {exc}") from exc


def read_costs(file: Path) -> dict[str, float]:
    """``id_or_handle COST`` per line (whitespace or comma; ``#`` comments); errors ``FILE:LINE``."""
    from grassroots.match import parse_costs

    return parse_costs(_lines(file), source=str(file))


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
