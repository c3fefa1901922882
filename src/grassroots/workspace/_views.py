"""Workspace read methods behind the screens: overview, advocates, person, network, shortlists.

They read the lake tables the pipeline stages wrote (readers never wait on the writer) and return
the typed views of :mod:`grassroots.workspace.views`; only :meth:`ViewMethods.plan_seeds` and the
shortlist edits write.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from grassroots.errors import InvalidInput, NotFound
from grassroots.workspace._base import WorkspaceBase
from grassroots.workspace.views import (
    ADVOCATE_SORTS,
    SEED_COSTS,
    AdvocateDetail,
    AdvocatePage,
    AdvocateRow,
    AdvocateSort,
    BrandOverview,
    NetworkOverview,
    PersonView,
    SeedCost,
    WeekPoint,
)

if TYPE_CHECKING:
    from grassroots.lake import DuckDBLake

__all__ = ["ViewMethods"]

_SORT_KEYS = {"engagement": "engagement_percentile"}
_ROW_FIELDS = tuple(f for f in AdvocateRow.__dataclass_fields__ if f != "shortlisted")


def register_results(lake: DuckDBLake) -> None:
    """Make every stage's result table readable (a table not written yet reads as empty)."""
    from grassroots.listen import ADVOCATES_TABLE, BRAND_MENTIONS_TABLE, ENGAGEMENT_TABLE
    from grassroots.network import NETWORK_PROFILES_TABLE, SEED_PLANS_TABLE
    from grassroots.trust import AUDIENCE_REPORTS_TABLE, DISCLOSURES_TABLE, FAKE_FOLLOWER_SCORES_TABLE

    for spec in (ADVOCATES_TABLE, BRAND_MENTIONS_TABLE, ENGAGEMENT_TABLE, NETWORK_PROFILES_TABLE):
        lake.register_table(spec)
    for spec in (SEED_PLANS_TABLE, AUDIENCE_REPORTS_TABLE, DISCLOSURES_TABLE, FAKE_FOLLOWER_SCORES_TABLE):
        lake.register_table(spec)


def _rows(lake: DuckDBLake, table: str, **where: object) -> list[dict[str, Any]]:
    if table not in lake.specs:
        register_results(lake)
    rows: list[dict[str, Any]] = lake.scan(table, where=where or None).to_pylist()
    return rows


def _advocate_rows(lake: DuckDBLake, brand: str) -> tuple[AdvocateRow, ...]:
    """The stored ranking of ``brand`` in rank order, nobody shortlisted yet."""
    rows = _rows(lake, "advocates", brand=brand)
    out = (AdvocateRow(**{f: r[f] for f in _ROW_FIELDS}, shortlisted=False) for r in rows)
    return tuple(sorted(out, key=lambda r: r.rank))


def _detail_rows(lake: DuckDBLake, brand: str, account_id: str) -> tuple[list[dict[str, Any]], ...]:
    """An advocate's stored rows: ``(advocates, engagement, audience_reports, fake_follower_scores)``."""
    return (
        _rows(lake, "advocates", brand=brand, account_id=account_id),
        _rows(lake, "engagement", brand=brand, account_id=account_id),
        _rows(lake, "audience_reports", brand=brand, account_id=account_id),
        _rows(lake, "fake_follower_scores", account_id=account_id),
    )


def _loads(text: Any, default: Any) -> Any:
    return json.loads(text) if isinstance(text, str) and text else default


