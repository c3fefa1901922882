"""A small installation with one campaign for the outreach tests: six people, consent for five, an
address given through a form for two (one in Paris), two shop customers (one accepted marketing),
evidence (a praising post) in the lake, the assignment and codes done."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from grassroots.config import Settings
from grassroots.ingest.privacy import hash_email
from grassroots.ingest.setup import load_secret
from grassroots.store import Store, save_brand
from grassroots.workspace import Workspace
from tests.campaigns.conftest import BRIEF

PEOPLE = [f"ig:{i}" for i in range(1, 7)]
POSTS = {p: f"my skin glows since week one, love it {p[-1]}" for p in PEOPLE}
#: 12:00 UTC on a campaign day: 13:00 in Paris, nobody is in quiet hours
NOON = datetime(2026, 3, 2, 12, 0)


@dataclass(frozen=True)
class World:
    ws: Workspace
    settings: Settings
    src: Path
    slug: str
    dee_customer: str


def build(tmp_path: Path, database_url: str | None = None) -> World:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    ws = Workspace(settings=settings, actor="test")
    ws.init()
    with Store(settings.database_url) as store:
        save_brand(store, name="Acme", slug="acme", config={"name": "Acme"})
    src = tmp_path / "src"
    src.mkdir()
    _evidence(ws)
    (src / "customers.csv").write_text(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders\n"
        "501,Dee,Dane,Dee@Example.com,yes,10.00,1\n502,Eve,Earl,eve@example.com,no,5.00,1\n",
        encoding="utf-8",
    )
    ws.ingest("shopify-customers", src / "customers.csv")
    secret = load_secret(settings)
    dee = (
        f"email:{hash_email('dee@example.com', secret)}"  # the store's id: the shop address is kept under it
    )
    customers = {"ig:4": "501", "ig:5": "502"}  # advocates link to the Shopify customer id
    (src / "pool.csv").write_text(
        "person_id,customer_id,tier\n" + "".join(f"{p},{customers.get(p, '')},micro\n" for p in PEOPLE)
    )
    (src / "consent.csv").write_text(
        "person_id,purpose,granted,text,channel,recorded_at\n"
        + "".join(f"{p},contact,yes,You may contact me,form,2026-01-01T00:00:00\n" for p in PEOPLE[:5])
    )
    (src / "addresses.csv").write_text(
        "person_id,email,consent_text,recorded_at,time_zone\n"
        "ig:1,ann@example.com,E-mail me about trials,2026-01-01T00:00:00,Europe/Paris\n"
        "ig:2,bo@example.com,E-mail me about trials,2026-01-01T00:00:00,\n"
        "ig:6,fay@example.com,E-mail me about trials,2026-01-01T00:00:00,\n"
    )
    ws.outreach_add_addresses(src / "addresses.csv")
    brief = BRIEF.replace("holdout: 0.5", "holdout: 0.05").replace("strata: [tier, customer]", "strata: []")
    (src / "brief.yaml").write_text(brief)
    slug = ws.campaign_create(src / "brief.yaml").campaign
    ws.campaign_consent(src / "consent.csv")
    ws.campaign_assign(slug, pool=src / "pool.csv")
    ws.campaign_codes(slug)
    return World(ws, settings, src, slug, dee)


def _evidence(ws: Workspace) -> None:
    from grassroots.lake import open_lake
    from grassroots.listen import ADVOCATES_TABLE

    rows = [
        {"brand": "Acme", "platform": "instagram", "account_id": p, "rank": i, "handle": f"handle{p[-1]}",
         "posts": json.dumps([{"text": POSTS[p], "created_at": "2026-01-15T10:00:00"}])}
        for i, p in enumerate(PEOPLE, 1)
    ]  # fmt: skip
    with open_lake(ws.settings.lake_path) as lake:
        lake.register_table(ADVOCATES_TABLE)
        lake.upsert("advocates", [pa.Table.from_pylist(rows)])
