"""`listen evaluate` on a user's own labels, and `listen sentiment --brand` with a configured brand."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.errors import InvalidInput, NotFound
from grassroots.ingest import ingest_source, initialise, parse_map
from grassroots.lake import open_lake
from grassroots.listen import Brand, evaluate_labels

from ..conftest import run_cli, shared_file

LABELLED = (
    "tweet_id,text,mood,brand\n"
    "1,@acmeco I love these boots so much,positive,Acme Corp\n"
    "2,@acmeco lost my parcel again and nobody answers. awful,negative,Acme Corp\n"
    "3,@acmeco what time do you open on sunday,neutral,Acme Corp\n"
    "4,@rivalco best service ever,positive,Rival\n"
    "5,@acmeco hmm,unsure,Acme Corp\n"
)
MAP = "id=tweet_id,text=text,label=mood,target=brand"
ACME = Brand(name="Acme Corp", handles=("acmeco",))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    config = Settings(data_dir=tmp_path / "data")
    initialise(config)
    path = tmp_path / "labelled.csv"
    path.write_text(LABELLED, encoding="utf-8")
    ingest_source(config, "posts", path, platform="twitter", column_map=parse_map(MAP))
    return config


def test_labels_about_the_brand_are_scored_toward_it(settings: Settings) -> None:
    with open_lake(settings.lake_path) as lake:
        check = evaluate_labels(lake, path="fast", brand=ACME)
    assert (check.label_source, check.brand, check.path) == ("labelled", "Acme Corp", "fast")
    assert check.scores.n == 3 and check.skipped == 1  # "unsure" is no sentiment label
    assert check.target_found == 3  # found through the configured handle
    confusion = check.scores.confusion
    assert sum(sum(row.values()) for row in confusion.values()) == 3
    assert all(sum(confusion[label].values()) == 1 for label in ("negative", "neutral", "positive"))
    hits = sum(confusion[k][k] for k in confusion)
    assert check.scores.accuracy == pytest.approx(hits / 3)
    assert check.scores.macro_recall == pytest.approx(hits / 3)
    everything = json.dumps(check.as_dict())
    assert '"macro_recall"' in everything and '"confusion"' in everything


def test_without_a_brand_every_label_counts(settings: Settings) -> None:
    with open_lake(settings.lake_path) as lake:
        check = evaluate_labels(lake, path="fast")
    assert check.scores.n == 4 and check.brand is None


def test_unknown_brand_source_or_path_are_clear_errors(settings: Settings, tmp_path: Path) -> None:
    with open_lake(settings.lake_path) as lake:
        with pytest.raises(NotFound, match="no labels of 'labelled' are about Nobody"):
            evaluate_labels(lake, path="fast", brand=Brand.from_name("Nobody"))
        with pytest.raises(NotFound, match="label_source='other': not in the lake"):
            evaluate_labels(lake, path="fast", label_source="other")
        with pytest.raises(InvalidInput, match="path='slow'"):
            evaluate_labels(lake, path="slow")  # type: ignore[arg-type]
    second = tmp_path / "second.csv"
    second.write_text(LABELLED, encoding="utf-8")
    ingest_source(settings, "posts", second, platform="twitter", column_map=parse_map(MAP))
    with open_lake(settings.lake_path) as lake, pytest.raises(InvalidInput, match="labelled, second"):
        evaluate_labels(lake, path="fast")


def test_sentiment_brand_uses_the_configured_handle(tmp_path: Path) -> None:
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data")}
    assert run_cli("init", env=env).returncode == 0
    assert run_cli("brand", "add", "Acme Corp", "--handle", "acmeco", env=env).returncode == 0
    path = tmp_path / "in.txt"
    path.write_text("@acmeco you lost my parcel\n", encoding="utf-8")
    done = run_cli("listen", "sentiment", str(path), "--brand", "Acme Corp", "--path", "fast", env=env)
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row["target_found"] is True and row["evidence"]["text"].startswith("@acmeco")


@pytest.mark.shared_data
def test_the_airline_file_loads_with_a_map_and_evaluates(tmp_path: Path) -> None:
    path = shared_file("text/us-airline-tweets-dev.csv")
    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    assert run_cli("init", env=env).returncode == 0
    spec = "id=tweet_id,author=name,text=text,created_at=tweet_created,label=airline_sentiment,target=airline"
    args = ("ingest", "posts", str(path), "--platform", "twitter", "--map", spec)
    strict = run_cli(*args, env=env)
    # The file repeats 155 tweets; 18 of them with a different label: a located error, then skipped.
    assert (
        strict.returncode == 2
        and b"us-airline-tweets-dev.csv:4885: label_source: duplicate key" in strict.stderr
    )
    loaded = run_cli(*args, "--skip-invalid", env=env)
    assert loaded.returncode == 0, loaded.stderr
    report = json.loads(loaded.stdout)
    assert (report["read"], report["inserted"], report["rejected"]) == (7401, 7246, 18)
    assert report["post_labels"]["inserted"] == 7246
    assert run_cli("brand", "add", "Southwest", "--handle", "SouthwestAir", env=env).returncode == 0
    done = run_cli("listen", "evaluate", "--path", "fast", "--brand", "Southwest", env=env)
    assert done.returncode == 0, done.stderr
    check = json.loads(done.stdout)
    assert check["n"] == 2420 and check["target_found"] == 2420
    # measured 0.689 (fast) when written; a model change that loses >5 points should be seen
    assert check["macro_recall"] > 0.64


def test_corrections_are_counted_separately_as_additional_labels(settings: Settings) -> None:
    from grassroots.workspace import Workspace

    ws = Workspace(settings=settings, actor="tester")
    plain = ws.listen_evaluate(path="vader", label_source=None).as_dict()
    assert "corrections" not in plain  # no corrections: the output is as before
    ws.correct("disclosure", "1", "none", platform="twitter")  # the rules say none too: agrees
    ws.correct("disclosure", "2", "adequate")  # the rules say none: disagrees
    ws.correct("disclosure", "404", "none")  # no such post
    ws.correct("advocate", "someone", "not_advocate", brand="Acme Corp")
    check = ws.listen_evaluate(path="vader").as_dict()
    assert {k: check[k] for k in ("n", "macro_recall")} == {k: plain[k] for k in ("n", "macro_recall")}
    assert check["corrections"]["disclosure"] == {"labels": 3, "found": 2, "agree": 1, "agreement": 0.5}
    assert check["corrections"]["advocate"] == {"labels": 1, "not_advocate": 1, "advocate": 0}
    assert check["corrections"]["account"]["labels"] == 0
