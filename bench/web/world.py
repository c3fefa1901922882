"""The demo world the web benchmark serves: every pipeline stage run once, kept in ``--work`` so a
second run (another rate sweep) reuses it. The same Workspace calls ``grassroots demo`` makes."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from grassroots.config import Settings
from grassroots.listen.brands import Brand
from grassroots.workspace import AdvocatesResult, Workspace


@dataclass(frozen=True)
class Served:
    """A built data dir: where it is, the brand, its top advocate, an API key (read scope)."""

    data_dir: Path
    brand: str
    top: str
    key: str


@dataclass(frozen=True)
class Staged:
    """What :func:`run_stages` made: the brand and its ranked advocates."""

    brand: Brand
    found: AdvocatesResult


def run_stages(
    ws: Workspace, *, seed: int, people: int, k: int, reports: int = 1, customers: bool = False
) -> Staged:
    """Every pipeline stage the web app reads, on a new demo world (the caller holds the writer lock).

    One sequence for the benchmark's world and the web tests' worlds: ``reports`` trust reports for
    the top advocates, a ``k``-seed plan; ``customers`` links the demo shop's customers to advocates.
    """
    world = ws.demo_world(seed=seed, people=people)
    ws.init()
    ws.ingest_world(world)
    brand = ws.add_brand(world.world.path("brand"))
    fake = ws.fake_followers_from_lake()
    ws.engagement(brand)
    ws.listen_scan(brand, path="fast")
    shop = world.world.path("shopify_customers") if customers else None
    found = ws.advocates(brand, sentiment="fast", customers=shop, fake_scores=fake.probabilities)
    ws.disclosures_from_lake(brand=brand.name)
    for a in found.advocates[:reports]:
        ws.trust_report(a.account_id, brand=brand.name, competitors=brand.competitors, screens=False)
    ws.seeds(k=k, runs=200, exclude=fake.likely_fake)
    ws.network_profile_from_lake()
    return Staged(brand, found)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(work: Path, people: int) -> Served:
    """Build (or reuse) the world of ``people`` people under ``work``; a fresh read key each run."""
    data = work / f"data-{people}"
    done = data / "bench-world.json"
    ws = Workspace(settings=Settings(data_dir=data), actor="bench")
    if not done.exists():
        _say(f"building the {people:,}-person demo world in {data} (once; reused by later runs)")
        with ws.writing("bench web world"):
            staged = run_stages(ws, seed=1, people=people, k=10)
        brand, top = staged.brand, staged.found.advocates[0].account_id
        done.write_text(json.dumps({"brand": brand.name, "top": top}), encoding="utf-8")
    facts = json.loads(done.read_text(encoding="utf-8"))
    names = {k.name for k in ws.api_keys()}
    name = f"bench-{len(names)}"
    return Served(data, facts["brand"], facts["top"], ws.create_key(name, scope="read"))
