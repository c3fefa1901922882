"""Profiles and brief matching over a real lake: incremental profiles, ranking, explanations, why,
non-English marking, the saved match, and erasure of both tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grassroots import Workspace
from grassroots.match import MATCHES_TABLE, PROFILES_TABLE

HEADER = '"platform","id","handle","name","bio","location","lang","followers","following","posts"\n'
ACCOUNTS = {
    "1": ("wheels.ann", "Cycling | London", "London", "en", 2000),
    "2": ("spin.bo", "bike commuter", "Manchester", "en", 250_000),
    "3": ("crumb.cy", "home baker", "London", "en", 1200),
    "4": ("dough.di", "sourdough every weekend", "New York", "en", 300),
    "5": ("pixel.ed", "gamer", "Austin", "en", 5000),
    "6": ("rad.fritz", "Radfahren und Kaffee", "Berlin", "de", 800),
}
POSTS = {
    "1": ["new personal best in cycling today!!", "fixed a puncture on the way to work, still rode 40k"],
    "2": ["cycling with the crew before sunrise", "my bike finally has new tyres"],
    "3": ["baked a lemon drizzle cake", "cookies for the school fair"],
    "4": ["sourdough starter is alive", "shaped two loaves this morning"],
    "5": ["up all night on the new console game", "ranked matches with friends"],
    "6": ["Heute 80 Kilometer mit dem Rennrad gefahren", "Neue Reifen für mein Fahrrad"],
}


def _write(tmp_path: Path, extra: dict[str, list[str]] | None = None) -> tuple[Path, Path]:
    accounts = tmp_path / "accounts.csv"
    rows = [f'"instagram","{i}","{h}","{h}","{b}","{loc}","{lang}",{f},10,2\n' for i, (h, b, loc, lang, f) in
            ACCOUNTS.items()]  # fmt: skip
    accounts.write_text(HEADER + "".join(rows), encoding="utf-8")
    posts = tmp_path / "posts.jsonl"
    lines = []
    for author, texts in {**POSTS, **(extra or {})}.items():
        for k, text in enumerate(texts):
            lang = "de" if author == "6" else "en"
            day = 10 + k + (5 if extra and author in extra else 0)
            post = {"platform": "instagram", "id": f"{author}{k}{len(texts)}", "author": author, "text": text}
            lines.append(json.dumps({**post, "created_at": f"2026-03-{day}T10:00:00Z", "lang": lang}))
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return accounts, posts


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(data_dir=tmp_path / "data")
    workspace.init()
    accounts, posts = _write(tmp_path)
    workspace.ingest("accounts", accounts)
    workspace.ingest("posts", posts)
    # followers of 1 and 2 (shared: f2, f3), none known for 3; 3's posts got comments from c1, c2
    follows = tmp_path / "follows.csv"
    pairs = [("f1", "1"), ("f2", "1"), ("f3", "1"), ("f2", "2"), ("f3", "2"), ("f4", "2"), ("f5", "2")]
    follows.write_text(
        "platform,src,dst\n" + "".join(f"instagram,{a},{b}\n" for a, b in pairs), encoding="utf-8"
    )
    workspace.ingest("follows", follows)
    comments = tmp_path / "comments.jsonl"
    rows = [{"platform": "instagram", "id": f"c{i}", "post_id": "302", "author": f"c{i}", "text": "yum",
             "created_at": "2026-03-12T12:00:00Z"} for i in (1, 2)]  # fmt: skip
    comments.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    workspace.ingest("comments", comments)
    return workspace


def _brief(tmp_path: Path, filters: str = "") -> Path:
    path = tmp_path / "riders.yaml"
    path.write_text(
        f"text:\n  lifestyle: pedalling long rides on a road bicycle\n{filters}", encoding="utf-8"
    )
    return path


def test_profiles_are_recomputed_for_accounts_with_new_posts_only(ws: Workspace, tmp_path: Path) -> None:
    first = ws.match_profiles()
    assert (first.accounts, first.recomputed) == (6, 6) and first.run_id
    assert ws.match_profiles().recomputed == 0
    _, posts = _write(tmp_path, extra={"3": ["baked a lemon drizzle cake", "cookies", "a new tart"]})
    ws.ingest("posts", posts)
    assert ws.match_profiles().recomputed == 1
    assert ws.match_profiles(full=True).recomputed == 6
    with ws._lake(read_only=True) as lake:
        lake.register_table(PROFILES_TABLE)
        rows = {r["account_id"]: r for r in lake.scan("profiles").drop(["vector"]).to_pylist()}
    assert rows["6"]["english"] is False and rows["1"]["english"] is True
    assert rows["1"]["country"] == "GB" and rows["2"]["tier"] == "mid"
    assert "fitness/cycling" in json.loads(rows["1"]["interests"])


def test_a_brief_ranks_the_riders_first_explains_and_is_saved(ws: Workspace, tmp_path: Path) -> None:
    result = ws.match_brief(_brief(tmp_path), limit=3, why="rad.fritz")
    ranked = [m.handle for m in result.run.matches]
    assert set(ranked[:2]) == {"wheels.ann", "spin.bo"}, ranked
    top = result.run.matches[0]
    assert top.evidence[0].part == "lifestyle" and top.evidence[0].text in POSTS[top.account_id]
    start, end = top.evidence[0].span
    assert top.evidence[0].text[start:end]
    assert set(top.parts) >= {"text", "interests", "profile_similarity"}
    assert result.run.not_english == 1 and "non-English" in (result.run.why or "")
    assert "fitness/cycling" in result.run.brief_interests
    again = ws.match_brief(_brief(tmp_path), limit=2)
    with ws._lake(read_only=True) as lake:
        lake.register_table(MATCHES_TABLE)
        saved = lake.scan("matches").to_pylist()
    assert [r["match_id"] for r in saved] == ["riders", "riders"] and again.run_id
    assert {r["account_id"] for r in saved} == {m.account_id for m in again.run.matches}


def test_filters_exclude_and_why_says_which(ws: Workspace, tmp_path: Path) -> None:
    brief = _brief(tmp_path, "filters:\n  locations: [GB]\n  tiers: [nano, micro]\n")
    result = ws.match_brief(brief, limit=5, why="spin.bo")
    assert "spin.bo" not in [m.handle for m in result.run.matches]
    assert result.run.why == "@spin.bo: excluded by a filter: tiers: tier mid"
    assert result.run.excluded == {"locations": 3, "tiers": 1}
    assert all(m.filters == ("locations", "tiers") for m in result.run.matches)


def test_erase_removes_the_person_from_profiles_and_matches(ws: Workspace, tmp_path: Path) -> None:
    ws.match_brief(_brief(tmp_path), limit=5)
    ws.erase("wheels.ann")
    with ws._lake(read_only=True) as lake:
        for spec in (PROFILES_TABLE, MATCHES_TABLE):
            lake.register_table(spec)
            assert "1" not in lake.scan(spec.name, columns=["account_id"])["account_id"].to_pylist()
    raw = (ws.settings.lake_path).read_bytes()
    assert b"wheels.ann" not in raw and b"puncture" not in raw


def test_like_search_overlap_and_roster(ws: Workspace, tmp_path: Path) -> None:
    ws.match_profiles()
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# riders\n@wheels.ann\n", encoding="utf-8")
    like = ws.match_like(seeds, limit=3).people
    assert like[0].handle == "spin.bo" and "wheels.ann" not in [f.handle for f in like]
    assert "rad.fritz" not in [f.handle for f in ws.match_like(seeds, limit=10).people]  # not English
    found = ws.match_search("loaves of bread from the oven", limit=2)
    people, posts = found.people, found.posts
    assert {p.handle for p in people} == {"crumb.cy", "dough.di"} and posts[0].kind == "post"
    start, end = posts[0].span or (0, 0)
    assert 0 <= start < end <= len(posts[0].text or "")
    shortlist = tmp_path / "short.txt"
    shortlist.write_text("wheels.ann\nspin.bo\ncrumb.cy\n", encoding="utf-8")
    overlap = ws.match_overlap(shortlist)
    pairs, bases = overlap.pairs, overlap.bases
    assert bases == {"wheels.ann": "followers", "spin.bo": "followers", "crumb.cy": "engagers"}
    first = pairs[0]
    assert (first.a, first.b, first.shared, first.method) == ("wheels.ann", "spin.bo", 2, "exact")
    assert first.jaccard == 2 / 5
    made = ws.match_roster(_brief(tmp_path), k=1)
    reach = {c.strategy: c.reach for c in made.choices}
    assert reach["greedy max coverage (ours)"] == 4 and made.basis == "engagers + followers"
    assert reach["top K by fit"] <= 4


def _results(ws: Workspace) -> list[dict[str, object]]:
    from grassroots.match import RESULTS_TABLE

    with ws._lake(read_only=True) as lake:
        lake.register_table(RESULTS_TABLE)
        return sorted(
            lake.scan("match_results").to_pylist(), key=lambda r: (r["result_id"], r["item"], r["rank"])
        )


def test_every_result_is_saved_with_a_run_and_a_rerun_replaces_it(ws: Workspace, tmp_path: Path) -> None:
    ws.match_profiles()
    seeds = tmp_path / "riders.txt"
    seeds.write_text("wheels.ann\n", encoding="utf-8")
    shortlist = tmp_path / "short.txt"
    shortlist.write_text("wheels.ann\nspin.bo\ncrumb.cy\n", encoding="utf-8")
    like = ws.match_like(seeds, limit=3)
    search = ws.match_search("loaves of bread from the oven", limit=2)
    overlap = ws.match_overlap(shortlist)
    roster = ws.match_roster(_brief(tmp_path), k=2)
    assert (like.result_id, overlap.result_id, roster.result_id) == (
        "like-riders",
        "overlap-short",
        "roster-riders-k2",
    )
    assert search.result_id.startswith("search-") and "bread" not in search.result_id
    first = _results(ws)
    kinds = {r["result_id"]: r["kind"] for r in first}
    assert set(kinds.values()) == {"like", "search", "overlap", "roster"}
    assert [r["account_id"] for r in first if r["result_id"] == "like-riders"] == [
        f.account_id for f in like.people
    ]
    posts = [r for r in first if r["item"] == "post"]
    assert len(posts) == 2 and all(r["query"] == "loaves of bread from the oven" for r in posts)
    pair = next(r for r in first if r["item"] == "pair")
    assert (pair["account_id"], pair["other_account_id"], pair["score"]) == ("1", "2", 0.4)
    assert {r["item"] for r in first if r["kind"] == "roster"} == {"roster", "top_fit", "top_followers"}
    runs = {step: ws.runs(step=f"match_{step}") for step in ("like", "search", "overlap", "roster")}
    assert all(len(found) == 1 for found in runs.values()), runs
    assert runs["roster"][0]["parameters"]["result_id"] == "roster-riders-k2"
    # re-running the same commands replaces each result with the same rows (safe to repeat)
    ws.match_like(seeds, limit=3)
    ws.match_search("loaves of bread from the oven", limit=2)
    ws.match_overlap(shortlist)
    ws.match_roster(_brief(tmp_path), k=2)
    assert _results(ws) == first
    assert len(ws.runs(step="match_like")) == 2
    saved = {m.match_id: m for m in ws.saved_matches()}
    assert saved["like-riders"].people == 3 and saved["overlap-short"].people == 0
    pool = ws.match_pool("roster-riders-k2")
    assert [p["person_id"] for p in pool] == list(roster.choices[0].accounts)
    ws.match_brief(_brief(tmp_path), limit=2)
    assert [p["rank"] for p in ws.match_pool("riders")] == [1, 2]


def test_erase_clears_the_person_from_saved_results(ws: Workspace, tmp_path: Path) -> None:
    ws.match_profiles()
    shortlist = tmp_path / "short.txt"
    shortlist.write_text("wheels.ann\nspin.bo\n", encoding="utf-8")
    ws.match_overlap(shortlist)
    ws.match_search("rides like @spin.bo on a bicycle", limit=3)
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("wheels.ann\n", encoding="utf-8")
    ws.match_like(seeds, limit=5)
    assert any(r["account_id"] == "2" for r in _results(ws))
    ws.erase("spin.bo")
    rows = _results(ws)
    assert not any("2" in (r["account_id"], r["other_account_id"]) for r in rows)
    assert not any("spin.bo" in str(r["query"]) or r["handle"] == "spin.bo" for r in rows)
    assert b"spin.bo" not in ws.settings.lake_path.read_bytes()


def test_bad_shortlists_and_costs_name_file_and_line(ws: Workspace, tmp_path: Path) -> None:
    from grassroots.errors import InvalidInput, InvalidRecord

    ws.match_profiles()
    short = tmp_path / "short.txt"
    short.write_text("wheels.ann\nnobody\n", encoding="utf-8")
    with pytest.raises(InvalidRecord, match=r"short\.txt:2: person: 'nobody' has no profile"):
        ws.match_overlap(short)
    costs = tmp_path / "costs.txt"
    costs.write_text("wheels.ann 3\nspin.bo free\n", encoding="utf-8")
    with pytest.raises(InvalidRecord, match=r"costs\.txt:2: cost: expected a positive number"):
        ws.match_roster(_brief(tmp_path), k=1, budget=5, costs=costs)
    with pytest.raises(InvalidInput, match="budget and costs go together"):
        ws.match_roster(_brief(tmp_path), k=1, budget=5)


def test_cli_brief_json_goes_to_stdout_and_the_summary_to_stderr(ws: Workspace, tmp_path: Path) -> None:
    import os

    from ..conftest import run_cli

    env = {**os.environ, "GRASSROOTS_DATA_DIR": str(ws.data_dir), "HF_HUB_OFFLINE": "1"}
    done = run_cli(
        "match", "brief", str(_brief(tmp_path)), "--limit", "2", "--json", "--why", "pixel.ed", env=env
    )
    assert done.returncode == 0, done.stderr.decode()
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["rank"] for r in rows] == [1, 2] and rows[0]["evidence"][0]["part"] == "lifestyle"
    assert {"score", "parts", "filters_passed", "interests", "handle", "account_id"} <= set(rows[0])
    err = done.stderr.decode()
    assert "match 'riders': 2 ranked of 6 profiles" in err and "why: @pixel.ed: passed every filter" in err
    like = run_cli("match", "search", "sourdough loaves", "--limit", "1", env=env)
    assert like.returncode == 0 and like.stdout.decode().startswith("1\tperson\t@")


def test_soft_preferences_change_the_score_parts(ws: Workspace, tmp_path: Path) -> None:
    prefs = "preferences:\n  text: 1\n  engagement: 0.5\n  small_audience: 1\n"
    result = ws.match_brief(_brief(tmp_path, prefs), limit=6)
    parts = {m.handle: m.parts for m in result.run.matches}
    assert parts["wheels.ann"]["engagement"] == 0.0  # no `brand engagement` run in this lake
    assert parts["wheels.ann"]["small_audience"] > parts["spin.bo"]["small_audience"]
    assert "interests" not in parts["wheels.ann"]


def test_audience_quality_and_customer_come_from_the_other_stages_tables(ws: Workspace) -> None:
    import pyarrow as pa

    from grassroots.listen import ADVOCATES_TABLE
    from grassroots.trust import FAKE_FOLLOWER_SCORES_TABLE

    with ws._lake() as lake:  # as the trust and advocates stages leave them, in another connection
        lake.register_table(FAKE_FOLLOWER_SCORES_TABLE)
        scores = {
            "platform": ["instagram"] * 3,
            "account_id": ["f1", "f2", "f3"],
            "probability": [0.9, 0.0, 0.3],
        }
        lake.upsert("fake_follower_scores", [pa.table(scores)])
        lake.register_table(ADVOCATES_TABLE)
        row = {"brand": ["Acme"], "platform": ["instagram"], "account_id": ["2"], "customer_id": ["cust-7"]}
        lake.upsert("advocates", [pa.table(row)])
    ws.match_profiles()
    with ws._lake(read_only=True) as lake:
        lake.register_table(PROFILES_TABLE)
        rows = {r["account_id"]: r for r in lake.scan("profiles").drop(["vector"]).to_pylist()}
    assert rows["1"]["audience_quality"] == pytest.approx(1 - 1.2 / 3)
    assert rows["2"]["customer_id"] == "cust-7" and rows["3"]["audience_quality"] is None