class ViewMethods(WorkspaceBase):
    """What the screens show, one typed read per screen."""

    def overview(self, brand: str, *, themes: int = 8) -> BrandOverview:
        """Mentions, net sentiment and paid vs organic per ISO week for the brand and its
        competitors (after ``listen scan``), the themes per sentiment, and the brand's open alerts."""
        from grassroots.listen import read_brand_mentions
        from grassroots.listen import themes as find_themes

        target = self._brand(brand)
        with self._lake(read_only=True) as lake:
            rows = _rows(lake, "brand_mentions", brand=target.name)
            own = read_brand_mentions(lake, target, subject=target)
        counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for r in rows:
            c = counts[(r["subject"], r["week"])]
            c[r["label"]] += 1
            c["paid"] += bool(r["paid_or_gifted"])
        weeks = tuple(
            WeekPoint(
                week, subject, c.total() - c["paid"], c["positive"], c["neutral"], c["negative"], c["paid"]
            )
            for (subject, week), c in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        )
        subjects = (target.name, *[s for s in target.competitors if s != target.name])
        subjects += tuple(sorted({p.subject for p in weeks} - set(subjects)))
        found = tuple(find_themes(own, brand=target, top=themes)) if own else ()
        alerts = self.alerts_for(brand=target.name, status="open")
        return BrandOverview(target.name, subjects, weeks, found, alerts)

    def alerts_for(self, *, brand: str | None = None, status: str | None = None) -> tuple[Any, ...]:
        """Alerts of one brand (all when ``brand`` is None) with ``status`` (all when None)."""
        from grassroots.store import ALERT_STATUSES

        if status is not None and status not in ALERT_STATUSES:
            raise InvalidInput(f"status={status!r}: expected one of {', '.join(ALERT_STATUSES)}")
        return self.alerts(brand=brand, status=status)  # type: ignore[attr-defined,no-any-return]

    def advocate_table(
        self,
        brand: str,
        *,
        sort: AdvocateSort = "rank",
        descending: bool = False,
        query: str = "",
        tier: str | None = None,
        customers_only: bool = False,
        shortlisted_only: bool = False,
        offset: int = 0,
        limit: int = 25,
    ) -> AdvocatePage:
        """One page of the brand's advocates (lake table ``advocates``), filtered by handle / id
        substring ``query``, ``tier``, customer link or shortlist, sorted by ``sort``."""
        if sort not in ADVOCATE_SORTS:
            raise InvalidInput(f"sort={sort!r}: expected one of {', '.join(ADVOCATE_SORTS)}")
        if offset < 0 or not 1 <= limit <= 500:
            raise InvalidInput(f"offset={offset}, limit={limit}: expected offset >= 0 and 1 <= limit <= 500")
        rows = self.advocate_rows(brand)
        needle = query.strip().lower().lstrip("@")
        keep = [
            r
            for r in rows
            if (not needle or needle in r.handle.lower() or needle in r.account_id)
            and (tier is None or r.tier == tier)
            and (not customers_only or r.customer_id)
            and (not shortlisted_only or r.shortlisted)
        ]
        key = _SORT_KEYS.get(sort, sort)
        keep.sort(key=lambda r: (getattr(r, key), r.rank), reverse=descending)
        page = tuple(keep[offset : offset + limit])
        return AdvocatePage(self._brand(brand).name, page, len(keep), offset, limit, sort, descending)

    def advocate_rows(self, brand: str) -> tuple[AdvocateRow, ...]:
        """The brand's whole stored ranking in rank order, each marked if it is on the shortlist."""
        target = self._brand(brand)
        stored = self._read(("advocate_rows", target.name), lambda lake: _advocate_rows(lake, target.name))
        listed = {(e.platform, e.account_id) for e in self.shortlist(target.name)}  # type: ignore[attr-defined]
        if not listed:
            return stored
        return tuple(
            replace(r, shortlisted=True) if (r.platform, r.account_id) in listed else r for r in stored
        )

    def advocate_detail(self, brand: str, account_id: str) -> AdvocateDetail:
        """The explanation of one advocate's rank: posts with evidence, engagement, audience quality,
        fake-account probability, customer link."""
        target = self._brand(brand)
        key = ("advocate_detail", target.name, account_id)
        found, eng, report, fake = self._read(key, lambda lake: _detail_rows(lake, target.name, account_id))
        if not found:
            raise NotFound(f"account_id={account_id!r}: not among the advocates of {target.name}")
        r = found[0]
        listed = any(e.account_id == account_id for e in self.shortlist(target.name))  # type: ignore[attr-defined]
        row = AdvocateRow(**{f: r[f] for f in _ROW_FIELDS}, shortlisted=listed)
        return AdvocateDetail(
            row,
            tuple(_loads(r["posts"], [])),
            eng[0] if eng else None,
            report[0]["score"] if report else None,
            tuple(_loads(report[0]["parts"], [])) if report else (),
            fake[0]["probability"] if fake else None,
        )

    def person(self, account_id: str, *, brand: str | None = None) -> PersonView:
        """One account: profile, fake-follower score and reasons, creator report, disclosures, network
        position (community, PageRank, k-core) and posts about the brand (or any brand)."""
        with self._lake(read_only=True) as lake:
            accounts = _rows(lake, "accounts", id=account_id)
            if not accounts:
                raise NotFound(f"account_id={account_id!r}: no such account in the lake")
            fake = _rows(lake, "fake_follower_scores", account_id=account_id)
            where = {"account_id": account_id} | ({"brand": self._brand(brand).name} if brand else {})
            reports = _rows(lake, "audience_reports", **where)
            verdicts = _rows(lake, "disclosures", author=account_id)
            mentions = _rows(lake, "brand_mentions", author=account_id)
            position = self._position(lake, account_id)
        if brand:
            mentions = [m for m in mentions if m["brand"] == self._brand(brand).name]
        report = reports[0] if reports else None
        if report is not None:
            report = {k: _loads(v, v) if k in _JSON_REPORT else v for k, v in report.items()}
        undisclosed = [
            v for v in verdicts if v["disclosure"] != "adequate" and (v["commercial"] or "none") != "none"
        ]
        return PersonView(
            account=accounts[0],
            fake_probability=fake[0]["probability"] if fake else None,
            fake_reasons=tuple(_loads(fake[0]["reasons"], [])) if fake else (),
            audience=report,
            disclosures=dict(Counter(v["disclosure"] for v in verdicts)),
            undisclosed=tuple(undisclosed),
            position=position,
            brand_posts=tuple(sorted(mentions, key=lambda m: str(m["created_at"]), reverse=True)),
            alerts=tuple(a for a in self.alerts_for(brand=None) if a.account_id == account_id),
        )

    @staticmethod
    def _position(lake: DuckDBLake, account_id: str) -> Any:
        from grassroots.network import graph_from_lake, node_positions

        graph = graph_from_lake(lake)
        return node_positions(graph).get(account_id) if graph.n else None

    def network_overview(self) -> NetworkOverview:
        """The newest stored graph profile (``network_profiles``) and seed plan (``seed_plans``)."""
        with self._lake(read_only=True) as lake:
            profile = self._newest(lake, "network_profiles", "profile_id", "profile_graph")
            plan = self._newest(lake, "seed_plans", "plan_id", "select_seeds")
        head = (
            {k: _loads(v, v) if k in _JSON_PROFILE else v for k, v in profile[0].items()} if profile else None
        )
        plan_head = (
            {k: _loads(v, v) if k == "parameters" else v for k, v in plan[0].items()} if plan else None
        )
        return NetworkOverview(
            head,
            tuple(r["account_id"] for r in profile),
            plan_head,
            tuple(r["account_id"] for r in plan),
        )

    @staticmethod
    def _newest(lake: DuckDBLake, table: str, key: str, step: str) -> list[dict[str, Any]]:
        """The rows of the result set the newest ``step`` run wrote (else the first stored one)."""
        rows = _rows(lake, table)
        if not rows:
            return []
        stored = {r[key] for r in rows}
        recent = (run.parameters.get(key) for run in lake.runs(limit=100, step=step))
        pick = next((p for p in recent if p in stored), min(stored))
        return sorted((r for r in rows if r[key] == pick), key=lambda r: int(r["rank"]))

    @staticmethod
    def check_seed_cost(cost: str) -> SeedCost:
        if cost not in SEED_COSTS:
            raise InvalidInput(f"cost={cost!r}: expected one of {', '.join(SEED_COSTS)}")
        return cost  # type: ignore[return-value]


_JSON_REPORT = frozenset(
    {"parts", "disclosures", "commercial", "commercial_posts", "undisclosed_posts", "pod", "safety"}
)
_JSON_PROFILE = frozenset({"parameters", "largest_communities", "homophily"})
