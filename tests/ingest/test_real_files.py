"""Real shapes from ../shared/data: TwiBot-20, SXSW, SNAP and MUSAE edge lists, Twitter v1.1 JSON."""

from __future__ import annotations

import json
from pathlib import Path

from grassroots.config import Settings
from grassroots.ingest import ingest_source
from grassroots.lake import open_lake
from tests.conftest import shared_file


def test_twibot20_dump_loads_profiles_tweets_and_neighbours(settings: Settings) -> None:
    path = shared_file("disclosure/twibot20-sample-timelines.json")
    report = ingest_source(settings, "twibot", path)
    users = json.loads(path.read_text(encoding="utf-8"))
    tweets = sum(len(u["tweet"] or []) for u in users)
    assert report.counts.inserted == len(users) == 100
    assert report.extra["posts"].inserted == tweets
    with open_lake(settings.lake_path) as lake:
        (shaq,) = lake.scan("accounts", where={"handle": "SHAQ"}).to_pylist()
        sponsored = lake.scan("posts", where={"author": shaq["id"]}).column("text").to_pylist()
    first = users[0]["profile"]
    assert shaq["followers"] == int(first["followers_count"]) and shaq["verified"] is True
    assert shaq["is_private"] is False and shaq["url"].startswith("http://www.")
    assert any("#Sponsored" in t for t in sponsored)
    assert ingest_source(settings, "twibot", path).counts.changed == 0


def test_sxsw_csv_loads_with_explicit_encoding_and_warns_without(settings: Settings) -> None:
    path = shared_file("text/sxsw-brand-emotion.csv")
    fallback = ingest_source(settings, "sxsw", path)
    assert any(":40: not valid UTF-8" in w for w in fallback.warnings)
    exact = ingest_source(settings, "sxsw", path, encoding="mac_roman")
    assert exact.counts.read == fallback.counts.read > 9000
    assert all("UTF-8" not in w for w in exact.warnings)
    with open_lake(settings.lake_path) as lake:
        labels = lake.scan("post_labels", columns=["label"]).column("label").to_pylist()
    assert {"positive", "negative", "neutral"} <= set(labels)


def test_snap_and_musae_edge_lists(settings: Settings) -> None:
    snap = ingest_source(
        settings, "follows", shared_file("graphs/snap-ego-facebook.txt"), platform="facebook"
    )
    assert snap.counts.inserted == 88_234
    musae = ingest_source(
        settings, "follows", shared_file("graphs/musae-twitch/edges.csv"), platform="twitch"
    )
    assert musae.counts.inserted == 35_324


TWEET = {
    "created_at": "Thu Apr 06 15:24:15 +0000 2017",
    "id": 850006245121695744,
    "id_str": "850006245121695744",
    "text": "1/ Today we're sharing our vision for the future of the Twitter API platform!",
    "user": {
        "id": 2244994945,
        "id_str": "2244994945",
        "name": "Twitter Dev",
        "screen_name": "TwitterDev",
        "location": "Internet",
        "url": "https://dev.twitter.com/",
        "description": "Your official source for Twitter Platform news.",
        "verified": True,
        "followers_count": 477684,
        "friends_count": 1524,
        "statuses_count": 3138,
        "created_at": "Sat Dec 14 04:35:55 +0000 2013",
        "protected": False,
        "default_profile_image": False,
    },
    "in_reply_to_status_id": None,
    "entities": {"hashtags": [], "user_mentions": [{"screen_name": "twitterapi", "id_str": "6253282"}]},
    "retweet_count": 284,
    "favorite_count": 399,
    "lang": "en",
}


def test_twitter_v11_tweets_bring_their_users(settings: Settings, tmp_path: Path) -> None:
    retweet = {**TWEET, "id_str": "9", "id": 9, "text": "RT @TwitterDev: 1/ Today", "retweeted_status": TWEET}
    path = tmp_path / "tweets.json"
    path.write_text(json.dumps([TWEET, retweet], indent=1), encoding="utf-8")
    report = ingest_source(settings, "twitter", path)
    assert report.counts.inserted == 2 and report.extra["accounts"].inserted == 1
    with open_lake(settings.lake_path) as lake:
        (post,) = lake.scan("posts", where={"id": "850006245121695744"}).to_pylist()
        (user,) = lake.scan("accounts").to_pylist()
    assert (post["author"], post["like_count"], post["share_count"]) == ("2244994945", 399, 284)
    assert post["mentions"] == ["twitterapi"] and post["created_at"].isoformat() == "2017-04-06T15:24:15"
    assert (user["handle"], user["followers"], user["has_profile_picture"]) == ("TwitterDev", 477684, True)
