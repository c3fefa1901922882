"""One answer per question: "is this post disclosed / paid, gifted or affiliate?" is the same everywhere.

Every command that shows the answer is run on the same posts through its real code path:

- ``listen scan`` (:func:`grassroots.listen.scan_brand`, the stored ``brand_mentions`` rows),
- ``listen advocates`` (:func:`grassroots.listen.rank_advocates`: each advocate's posts and its
  paid / gifted count),
- ``trust disclosure`` (the CLI, one JSON line per post),
- ``trust report`` (:func:`grassroots.trust.creator_report`: counts and the commercial posts),

on a small generated demo world and on every hand-labelled item in ``labels/`` (disclosure sets and the
airline tweets; their texts come from ../shared/data at test time). They must agree post by post.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from grassroots.demo_world import generate_world
from grassroots.lake import open_lake
from grassroots.listen import Brand, find_mentions, load_brand, rank_advocates, scan_brand
from grassroots.rules import COMMERCIAL, VERDICTS, detect_disclosure
from grassroots.trust import creator_report

from .conftest import ROOT, run_cli, shared_file

Labels = tuple[str, str]  # (disclosure, commercial)
_POST_COLUMNS = ["platform", "id", "author", "text", "created_at", "lang"]


class _Neutral:
    """Sentiment does not matter here: every post neutral-ish, a little positive."""

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return np.tile([0.1, 0.3, 0.6], (len(texts), 1))


def _polarity(texts: Sequence[str]) -> list[float]:
    return [0.5] * len(texts)


def _trust_cli(posts_jsonl: Path) -> dict[str, Labels]:
    result = run_cli("trust", "disclosure", str(posts_jsonl), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return {str(o["id"]): (o["disclosure"], o["commercial"]) for o in out}


def _check_scan(rows: Sequence[Mapping[str, object]], truth: Mapping[str, Labels]) -> int:
    for row in rows:
        pid = str(row["post_id"])
        assert (row["disclosure"], row["commercial"]) == truth[pid], f"listen scan, post {pid}"
        assert row["paid_or_gifted"] == (truth[pid][1] != "none")
    return len(rows)


def _check_advocates(posts: pa.Table, accounts: pa.Table, brand: Brand, truth: Mapping[str, Labels]) -> int:
    ranked = rank_advocates(posts, accounts, brand=brand, sentiment=_polarity)
    brand_posts: dict[str, list[str]] = defaultdict(list)
    for pid, author, text in zip(
        *(posts.column(c).to_pylist() for c in ("id", "author", "text")), strict=True
    ):
        if text and find_mentions(text, brand):
            brand_posts[author].append(str(pid))
    seen = 0
    for a in ranked:
        mine = brand_posts[a.account_id]
        assert a.brand_posts == len(mine)
        assert a.paid_or_gifted == sum(truth[p][1] != "none" for p in mine), f"advocates, {a.account_id}"
        for p in a.posts:
            assert (p.disclosure, p.commercial) == truth[p.post_id], f"advocates, post {p.post_id}"
            seen += 1
    return seen


def _check_report(export: Path, creator: str, post_ids: Sequence[str], truth: Mapping[str, Labels]) -> None:
    report = creator_report(export, creator, learned_screens=False)
    labels = [truth[p] for p in post_ids]
    counts = {v: n for v, n in report.disclosures.items() if v != "commercial_undisclosed"}
    assert counts == {v: sum(d == v for d, _ in labels) for v in VERDICTS}, creator
    assert 0 <= report.disclosures["commercial_undisclosed"] <= counts["none"], creator
    assert report.commercial == {c: sum(k == c for _, k in labels) for c in COMMERCIAL}, creator
    listed = {p["post_id"]: (p["disclosure"], p["commercial"]) for p in report.commercial_posts}
    assert listed == {p: truth[p] for p in post_ids if truth[p] != ("none", "none")}, creator


def test_demo_world_posts_get_one_answer(tmp_path: Path) -> None:
    world = generate_world(tmp_path / "world", seed=7, people=600, hard=True)
    brand = load_brand(world.path("brand"))
    truth = _trust_cli(world.path("posts"))
    lines = world.path("posts").read_text(encoding="utf-8").splitlines()
    posts = pa.Table.from_pylist([json.loads(line) for line in lines])
    assert set(truth) == {str(p) for p in posts.column("id").to_pylist()}
    import pyarrow.csv as pacsv

    accounts = pacsv.read_csv(
        world.path("accounts"),
        convert_options=pacsv.ConvertOptions(column_types={"id": pa.string(), "handle": pa.string()}),
    )
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts.select(_POST_COLUMNS)])
        scanned = _check_scan(scan_brand(lake, brand, scorer=_Neutral(), path="test"), truth)
    advocated = _check_advocates(posts, accounts, brand, truth)
    by_author: dict[str, list[str]] = defaultdict(list)
    for pid, author in zip(posts.column("id").to_pylist(), posts.column("author").to_pylist(), strict=True):
        by_author[str(author)].append(str(pid))
    # every author with a brand post or a post any rule calls disclosed / commercial, then a few others
    wanted = {a for a, ids in by_author.items() if any(truth[p] != ("none", "none") for p in ids)}
    wanted |= {
        str(a) for a in posts.filter(pa.compute.match_substring(posts["text"], "umen")).column("author")
    }
    wanted |= set(sorted(by_author)[:10])
    for author in sorted(wanted):
        _check_report(world.directory, author, by_author[author], truth)
    kinds = Counter(truth.values())
    assert scanned > 50 and advocated > 50 and len(wanted) > 30
    assert kinds[("adequate", "paid")] and kinds[("ambiguous", "paid")] and kinds[("none", "affiliate")]
    assert kinds[("none", "paid")]


# -- the hand-labelled items -------------------------------------------------------------------------

#: appended to every labelled text so that ``listen scan`` and ``advocates`` see a brand post; the test
#: checks first that it changes no item's answer
SUFFIX = " #lumenleaf"
LUMENLEAF = Brand.from_name("Lumenleaf")


def _labelled_texts() -> dict[str, dict[str, str]]:
    """labels file -> {item id: text} for every item of every labels file with disclosure labels."""
    shared_file("disclosure/twibot20-sample-timelines.json")
    shared_file("text/us-airline-tweets-dev.csv")
    sys.path.insert(0, str(ROOT))
    from bench.trust.commercial_eval import airline_texts
    from bench.trust.disclosure_eval import load_texts

    pools = {"disclosure": load_texts(), "commercial": airline_texts()}
    out: dict[str, dict[str, str]] = {}
    for path in sorted((ROOT / "labels").glob("*.tsv")):
        pool = pools.get(path.name.split("-")[0].split(".")[0])
        if pool is None or path.stem.endswith("-strata"):
            continue  # mention-ambiguity labels: another question; a sample's strata table: no items
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
        out[path.name] = {row.split("\t")[0]: pool[row.split("\t")[0]] for row in lines[1:]}
    return out


def _write_export(folder: Path, creators: Mapping[str, Sequence[tuple[str, str]]]) -> None:
    """A platform export (the files ``trust report`` reads) with ``creator -> [(post id, text)]``."""
    folder.mkdir()
    with (folder / "accounts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "handle", "followers", "following", "posts"])
        writer.writerows([c, c, 5000, 300, len(posts)] for c, posts in creators.items())
    (folder / "follows.csv").write_text("src,dst\n", encoding="utf-8")
    (folder / "account_snapshots.csv").write_text("account_id,observed_at,followers\n", encoding="utf-8")
    (folder / "comments.jsonl").write_text("", encoding="utf-8")
    with (folder / "posts.jsonl").open("w", encoding="utf-8") as handle:
        for creator, posts in creators.items():
            for pid, text in posts:
                handle.write(json.dumps({"id": pid, "author": creator, "text": text}) + "\n")


@pytest.mark.shared_data
def test_every_labelled_item_gets_one_answer(tmp_path: Path) -> None:
    files = _labelled_texts()
    items = {f"{name}|{k}": text + SUFFIX for name, texts in files.items() for k, text in texts.items()}
    for key, text in items.items():
        bare, tagged = detect_disclosure(text[: -len(SUFFIX)]), detect_disclosure(text)
        assert (bare.disclosure, bare.commercial) == (tagged.disclosure, tagged.commercial), key
    ids = {key: f"p{i}" for i, key in enumerate(sorted(items))}
    posts = pa.table(
        {
            "platform": ["test"] * len(ids),
            "id": [ids[k] for k in sorted(items)],
            "author": [f"a{ids[k]}" for k in sorted(items)],  # one author per item: advocates show every post
            "text": [items[k] for k in sorted(items)],
            "created_at": pa.nulls(len(ids), pa.timestamp("us")),
        }
    )
    _write_export(
        tmp_path / "export",
        {name: [(ids[f"{name}|{k}"], items[f"{name}|{k}"]) for k in texts] for name, texts in files.items()},
    )
    truth = _trust_cli(tmp_path / "export" / "posts.jsonl")
    assert len(truth) == len(items) > 1300
    accounts = pa.table(
        {"platform": ["test"] * len(ids), "id": posts.column("author"), "followers": [5000] * len(ids)}
    )
    with open_lake(tmp_path / "lake.duckdb") as lake:
        lake.upsert("posts", [posts])
        assert _check_scan(scan_brand(lake, LUMENLEAF, scorer=_Neutral(), path="test"), truth) == len(items)
    assert _check_advocates(posts, accounts, LUMENLEAF, truth) == len(items)
    for name, texts in files.items():
        _check_report(tmp_path / "export", name, [ids[f"{name}|{k}"] for k in texts], truth)
    assert Counter(c for _, c in truth.values()).keys() == set(COMMERCIAL)
