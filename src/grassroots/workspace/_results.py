"""Workspace reads of stored results for the API: scanned mentions, creator reports, seed plans,
network profiles, runs, and one person's data (subject access). Nothing here computes; it reads what
the pipeline stages wrote (lake tables, ``runs``) and parses their JSON columns."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from grassroots.workspace._base import WorkspaceBase
from grassroots.workspace._views import _rows

if TYPE_CHECKING:
    from grassroots.lake import DuckDBLake
    from grassroots.listen import Brand

__all__ = ["ResultMethods"]

_REPORT_JSON = (
    "parts",
    "disclosures",
    "commercial",
    "commercial_posts",
    "undisclosed_posts",
    "pod",
    "safety",
)
_PLAN_HEAD: tuple[str, ...] = (
    *("graph_fingerprint", "nodes", "edges", "k", "model", "expected_spread", "ci95_low", "ci95_high"),
    *("guarantee", "approximation", "epsilon", "delta", "rr_sets"),
)
_PROFILE_HEAD: tuple[str, ...] = (
    *("graph_fingerprint", "nodes", "edges", "reciprocity", "mean_out_degree", "max_out_degree"),
    *("communities", "modularity", "largest_communities", "transitivity", "average_clustering"),
    *("max_core", "max_core_size", "homophily"),
)


def _parsed(row: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: json.loads(v) if k in keys and isinstance(v, str) and v else v for k, v in row.items()}


def _grouped(rows: list[dict[str, Any]], key: str, head: tuple[str, ...]) -> list[dict[str, Any]]:
    """One result set per ``key`` (its shared columns once, its accounts in rank order)."""
    sets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        sets[str(row[key])].append(row)
    out = []
    for ident, members in sorted(sets.items()):
        members.sort(key=lambda r: int(r["rank"]))
        first = _parsed(members[0], ("parameters", "largest_communities", "homophily"))
        out.append(
            {
                key: ident,
                **{h: first.get(h) for h in head},
                "parameters": first.get("parameters"),
                "accounts": [r["account_id"] for r in members],
            }
        )
    return out


def _newest_first(lake: DuckDBLake, where: dict[str, object]) -> tuple[dict[str, Any], ...]:
    rows = _rows(lake, "brand_mentions", **where)
    order = sorted(
        rows, key=lambda r: (str(r["created_at"]), str(r["subject"]), str(r["post_id"])), reverse=True
    )
    return tuple(order)


class ResultMethods(WorkspaceBase):
    """Stored results, read back as plain JSON-ready rows."""

    def configured_brand(self, name: str) -> Brand:
        """A brand configured in the store, by name (any case or punctuation), else :class:`NotFound`.

        Unlike :meth:`brand` it never reads a file nor makes up a bare-name brand: what a web request
        names must exist."""
        return self._remember_brand("get", name, self._book().get)

    def scanned_mentions(self, brand: str, *, subject: str | None = None) -> tuple[dict[str, Any], ...]:
        """``listen scan``'s stored posts for ``brand`` (lake ``brand_mentions``), about ``subject`` (the
        brand or a competitor) when given, newest first. With a server's reader the rows are
        shared by every request on the same snapshot: read them, never modify them."""
        target = self._brand(brand)
        where: dict[str, object] = {"brand": target.name}
        if subject:
            where["subject"] = self._brand(subject).name
        return self._read(("scanned_mentions", *where.items()), lambda lake: _newest_first(lake, where))

    def trust_reports(
        self, *, brand: str | None = None, account_id: str | None = None
    ) -> tuple[dict[str, Any], ...]:
        """Stored creator reports (lake ``audience_reports``): audience quality with its parts,
        disclosures, pods, brand safety; by brand and/or account."""
        where: dict[str, object] = {}
        if brand:
            where["brand"] = self._brand(brand).name
        if account_id:
            where["account_id"] = account_id
        with self._lake(read_only=True) as lake:
            rows = _rows(lake, "audience_reports", **where)
        ordered = sorted(rows, key=lambda r: (str(r["brand"]), str(r["account_id"])))
        return tuple(_parsed(r, _REPORT_JSON) for r in ordered)

    def seed_plans(self) -> tuple[dict[str, Any], ...]:
        """Every stored seed plan (lake ``seed_plans``): its graph, size, model, expected spread with its
        95% interval, guarantee, and the seeds in order."""
        with self._lake(read_only=True) as lake:
            rows = _rows(lake, "seed_plans")
        return tuple(_grouped(rows, "plan_id", _PLAN_HEAD))

    def network_profiles(self) -> tuple[dict[str, Any], ...]:
        """Every stored graph profile (lake ``network_profiles``), top PageRank accounts in order."""
        with self._lake(read_only=True) as lake:
            rows = _rows(lake, "network_profiles")
        return tuple(_grouped(rows, "profile_id", _PROFILE_HEAD))

    def runs(self, *, limit: int = 100, step: str | None = None) -> tuple[dict[str, Any], ...]:
        """The newest ``limit`` pipeline runs (the lake's ``runs`` table), only ``step``'s when given."""
        with self._lake(read_only=True) as lake:
            found = lake.runs(limit=limit, step=step)
        return tuple({**r.__dict__, "parameters": dict(r.parameters)} for r in found)

    def export_person(self, person: str) -> dict[str, Any]:
        """Everything held about one person (GDPR art. 15), found as ``erase`` finds them; audited
        under the person's HMAC, never their id."""
        from grassroots.ingest import export_person
        from grassroots.store import Store

        found = export_person(self.settings, person)
        tables = sorted(found["lake"]) + sorted(found["store"])
        with Store(self.settings.database_url) as store:
            store.audit(self.actor, "export_person", str(found["person"]), {"tables": tables})
        return found
