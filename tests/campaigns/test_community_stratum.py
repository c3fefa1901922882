"""The ``community`` stratum comes from the network engine's lake table ``communities`` when it exists,
``-`` when it does not; the same pool, communities and seed give the same arms."""

from __future__ import annotations

from pathlib import Path

from grassroots.config import Settings
from grassroots.ingest import ingest_source, initialise
from grassroots.lake import open_lake
from grassroots.network import read_communities
from grassroots.store import Store, save_brand, tables
from grassroots.workspace import Workspace
from tests.campaigns.conftest import BRIEF

LEFT = [f"ig-left-{i}" for i in range(8)]
RIGHT = [f"ig-right-{i}" for i in range(6)]


def _assigned(
    tmp_path: Path, *, profile: bool, file_communities: bool = False, command: bool = False
) -> dict[str, tuple[str, str]]:
    settings = Settings(data_dir=tmp_path / "data")
    initialise(settings)
    with Store(settings.database_url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
    src = tmp_path / "src"
    src.mkdir()
    # two cliques joined by one edge: two communities, the larger numbered 1
    edges = [(a, b) for group in (LEFT, RIGHT) for a in group for b in group if a != b]
    edges.append((LEFT[0], RIGHT[0]))
    (src / "follows.csv").write_text("platform,src,dst\n" + "".join(f"instagram,{a},{b}\n" for a, b in edges))
    ingest_source(settings, "follows", src / "follows.csv")
    people = [*LEFT, *RIGHT]
    column = "person_id,community\n" if file_communities else "person_id\n"
    (src / "pool.csv").write_text(
        column + "".join(f"{p},{'x' if file_communities else ''}\n".replace(",\n", "\n") for p in people)
    )
    (src / "consent.csv").write_text(
        "person_id,purpose,granted,recorded_at\n"
        + "".join(f"{p},contact,yes,2026-01-01T00:00:00\n" for p in people)
    )
    (src / "brief.yaml").write_text(BRIEF.replace("strata: [tier, customer]", "strata: [community]"))
    ws = Workspace(settings=settings, actor="test")
    if profile and command:
        assert ws.network_communities(seed=3) == {"accounts": 14, "communities": 2}
    elif profile:
        ws.network_profile_from_lake(seed=3)  # the demo's stage writes the table too
    slug = ws.campaign_create(src / "brief.yaml").campaign
    ws.campaign_consent(src / "consent.csv")
    ws.campaign_assign(slug, pool=src / "pool.csv")
    with Store(settings.database_url) as store:
        return {r["person_id"]: (r["arm"], r["stratum"]) for r in store.rows(tables.campaign_participants)}


def test_community_comes_from_the_lake_table_and_the_assignment_is_reproducible(tmp_path: Path) -> None:
    made = _assigned(tmp_path / "a", profile=True)
    assert {made[p][1] for p in LEFT} == {"community=1"} and {made[p][1] for p in RIGHT} == {"community=2"}
    with open_lake(tmp_path / "a" / "data" / "lake.duckdb", read_only=True) as lake:
        communities = read_communities(lake)
    assert communities[LEFT[3]] == "1" and communities[RIGHT[3]] == "2" and len(communities) == 14
    # each community is its own stratum: half of each held out
    assert (
        sum(made[p][0] == "holdout" for p in LEFT) == 4 and sum(made[p][0] == "holdout" for p in RIGHT) == 3
    )
    # same data and seed (communities from `network communities` this time): same arms
    assert _assigned(tmp_path / "b", profile=True, command=True) == made


def test_without_the_table_community_is_unknown_and_a_pool_file_value_wins(tmp_path: Path) -> None:
    absent = _assigned(tmp_path / "a", profile=False)
    assert {stratum for _, stratum in absent.values()} == {"community=-"}
    given = _assigned(tmp_path / "b", profile=True, file_communities=True)
    assert {stratum for _, stratum in given.values()} == {"community=x"}


def test_the_command_needs_a_follows_graph(tmp_path: Path) -> None:
    import os

    from tests.conftest import run_cli

    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    empty = run_cli("network", "communities", env=env)
    assert empty.returncode == 2 and empty.stdout == b""
    assert empty.stderr.decode() == "error: lake follows: no follow edges\n"
