"""The compliance monitor: every participant post about the brand checked by the disclosure rules.

A treated participant received a gift, so each of their posts about the brand in the campaign
window must disclose it. The shared rules (:func:`grassroots.rules.detect_disclosure`) give the
verdict; a post whose disclosure is ``none`` or ``ambiguous`` becomes a ``campaign_compliance``
alert with the post, the rule and a suggested fix (the brief's required wording, first).

>>> post = CampaignPost("instagram", "p1", "ig:1", "love my new @acme serum #collab")
>>> [d.evidence["rule"] for d in compliance_alerts([post], brand="Acme", campaign="spring", wording="#ad")]
['disclosure-ambiguous']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grassroots.rules import detect_disclosure
from grassroots.store import AlertDraft

__all__ = ["CampaignPost", "compliance_alerts"]


@dataclass(frozen=True)
class CampaignPost:
    """A treated participant's post about the brand in the campaign window."""

    platform: str
    post_id: str
    person_id: str
    text: str


def compliance_alerts(
    posts: Sequence[CampaignPost], *, brand: str, campaign: str, wording: str
) -> list[AlertDraft]:
    """One alert per post without an adequate disclosure (idempotent on platform:post_id)."""
    drafts = []
    for post in posts:
        verdict = detect_disclosure(post.text, brand=brand)
        if verdict.disclosure == "adequate":
            continue
        rule = f"disclosure-{verdict.disclosure}"
        found = [s.text for s in verdict.signals if s.kind != "brand"]
        fix = f"put {wording!r} at the start of the caption, before any 'more' cut"
        evidence = {
            "campaign": campaign,
            "post": f"{post.platform}:{post.post_id}",
            "rule": rule,
            "found": found,
            "suggested_fix": fix,
            "text": post.text[:280],
        }
        subject = f"{post.platform}:{post.post_id}"
        drafts.append(
            AlertDraft(
                "campaign_compliance", subject, brand=brand, evidence=evidence, account_id=post.person_id
            )
        )
    return drafts
