"""``grassroots demo-world`` (write the synthetic market) and ``grassroots demo`` (world + every stage).

``demo`` is a list of named steps; each later pipeline stage is one more ``Step`` line in
``DEMO_STEPS``. A step whose stage has not landed yet reports "skipped" instead of failing, so the
command keeps working while the pipeline grows. ``demo`` never serves, never opens a browser and
never reads stdin: it prints a short summary and returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from grassroots.config import Settings
from grassroots.records import ProgressFn

__all__ = ["DEMO_STEPS", "DemoRun", "StageMissing", "Step", "register", "run_demo"]


@dataclass
class DemoRun:
    """What the steps of one ``demo`` share: settings, options, progress, and what earlier steps made."""

    settings: Settings
    seed: int
    people: int
    hard: bool
    progress: ProgressFn
    made: dict[str, Any] = field(default_factory=dict)

    @property
    def world_dir(self) -> Path:
        return self.settings.data_dir / "demo-world"


class StageMissing(Exception):
    """Raised by a step whose pipeline stage does not exist yet; ``demo`` reports it as skipped."""


@dataclass(frozen=True)
class Step:
    """One named step: ``run`` returns a one-line summary of what it produced."""

    name: str
    run: Callable[[DemoRun], str]


def _world(run: DemoRun) -> str:
    from grassroots.demo_world import generate_world

    world = generate_world(
        run.world_dir, seed=run.seed, people=run.people, hard=run.hard, progress=run.progress
    )
    run.made["world"] = world
    c = world.counts
    return (
        f"{c['people']:,} people, {c['posts']:,} posts, {c['comments']:,} comments, "
        f"{c['follows']:,} follows, {c['shopify_orders']:,} orders in {world.directory}"
    )


def _init(run: DemoRun) -> str:
    from grassroots.ingest import initialise

    report = initialise(run.settings)
    return f"lake {report.lake_path}, store {report.database_url}"


#: World file role -> ingest source, in dependency order (accounts before what refers to them).
_INGEST = (
    ("accounts", "accounts"),
    ("account_snapshots", "account_snapshots"),
    ("follows", "follows"),
    ("posts", "posts"),
    ("comments", "comments"),
    ("shopify_customers", "shopify-customers"),
    ("shopify_orders", "shopify-orders"),
)


def _ingest(run: DemoRun) -> str:
    from grassroots.ingest import ingest_source

    world = run.made["world"]
    rows = 0
    for role, source in _INGEST:
        report = ingest_source(run.settings, source, world.path(role), progress=run.progress)
        rows += report.counts.read
        run.progress("ingest", _INGEST.index((role, source)) + 1, len(_INGEST))
    return f"{rows:,} rows from {len(_INGEST)} files into {run.settings.lake_path.parent}"


def _api(module: str, *names: str) -> list[Any]:
    """Public functions of a domain, or ``StageMissing`` when that stage has not landed yet."""
    import importlib

    found = importlib.import_module(module)
    missing = [name for name in names if not hasattr(found, name)]
    if missing:
        raise StageMissing(f"{module} has no {', '.join(missing)} yet")
    return [getattr(found, name) for name in names]


def _results(run: DemoRun, name: str) -> Path:
    folder = run.settings.data_dir / "results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    import json

    with path.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _brand(run: DemoRun) -> str:
    brand_book, load_brand = _api("grassroots.listen", "BrandBook", "load_brand")
    run.made["brand"] = brand_book(run.settings.data_dir / "brands").add(
        load_brand(run.made["world"].path("brand"))
    )
    return f"{run.made['brand'].name} configured from {run.made['world'].path('brand')}"


def _fake_followers(run: DemoRun) -> str:
    read_profiles, score_profiles = _api("grassroots.trust", "read_profiles", "score_profiles")
    scores = score_profiles(read_profiles(run.made["world"].path("accounts")))
    run.made["fake"] = {str(x.id): float(x.probability) for x in scores}
    path = _results(run, "fake-followers.jsonl")
    _write_jsonl(
        path, [{"id": x.id, "probability": x.probability, "reasons": list(x.reasons)} for x in scores]
    )
    likely = sum(p >= 0.5 for p in run.made["fake"].values())
    return f"{len(scores):,} profiles scored, {likely:,} likely fake, in {path}"


def _engagement(run: DemoRun) -> str:
    (engagement_from_lake,) = _api("grassroots.listen", "engagement_from_lake")
    from grassroots.lake import open_lake

    with open_lake(run.settings.lake_path) as lake:
        profiles = engagement_from_lake(lake, run.made["brand"])
    return f"{len(profiles):,} accounts, lake table 'engagement'"


def _listen(run: DemoRun) -> str:
    scan_brand, summarise, load_scorer = _api("grassroots.listen", "scan_brand", "summarise", "load_scorer")
    from grassroots.lake import open_lake

    with open_lake(run.settings.lake_path) as lake:
        rows = scan_brand(lake, run.made["brand"], scorer=load_scorer("accurate"), path="accurate")
    own = [r for r in rows if r["subject"] == r["brand"]]
    counts = {label: sum(r["label"] == label for r in own) for label in ("positive", "neutral", "negative")}
    weeks = len(summarise(rows))
    return (
        f"{len(own):,} posts about the brand over {weeks} weeks ({counts['positive']:,} positive, "
        f"{counts['neutral']:,} neutral, {counts['negative']:,} negative; share of voice "
        f"{len(own) / max(len(rows), 1):.0%} against {len(rows) - len(own):,} competitor posts), "
        "lake table 'brand_mentions'"
    )


def _advocates(run: DemoRun) -> str:
    names = ("discover_advocates", "sentiment_by_name", "read_shop_customers")
    discover, sentiment, customers = _api("grassroots.listen", *names)
    from grassroots.lake import open_lake

    shop = customers(run.made["world"].path("shopify_customers"))
    with open_lake(run.settings.lake_path) as lake:
        ranked = discover(
            lake,
            run.made["brand"],
            sentiment=sentiment("accurate"),
            customers=shop,
            fake_probability=run.made.get("fake"),
            sentiment_source="accurate",
        )
    top = ", ".join(f"@{a.handle}" for a in ranked[:3])
    return f"{len(ranked):,} accounts ranked (top: {top}), lake table 'advocates'"


def _disclosures(run: DemoRun) -> str:
    (assess_disclosures,) = _api("grassroots.trust", "assess_disclosures")
    items = assess_disclosures(run.made["world"].path("posts"), fmt="jsonl", brand=run.made["brand"].name)
    path = _results(run, "disclosures.jsonl")
    _write_jsonl(path, items)
    counts = {kind: sum(i["disclosure"] == kind for i in items) for kind in ("adequate", "ambiguous")}
    return f"{len(items):,} posts: {counts['adequate']} adequate, {counts['ambiguous']} ambiguous, in {path}"


def _seeds(run: DemoRun) -> str:
    build_graph, select_seeds, estimate_spread = _api("grassroots.network", *_SEEDING)
    import numpy as np

    from grassroots.lake import open_lake

    with open_lake(run.settings.lake_path) as lake:
        # sorted, so the seed plan does not depend on the order ingest stored the rows in
        follows = lake.scan("follows", columns=["src", "dst"]).sort_by(
            [("src", "ascending"), ("dst", "ascending")]
        )
    src, dst = (follows.column(c).to_numpy(zero_copy_only=False) for c in ("src", "dst"))
    labels, index = np.unique(np.concatenate([src, dst]), return_inverse=True)
    graph = build_graph(index[len(src) :], index[: len(src)], tuple(labels.tolist()))  # followed -> follower
    fake = run.made.get("fake", {})
    exclude = np.array([fake.get(str(x), 0.0) >= 0.5 for x in labels], dtype=np.bool_)
    chosen = select_seeds(graph, _K_SEEDS, seed=run.seed, exclude=exclude, progress=run.progress)
    spread = estimate_spread(graph, chosen.seeds, runs=1000, seed=run.seed)
    path = _results(run, "seed-plan.txt")
    path.write_text("".join(f"{labels[i]}\n" for i in chosen.seeds), encoding="utf-8")
    reach = f"expected reach {spread.mean:,.0f} people"
    return f"{len(chosen.seeds)} seeds (likely fakes excluded), {reach}, in {path}"


_SEEDING = ("build_graph", "select_seeds", "estimate_spread")
_K_SEEDS = 20

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
    Step("seeds", _seeds),
]


def run_demo(run: DemoRun, steps: list[Step]) -> list[tuple[str, str, float]]:
    """Run ``steps`` in order; returns (step, summary or "skipped: why", seconds) per step."""
    done = []
    for number, step in enumerate(steps):
        run.progress("demo", number, len(steps))
        started = time.perf_counter()
        try:
            summary = step.run(run)
        except StageMissing as exc:
            summary = f"skipped: {exc}"
        done.append((step.name, summary, time.perf_counter() - started))
    run.progress("demo", len(steps), len(steps))
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
        from grassroots.cli._console import progress_bars, settings
        from grassroots.demo_world import generate_world

        target = out if out is not None else settings().data_dir / "demo-world"
        with progress_bars() as progress:
            world = generate_world(
                target, seed=seed, people=people, posts=posts, hard=hard, progress=progress
            )
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
        from grassroots.cli._console import err, progress_bars, settings
        from grassroots.lake import writer_lock

        s = settings()
        s.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # one writer for the whole run: other writers fail at once, readers see the lake as it was
        with progress_bars() as progress, writer_lock(s.lake_path, command="grassroots demo"):
            run = DemoRun(s, seed=seed, people=people, hard=hard, progress=progress)
            results = run_demo(run, DEMO_STEPS)
        for name, summary, seconds in results:
            typer.echo(f"{name}: {summary} ({seconds:.1f} s)")
        data = run.settings.data_dir
        typer.echo(f"results: lake {run.settings.lake_path}, files {data / 'results'}, world {run.world_dir}")
        err.print("demo finished")
