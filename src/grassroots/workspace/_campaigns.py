"""Workspace methods of the campaigns stage: create, assign, codes, invite, states, orders, report.

Each method is one lifecycle step over the store (and the lake for pools, posts and run rows); the
domain is :mod:`grassroots.campaigns`. Every step records a ``runs`` row named after what it made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from grassroots.errors import InvalidInput, NotFound
from grassroots.workspace._base import now
from grassroots.workspace._cascades import CascadeMethods
from grassroots.workspace.campaign_results import (
    CampaignCreated,
    CampaignFile,
    CampaignOrders,
    CampaignReport,
    CampaignStep,
)

if TYPE_CHECKING:
    from grassroots.campaigns import Candidate
    from grassroots.lake import DuckDBLake
    from grassroots.store import Store

__all__ = ["CampaignMethods", "PoolSource"]

PoolSource = Literal["advocates", "seed-plan"]
#: The columns of the rewards-ledger export.
LEDGER_COLUMNS = ("entry", "kind", "at", "campaign_id", "account", "amount")


class CampaignMethods(CascadeMethods):
    """Sampling and coupon campaigns with advocates, from the brief to the lift report."""

    def _store(self) -> Store:
        """The store, for reading."""
        from grassroots.store import Store

        return Store(self.settings.database_url)

    @contextmanager
    def _writing_store(self, step: str) -> Iterator[Store]:
        """The store, holding the data directory's writer lock (one writer at a time)."""
        with self.writing(f"grassroots campaign {step}"), self._store() as store:
            yield store

    def _run(self, step: str, started: Any, read: int, parameters: dict[str, Any]) -> str | None:
        return self._record(step, started=started, read=read, parameters=parameters)

    def campaign_create(self, brief: Path) -> CampaignCreated:
        """Create a campaign from a brief YAML file (its brand must be configured); refuses an
        unlawful ask, warns about an unfair one."""
        from grassroots.campaigns import create_campaign, load_brief

        started, checked = now(), load_brief(Path(brief))
        brand = self._brand(checked.brand)
        with self._writing_store("create") as store:
            row, warnings = create_campaign(store, checked, brand_slug=brand.slug, actor=self.actor)
        run_id = self._run("create_campaign", started, 1, {"campaign": row.slug, "brief": str(brief)})
        return CampaignCreated(row.slug, row.name, brand.name, tuple(warnings), run_id)

    def campaign_assign(
        self, campaign: str, *, pool: PoolSource | Path = "advocates", plan_id: str | None = None
    ) -> CampaignStep:
        """Randomise the eligible pool (advocates of the brand, a seed plan, or a pool CSV file), once;
        people without a standing contact consent are left out."""
        from grassroots.campaigns import assign_campaign, load_campaign

        started = now()
        with self._writing_store("assign") as store:
            row, brief = load_campaign(store, campaign)
            candidates = self._pool(pool, row.brand, plan_id)
            chooser = self._network_chooser(brief.design.seed) if brief.design.arms == "three" else None
            done = assign_campaign(
                store, campaign, candidates, at=started, actor=self.actor, network_chooser=chooser
            )
        counts = {"arms": done.arms, "offered": done.offered, "no_consent": done.no_consent}
        counts |= {"strata": done.strata, "seed": done.seed, "design": done.design}
        counts["assigned_at"] = done.assigned_at.isoformat()
        run_id = self._run(
            "assign_campaign", started, len(candidates), {"campaign": campaign, "pool": str(pool)}
        )
        return CampaignStep(campaign, "assign", counts, run_id)

    def _pool(self, pool: PoolSource | Path, brand: str, plan_id: str | None) -> list[Candidate]:
        from dataclasses import replace

        from grassroots.campaigns import read_pool
        from grassroots.network import read_communities

        if not isinstance(pool, Path) and pool not in ("advocates", "seed-plan"):
            raise InvalidInput(f"pool={pool!r}: expected advocates, seed-plan or a CSV file")
        with self._lake(read_only=True) as lake:
            community = read_communities(lake)  # the network engine's; none before `network profile`
            people = {} if isinstance(pool, Path) else _advocates(lake, brand)
            chosen = read_pool(pool) if isinstance(pool, Path) else list(people.values())
            if pool == "seed-plan":
                chosen = [people.get(p) or _bare(p) for p in _seed_plan(lake, plan_id)]
        return [
            c if c.community != "-" else replace(c, community=community.get(c.person_id, "-")) for c in chosen
        ]

    def _network_chooser(self, seed: int) -> Any:
        """Pick ``k`` seeds among an arm's members with the network engine (IMM on the follows graph)."""

        def choose(members: Sequence[str], k: int) -> Sequence[str]:
            import numpy as np

            from grassroots.network import graph_from_lake, select_seeds

            with self._lake(read_only=True) as lake:
                graph = graph_from_lake(lake, seed=seed)
            allowed = set(members)
            mask = np.array([label not in allowed for label in graph.labels], dtype=np.bool_)
            k = min(k, int((~mask).sum()))
            if k < 1:
                return []
            chosen = select_seeds(graph, k, seed=seed, exclude=mask)
            return [graph.labels[i] for i in chosen.seeds]

        return choose

    def campaign_codes(self, campaign: str, *, out: Path | None = None) -> CampaignFile:
        """A unique code for every offered participant (once), exported as the codes CSV."""
        from grassroots.campaigns import codes_csv, issue_codes

        started = now()
        with self._writing_store("codes") as store:
            offers = issue_codes(store, campaign, actor=self.actor)
        path = Path(out) if out else self._results_file(f"campaigns/{campaign}/codes.csv")
        _write(path, codes_csv(offers))
        run_id = self._run("issue_codes", started, len(offers), {"campaign": campaign, "out": str(path)})
        return CampaignFile(campaign, path, len(offers), run_id)

    def campaign_invite(self, campaign: str, *, channel: str = "email") -> CampaignStep:
        """Invite offered participants (consent and the frequency limit checked; contacts logged)."""
        from grassroots.campaigns import invite

        started = now()
        with self._writing_store("invite") as store:
            done = invite(store, campaign, at=started, actor=self.actor, channel=channel)
        counts = {"invited": done.invited, "no_consent": done.no_consent, "too_often": done.too_often}
        run_id = self._run("invite_participants", started, done.invited, {"campaign": campaign})
        return CampaignStep(campaign, "invite", counts, run_id)

    def campaign_update(self, campaign: str, states: Path) -> CampaignStep:
        """Move participants along the lifecycle from a ``person_id,state[,at]`` file (all or nothing)."""
        from grassroots.campaigns import read_states, update_states

        started = now()
        moves = read_states(Path(states), default_at=started)
        with self._writing_store("update") as store:
            made = update_states(store, campaign, moves, actor=self.actor)
        run_id = self._run("update_participants", started, len(moves), {"campaign": campaign})
        return CampaignStep(campaign, "update", {"moves": len(moves), "changed": made}, run_id)

    def campaign_consent(self, file: Path) -> CampaignStep:
        """Record consent grants and withdrawals from a consent CSV (appended, never guessed)."""
        from grassroots.campaigns import read_consent
        from grassroots.store import record_consent

        started, rows = now(), read_consent(Path(file))
        with self._writing_store("consent") as store:
            written = record_consent(store, rows, actor=self.actor)
        run_id = self._run("record_consent", started, len(rows), {"file": str(file)})
        return CampaignStep("", "consent", {"records": written}, run_id)

    def campaign_addresses(self, campaign: str, file: Path) -> CampaignStep:
        """Keep shipping addresses of participants who consented to it (others refused, counted)."""
        from grassroots.campaigns import read_addresses, store_addresses

        started, addresses = now(), read_addresses(Path(file))
        with self._writing_store("addresses") as store:
            kept, refused = store_addresses(store, campaign, addresses)
        run_id = self._run("store_addresses", started, len(addresses), {"campaign": campaign})
        return CampaignStep(campaign, "addresses", {"kept": kept, "no_consent": refused}, run_id)

    def campaign_status(self, campaign: str) -> dict[str, Any]:
        """The funnel: people per arm, per state reached, codes issued."""
        from grassroots.campaigns import funnel

        with self._store() as store:
            return funnel(store, campaign)

    def campaign_fulfilment(self, campaign: str, *, out: Path | None = None) -> CampaignFile:
        """The fulfilment CSV for the warehouse: accepted participants, code, products, address."""
        from grassroots.campaigns import FULFILMENT_COLUMNS, fulfilment_rows

        started = now()
        with self._store() as store:
            rows = fulfilment_rows(store, campaign)
        path = Path(out) if out else self._results_file(f"campaigns/{campaign}/fulfilment.csv")
        _write(path, _csv(FULFILMENT_COLUMNS, rows))
        run_id = self._run("export_fulfilment", started, len(rows), {"campaign": campaign, "out": str(path)})
        return CampaignFile(campaign, path, len(rows), run_id)

    def campaign_import_orders(self, campaign: str, orders: Path) -> CampaignOrders:
        """Import a Shopify orders export into the store and attribute it by code and linked customer."""
        from grassroots.campaigns import attribute_campaign_orders
        from grassroots.ingest import ingest_source

        started = now()
        with self._store() as store:
            from grassroots.campaigns import load_campaign

            load_campaign(store, campaign)  # a bad campaign name fails before anything is imported
        imported = ingest_source(self.settings, "shopify-orders", Path(orders), progress=self.progress)
        with self._writing_store("import-orders") as store:
            done = attribute_campaign_orders(store, campaign, actor=self.actor)
        run_id = self._run("attribute_orders", started, imported.counts.read, {"campaign": campaign, **done})
        read = imported.counts.read
        return CampaignOrders(
            campaign, Path(orders), read, done["by_code"], done["by_customer"], done["redeemed"], run_id
        )

    def campaign_report(
        self, campaign: str, *, out: Path | None = None, confidence: float = 0.9
    ) -> CampaignReport:
        """Measure the campaign (lift per outcome and arm, compliance alerts) and write the report as
        ``report.json`` and a self-contained ``report.html``."""
        import json

        from grassroots.campaigns import load_campaign, measure_campaign, report_html

        started = now()
        with self._store() as store, self._lake(read_only=True) as lake:
            row, _ = load_campaign(store, campaign)  # reads only: alerts are raised below
            measured = measure_campaign(
                store, lake, campaign, brand=self._brand(row.brand), confidence=confidence
            )
        with self.writing("grassroots campaign report"):
            raised = self._raise_alerts(measured.alerts)
        folder = Path(out) if out else self._results_file(f"campaigns/{campaign}")
        json_path, html_path = folder / "report.json", folder / "report.html"
        _write(json_path, json.dumps(measured.report, indent=1, sort_keys=True, allow_nan=False) + "\n")
        _write(html_path, report_html(measured.report))
        run_id = self._run("report_campaign", started, len(measured.alerts), {"campaign": campaign})
        return CampaignReport(campaign, measured.report, json_path, html_path, raised.read, run_id)

    def campaign_ledger(self, *, out: Path | None = None) -> CampaignFile:
        """Export the rewards ledger: one row per posting (``entry,kind,at,campaign_id,account,amount``)."""
        from grassroots.store import ledger_rows

        started = now()
        with self._store() as store:
            rows = [{**r, "entry": r["id"]} for r in ledger_rows(store)]
        path = Path(out) if out else self._results_file("campaigns/ledger.csv")
        _write(path, _csv(LEDGER_COLUMNS, rows))
        run_id = self._run("export_ledger", started, len(rows), {"out": str(path)})
        return CampaignFile("", path, len(rows), run_id)

    def campaign_close(self, campaign: str) -> CampaignStep:
        """Close the campaign: its shipping addresses are deleted."""
        from grassroots.campaigns import close

        started = now()
        with self._writing_store("close") as store:
            dropped = close(store, campaign, actor=self.actor)
        run_id = self._run("close_campaign", started, dropped, {"campaign": campaign})
        return CampaignStep(campaign, "close", {"addresses_deleted": dropped}, run_id)

    def campaign_demo(
        self,
        world: Path,
        brand: str,
        *,
        seed: int = 0,
        send_invitations: Callable[[str], object] | None = None,
    ) -> CampaignReport:
        """Run one campaign end to end on the demo world (``make demo``): create, consent, assign,
        codes, invite, states, posts and orders (simulated, :mod:`grassroots.campaigns.demo_sim`)
        imported, report. Re-running reuses the campaign (every step is idempotent).

        ``send_invitations(slug)`` (the demo passes ``Workspace.outreach_demo``) e-mails the invitations
        first; the participants it did not reach are then invited through the ``demo-dm`` channel."""
        import re

        from grassroots.campaigns import demo_sim, load_campaign
        from grassroots.ingest import ingest_source
        from grassroots.store import participant_rows

        folder = self._results_file("campaigns/demo-input")  # under results/: erase purges it
        chosen = self._brand(brand)
        product = chosen.products[0] if chosen.products else f"{chosen.name} sample"
        handle = re.sub(r"[^a-z0-9]+", "-", product.lower()).strip("-")
        brief = demo_sim.demo_brief(chosen.name, product=product, handle=handle, seed=seed)
        _write(folder / "brief.yaml", brief)
        slug = self._demo_created(folder / "brief.yaml")
        with self._store() as store:
            row, parsed = load_campaign(store, slug)
        if row.assigned_at is None:
            with self._lake(read_only=True) as lake:
                pool = sorted(_advocates(lake, chosen.name))
            _write(folder / "consent.csv", demo_sim.demo_consent(pool, seed=seed))
            self.campaign_consent(folder / "consent.csv")
            self.campaign_assign(slug, pool="advocates")
        codes = {str(o["person_id"]): str(o["code"]) for o in _offers(self, slug)}
        if send_invitations is not None:
            send_invitations(slug)
        self.campaign_invite(slug, channel="demo-dm" if send_invitations is not None else "demo-email")
        with self._store() as store:
            people = participant_rows(store, row.id)
        invited = [str(p["person_id"]) for p in people if p["invited_at"] is not None]
        states, accepted, posted = demo_sim.demo_states(invited, seed=seed)
        _write(folder / "states.csv", states)
        self.campaign_update(slug, folder / "states.csv")
        posts = demo_sim.demo_posts(
            posted, brand=chosen.name, product=product, wording=parsed.disclosure, seed=seed
        )
        everyone = {str(p["person_id"]) for p in people}
        spread = demo_sim.demo_referrals(
            posts, Path(world) / "follows.csv", codes, everyone, product=product, seed=seed
        )
        _write(folder / "posts.jsonl", posts + spread[0])
        _write(folder / "referrals-truth.csv", spread[2])
        ingest_source(self.settings, "posts", folder / "posts.jsonl", progress=self.progress)
        emails = _world_emails(Path(world) / "shopify_customers.csv")
        orders = demo_sim.demo_orders(people, codes, emails, accepted, seed=seed)
        _write(folder / "orders.csv", orders + spread[1])
        self.campaign_import_orders(slug, folder / "orders.csv")
        self.campaign_cascades(slug)  # kept in the lake; the report carries the same chains
        return self.campaign_report(slug)

    def _demo_created(self, brief: Path) -> str:
        from grassroots.campaigns import load_brief
        from grassroots.errors import InvalidInput as Exists

        try:
            return self.campaign_create(brief).campaign
        except Exists as exc:
            if "exists already" not in str(exc):
                raise
            return load_brief(brief).slug


