"""Erase really erases: no byte of the person in any file under the data directory; every identifier they
may hold finds them; a failed erase says what is done and what is left, and re-running finishes it."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pytest

from grassroots.config import Settings
from grassroots.errors import NotFound, StoreError
from grassroots.ingest import doctor, erase_person, ingest_source, initialise, unfinished_erasures
from grassroots.lake import TableSpec, open_lake
from grassroots.store import Store, tables
from tests.conftest import run_cli

HANDLE, ACCOUNT, NAME = "zephyrine_q", "4815162342", "Quillon Zephyrine"
EMAIL, SHOP_ID = "quillon.z@example.org", "8675309001"
PHRASES = ("marmalade lighthouse syzygy", "quartz nebula oboe", "tangerine zeppelin verdict")
#: Every byte string that would betray the person if any file still held it.
NEEDLES = (HANDLE, ACCOUNT, "Quillon", "Zephyrine", EMAIL, SHOP_ID, *PHRASES)

CUSTOMERS = (
    "Customer ID,First Name,Last Name,Email,Total Spent,Note\n"
    f"{SHOP_ID},Quillon,Zephyrine,{EMAIL},99.00,IG: @{HANDLE}\n"
    "5550001,Bo,Ng,bo@example.com,5.00,\n"
)
ORDERS = (
    "Name,Email,Financial Status,Currency,Subtotal,Total,Created at\n"
    f"#2001,{EMAIL},paid,EUR,10.00,10.00,2024-03-01 09:59:00 +0000\n"
    "#2002,bo@example.com,paid,EUR,5.00,5.00,2024-03-02 09:59:00 +0000\n"
)
ADVOCATES = TableSpec(
    "advocates_test",
    {"brand": "VARCHAR", "account_id": "VARCHAR", "customer_id": "VARCHAR", "explanation": "VARCHAR"},
    ("brand", "account_id"),
    ("brand", "account_id"),
)


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _populate(settings: Settings, src: Path) -> None:
    """A data directory holding the person in the lake, the store, a rejects file and result files."""
    accounts = [
        {"platform": "ig", "id": ACCOUNT, "handle": HANDLE, "name": NAME, "bio": PHRASES[2]},
        {"platform": "ig", "id": "99", "handle": "bo", "name": "Bo Ng", "bio": "soap fan"},
    ]
    posts = [
        {"platform": "ig", "id": "p1", "author": ACCOUNT, "text": f"I love it: {PHRASES[0]}"},
        {
            "platform": "ig",
            "id": "p2",
            "author": "99",
            "text": f"thanks @{HANDLE}!",
            "reply_to_author": ACCOUNT,
        },
        {"platform": "ig", "author": ACCOUNT, "text": PHRASES[1]},  # no id: rejected to the rejects file
    ]
    comments = [{"platform": "ig", "id": "c1", "post_id": "p2", "author": ACCOUNT, "text": "you are welcome"}]
    ingest_source(settings, "accounts", _jsonl(src / "accounts.jsonl", accounts))
    ingest_source(settings, "posts", _jsonl(src / "posts.jsonl", posts), skip_invalid=True)
    ingest_source(settings, "comments", _jsonl(src / "comments.jsonl", comments))
    (src / "follows.txt").write_text(f"{ACCOUNT} 99\n99 {ACCOUNT}\n", encoding="utf-8")
    ingest_source(settings, "follows", src / "follows.txt", platform="ig")
    (src / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (src / "orders.csv").write_text(ORDERS, encoding="utf-8")
    ingest_source(settings, "shopify-customers", src / "customers.csv")
    ingest_source(settings, "shopify-orders", src / "orders.csv")
    with open_lake(settings.lake_path) as lake:
        rows = {"brand": ["b", "b"], "account_id": [ACCOUNT, "99"], "customer_id": [SHOP_ID, "5550001"]}
        labels = {"platform": ["ig", "ig"], "post_id": ["p1", "p2"], "label_source": ["hand", "hand"]}
        lake.upsert("post_labels", [pa.table({**labels, "label": ["positive", "neutral"]})])
        lake.register_table(ADVOCATES)
        pod = json.dumps({"pod": [ACCOUNT, "99"]})  # another person's row naming them by id
        lake.upsert("advocates_test", [pa.table({**rows, "explanation": [PHRASES[0], pod]})])
    results = settings.data_dir / "results"  # as `grassroots demo` writes them (its umask is 077)
    results.mkdir(mode=0o700)
    _jsonl(
        results / "fake-followers.jsonl",
        [{"id": ACCOUNT, "probability": 0.1}, {"id": "99", "probability": 0.2}],
    )
    (results / "seed-plan.txt").write_text(f"{ACCOUNT}\n99\n", encoding="utf-8")
    for path in results.iterdir():
        path.chmod(0o600)


def _files_holding(data_dir: Path, needles: tuple[str, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        blob = path.read_bytes().lower()
        hits = [n for n in needles if n.lower().encode() in blob]
        if hits:
            found[str(path.relative_to(data_dir))] = hits
    return found


@pytest.fixture
def populated(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data", keep_clear_emails=True)
    initialise(settings)
    src = tmp_path / "src"
    src.mkdir()
    _populate(settings, src)
    return settings


def test_after_erase_no_file_under_the_data_dir_holds_a_byte_of_the_person(populated: Settings) -> None:
    before = _files_holding(populated.data_dir, NEEDLES)
    assert {"lake.duckdb", "grassroots.db", "results/fake-followers.jsonl"} <= set(before)
    assert any(name.startswith("rejects/") for name in before)
    by_handle = erase_person(populated, f"@{HANDLE}", actor="test")
    by_email = erase_person(populated, EMAIL, actor="test")
    assert by_handle["lake"]["posts"] == 1 and by_handle["lake"]["advocates_test"] == 1
    assert by_handle["lake"]["mentions_redacted"] == 2 and by_handle["lake"]["references_cleared"] == 1
    assert by_email["store"]["customers"] >= 1 and by_email["store"]["orders"] >= 1
    assert _files_holding(populated.data_dir, NEEDLES) == {}
    with open_lake(populated.lake_path, read_only=True) as lake:  # everyone else is still there
        assert lake.scan("accounts", columns=["id"]).column("id").to_pylist() == ["99"]
        assert lake.scan("posts", columns=["text"]).column("text").to_pylist() == ["thanks @[erased]!"]
    with Store(populated.database_url) as store:
        assert [r["id"] for r in store.rows(tables.orders)] == ["#2002"]
        audit = store.rows(tables.audit_log, action="erase")
    assert [json.loads(r["details"])["left"] for r in audit] == [[], []]
    assert json.loads(audit[0]["details"])["done"] == ["files", "lake", "compact", "store", "audit"]
    assert "99" in (populated.data_dir / "results" / "seed-plan.txt").read_text()


@pytest.mark.parametrize("given", [HANDLE, f"@{HANDLE}", HANDLE.upper(), ACCOUNT, SHOP_ID, EMAIL.upper()])
def test_every_identifier_the_person_holds_finds_them(populated: Settings, given: str) -> None:
    result = erase_person(populated, given, actor="test")
    assert result["left"] == []
    removed = sum(result["lake"].values()) + sum(result["store"].values()) + sum(result["files"].values())
    assert removed > 0


def test_an_id_that_is_also_a_common_value_touches_no_one_else(populated: Settings) -> None:
    with pytest.raises(NotFound):
        erase_person(
            populated, "ig", actor="test"
        )  # the platform name: no account, author or customer is "ig"
    with open_lake(populated.lake_path, read_only=True) as lake:
        assert lake.counts()["posts"] == 2 and lake.counts()["accounts"] == 2


def test_an_erase_matching_nothing_says_so_and_exits_non_zero(populated: Settings) -> None:
    with pytest.raises(NotFound, match=r"person='nobody@example.org': no account .* nothing was erased"):
        erase_person(populated, "nobody@example.org", actor="test")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(populated.data_dir)}
    done = run_cli("erase", "--person", "@no_such_handle", env=env)
    assert done.returncode == 3 and done.stdout == b""  # not found
    assert done.stderr.decode().startswith("error: --person '@no_such_handle': no account")


def test_a_failure_between_steps_is_journaled_and_a_re_run_finishes(populated: Settings) -> None:
    def fail_at_compact(step: str, done: int, total: int | None) -> None:
        if step == "erase:compact":
            raise OSError("disk unplugged")

    with pytest.raises(
        StoreError, match=r"done files, lake; left compact, store, audit; step 'compact' failed"
    ):
        erase_person(populated, f"@{HANDLE}", actor="test", progress=fail_at_compact)
    (journal,) = unfinished_erasures(populated.data_dir)
    assert (journal.done, journal.left) == (("files", "lake"), ("compact", "store", "audit"))
    assert HANDLE not in journal.path(populated.data_dir).read_text()  # named by an HMAC only
    assert [c.status for c in doctor(populated) if c.name == "erasures"] == ["fail"]
    with Store(populated.database_url) as store:
        (incomplete,) = store.rows(tables.audit_log, action="erase-incomplete")
    assert json.loads(incomplete["details"])["left"] == ["compact", "store", "audit"]
    assert _files_holding(populated.data_dir, (PHRASES[0],))  # not compacted yet: still in the file

    finished = erase_person(
        populated, f"@{HANDLE}", actor="test"
    )  # the lake no longer names them: the journal does
    assert finished["done"] == ["files", "lake", "compact", "store", "audit"]
    assert unfinished_erasures(populated.data_dir) == []
    assert _files_holding(populated.data_dir, (HANDLE, ACCOUNT, *PHRASES)) == {}
    with Store(populated.database_url) as store:
        (audit,) = store.rows(tables.audit_log, action="erase")
    assert json.loads(audit["details"])["attempts"] == 2


def test_the_store_going_down_mid_erase_then_coming_back(populated: Settings) -> None:
    db = populated.data_dir / "grassroots.db"

    def unplug_store(step: str, done: int, total: int | None) -> None:
        if step == "erase:store":
            db.rename(db.with_suffix(".away"))

    with pytest.raises(StoreError, match=r"left store, audit; step 'store' failed: cannot erase"):
        erase_person(populated, EMAIL, actor="test", progress=unplug_store)
    with pytest.raises(StoreError, match=r"erase incomplete: left store, audit; cannot look the person up"):
        erase_person(populated, EMAIL, actor="test")  # still down: says where it stands
    db.unlink(missing_ok=True)  # SQLite made an empty file on connect
    db.with_suffix(".away").rename(db)
    assert erase_person(populated, EMAIL, actor="test")["done"][-2:] == ["store", "audit"]
    with Store(populated.database_url) as store:
        assert [r["id"] for r in store.rows(tables.orders)] == ["#2002"]


def test_with_the_store_unreachable_erase_changes_nothing_and_says_so_in_one_line(
    populated: Settings,
) -> None:
    env = {
        **os.environ,
        "GRASSROOTS_DATA_DIR": str(populated.data_dir),
        "GRASSROOTS_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none",
    }
    done = run_cli("erase", "--person", f"@{HANDLE}", env=env)
    assert done.returncode == 1, done.stderr  # failure: could not finish
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert unfinished_erasures(populated.data_dir) == []
    with open_lake(populated.lake_path, read_only=True) as lake:
        assert lake.counts()["accounts"] == 2


def test_files_written_under_the_data_dir_are_for_their_owner_only(populated: Settings) -> None:
    erase_person(populated, EMAIL, actor="test")
    loose = [str(p) for p in [populated.data_dir, *populated.data_dir.rglob("*")] if p.stat().st_mode & 0o077]
    assert loose == []


def test_a_secret_lost_on_a_populated_store_is_not_silently_replaced(populated: Settings) -> None:
    original = populated.secret_path.read_bytes()
    populated.secret_path.unlink()
    with pytest.raises(StoreError, match=r"secret.key: missing, but the store holds 4 e-mail hashes"):
        initialise(populated)
    assert not populated.secret_path.exists()
    populated.secret_path.write_bytes(b"00" * 32 + b"\n")  # a different secret: doctor notices
    assert [c.status for c in doctor(populated) if c.name == "secret"] == ["fail"]
    populated.secret_path.write_bytes(original)
    assert [c.status for c in doctor(replace(populated)) if c.name == "secret"] == ["ok"]


def test_file_purge_drops_the_persons_lines_and_only_those(tmp_path: Path) -> None:
    from grassroots.ingest._purge import Identifiers, purge_file

    ident = Identifiers(frozenset({"77", "demo"}), frozenset({"ann"}), frozenset({"ann@example.org"}))
    jsonl = _jsonl(
        tmp_path / "posts.jsonl",
        [
            {"id": "1", "author": "77", "text": "mine"},  # by the person: goes
            {"id": "2", "author": "5", "text": "hi @Ann!"},  # mentions them: goes
            {"id": "3", "author": "5", "text": "write to ann@example.org"},  # their address: goes
            {"id": "4", "author": "5", "likes": 77, "text": "joanne and anna", "platform": "demo"},  # stays
        ],
    )
    assert purge_file(jsonl, ident) == 3
    assert [json.loads(line)["id"] for line in jsonl.read_text().splitlines()] == ["4"]
    rejects = tmp_path / "x.rejects.csv"
    rejects.write_text(
        'file,line,field,problem,raw\nf,2,id,missing,"{""author"": ""77""}"\nf,3,id,missing,"5,joanne"\n'
    )
    assert purge_file(rejects, ident) == 1
    assert rejects.read_text().splitlines()[1:] == ['f,3,id,missing,"5,joanne"']
    assert oct(rejects.stat().st_mode & 0o777) == "0o600"
