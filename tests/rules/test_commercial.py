"""The commercial label: known answers, ambiguous -> commercial, and customer-talk hard negatives."""

from __future__ import annotations

import pytest

from grassroots.rules import COMMERCIAL, detect_disclosure

CASES = [
    ("so good #ad", "adequate", "paid"),
    ("new drop #collab", "ambiguous", "paid"),
    ("proud #NikeAmbassador", "ambiguous", "paid"),
    ("#gifted by the lovely team", "ambiguous", "gifted"),
    ("(gifted) my new favourite balm", "ambiguous", "gifted"),
    ("Thanks @lumenleaf for the free serum!", "adequate", "gifted"),
    ("thank you so much for gifting me this", "ambiguous", "gifted"),
    ("These are affiliate links, I earn a small commission.", "adequate", "affiliate"),
    ("my fave serum https://www.amazon.com/dp/B01?tag=me-20", "none", "affiliate"),
    ("get it at lumenleaf.example/?ref=jo", "none", "affiliate"),
    ("obsessed https://shop.example/x?utm_source=ig", "none", "paid"),
    ("the balm is everything. code GLOW15 saves you 15%", "none", "paid"),
    ("use code glow15 at checkout", "none", "paid"),
    ("link in bio to shop my favourite picks", "none", "paid"),
    ("#gifted by @lumenleaf #ad", "adequate", "paid"),  # paid outranks gifted
    # customer talk that is not a relationship
    ("Can I use my upgrade on a codeshare flight?", "none", "none"),
    ("I had a promo code last month but it expired, any new offers?", "none", "none"),
    ("any good promo codes for Denver?", "none", "none"),
    ("my confirmation code ABC123 does not work", "none", "none"),
    ("the airport code TPA is not on the list", "none", "none"),
    ("worst delay ever #badservice #jfk #pr", "none", "none"),
    ("heading home #pr Puerto Rico here I come", "none", "none"),
    ("thanks for sending my bags to the wrong city", "none", "none"),
    ("Maria at the gate was great #thanks", "none", "none"),
    ("thank you for the free wifi on board!", "none", "none"),
    ("thanks for the complimentary upgrade, you are the best", "none", "none"),
    ("50% off fares this week, booking now", "none", "none"),
    ("Subscribe ► http://bit.ly/Abc123", "none", "none"),
    ("not sponsored, just obsessed with it", "none", "none"),
]


@pytest.mark.parametrize(("text", "disclosure", "commercial"), CASES)
def test_known_answers(text: str, disclosure: str, commercial: str) -> None:
    found = detect_disclosure(text)
    assert (found.disclosure, found.commercial) == (disclosure, commercial)
    assert found.paid_or_gifted == (commercial != "none")


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_a_disclosure_is_always_commercial_and_signals_point_at_their_text(text: str) -> None:
    found = detect_disclosure(text)
    assert found.disclosure == "none" or found.commercial != "none"
    assert found.commercial in COMMERCIAL
    for s in found.signals:
        assert text[s.start : s.end] == s.text
    assert set(found.commercial_signals) == {s.text for s in found.signals if s.commercial}
