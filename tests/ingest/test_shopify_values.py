"""Shopify exports: strict consent, NaN amounts, repeated customers, and the run recorded with the rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidRecord, StoreError
from grassroots.ingest import hash_email, ingest_source, load_secret
from grassroots.lake import open_lake
from grassroots.store import Store, tables

HEADER = "First Name,Email,Accepts Email Marketing,Total Spent,Total Orders\n"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "customers_export.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _consent(settings: Settings) -> dict[str, bool | None]:
    secret = load_secret(settings)
    with Store(settings.database_url) as store:
        rows = store.rows(tables.customers)
    names = {f"email:{hash_email(f'{n}@example.com', secret)}": n for n in ("ann", "bo", "cy", "di")}
    return {names[r["id"]]: r["accepts_marketing"] for r in rows}


def test_consent_reads_pandas_floats_and_blank_is_no_consent(settings: Settings, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "Ann,ann@example.com,1.0,1.0,1\nBo,bo@example.com,0.0,0,0\nCy,cy@example.com,,,\n"
    )
    path.write_text(path.read_text() + "Di,di@example.com,YES,2,1\n")
    ingest_source(settings, "shopify-customers", path)
    assert _consent(settings) == {"ann": True, "bo": False, "cy": False, "di": True}


@pytest.mark.parametrize("value", ["maybe", "2", "opted in"])
def test_unreadable_consent_is_a_located_error_never_a_guess(
    settings: Settings, tmp_path: Path, value: str
) -> None:
    path = _write(tmp_path, f"Ann,ann@example.com,{value},1.00,1\n")
    with pytest.raises(
        InvalidRecord, match=r"customers_export.csv:2: Accepts Email Marketing: expected true"
    ):
        ingest_source(settings, "shopify-customers", path)
    with Store(settings.database_url) as store:
        assert store.counts()["customers"] == 0


def test_nan_total_spent_is_refused_not_stored_as_null(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path, "Ann,ann@example.com,yes,12.00,1\nBo,bo@example.com,no,NaN,1\n")
    with pytest.raises(InvalidRecord, match=r"customers_export.csv:3: Total Spent: not a number, got 'NaN'"):
        ingest_source(settings, "shopify-customers", path)
    report = ingest_source(settings, "shopify-customers", path, skip_invalid=True)
    assert (report.counts.inserted, report.counts.rejected) == (1, 1)


def test_the_same_email_twice_is_a_located_error_without_sql_or_names(
    settings: Settings, tmp_path: Path
) -> None:
    path = _write(tmp_path, "Ann,ann@example.com,yes,10.00,1\nAnnie, ANN@Example.com ,no,20.00,2\n")
    with pytest.raises(InvalidRecord) as caught:
        ingest_source(settings, "shopify-customers", path)
    message = str(caught.value)
    assert (
        message
        == f"{path}:3: Email: the same customer as line 2 with other values (e-mails match trimmed, any case)"
    )
    assert not any(word in message.lower() for word in ("example.com", "annie", "insert", "sql"))
    with Store(settings.database_url) as store:
        assert store.counts()["customers"] == 0
    report = ingest_source(settings, "shopify-customers", path, skip_invalid=True)
    assert (report.counts.read, report.counts.inserted, report.counts.rejected) == (2, 1, 1)
    rejects = report.rejects_path.read_text() if report.rejects_path else ""
    assert ',3,Email,"the same customer as line 2' in rejects


def test_an_identical_repeat_counts_once(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path, "Ann,ann@example.com,yes,10.00,1\nAnn,Ann@example.com ,yes,10.00,1\n")
    report = ingest_source(settings, "shopify-customers", path)
    assert (report.counts.inserted, report.counts.rejected) == (1, 0)


def test_a_held_lake_writes_nothing_and_a_rerun_records_the_run(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path, "Ann,ann@example.com,yes,10.00,1\n")
    hold = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(settings.lake_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        with pytest.raises(StoreError, match="lake"):
            ingest_source(settings, "shopify-customers", path)
    finally:
        holder.communicate(b"")
    with Store(settings.database_url) as store:
        assert store.counts()["customers"] == 0  # nothing saved without its run
    report = ingest_source(settings, "shopify-customers", path)
    assert report.counts.inserted == 1
    with open_lake(settings.lake_path) as lake:
        assert [run.step for run in lake.runs()] == ["ingest:shopify-customers"]
