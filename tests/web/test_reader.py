"""The server's long-lived lake reader: requests read the writer's snapshot through one connection,
and what a job or an erase wrote is what the next request reads (snapshot refreshed, reader reopened).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
from fastapi.testclient import TestClient

from grassroots.lake import DuckDBLake, LakeReader, TableSpec, snapshot_path, writer_lock
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace
from tests.web.api_world import ApiWorld, world_fixture

api_world = world_fixture


@contextmanager
def served(world: ApiWorld, scope: str) -> Iterator[tuple[TestClient, LakeReader]]:
    """The app as ``grassroots serve`` runs it: holding the writer lock, reading through its reader."""
    app = create_app(WebSettings(core=world.settings))
    workspace = Workspace(settings=world.settings, actor="serve")
    with writer_lock(world.settings.lake_path, command="test serve") as lock, TestClient(app) as client:
        reader = workspace.lake_reader()
        app.state.jobs.own(lock, reader)
        client.headers["Authorization"] = f"Bearer {world.keys[scope]}"
        yield client, reader


def _wait(client: TestClient, location: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(location).json()
        if job["state"] in ("succeeded", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {location} did not finish")


def test_a_finished_job_is_read_by_the_next_request(api_world: ApiWorld, tmp_path: Path) -> None:
    world = api_world.copy(tmp_path / "data")
    with served(world, "write") as (client, reader):
        before = client.get("/api/v1/seed-plans").json()["items"]
        assert client.get("/api/v1/runs?limit=1").status_code == 200
        assert reader.opened == 1  # one connection for every request so far
        plan = {"kind": "seed_plan", "k": 2, "runs": 20, "exclude_fakes": False}
        job = _wait(client, client.post("/api/v1/jobs", json={"job": plan}).headers["location"])
        assert job["state"] == "succeeded", job["error"]
        after = client.get("/api/v1/seed-plans").json()["items"]
        assert reader.opened == 2  # reopened on the refreshed snapshot
        assert {p["plan_id"] for p in after} - {p["plan_id"] for p in before} == {job["result"]["plan_id"]}
        assert client.get("/api/v1/runs?limit=1").json()["items"][0]["step"] == "select_seeds"


def test_an_erased_person_is_gone_from_the_next_read(api_world: ApiWorld, tmp_path: Path) -> None:
    world = api_world.copy(tmp_path / "data")
    detail = f"/api/v1/brands/{world.brand}/advocates/{world.top}"
    with served(world, "admin") as (client, reader):
        assert client.get(detail).status_code == 200
        ranked = client.get(f"/api/v1/brands/{world.brand}/advocates?limit=500").json()["items"]
        assert world.top in {r["account_id"] for r in ranked}
        assert client.delete(f"/api/v1/people/{world.top}").status_code == 200
        assert client.get(detail).status_code == 404
        ranked = client.get(f"/api/v1/brands/{world.brand}/advocates?limit=500").json()["items"]
        assert ranked and world.top not in {r["account_id"] for r in ranked}
        assert reader.opened == 2
        assert snapshot_path(world.settings.lake_path).exists()
        for path in world.settings.data_dir.rglob("*"):
            if path.is_file():
                assert world.top.encode() not in path.read_bytes(), path


def test_the_reader_follows_a_replaced_snapshot_and_serves_missing_tables_empty(tmp_path: Path) -> None:
    lake_path = tmp_path / "lake.duckdb"
    extra = TableSpec(
        "extra_scores", {"account_id": "VARCHAR", "score": "DOUBLE"}, ("account_id",), ("account_id",)
    )
    with DuckDBLake(lake_path) as lake:
        lake.upsert("follows", [pa.table({"platform": ["x"], "src": ["a"], "dst": ["b"]})])
    snapshot = snapshot_path(lake_path)
    shutil.copyfile(lake_path, snapshot)
    reader = LakeReader(lake_path, prepare=lambda lake: lake.register_table(extra))
    with reader.lake() as old:  # a request still running on the old snapshot
        with DuckDBLake(lake_path) as lake:
            lake.upsert("follows", [pa.table({"platform": ["x"], "src": ["b"], "dst": ["c"]})])
        shutil.copyfile(lake_path, f"{snapshot}.partial")
        Path(f"{snapshot}.partial").replace(snapshot)
        with reader.lake() as new:  # noticed without being told
            assert new.scan("follows").num_rows == 2
            assert new.scan("extra_scores").num_rows == 0
        assert old.scan("follows").num_rows == 1
    assert reader.memo("n", lambda lake: lake.scan("follows").num_rows) == 2
    assert reader.opened == 2
    reader.close()
