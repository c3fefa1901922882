"""``grassroots.Workspace``: every stage on a tiny world returns a typed result and records a run;
the CLI gives the same results; errors name parameters in Python and flags in the CLI; exit codes."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import grassroots
from grassroots.cli.main import ExitCode
from grassroots.errors import InvalidInput
from grassroots.lake import open_lake
from grassroots.workspace import (
    AdvocatesResult,
    DisclosureResult,
    EngagementResult,
    FakeFollowerResult,
    IngestResult,
    ScanResult,
    SeedPlanResult,
    Workspace,
    WorldResult,
)

from .conftest import ROOT, run_cli


@dataclasses.dataclass
class Tiny:
    ws: Workspace
    world: WorldResult
    done: dict[str, Any]

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "GRASSROOTS_DATA_DIR": str(self.ws.data_dir)}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tiny]:
    """A 300-person world run through every stage once (fast sentiment: seconds, not minutes)."""
    ws = Workspace(data_dir=tmp_path_factory.mktemp("ws") / "data", actor="tester")
    world = ws.demo_world(people=300, seed=3)
    ws.init()
    done: dict[str, Any] = {"ingest": ws.ingest_world(world)}
    brand = ws.add_brand(world.world.path("brand"))
    done["fake"] = ws.fake_followers(world.world.path("accounts"))
    done["engagement"] = ws.engagement(brand.name)
    done["scan"] = ws.listen_scan(brand.name, path="fast")
    done["advocates"] = ws.advocates(
        brand.name,
        sentiment="fast",
        customers=world.world.path("shopify_customers"),
        fake_scores=done["fake"].probabilities,
    )
    done["disclosures"] = ws.disclosures(world.world.path("posts"), fmt="jsonl", brand=brand.name)
    done["seeds"] = ws.seeds(k=5, seed=3, exclude=done["fake"].likely_fake, runs=200)
    yield Tiny(ws, world, done)


STAGES = {
    "fake": (FakeFollowerResult, "score_fake_followers"),
    "engagement": (EngagementResult, "account_engagement"),
    "scan": (ScanResult, "listen_scan"),
    "advocates": (AdvocatesResult, "rank_advocates"),
    "disclosures": (DisclosureResult, "disclosures"),
    "seeds": (SeedPlanResult, "select_seeds"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_returns_a_frozen_result_with_its_run(tiny: Tiny, stage: str) -> None:
    kind, step = STAGES[stage]
    result = tiny.done[stage]
    assert isinstance(result, kind)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.run_id = "x"
    with open_lake(tiny.ws.settings.lake_path) as lake:
        runs = {r.id: r for r in lake.runs(limit=100)}
    assert runs[result.run_id].step == step


def test_ingest_records_one_run_per_file(tiny: Tiny) -> None:
    ingested = tiny.done["ingest"]
    assert all(isinstance(r, IngestResult) for r in ingested)
    assert [r.source for r in ingested][:2] == ["accounts", "account_snapshots"]
    assert len({r.run_id for r in ingested}) == len(ingested) == 7
    assert ingested[0].counts.read == 300


def test_results_hold_what_the_stage_found(tiny: Tiny) -> None:
    advocates = tiny.done["advocates"].advocates
    assert advocates and [a.rank for a in advocates] == list(range(1, len(advocates) + 1))
    assert tiny.done["scan"].own and all(p.subject == tiny.done["scan"].brand for p in tiny.done["scan"].own)
    plan = tiny.done["seeds"]
    assert len(plan.seeds) == 5 and not set(plan.seeds) & tiny.done["fake"].likely_fake
    assert plan.path.read_text().split() == list(plan.seeds)
    fake_lines = tiny.done["fake"].path.read_text().splitlines()
    assert len(fake_lines) == len(tiny.done["fake"].scores) == 300
    assert plan.expected_reach >= 5


def test_the_cli_gives_what_the_workspace_gives(tiny: Tiny) -> None:
    brand = tiny.done["advocates"].brand
    shop = str(tiny.world.world.path("shopify_customers"))
    fakes = str(tiny.done["fake"].path)
    args = ["advocates", "--brand", brand, "--sentiment", "fast", "--limit", "1000"]
    cli = run_cli(*args, "--customers", shop, "--fake-scores", fakes, env=tiny.env)
    assert cli.returncode == 0, cli.stderr.decode()
    rows = [json.loads(line) for line in cli.stdout.decode().splitlines()]
    expected = json.loads(json.dumps([dataclasses.asdict(a) for a in tiny.done["advocates"].advocates]))
    assert rows == expected
    engagement = run_cli("brand", "engagement", "--brand", brand, env=tiny.env)
    assert engagement.returncode == 0, engagement.stderr.decode()
    got = [json.loads(line) for line in engagement.stdout.decode().splitlines()]
    assert got == json.loads(json.dumps([dataclasses.asdict(p) for p in tiny.done["engagement"].profiles]))


def test_python_errors_name_parameters_and_the_cli_names_flags(tiny: Tiny) -> None:
    with pytest.raises(InvalidInput, match=r"^path='slow': expected one of fast, accurate$"):
        tiny.ws.listen_scan("Acme", path="slow")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^model='x': expected one of ic, lt$"):
        tiny.ws.seeds(model="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"^sentiment='moody': expected one of fast, accurate, vader$"):
        tiny.ws.advocates("Acme", sentiment="moody")  # type: ignore[arg-type]
    bad = run_cli("listen", "scan", "--brand", "Acme", "--path", "slow", env=tiny.env)
    assert bad.returncode == 2
    assert bad.stderr.decode() == "error: --path 'slow': expected one of fast, accurate\n"
    graph = tiny.ws.data_dir / "g.txt"
    graph.write_text("a b\n", encoding="utf-8")
    bad = run_cli("network", "seeds", "--graph", str(graph), "--k", "1", "--model", "x", env=tiny.env)
    assert bad.stderr.decode() == "error: --model 'x': expected one of ic, lt\n"
    bad = run_cli("ingest", "posts", str(graph), "--format", "xml", env=tiny.env)
    assert bad.stderr.decode().startswith("error: --format 'xml': expected one of jsonl")


def test_the_actor_is_who_the_caller_says(tiny: Tiny) -> None:
    from grassroots.store import Store, tables

    handle = tiny.done["advocates"].advocates[-1].handle
    erased = tiny.ws.erase(handle)
    assert erased.report["lake"]["accounts"] == 1 and erased.report["left"] == []
    with Store(tiny.ws.settings.database_url) as store:
        audit = store.rows(tables.audit_log, action="erase")
    assert [row["actor"] for row in audit] == ["tester"]


def test_advocate_corrections_apply_on_the_next_ranking(tiny: Tiny) -> None:
    """Runs after the erase above (the module's world is changed by it): corrections drop / force people."""
    brand = tiny.done["advocates"].brand
    before = tiny.ws.advocates(brand, sentiment="fast").advocates
    top, low = before[0].account_id, before[-1].account_id
    tiny.ws.correct("advocate", top, "not_advocate", brand=brand, note="a reseller")
    tiny.ws.correct("advocate", low, "advocate", brand=brand)
    after = tiny.ws.advocates(brand, sentiment="fast").advocates
    assert top not in {a.account_id for a in after} and len(after) == len(before) - 1
    assert after[0].account_id == low and after[0].explanation.startswith("user correction #")
    assert [a.rank for a in after] == list(range(1, len(after) + 1))
    from grassroots.listen.advocates_store import ADVOCATES_TABLE

    with tiny.ws._lake(read_only=True) as lake:
        lake.register_table(ADVOCATES_TABLE)
        stored = set(lake.scan("advocates", columns=["account_id"]).column("account_id").to_pylist())
    assert top not in stored and low in stored


def test_import_grassroots_stays_cheap() -> None:
    heavy = "{'torch', 'onnxruntime', 'pyarrow', 'numpy'}"
    code = f"import sys, grassroots; grassroots.Workspace; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- exit codes ------------------------------------------------------------------------------------


def _documented_codes() -> dict[int, str]:
    """The exit-code table of the README: ``| 0 | ... |`` rows under '## Exit codes'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| `?(\d+)`? \| (.+?) \|", section, re.M)}


def test_the_readme_documents_every_exit_code() -> None:
    assert sorted(_documented_codes()) == sorted(int(c) for c in ExitCode)


def test_every_documented_exit_code_is_produced(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    seen = {int(ExitCode.OK): run_cli("version").returncode}
    seen[int(ExitCode.USAGE)] = run_cli("status", "--runs", "many", env=env).returncode
    seen[int(ExitCode.NOT_FOUND)] = run_cli("status", env=env).returncode  # not initialised
    assert run_cli("init", env=env).returncode == 0
    hold = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print(1, flush=True); input()"
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(tmp_path / "data" / "lake.duckdb")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "1"
        busy = run_cli("status", env=env)
        seen[int(ExitCode.BUSY)] = busy.returncode
        assert "being written by another process" in busy.stderr.decode()
    finally:
        holder.communicate("\n", timeout=60)
    (tmp_path / "data" / "lake.duckdb").write_bytes(b"not a lake " * 1000)
    damaged = run_cli("status", env=env)
    seen[int(ExitCode.FAILURE)] = damaged.returncode
    assert b"Traceback" not in damaged.stderr and damaged.stderr.startswith(b"error: ")
    assert seen == {code: code for code in _documented_codes()}


def test_grassroots_exports_the_workspace() -> None:
    assert grassroots.Workspace is Workspace
