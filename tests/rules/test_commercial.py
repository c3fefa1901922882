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
    # utm_ parameters are analytics (where a click came from), not a payment
    ("obsessed https://shop.example/x?utm_source=ig", "none", "none"),
    ("read it https://news.example/a?utm_source=newsletter&utm_medium=email", "none", "none"),
    ("grab it https://shop.example/x?utm_source=ig&ref=jo", "none", "affiliate"),
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


# the round-2 payment phrasings (issue 10): commission in the third person, payment for purchases without
# the usual words, the long associates-programme notice; and what must stay out
ROUND2 = [
    ("Geekanoids earns a small commission on each sale.", "adequate"),
    ("A small portion of the sales will go toward helping me fund this channel.", "adequate"),
    ("If you buy through these links I make a little bit of money at no extra cost to you.", "adequate"),
    ("Shop on Amazon and help me earn commission :)", "adequate"),
    ("I might get a few pennies if you buy.", "adequate"),
    (
        "We are a participant in the Amazon Services LLC Associates Program, an affiliate advertising "
        "program "
        "designed to provide a means for us to earn fees by linking to Amazon.com.",
        "adequate",
    ),
    ("All purchase links listed have our monetary affiliation.", "adequate"),
    ("How I Make Money on Products", "none"),
    ("I received no monetary compensation for this video.", "none"),
    ("Support the channel by using my affiliate link", "ambiguous"),
    ("The key to a stress free life is to earn money while you sleep.", "none"),
]


@pytest.mark.parametrize(("text", "disclosure"), ROUND2)
def test_round2_payment_phrasings(text: str, disclosure: str) -> None:
    assert detect_disclosure(text).disclosure == disclosure


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("my glow https://rstyle.me/n/abc", "commercial_undisclosed"),
        ("use code GLOW15 at checkout", "commercial_undisclosed"),
        ("Shutterfly referral link: https://invite.example/x/G9", "commercial_undisclosed"),
        ("my glow https://rstyle.me/n/abc #ad", "adequate"),
        ("my glow https://rstyle.me/n/abc #collab", "ambiguous"),
        ("link in bio to shop my favourite picks", "none"),
        ("obsessed https://shop.example/x?utm_source=ig", "none"),
        ("just a nice day", "none"),
    ],
)
def test_status_names_commercial_signal_not_disclosed(text: str, status: str) -> None:
    found = detect_disclosure(text)
    assert found.status == status
    if status == "commercial_undisclosed":
        assert found.evidence and all(s.commercial for s in found.evidence)
