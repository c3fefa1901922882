"""Workspace methods of the trust stage: fake followers, disclosures, one creator's report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import now
from grassroots.workspace._corrections import CorrectionMethods, lookup
from grassroots.workspace.results import (
    DisclosureItem,
    DisclosureResult,
    FakeFollowerResult,
    write_jsonl,
)

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat
    from grassroots.trust import CreatorReport, FakeFollowerScore

__all__ = ["TrustMethods"]


class TrustMethods(CorrectionMethods):
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
        warnings: list[str] = []
        profiles = read_profiles(Path(file), warnings=warnings)
        run = score_fake_followers(profiles, platform=platform, prior=prior, adapt=adapt, as_of=when)
        scores = tuple(self._corrected_scores(run.scores))
        found = FakeFollowerResult(
            scores, run.prior, None, warnings=tuple(warnings), prior_estimate=run.prior_estimate
        )
        if not self.initialised:
            return found
        from grassroots.trust import store_fake_follower_scores

        with self._lake() as lake:
            counts = store_fake_follower_scores(
                lake,
                scores,
                platform=[s.platform for s in scores],
                prior=run.prior,
                as_of=when,
                source=str(file),
            )
        stored = self._fake_result(scores, run.prior, counts.run_id)
        return replace(found, run_id=stored.run_id, path=stored.path)

    def fake_followers_from_lake(
        self, *, prior: float = 0.5, as_of: datetime | str | None = None
    ) -> FakeFollowerResult:
        """Score every account in the lake, upsert the scores into ``fake_follower_scores`` (run
        ``score_fake_followers``) and export them to ``results/fake-followers.jsonl``."""
        from grassroots.trust import fake_followers_from_lake, parse_as_of

        when = parse_as_of(as_of) if isinstance(as_of, str) else as_of
        started = now()
        corrections = self._correction_map("account")
        with self._lake() as lake:
            pairs = fake_followers_from_lake(lake, prior=prior, as_of=when, corrections=corrections)
            run_id = self._last_run(lake, "score_fake_followers", started)
        return self._fake_result(tuple(s for _, s in pairs), prior, run_id, tuple(p for p, _ in pairs))

    def _corrected_scores(self, scores: Sequence[FakeFollowerScore]) -> list[FakeFollowerScore]:
        """Scores of a profiles file with the account corrections applied (by id, any platform)."""
        from grassroots.trust import correct_fake_scores

        corrections = self._correction_map("account")
        return correct_fake_scores(scores, [s.platform for s in scores], corrections)

    def _fake_result(
        self,
        scores: tuple[FakeFollowerScore, ...],
        prior: float,
        run_id: str,
        platforms: tuple[str, ...] = (),
    ) -> FakeFollowerResult:
        result = FakeFollowerResult(scores, prior, run_id, platforms=platforms)
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
        corrections = self._correction_map("disclosure")
        assessed = self._corrected(assess_disclosures(Path(file), fmt=fmt, brand=brand), corrections)
        items = tuple(
            DisclosureItem(
                disclosure=d["disclosure"],
                status=d["status"],
                commercial=d["commercial"],
                signals=tuple(d["signals"]),
                undisclosed_probability=d["undisclosed_probability"],
                id=d.get("id"),
                warnings=tuple(d.get("warnings", ())),
                correction=d.get("correction"),
            )
            for d in assessed
        )
        params = {"path": str(file), "brand": brand}
        run_id = self._record("disclosures", started=started, read=len(items), parameters=params)
        if run_id is None:
            return DisclosureResult(items, None)
        path = write_jsonl(self._results_file("disclosures.jsonl"), [i.to_dict() for i in items])
        return DisclosureResult(items, run_id, path)

    def disclosures_from_lake(self, *, brand: str | None = None) -> DisclosureResult:
        """Assess every post in the lake (``brand`` reported as a signal), upsert the verdicts into the
        lake table ``disclosures`` (run ``assess_disclosures``), raise an ``undisclosed_paid_post``
        alert for each paid post without an adequate disclosure, and export
        ``results/disclosures.jsonl``."""
        from grassroots.trust import assess_lake_posts, disclosure_alerts, store_disclosures

        corrections = self._correction_map("disclosure")
        with self._lake() as lake:
            assessed = assess_lake_posts(lake, brand=brand, progress=self.progress)
            assessed = self._corrected(assessed, corrections)
            counts = store_disclosures(lake, assessed, brand=brand, source="lake: posts")
        alerts = self._raise_alerts(disclosure_alerts(assessed, brand=brand))
        items = tuple(
            DisclosureItem(
                disclosure=d["disclosure"],
                status=d["status"],
                commercial=d["commercial"],
                signals=tuple(d["signals"]),
                undisclosed_probability=d["undisclosed_probability"],
                id=d["id"],
                platform=d["platform"],
                author=d["author"],
                correction=d.get("correction"),
            )
            for d in assessed
        )
        path = write_jsonl(self._results_file("disclosures.jsonl"), [i.to_dict() for i in items])
        return DisclosureResult(items, counts.run_id, path, alerts=alerts.read)

    @staticmethod
    def _corrected(
        assessed: Sequence[dict[str, Any]], corrections: Mapping[tuple[str, str], Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Assessed posts with the disclosure corrections applied (by platform and post id; a file's
        JSONL ``id`` matches corrections given for any platform)."""
        from grassroots.trust import correct_disclosure

        out = []
        for item in assessed:
            found = lookup(corrections, item.get("platform"), item.get("id")) if "id" in item else None
            out.append(correct_disclosure(item, found) if found else item)
        return out

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
        adds the learned hate / offensive screens (``nlp`` extra). Once the workspace is initialised
        the report is upserted into the lake table ``audience_reports`` (run ``creator_report``) and
        each flagged post raises a ``brand_safety`` alert."""
        from grassroots.trust import creator_report

        folder = Path(export) if export is not None else self.data_dir / "demo-world"
        report = creator_report(
            folder,
            creator,
            brand=brand,
            competitors=competitors,
            learned_screens=screens,
            progress=self.progress,
        )
        if self.initialised:
            from grassroots.trust import safety_alerts, store_audience_report

            parameters = {"export": str(folder), "competitors": list(competitors), "screens": screens}
            with self._lake() as lake:
                store_audience_report(lake, report, brand=brand, parameters=parameters)
            self._raise_alerts(safety_alerts(report, brand=brand))
        return report
