"""The planted rates land where docs/demo-world.md says, within sampling tolerance."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import defaultdict
from statistics import mean, median

import numpy as np

from grassroots.demo_world import Truth, WorldFiles, WorldParams, load_truth

DEFAULTS = WorldParams.default()


def test_creator_shares_land_in_the_documented_ranges(truth: Truth) -> None:
    # (advocate and fake shares are exact by construction, round(share * n): asserting them would only
    # repeat the generator's arithmetic, so only the sampled shares are checked here)
    n = len(truth.people)
    assert truth.advocates() and not truth.advocates() & truth.fakes()
    creators = [p for p in truth.people if p.is_creator]
    assert 0.08 < len(creators) / n < 0.14
    assert 0.02 <= mean(p.bought_followers > 0 for p in creators) <= 0.06
    organic = [p.fake_follower_share for p in creators if not p.bought_followers]
    assert 0.22 <= mean(organic) <= 0.30  # HypeAuditor: 22-30% suspicious followers


def test_followers_are_heavy_tailed_across_tiers(truth: Truth) -> None:
    followers = np.array([p.followers for p in truth.people])
    assert followers.max() >= 500_000 and np.median(followers) < 500
    assert {"personal", "nano", "micro", "mid"} <= {p.tier for p in truth.people}


def test_in_world_followers_reflect_the_planted_fake_share(
    follows: list[tuple[str, str]], truth: Truth
) -> None:
    fakes = truth.fakes()
    seen: dict[str, list[bool]] = defaultdict(list)
    for src, dst in follows:
        seen[dst].append(src in fakes)
    creators = [p for p in truth.people if p.is_creator and len(seen[p.account_id]) >= 60]
    planted = np.array([p.fake_follower_share for p in creators])
    observed = np.array([mean(seen[p.account_id]) for p in creators])
    assert abs(observed.mean() - planted.mean()) < 0.03
    ranks = np.corrcoef(np.argsort(np.argsort(planted)), np.argsort(np.argsort(observed)))[0, 1]
    assert ranks > 0.8  # the trust issue's audience-quality goal is reachable from the follow sample


def test_follows_show_community_and_location_homophily(follows: list[tuple[str, str]], truth: Truth) -> None:
    who = {p.account_id: p for p in truth.people if not p.is_fake}
    pairs = [(who[s], who[d]) for s, d in follows if s in who and d in who]
    same_comm = mean(a.community == b.community for a, b in pairs)
    same_city = mean(a.location == b.location for a, b in pairs)
    sizes = np.bincount([p.community for p in who.values()])
    cities = defaultdict(int)
    for p in who.values():
        cities[p.location] += 1
    chance_comm = float(((sizes / sizes.sum()) ** 2).sum())
    chance_city = sum((c / len(who)) ** 2 for c in cities.values())
    assert same_comm > 0.45 > 3 * chance_comm
    assert same_city > 2 * chance_city


def test_bought_followers_show_as_one_weekly_spike(world: WorldFiles, truth: Truth) -> None:
    series: dict[str, list[tuple[str, int]]] = defaultdict(list)
    with world.path("account_snapshots").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            series[r["account_id"]].append((r["observed_at"], int(r["followers"])))

    def jump(account: str) -> float:
        f = [v for _, v in sorted(series[account])]
        return max(b / max(a, 1) - 1 for a, b in itertools.pairwise(f))

    bought = [p for p in truth.people if p.bought_followers]
    organic = [p for p in truth.people if p.is_creator and not p.bought_followers]
    assert min(jump(p.account_id) for p in bought) > 0.2
    assert np.quantile([jump(p.account_id) for p in organic], 0.99) < 0.1


def test_disclosure_is_rare_on_paid_and_gifted_posts(truth: Truth) -> None:
    commercial = [p for p in truth.posts().values() if p.paid or p.gifted]
    assert len(commercial) > 150
    assert 0.06 <= mean(p.disclosed for p in commercial) <= 0.14  # Mathur et al. 2018: ~10%
    assert all(
        p.disclosure == "none"
        for p in truth.posts().values()
        if not (p.paid or p.gifted or p.competitor_paid)
    )


def test_advocates_post_positively_and_repeatedly_unpaid(truth: Truth) -> None:
    per_author: dict[str, list[str]] = defaultdict(list)
    for post in truth.posts().values():
        if post.brand_target == "lumenleaf":
            assert not (post.paid or post.gifted) or post.author not in truth.advocates()
            per_author[post.author].append(post.kind)
    for advocate in truth.advocates():
        kinds = per_author[advocate]
        assert len(kinds) >= 4 and all(k.startswith("advocate") for k in kinds)
    kinds = [k for a in truth.advocates() for k in per_author[a]]
    assert 0.15 <= kinds.count("advocate_implicit") / len(kinds) <= 0.25  # praise without praise words
    assert 0.1 <= kinds.count("advocate_mixed") / len(kinds) <= 0.2  # praise mixed with a complaint
    assert any(truth.person(a).followers < 1000 for a in truth.advocates())  # small advocates exist


def test_loud_complainers_promo_accounts_and_quoted_brand_replies(truth: Truth) -> None:
    posts = [p for p in truth.posts().values() if p.brand_target == "lumenleaf"]
    loud = {p.account_id for p in truth.people if p.loud_complainer}
    promo = {p.account_id for p in truth.people if p.promo_account}
    assert len(loud) == 80 and len(promo) == 60  # 0.4% and 0.3% of 20,000 people
    assert all(truth.person(a).customer_id for a in loud)
    loud_posts = [p for p in posts if p.author in loud]
    assert len(loud_posts) >= 5 * len(loud) * 0.9
    assert mean(p.sentiment == "negative" for p in loud_posts) > 0.7
    assert all(p.kind == "promo" for p in posts if p.author in promo)
    assert len([p for p in posts if p.author in promo]) >= 8 * len(promo)
    quoted = [p for p in posts if p.quoted_brand_reply]
    assert quoted and not any(p.author in truth.advocates() for p in quoted)


def test_engagement_rate_falls_with_audience_size(world: WorldFiles, truth: Truth) -> None:
    rates: dict[str, list[float]] = defaultdict(list)
    with world.path("posts").open(encoding="utf-8") as fh:
        for line in fh:
            post = json.loads(line)
            person = truth.person(post["author"])
            if not person.is_fake and not person.bought_followers and person.followers >= 50:
                rates[person.tier].append((post["like_count"] + post["comment_count"]) / person.followers)
    medians = [median(rates[t]) for t in ("personal", "nano", "micro", "mid")]
    assert medians == sorted(medians, reverse=True)


def test_pods_comment_on_each_other_within_minutes(world: WorldFiles, truth: Truth) -> None:
    assert truth.pods
    assert all(DEFAULTS.pod_size[0] <= len(pod) <= DEFAULTS.pod_size[1] for pod in truth.pods)
    pod_of = {m: i for i, pod in enumerate(truth.pods) for m in pod}
    post_author, post_time = {}, {}
    with world.path("posts").open(encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            post_author[p["id"]], post_time[p["id"]] = p["author"], np.datetime64(p["created_at"][:-1])
    delays = []
    with world.path("comments").open(encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            author = post_author[c["post_id"]]
            if author in pod_of and pod_of.get(c["author"]) == pod_of[author]:
                delays.append((np.datetime64(c["created_at"][:-1]) - post_time[c["post_id"]]).astype(int))
    assert len(delays) > 100
    assert median(delays) < 600


def test_fake_profiles_look_fake(truth: Truth, world: WorldFiles) -> None:
    with world.path("accounts").open(encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    fake = [rows[a] for a in truth.fakes()]
    real = [rows[p.account_id] for p in truth.people if not p.is_fake]
    assert median(int(r["following"]) for r in fake) > 1000 > 600 > median(int(r["following"]) for r in real)
    assert mean(r["has_profile_picture"] == "true" for r in fake) < mean(
        r["has_profile_picture"] == "true" for r in real
    )
    assert median(int(r["posts"]) for r in fake) < 5 < median(int(r["posts"]) for r in real)


def test_hard_world_plants_more_hard_cases(hard_world: WorldFiles) -> None:
    hard = load_truth(hard_world.path("truth"))
    assert hard.hard and hard.parameters["sarcasm_share"] > DEFAULTS.sarcasm_share
    fakes = [p for p in hard.people if p.is_fake]
    assert mean(p.fake_spammer for p in fakes) > 1.5 * DEFAULTS.fake_spammer_share
    advocates = [hard.person(a) for a in hard.advocates()]
    assert mean(p.followers < 1000 for p in advocates) >= 0.5


def test_covert_paid_posts_read_like_fan_posts(world: WorldFiles, truth: Truth) -> None:
    commercial = re.compile(r"\bcode\b|https?://|\.example|link in bio", re.IGNORECASE)
    posts = truth.posts()
    overt, covert = [], []
    with world.path("posts").open(encoding="utf-8") as fh:
        for line in fh:
            post = json.loads(line)
            t = posts[post["id"]]
            if t.paid or t.gifted:
                (covert if t.covert else overt).append(bool(commercial.search(post["text"])))
    assert covert and not any(covert)
    assert mean(overt) > 0.9
    assert 0.2 < len(covert) / (len(covert) + len(overt)) < 0.4  # covert_paid_share 0.3
