"""Workspace methods of the match stage: profiles, and people ranked against a brief."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase

if TYPE_CHECKING:
    from grassroots.match import MatchRun, ProfileBuild

__all__ = ["MatchBriefResult", "MatchMethods"]


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
