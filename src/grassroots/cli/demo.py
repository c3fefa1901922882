"""``grassroots demo-world`` (write the synthetic market) and ``grassroots demo`` (world + every stage).

``demo`` is a list of named steps, each one Workspace call and a one-line summary of its result;
a later pipeline stage is one more ``Step`` in ``DEMO_STEPS``. ``demo`` never serves, never opens a
browser and never reads stdin: it prints a short summary and returns. Its last lines are the
dashboard's login (user ``demo``, a new generated password shown once) and the command that serves
the dashboard on the demo data.
"""

from __future__ import annotations

import secrets
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from grassroots.workspace import Workspace

__all__ = ["DEMO_STEPS", "DemoRun", "Step", "register", "run_demo"]

#: seeds in the demo's plan
K_SEEDS = 20
#: top advocates the demo writes a creator report for
REPORTS = 3
#: the dashboard user the demo sets up (admin of every brand; a new password each run)
DEMO_USER = "demo"


@dataclass
class DemoRun:
    """What the steps of one ``demo`` share: the workspace, the world options, earlier results."""

    ws: Workspace
    seed: int
    people: int
    hard: bool
    made: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One named step: ``run`` calls the Workspace and returns a one-line summary of what it made."""

    name: str
    run: Callable[[DemoRun], str]


def _world(run: DemoRun) -> str:
    world = run.made["world"] = run.ws.demo_world(seed=run.seed, people=run.people, hard=run.hard)
    c = world.counts
    return (
        f"{c['people']:,} people, {c['posts']:,} posts, {c['comments']:,} comments, "
        f"{c['follows']:,} follows, {c['shopify_orders']:,} orders in {world.directory}"
    )


def _init(run: DemoRun) -> str:
    report = run.ws.init()
    return f"lake {report.lake_path}, store {report.database_url}"


def _ingest(run: DemoRun) -> str:
    done = run.ws.ingest_world(run.made["world"])
    rows = sum(r.counts.read for r in done)
    return f"{rows:,} rows from {len(done)} files into {run.ws.data_dir}"


def _brand(run: DemoRun) -> str:
    path = run.made["world"].world.path("brand")
    run.made["brand"] = run.ws.add_brand(path)
    return f"{run.made['brand'].name} configured from {path}"


def _fake_followers(run: DemoRun) -> str:
    fake = run.made["fake"] = run.ws.fake_followers_from_lake()
    return (
        f"{len(fake.scores):,} profiles scored, {len(fake.likely_fake):,} likely fake, "
        f"lake table 'fake_follower_scores', {fake.path}"
    )


def _engagement(run: DemoRun) -> str:
    result = run.ws.engagement(run.made["brand"])
    return f"{len(result.profiles):,} accounts, lake table 'engagement'"


def _listen(run: DemoRun) -> str:
    scan = run.ws.listen_scan(run.made["brand"], path="accurate")
    own, counts = len(scan.own), scan.labels()
    return (
        f"{own:,} posts about the brand over {len(scan.summary('week'))} weeks ({counts['positive']:,} "
        f"positive, {counts['neutral']:,} neutral, {counts['negative']:,} negative; share of voice "
        f"{own / max(len(scan.posts), 1):.0%} against {len(scan.posts) - own:,} competitor posts), "
        f"lake table 'brand_mentions', {scan.alerts} sentiment-spike alerts"
    )


def _advocates(run: DemoRun) -> str:
    found = run.ws.advocates(
        run.made["brand"],
        sentiment="accurate",
        customers=run.made["world"].world.path("shopify_customers"),
        fake_scores=run.made["fake"].probabilities,
    )
    run.made["advocates"] = found.advocates
    top = ", ".join(f"@{a.handle}" for a in found.advocates[:3])
    return f"{len(found.advocates):,} accounts ranked (top: {top}), lake table 'advocates'"


def _disclosures(run: DemoRun) -> str:
    result = run.ws.disclosures_from_lake(brand=run.made["brand"].name)
    c = result.counts()
    return (
        f"{len(result.items):,} posts: {c['adequate']} adequate, {c['ambiguous']} ambiguous, "
        f"{c['commercial_undisclosed']} commercial signal, not disclosed, lake table "
        f"'disclosures', {result.alerts} undisclosed-paid-post alerts, {result.path}"
    )


def _reports(run: DemoRun) -> str:
    brand = run.made["brand"]
    reports = [
        run.ws.trust_report(a.account_id, brand=brand.name, competitors=brand.competitors)
        for a in run.made["advocates"][:REPORTS]
    ]
    scores = ", ".join(f"@{r.handle} {r.audience.score:.0f}" for r in reports)
    flagged = sum(len(r.safety) for r in reports)
    return (
        f"{len(reports)} top advocates ({scores}), lake table 'audience_reports', "
        f"{flagged} brand-safety alerts"
    )


def _seeds(run: DemoRun) -> str:
    plan = run.ws.seeds(k=K_SEEDS, seed=run.seed, exclude=run.made["fake"].likely_fake)
    reach = f"expected reach {plan.expected_reach:,.0f} people"
    return (
        f"{len(plan.seeds)} seeds (likely fakes excluded), {reach}, lake table 'seed_plans' "
        f"({plan.plan_id}), {plan.path}"
    )


def _network_profile(run: DemoRun) -> str:
    profile = run.ws.network_profile_from_lake(seed=run.seed)
    return (
        f"{profile.communities:,} communities (modularity {profile.modularity:.2f}), reciprocity "
        f"{profile.reciprocity:.0%}, lake table 'network_profiles'"
    )


def _web_user(run: DemoRun) -> str:
    password = secrets.token_urlsafe(12)
    run.ws.add_user(DEMO_USER, password=password, role="admin")
    return (
        f"log in as {DEMO_USER!r} with password {password} (admin; shown once, a new one each demo run; "
        f"`grassroots users add {DEMO_USER} --role admin --password-stdin` sets your own)"
    )


#: what ``demo`` asks the assistant: one question its knowledge base answers, one it does not
ASSISTANT_QUESTIONS = ("how many days until my parcel arrives in Germany?", "can I pay with bitcoin?")


def _assistant(run: DemoRun) -> str:
    from grassroots.demo_world import knowledge_base_files

    folder = run.ws.data_dir / "demo-knowledge-base"
    folder.mkdir(mode=0o700, exist_ok=True)
    for name, text in knowledge_base_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        run.ws.assistant_kb_add(folder / name)
    answered, unknown = (run.ws.assistant_ask(q, session="demo") for q in ASSISTANT_QUESTIONS)
    source = answered.sources[0] if answered.sources else None
    said = f"answered from {source.document} '{source.section}'" if source else "no source"
    handed = f"handed over (queue item {unknown.extra['queue_item']})" if unknown.handover else "answered"
    return (
        f"{len(knowledge_base_files())} knowledge-base files; {ASSISTANT_QUESTIONS[0]!r}: {said}; "
        f"{ASSISTANT_QUESTIONS[1]!r}: {handed}; `grassroots assistant queue list`"
    )


def _campaign(run: DemoRun) -> str:
    def send(slug: str) -> object:
        run.made["outreach"] = run.ws.outreach_demo(slug)
        return run.made["outreach"]

    done = run.made["campaign"] = run.ws.campaign_demo(
        run.made["world"].directory, run.made["brand"].name, seed=run.seed, send_invitations=send
    )
    r = done.report
    orders = r["lift"].get("treatment", {}).get("orders", {})
    if "lift" in orders:
        low, high = orders["ci"]
        lift = f"orders lift {orders['lift']:+.3f} per person (90% CI {low:+.3f} to {high:+.3f})"
    else:
        lift = f"no orders lift ({orders.get('error', 'no treatment arm')})"
    chains = r["cascades"]["referrals"]
    spread = (
        f"{chains['chains']} referral chains up to {chains['max_hops']} hops "
        f"({sum(h['people'] for h in chains['by_hops'])} people referred)"
        if chains
        else "no referral chain"
    )
    return (
        f"campaign {done.campaign!r}: {sum(r['funnel']['arms'].values())} people randomised "
        f"({r['funnel']['arms']}), {r['funnel']['codes']} codes, {r['redemptions']} redeemed, {lift}, "
        f"{r['compliance']['alerts']} compliance alerts, {spread} (lake table 'campaign_cascades'); "
        f"report {done.html_path}{_outreach(run)}"
    )


def _outreach(run: DemoRun) -> str:
    sent = run.made.get("outreach")
    if sent is None:
        return ""
    c = sent.counts
    return (
        f"; {c.get('sent', 0)} invitations e-mailed to the file outbox {sent.path}, "
        f"{c['dm_tasks']} direct-message tasks in {c['tasks_file']}"
    )


def _portal(run: DemoRun) -> str:
    """The advocate-portal link of one participant who accepted (it opens once ``grassroots serve`` runs)."""
    slug = run.made["campaign"].campaign
    links = run.ws.portal_links(slug, days=30)
    example = "nobody accepted"
    for link in links:
        state = run.ws.portal_page(link.url.rsplit("/", 1)[1]).state
        if state not in (None, "invited", "declined"):
            example = f"{link.person_id}'s ({state}): {link.url}"
            break
    return f"{len(links)} personal links (`grassroots portal links --campaign {slug}`); {example}"


def _match(run: DemoRun) -> str:
    path = run.made["world"].world.path("brief")
    found = run.made["match"] = run.ws.match_brief(path, limit=20)
    top = ", ".join(f"@{m.handle}" for m in found.run.matches[:3])
    return (
        f"{found.profiles.recomputed:,} profiles built (lake table 'profiles'); brief {path.name}: "
        f"{len(found.run.matches)} people ranked (top: {top}), lake table 'matches' as {found.match_id!r}"
    )


#: the demo's semantic search (people and posts)
MATCH_QUERY = "a slow, calm skincare routine before work"


def _match_results(run: DemoRun) -> str:
    """like / search / overlap / roster on the demo world, from the brief's ranking (files of handles
    written to ``results/match/``, as a marketer would keep them)."""
    brief = run.made["world"].world.path("brief")
    top = [m.handle for m in run.made["match"].run.matches]
    folder = run.ws.data_dir / "results" / "match"
    folder.mkdir(parents=True, exist_ok=True)
    seeds, shortlist = folder / "brief-top3.txt", folder / "brief-top5.txt"
    seeds.write_text("".join(f"@{h}\n" for h in top[:3]), encoding="utf-8")
    shortlist.write_text("".join(f"@{h}\n" for h in top[:5]), encoding="utf-8")
    like = run.ws.match_like(seeds, limit=20)
    found = run.ws.match_search(MATCH_QUERY, limit=10)
    overlap = run.ws.match_overlap(shortlist)
    roster = run.ws.match_roster(brief, k=5)
    reach = ", ".join(f"{c.strategy} {c.reach}" for c in roster.choices)
    ids = ", ".join(repr(r.result_id) for r in (like, found, overlap, roster))
    return (
        f"{len(like.people)} lookalikes of {len(top[:3])}; search {MATCH_QUERY!r}: "
        f"{len(found.people)} people, {len(found.posts)} posts; {len(overlap.pairs)} overlap pairs; "
        f"roster of 5 reaches {reach} distinct engaged followers; lake table 'match_results' as {ids} "
        "(`grassroots match list`, `grassroots match pool ID`)"
    )


#: The demo pipeline, in order. A new stage is one line here.
DEMO_STEPS: list[Step] = [
    Step("demo world", _world),
    Step("init", _init),
    Step("ingest", _ingest),
    Step("brand", _brand),
    Step("fake followers", _fake_followers),
    Step("engagement", _engagement),
    Step("listen", _listen),
    Step("advocates", _advocates),
    Step("disclosures", _disclosures),
    Step("creator reports", _reports),
    Step("seeds", _seeds),
    Step("network profile", _network_profile),
    Step("match", _match),
    Step("match results", _match_results),
    Step("campaign", _campaign),
    Step("portal", _portal),
    Step("assistant", _assistant),
    Step("dashboard user", _web_user),
]


def run_demo(run: DemoRun, steps: list[Step]) -> list[tuple[str, str, float]]:
    """Run ``steps`` in order; returns (step, summary, seconds) per step."""
    done = []
    for number, step in enumerate(steps):
        run.ws.progress("demo", number, len(steps))
        started = time.perf_counter()
        summary = step.run(run)
        done.append((step.name, summary, time.perf_counter() - started))
    run.ws.progress("demo", len(steps), len(steps))
    return done


def register(app: typer.Typer) -> None:
    """Add ``demo-world`` and ``demo`` to ``app``."""

    @app.command("demo-world")
    def demo_world(
        seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same world.")] = 0,
        people: Annotated[int, typer.Option(help="Number of people (accounts).")] = 20_000,
        posts: Annotated[int | None, typer.Option(help="Number of posts [default: 5 per person].")] = None,
        hard: Annotated[bool, typer.Option("--hard", help="More and harder hard cases.")] = False,
        out: Annotated[
            Path | None, typer.Option(help="Output directory [default: DATA_DIR/demo-world].")
        ] = None,
    ) -> None:
        """Write a synthetic market (accounts, posts, comments, follows, shop exports) and its truth."""
        from grassroots.cli._console import workspace

        with workspace() as ws:
            world = ws.demo_world(seed=seed, people=people, posts=posts, hard=hard, out=out)
        for role, count in world.counts.items():
            typer.echo(f"{role}\t{count}")
        typer.echo(f"directory\t{world.directory}")

    @app.command("demo")
    def demo(
        seed: Annotated[int, typer.Option(help="Random seed of the demo world.")] = 0,
        people: Annotated[int, typer.Option(help="Number of people in the demo world.")] = 20_000,
        hard: Annotated[bool, typer.Option("--hard", help="Generate the harder world.")] = False,
    ) -> None:
        """Generate the demo world into the data dir, run every pipeline stage, print where results are."""
        from grassroots.cli._console import err, workspace

        # one writer for the whole run: other writers fail at once, readers see the lake as it was
        with workspace() as ws, ws.writing("grassroots demo"):
            results = run_demo(DemoRun(ws, seed=seed, people=people, hard=hard), DEMO_STEPS)
        for name, summary, seconds in results:
            typer.echo(f"{name}: {summary} ({seconds:.1f} s)")
        data = ws.data_dir
        typer.echo(
            f"results: lake {ws.settings.lake_path}, files {data / 'results'}, world {data / 'demo-world'}"
        )
        typer.echo(
            f"serve: grassroots serve --data-dir {shlex.quote(str(data))}   "
            f"(then open http://127.0.0.1:8000 and log in as {DEMO_USER!r})"
        )
        err.print("demo finished")
