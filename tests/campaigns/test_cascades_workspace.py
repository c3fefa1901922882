"""`campaign cascades` on a real data dir: chains from replies, follows and a shared code, kept in the
lake table ``campaign_cascades``; the report's ``cascades``; erasing a person in the middle of a chain."""

from __future__ import annotations

import json
import os
from pathlib import Path

from grassroots.campaigns import CASCADES_TABLE
from grassroots.config import Settings
from grassroots.ingest import erase_person, ingest_source, initialise
from grassroots.lake import open_lake
from grassroots.store import Store, save_brand
from grassroots.workspace import Workspace
from tests.campaigns.conftest import BRIEF
from tests.conftest import run_cli
from tests.ingest.test_erase_everywhere import _files_holding

MIDDLE = "zz-middle-4711"
FAR = "zz-far-8822"
PEOPLE = [f"ig-pool-{i}" for i in range(10)]


def _campaign(tmp_path: Path) -> tuple[Workspace, Settings, str]:
    """Ten people randomised; the first offered one posts, MIDDLE replies, FAR (following MIDDLE)
    posts about Acme, and a stranger orders with the root's code."""
    settings = Settings(data_dir=tmp_path / "data")
    initialise(settings)
    with Store(settings.database_url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
    src = tmp_path / "src"
    src.mkdir()
    (src / "brief.yaml").write_text(BRIEF.replace("strata: [tier, customer]", "strata: []"))
    # everyone linked to a shop customer (`email:HASH`), so a stranger using a code is told apart
    (src / "pool.csv").write_text("person_id,customer_id\n" + "".join(f"{p},email:h{p}\n" for p in PEOPLE))
    (src / "consent.csv").write_text(
        "person_id,purpose,granted,recorded_at\n"
        + "".join(f"{p},contact,yes,2026-01-01T00:00:00\n" for p in PEOPLE)
    )
    ws = Workspace(settings=settings, actor="test")
    slug = ws.campaign_create(src / "brief.yaml").campaign
    ws.campaign_consent(src / "consent.csv")
    ws.campaign_assign(slug, pool=src / "pool.csv")
    codes = {r["person_id"]: r["code"] for r in _csv(ws.campaign_codes(slug).path)}
    root = sorted(codes)[0]
    at = "2026-03-{:02d}T10:00:00Z".format
    posts = [
        {"id": "1", "author": root, "text": "Loving my Acme serum #ad gifted by Acme", "created_at": at(5)},
        {"id": "2", "author": MIDDLE, "text": "Acme looks good, ordering", "created_at": at(6),
         "reply_to_id": "1", "reply_to_author": root},
        {"id": "3", "author": FAR, "text": "Tried Acme after a friend did", "created_at": at(8)},
        {"id": "4", "author": "zz-bystander", "text": "Acme, nothing to do with anyone", "created_at": at(2)},
    ]  # fmt: skip
    (src / "posts.jsonl").write_text(
        "".join(json.dumps({"platform": "instagram", **p}) + "\n" for p in posts)
    )
    ingest_source(settings, "posts", src / "posts.jsonl")
    (src / "follows.csv").write_text(
        f"platform,src,dst\ninstagram,{FAR},{MIDDLE}\ninstagram,zz-bystander,{FAR}\n"
    )
    ingest_source(settings, "follows", src / "follows.csv")
    (src / "orders.csv").write_text(
        "Name,Email,Financial Status,Currency,Subtotal,Total,Discount Code,Discount Amount,Created at\n"
        f"#1,stranger@example.org,paid,USD,40.00,34.00,{codes[root]},6.00,2026-03-09 10:00:00 +0000\n"
    )
    ws.campaign_import_orders(slug, src / "orders.csv")
    return ws, settings, root


def _csv(path: Path) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(path.read_text().splitlines()))


def _rows(settings: Settings) -> dict[str, dict[str, object]]:
    with open_lake(settings.lake_path, read_only=True) as lake:
        lake.register_table(CASCADES_TABLE)
        return {str(r["account_id"]): r for r in lake.scan("campaign_cascades").to_pylist()}


def test_chains_are_kept_reported_and_erasure_leaves_no_byte_of_a_middle_person(tmp_path: Path) -> None:
    ws, settings, root = _campaign(tmp_path)
    done = ws.campaign_cascades("spring-sampling")
    found = {r["person_id"]: (r["referrer_id"], r["hops"], r["kind"]) for r in done.referrals}
    customer = next(p for p in found if p.startswith("customer:"))
    assert found == {MIDDLE: (root, 1, "reply"), FAR: (MIDDLE, 2, "follow"), customer: (root, 1, "code")}
    assert done.cascades["referrals"]["max_hops"] == 2 and done.cascades["referrals"]["chains"] == 1
    assert done.run_id is not None
    rows = _rows(settings)
    assert set(rows) == set(found) and rows[FAR]["root_account_id"] == root and rows[customer]["orders"] == 1
    assert rows[customer]["customer_id"] and rows[customer]["revenue"] == 34.0
    again = ws.campaign_cascades("spring-sampling")  # swapped per campaign: the same rows, not twice
    assert len(_rows(settings)) == len(again.referrals) == 3

    report = ws.campaign_report("spring-sampling").report["cascades"]
    assert set(report) == {"exposure", "referrals"}
    assert report["exposure"] is None or set(report["exposure"]) == {
        "method", "friends_of_treated", "friends_of_holdout", "friends_of_both", "lift", "ci",
    }  # fmt: skip
    assert set(report["referrals"]) == {"chains", "max_hops", "by_hops", "top_referrers"}
    assert set(report["referrals"]["by_hops"][0]) == {"hops", "people", "orders", "revenue", "mentions"}
    assert set(report["referrals"]["top_referrers"][0]) == {"person_id", "referred", "orders", "revenue"}
    assert report["referrals"] == done.cascades["referrals"]

    erase_person(settings, MIDDLE, actor="test")
    rows = _rows(settings)
    assert MIDDLE not in rows and rows[FAR]["referrer_account_id"] is None and rows[FAR]["hops"] == 2
    assert _files_holding(settings.data_dir, (MIDDLE,)) == {}
    # a referred shop customer tied to no account goes by their e-mail
    erase_person(settings, "stranger@example.org", actor="test")
    assert customer not in _rows(settings)
    # the next run rebuilds the chains without them: FAR is no longer reached
    assert ws.campaign_cascades("spring-sampling").referrals == ()


def test_the_command_prints_a_table_or_json_and_refuses_a_bad_window(tmp_path: Path) -> None:
    _, settings, _ = _campaign(tmp_path)
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(settings.data_dir)}
    shown = run_cli("campaign", "cascades", "spring-sampling", env=env)
    assert shown.returncode == 0, shown.stderr.decode()
    assert "referrals: 1 chains, up to 2 hops" in shown.stdout.decode()
    as_json = json.loads(run_cli("campaign", "cascades", "spring-sampling", "--json", env=env).stdout)
    assert as_json["window_days"] == 14 and len(as_json["referrals"]) == 3
    bad = run_cli("campaign", "cascades", "spring-sampling", "--window-days", "0", env=env)
    assert bad.returncode == 2 and bad.stdout == b""
    assert bad.stderr.decode() == "error: --window-days 0: expected a whole number of days from 1 to 90\n"
    missing = run_cli("campaign", "cascades", "nope", env=env)
    assert missing.returncode == 3 and b"Traceback" not in missing.stderr
