"""Advocate judgement on what real handle-search data showed: quotes, complaints, news feeds, no accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import pyarrow as pa

from grassroots.listen import Advocate, AdvocateOptions, Brand, rank_advocates
from grassroots.listen.advocates_text import (
    is_broadcast,
    is_request,
    own_words,
    sarcasm_markers,
    service_failures,
)

BRAND = Brand(name="Acme", handles=("acme",))
T0 = datetime(2015, 2, 20)


class Keywords:
    """A fake scorer: +0.9 with 'love', +0.2 with 'okay', -0.9 with 'late' or 'hate', else 0."""

    def __call__(self, texts: Sequence[str]) -> list[float]:
        def one(t: str) -> float:
            if "late" in t or "hate" in t:
                return -0.9
            return 0.9 if "love" in t else 0.2 if "okay" in t else 0.0

        return [one(t) for t in texts]


def _posts(rows: list[tuple[str, str]]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "platform": "twitter",
                "id": f"p{i}",
                "author": a,
                "text": t,
                "created_at": T0 + timedelta(days=i),
            }
            for i, (a, t) in enumerate(rows)
        ]
    )


NO_ACCOUNTS = pa.table({"platform": pa.array([], pa.string()), "id": pa.array([], pa.string())})


def _rank(rows: list[tuple[str, str]], options: AdvocateOptions | None = None) -> dict[str, Advocate]:
    ranked = rank_advocates(_posts(rows), NO_ACCOUNTS, brand=BRAND, sentiment=Keywords(), options=options)
    return {a.account_id: a for a in ranked}


def test_a_quoted_brand_reply_is_not_the_persons_praise() -> None:
    assert (
        own_words('"@acme: We love you too!" still waiting for my bag', BRAND) == "still waiting for my bag"
    )
    by_id = _rank([("q", '"@acme: We love you too!" still waiting'), ("q", "@acme RT @acme: love you")])
    assert by_id["q"].organic_positive == 0


def test_faint_praise_does_not_count_and_a_complaint_anywhere_weighs() -> None:
    by_id = _rank(
        [
            *[("fan", f"@acme love the crew, flight {i}") for i in range(3)],
            *[("mixed", f"@acme love the crew, flight {i}") for i in range(3)],
            ("mixed", "@acme love you. but the bags were late again"),  # complaint beside praise
            ("okay", "@acme okay"),
            ("okay", "@acme okay then"),
        ]
    )
    fan, mixed, okay = (by_id[k] for k in ("fan", "mixed", "okay"))
    assert okay.organic_positive == 0 and okay.score == 0
    assert fan.score > mixed.score > 0
    assert "complaints weigh" in mixed.explanation


def test_a_handle_search_export_does_not_make_everyone_a_bot_and_says_what_is_unknown() -> None:
    by_id = _rank([("fan", f"@acme love it, trip {i}") for i in range(6)])
    fan = by_id["fan"]
    assert "bot or fan page" not in fan.explanation
    assert fan.followers is None and fan.engagement_percentile is None
    assert "no account record" in fan.explanation and "0 followers" not in fan.explanation


def test_a_news_feed_that_always_mentions_the_brand_is_not_an_advocate() -> None:
    assert is_broadcast("Acme launches new routes, love it https://news.example/1")
    assert not is_broadcast("I love my Acme trip https://pics.example/1")
    rows = [("news", f"Acme love story: new route {i} https://news.example/{i}") for i in range(6)]
    rows += [("fan", f"@acme love it, trip {i}") for i in range(3)]
    by_id = _rank(rows)
    assert by_id["fan"].score > by_id["news"].score
    assert "promotional or news account" in by_id["news"].explanation


def test_a_thanks_attached_to_a_request_is_courtesy_not_praise() -> None:
    assert is_request("love you, thanks! can you change my seat?") and not is_request("love you, thanks!")
    rows = [("asker", f"@acme love you, thanks! could you check booking {i}?") for i in range(3)]
    rows += [("fan", "@acme love the crew, thanks!")]
    by_id = _rank(rows)
    assert by_id["asker"].organic_positive == 0 and by_id["asker"].score == 0
    assert by_id["fan"].organic_positive == 1 and by_id["fan"].score > 0
    allowed = _rank(rows, AdvocateOptions(requests_can_praise=True))
    assert allowed["asker"].organic_positive == 3


def test_sarcasm_about_a_service_failure_is_a_complaint() -> None:
    assert service_failures("love the 4 hours on hold") == ("4 hours", "on hold")
    assert sarcasm_markers("oh great, love the new price 🙄") == ("oh great", "🙄")
    marked = _rank([("eyeroll", f"@acme oh great, love the new price {i} 🙄") for i in range(3)])
    assert marked["eyeroll"].organic_positive == 0
    rows = [("sarcastic", "@acme love waiting 4 hours for my bag, best airline ever")]
    rows += [("sarcastic", f"@acme love the crew, trip {i}") for i in range(2)]
    rows += [("fan", f"@acme love the crew, trip {i}") for i in range(2)]
    by_id = _rank(rows)
    sarcastic, fan = by_id["sarcastic"], by_id["fan"]
    assert sarcastic.organic_positive == 2  # the failure post is not praise ...
    assert fan.score > sarcastic.score  # ... and it weighs as a complaint
    off = _rank(rows, AdvocateOptions(failure_complaint=0.0))
    assert off["sarcastic"].organic_positive == 3 and off["sarcastic"].score > off["fan"].score
