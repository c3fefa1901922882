"""Workspace methods behind the campaign screens and API: a brand's campaigns, one campaign's page
(funnel per arm, the stored report, its compliance alerts), and creating a campaign from a brief
given as data (a form or a JSON body) with the brand's shortlist as its eligible pool.

The brief given as data is checked by the same code as a YAML brief (``brief_from_mapping``): the
same fields, the same rules, the first problem raised as ``SOURCE: field: problem``. The pool is
saved at creation as ``results/campaigns/SLUG/pool.csv`` (the shortlisted advocates with tier,
customer link and followers), so assigning later randomises exactly the people chosen then; the
file is under ``results/``, which erasure purges of a person's lines.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from grassroots.errors import InvalidRecord, NotFound
from grassroots.workspace._base import now
from grassroots.workspace._campaigns import CampaignMethods, _advocates, _csv, _write
from grassroots.workspace.campaign_results import CampaignCreated, CampaignReport, CampaignStep
from grassroots.workspace.campaign_views import CampaignSummary, CampaignView

__all__ = ["CampaignViewMethods", "CreatePool"]

CreatePool = Literal["shortlist", "advocates"]
_POOL_COLUMNS = ("person_id", "customer_id", "tier", "community", "followers")


class CampaignViewMethods(CampaignMethods):
    """Read views of campaigns, and the two writes the screens start (create from data, assign)."""

    def _pool_file(self, slug: str) -> Path:
        return self._results_file(f"campaigns/{slug}/pool.csv")

    def campaign_list(self, brand: str) -> tuple[CampaignSummary, ...]:
        """The brand's campaigns, newest first."""
        from grassroots.store import campaign_rows, participant_rows

        name = self._brand(brand).name
        with self._store() as store:
            return tuple(
                _summary(row, participant_rows(store, row.id))
                for row in campaign_rows(store)
                if row.brand == name
            )

    def campaign_view(self, campaign: str, *, brand: str | None = None) -> CampaignView:
        """One campaign (of ``brand`` when given, else NotFound): brief, pool, funnel per arm, the
        newest stored report and the campaign's compliance alerts."""
        from grassroots.campaigns.views import FUNNEL_STATES, arm_funnel, lift_rows
        from grassroots.store import campaign_row, offer_rows, participant_rows

        with self._store() as store:
            row = campaign_row(store, campaign)
            if brand is not None and row.brand != self._brand(brand).name:
                raise NotFound(f"campaign={campaign!r}: no such campaign of brand {brand!r}")
            people = participant_rows(store, row.id)
            codes = len(offer_rows(store, row.id))
        report = self.campaign_stored_report(row.slug)
        pool = self._pool_file(row.slug)
        return CampaignView(
            summary=_summary(row, people),
            brief=row.brief,
            pool=_lines(pool) if pool.exists() else None,
            funnel=arm_funnel(people),
            states=FUNNEL_STATES,
            offered=sum(bool(p["selected"]) for p in people),
            codes=codes,
            report=report,
            lift=tuple(lift_rows(report)) if report else (),
            alerts=self.campaign_alerts(row.slug, brand=row.brand),
        )

    def campaign_stored_report(self, campaign: str) -> dict[str, Any] | None:
        """The report the newest ``campaign report`` wrote (``results/campaigns/SLUG/report.json``),
        None before the first one."""
        path = self._results_file(f"campaigns/{campaign}/report.json")
        if not path.exists():
            return None
        found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return found

    def campaign_alerts(self, campaign: str, *, brand: str | None = None) -> tuple[Any, ...]:
        """The campaign's compliance alerts (posts without an adequate disclosure), newest first."""
        found = self.alerts(kind="campaign_compliance", brand=brand)  # type: ignore[attr-defined]
        return tuple(a for a in found if a.evidence.get("campaign") == campaign)

    def campaign_create_from(
        self, brand: str, brief: Mapping[str, Any], *, pool: CreatePool = "shortlist", source: str = "brief"
    ) -> CampaignCreated:
        """Create a campaign of ``brand`` from a brief given as data (the YAML brief's fields without
        ``brand``), checked exactly as a brief file; with ``pool="shortlist"`` the brand's shortlist,
        which must not be empty, is saved as the campaign's eligible pool."""
        from grassroots.campaigns import create_campaign
        from grassroots.campaigns.brief import brief_from_mapping

        if "brand" in brief:
            raise InvalidRecord(source, None, "brand", "not a field here: the brand is the one in the path")
        started, chosen = now(), self._brand(brand)
        data = {**brief, "brand": chosen.name}
        checked = brief_from_mapping(data, source=source)
        members = self._shortlisted(chosen.name, source) if pool == "shortlist" else None
        with self._writing_store("create") as store:
            row, warnings = create_campaign(store, checked, brand_slug=chosen.slug, actor=self.actor)
        if members is not None:
            _write(self._pool_file(row.slug), _csv(_POOL_COLUMNS, members))
        params = {"campaign": row.slug, "brief": source, "pool": pool}
        run_id = self._run("create_campaign", started, 1, params)
        return CampaignCreated(row.slug, row.name, chosen.name, tuple(warnings), run_id)

    def _shortlisted(self, brand: str, source: str) -> list[dict[str, Any]]:
        """The brand's shortlisted advocates as pool rows (in shortlist order)."""
        listed = [e.account_id for e in self.shortlist(brand)]  # type: ignore[attr-defined]
        if not listed:
            raise InvalidRecord(
                source, None, "pool", f"the shortlist of {brand} is empty: shortlist advocates first"
            )
        with self._lake(read_only=True) as lake:
            known = _advocates(lake, brand)
        return [
            {"person_id": p, "customer_id": c.customer_id or "", "tier": c.tier, "community": c.community,
             "followers": c.followers}
            for p in listed
            if (c := known.get(p)) is not None
        ]  # fmt: skip

    def campaign_assign_saved(self, campaign: str) -> CampaignStep:
        """Assign ``campaign`` from the pool saved when it was created (else the brand's advocates):
        once; a second call is refused and changes nothing."""
        saved = self._pool_file(campaign)
        return self.campaign_assign(campaign, pool=saved if saved.exists() else "advocates")

    def campaign_measure(self, campaign: str) -> CampaignReport:
        """Measure now: ``campaign report`` with the default confidence (writes the report files,
        raises compliance alerts)."""
        return self.campaign_report(campaign)


def _summary(row: Any, people: list[dict[str, Any]]) -> CampaignSummary:
    arms: dict[str, int] = {}
    for p in people:
        arms[p["arm"]] = arms.get(p["arm"], 0) + 1
    brief = row.brief
    return CampaignSummary(
        campaign=row.slug,
        name=row.name,
        brand=row.brand,
        goal=str(brief.get("goal") or ""),
        starts=str(brief.get("starts", "")),
        ends=str(brief.get("ends", "")),
        state=row.status,
        participants=len(people),
        arms=dict(sorted(arms.items())),
        assigned_at=row.assigned_at.isoformat() if row.assigned_at else None,
        design=row.design,
        seed=row.seed,
        created_at=row.created_at.isoformat(),
    )


def _lines(path: Path) -> int:
    """Data rows of a CSV file with a header."""
    return max(0, len(path.read_text(encoding="utf-8").splitlines()) - 1)
