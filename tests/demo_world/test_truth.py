"""truth.json: schema, versioning, agreement with the files, and determinism for a seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from grassroots.demo_world import FILES, SCHEMA_VERSION, Truth, WorldFiles, generate_world, load_truth
from grassroots.errors import InvalidInput, SourceError

_PERSON_FIELDS = {
    "account_id", "handle", "is_fake", "is_advocate", "pod_id", "community", "interests", "location",
    "customer_id", "is_creator", "tier", "followers", "fake_follower_share", "bought_followers", "bought_at",
    "paid_by_brand", "gifted_by_brand", "paid_by_competitor", "fake_spammer", "discount_code",
    "disguised_profile", "loud_complainer", "promo_account",
}  # fmt: skip


def test_truth_json_has_the_documented_top_level_schema(world: WorldFiles) -> None:
    data = json.loads(world.path("truth").read_text(encoding="utf-8"))
    assert data["schema"] == "grassroots.demo-world.truth"
    assert data["schema_version"] == SCHEMA_VERSION
    expected = {"schema", "schema_version", "generator", "platform", "period", "brand", "parameters", "files"}
    assert expected | {"counts", "pods", "codes", "people"} == set(data)
    assert all(set(p) == _PERSON_FIELDS for p in data["people"])
    assert data["generator"]["seed"] == 11


def test_truth_matches_the_files(world: WorldFiles, truth: Truth) -> None:
    accounts = world.path("accounts").read_text(encoding="utf-8")
    assert len(truth.people) == world.counts["people"]
    assert all(f'"{p.account_id}"' in accounts for p in truth.people[:500])
    posts = truth.posts()
    with world.path("posts").open(encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    assert set(ids) == set(posts)
    kinds = {p.kind for p in posts.values()}
    assert {"advocate", "paid", "gifted", "decoy_apple_fruit", "decoy_dove_bird", "sarcastic"} <= kinds
    assert {"advocate_implicit", "advocate_mixed", "complaint", "promo"} <= kinds
    assert {p.brand_target for p in posts.values()} >= {"lumenleaf", "dove", "verdance", "apple", None}
    assert {p.decoy for p in posts.values()} == {"apple", "dove", None}
    for pod in truth.pods:
        assert all(truth.person(m).pod_id is not None for m in pod)
    for code, info in truth.codes.items():
        assert truth.person(info["owner"]).discount_code == code


def test_load_truth_refuses_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "truth.json"
    bad.write_text(json.dumps({"schema": "something-else"}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="schema"):
        load_truth(bad)
    bad.write_text(
        json.dumps({"schema": "grassroots.demo-world.truth", "schema_version": 99}), encoding="utf-8"
    )
    with pytest.raises(InvalidInput, match="schema_version"):
        load_truth(tmp_path)
    with pytest.raises(SourceError):
        load_truth(tmp_path / "missing.json")


def _digest(directory: Path) -> dict[str, str]:
    return {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in FILES.values()}


def test_same_seed_same_world_different_seed_different_world(tmp_path: Path) -> None:
    a = generate_world(tmp_path / "a", seed=3, people=1500, posts=4000)
    b = generate_world(tmp_path / "b", seed=3, people=1500, posts=4000)
    c = generate_world(tmp_path / "c", seed=4, people=1500, posts=4000)
    assert _digest(a.directory) == _digest(b.directory)
    differs = {k for k, v in _digest(c.directory).items() if v != _digest(a.directory)[k]}
    assert differs >= {"posts.jsonl", "accounts.csv", "follows.csv", "truth.json"}


def test_regenerating_into_the_same_directory_replaces_the_world(tmp_path: Path) -> None:
    generate_world(tmp_path, seed=1, people=300, posts=900)
    again = generate_world(tmp_path, seed=2, people=400, posts=500)
    assert load_truth(tmp_path).seed == 2
    assert len(load_truth(tmp_path).people) == 400 == again.counts["people"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".world-")]


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"^people=10: "):
        generate_world(tmp_path, people=10)
    with pytest.raises(InvalidInput, match=r"^posts=0: "):
        generate_world(tmp_path, people=300, posts=0)
    (tmp_path / "a-file").write_text("not a directory", encoding="utf-8")
    with pytest.raises(InvalidInput, match="cannot write a world there"):
        generate_world(tmp_path / "a-file", people=300)