def _offers(ws: CampaignMethods, slug: str) -> list[dict[str, Any]]:
    return list(_read_codes(ws.campaign_codes(slug).path))


def _read_codes(path: Path) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def _world_emails(path: Path) -> dict[str, str]:
    """Customer ID -> e-mail of the demo world's customers export (to simulate their orders)."""
    import csv

    rows = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
    return {r["Customer ID"]: r["Email"] for r in rows if r.get("Email")}


def _advocates(lake: DuckDBLake, brand: str) -> dict[str, Candidate]:
    from grassroots.campaigns import Candidate
    from grassroots.listen import ADVOCATES_TABLE

    lake.register_table(ADVOCATES_TABLE)
    columns = ["account_id", "customer_id", "tier", "followers"]
    rows = lake.scan("advocates", columns=columns, where={"brand": brand}).to_pylist()
    return {
        str(r["account_id"]): Candidate(
            str(r["account_id"]),
            r["customer_id"] or None,
            str(r["tier"] or "-"),
            "-",
            int(r["followers"] or 0),
        )
        for r in rows
    }


def _bare(person: str) -> Candidate:
    from grassroots.campaigns import Candidate

    return Candidate(person)


def _seed_plan(lake: DuckDBLake, plan_id: str | None) -> list[str]:
    from grassroots.network import SEED_PLANS_TABLE

    lake.register_table(SEED_PLANS_TABLE)
    rows = lake.scan("seed_plans", columns=["plan_id", "rank", "account_id"]).to_pylist()
    plans = sorted({str(r["plan_id"]) for r in rows})
    if plan_id is None:
        if len(plans) != 1:
            raise InvalidInput(
                f"plan_id=None: {len(plans)} seed plans in the lake; name one of {', '.join(plans)}"
            )
        plan_id = plans[0]
    if plan_id not in plans:
        raise NotFound(f"plan_id={plan_id!r}: no such seed plan")
    return [str(r["account_id"]) for r in sorted(rows, key=lambda r: r["rank"]) if r["plan_id"] == plan_id]


def _csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _write(path: Path, text: str) -> None:
    """Write aside and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
