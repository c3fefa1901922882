"""Workspace methods of the trust stage: fake followers, disclosures, one creator's report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.workspace._base import WorkspaceBase, now
from grassroots.workspace.results import (
    DisclosureItem,
    DisclosureResult,
    FakeFollowerResult,
    write_jsonl,
)

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat
    from grassroots.trust import CreatorReport

__all__ = ["TrustMethods"]


class TrustMethods(WorkspaceBase):
    """Is an account real, is a post disclosed, is a creator safe for a brand."""

    def fake_followers(
        self,
        file: Path,
        *,
        prior: float = 0.5,
        as_of: datetime | str | None = None,
        platform: str = "auto",
        adapt: bool = False,
    ) -> FakeFollowerResult:
        """Probability that each profile of a CSV / JSONL / JSON file is fake, with reasons, in order.

        ``prior``: the expected fake share (0.5 = equal priors); ``as_of``: the date account ages are
        counted to (default: the newest ``created_at``); ``platform``: ``instagram``, ``twitter`` or
        ``auto`` (each record's model from its columns); ``adapt``: estimate the file's fake share
        without labels (EM) and use it as the prior. Once the workspace is initialised, the run is
        recorded (``fake_followers``) and the scores are written to ``results/fake-followers.jsonl``.
        """
        from grassroots.trust import parse_as_of, read_profiles, score_fake_followers

        when = parse_as_of(as_of) if isinstance(as_of, str) else as_of
        started = now()
        run = score_fake_followers(
            read_profiles(Path(file)), platform=platform, prior=prior, adapt=adapt, as_of=when
        )
        params = {
            "path": str(file),
            "prior": run.prior,
            "as_of": when,
            "platform": platform,
            "adapt": adapt,
            "prior_estimate": run.prior_estimate,
        }
        run_id = self._record("fake_followers", started=started, read=len(run.scores), parameters=params)
        result = FakeFollowerResult(tuple(run.scores), run.prior, run_id, prior_estimate=run.prior_estimate)
        if run_id is None:
            return result
        path = write_jsonl(self._results_file("fake-followers.jsonl"), result.rows())
        return replace(result, path=path)

    def disclosures(
        self, file: Path, *, fmt: TextFormat | None = None, brand: str | None = None
    ) -> DisclosureResult:
        """Disclosure verdict (adequate / ambiguous / none), signals with spans and the probability
        of an undisclosed sponsorship, for each line of a text / JSONL file, in order.

        Once the workspace is initialised, the run is recorded (``disclosures``) and the verdicts are
        written to ``results/disclosures.jsonl``.
        """
        from grassroots.trust import assess_disclosures

        started = now()
        items = tuple(
            DisclosureItem(
                disclosure=d["disclosure"],
                commercial=d["commercial"],
                signals=tuple(d["signals"]),
                undisclosed_probability=d["undisclosed_probability"],
                id=d.get("id"),
                warnings=tuple(d.get("warnings", ())),
            )
            for d in assess_disclosures(Path(file), fmt=fmt, brand=brand)
        )
        params = {"path": str(file), "brand": brand}
        run_id = self._record("disclosures", started=started, read=len(items), parameters=params)
        if run_id is None:
            return DisclosureResult(items, None)
        path = write_jsonl(self._results_file("disclosures.jsonl"), [i.to_dict() for i in items])
        return DisclosureResult(items, run_id, path)

    def trust_report(
        self,
        creator: str,
        *,
        export: Path | None = None,
        brand: str | None = None,
        competitors: Sequence[str] = (),
        screens: bool = True,
    ) -> CreatorReport:
        """Audience quality with its parts, disclosures, pod membership and brand-safety flags for one
        creator (id or handle) from export files (default: ``DATA_DIR/demo-world``); ``screens``
        adds the learned hate / offensive screens (``nlp`` extra)."""
        from grassroots.trust import creator_report

        folder = Path(export) if export is not None else self.data_dir / "demo-world"
        return creator_report(
            folder,
            creator,
            brand=brand,
            competitors=competitors,
            learned_screens=screens,
            progress=self.progress,
        )
