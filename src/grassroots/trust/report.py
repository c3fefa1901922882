"""One creator's trust report: audience quality, disclosures and commercial posts, pod membership and
brand-safety flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from grassroots.records import ProgressFn, no_progress
from grassroots.rules import COMMERCIAL, VERDICTS
from grassroots.trust.assess import assess_text
from grassroots.trust.audience import AudienceQuality, audience_quality
from grassroots.trust.brand_safety import Screen, screen_posts
from grassroots.trust.creators import audience_inputs, find_account
from grassroots.trust.export_files import ExportData, read_export
from grassroots.trust.fake_followers import load_fake_follower_model
from grassroots.trust.pods import PodMember, find_pods

__all__ = ["REPORT_SCREEN_THRESHOLD", "CreatorReport", "creator_report"]

#: The learned screens are measured at 0.5 (equal priors); a report lists a post only when a screen is
#: sure (most posts are benign, so 0.5 flags ordinary travel posts).
REPORT_SCREEN_THRESHOLD = 0.8


@dataclass(frozen=True)
class CreatorReport:
    """Everything the trust stage says about one creator, each part with its evidence."""

    account_id: str
    handle: str
    audience: AudienceQuality
    disclosures: dict[str, int]
    #: posts per commercial label (paid / affiliate / gifted / none), the same rules as ``disclosures``
    commercial: dict[str, int]
    #: every post with a disclosure or a commercial relationship: post id, both labels, the signals
    commercial_posts: tuple[dict[str, Any], ...]
    undisclosed_posts: tuple[dict[str, Any], ...]
    pod: PodMember | None
    safety: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON."""
        return asdict(self)


def _screens(wanted: bool) -> dict[str, Screen]:
    if not wanted:
        return {}
    from grassroots.trust.safety_screens import embedding_screens

    return dict(embedding_screens())


def _audience(data: ExportData, account_id: str) -> AudienceQuality:
    inputs = audience_inputs(data, account_id)
    model = load_fake_follower_model()
    people = {p.id: p for p in inputs.followers}
    people.update((a, data.accounts[a]) for a, _ in inputs.comments if a in data.accounts)
    return audience_quality(inputs, {pid: model.score(p).probability for pid, p in people.items()})


@dataclass(frozen=True)
class _Disclosures:
    counts: dict[str, int]
    commercial: dict[str, int]
    labelled: list[dict[str, Any]]
    suspects: list[dict[str, Any]]


def _disclosures(posts: Sequence[dict[str, Any]], texts: Sequence[str], brand: str | None) -> _Disclosures:
    assessed = [assess_text(t, brand=brand) for t in texts]
    counts: dict[str, int] = {kind: sum(a["disclosure"] == kind for a in assessed) for kind in VERDICTS}
    # of the ``none`` posts, those with an affiliate link or a code: "commercial signal, not disclosed"
    counts["commercial_undisclosed"] = sum(a["status"] == "commercial_undisclosed" for a in assessed)
    commercial: dict[str, int] = {kind: sum(a["commercial"] == kind for a in assessed) for kind in COMMERCIAL}
    labelled = [
        {
            "post_id": str(p["id"]),
            "disclosure": a["disclosure"],
            "status": a["status"],
            "commercial": a["commercial"],
            "signals": [s["text"] for s in a["signals"] if s["level"] != "info" or "commercial" in s],
        }
        for p, a in zip(posts, assessed, strict=True)
        if a["disclosure"] != "none" or a["commercial"] != "none"
    ]
    suspects = [
        {"post_id": str(p["id"]), "undisclosed_probability": a["undisclosed_probability"], "text": t}
        for p, a, t in zip(posts, assessed, texts, strict=True)
        if a["undisclosed_probability"] >= 0.5
    ]
    return _Disclosures(
        counts, commercial, labelled, sorted(suspects, key=lambda x: -float(x["undisclosed_probability"]))
    )


def _safety(
    posts: Sequence[dict[str, Any]], texts: Sequence[str], competitors: Sequence[str], learned: bool
) -> list[dict[str, Any]]:
    screened = screen_posts(
        texts,
        competitors=competitors,
        screens=_screens(learned and bool(texts)),
        threshold=REPORT_SCREEN_THRESHOLD,
    )
    return [
        {"post_id": str(posts[s.index]["id"]), "text": texts[s.index], "flags": [asdict(f) for f in s.flags]}
        for s in screened
        if s.flags
    ]


def creator_report(
    directory: Path,
    creator: str,
    *,
    brand: str | None = None,
    competitors: Sequence[str] = (),
    top: int = 5,
    learned_screens: bool = True,
    progress: ProgressFn = no_progress,
) -> CreatorReport:
    """Build the report for ``creator`` (account id or handle) from the export files in ``directory``.

    ``learned_screens`` adds the MiniLM hate / offensive screens (needs the ``nlp`` extra) to the
    word-list categories. ``progress`` is told as each of the five parts (read the files, disclosures,
    pods, audience quality, brand safety) ends.
    """
    step = "trust report"
    progress(step, 0, 5)
    data = read_export(directory)
    account_id = find_account(data, creator)
    posts = data.posts.get(account_id, [])
    texts = [str(p.get("text") or "") for p in posts]
    progress(step, 1, 5)
    found = _disclosures(posts, texts, brand)
    progress(step, 2, 5)
    member = next((m for pod in find_pods(data) for m in pod.members if m.account_id == account_id), None)
    progress(step, 3, 5)
    audience = _audience(data, account_id)
    progress(step, 4, 5)
    safety = tuple(_safety(posts, texts, competitors, learned_screens))
    progress(step, 5, 5)
    return CreatorReport(
        account_id=account_id,
        handle=data.handles.get(account_id, ""),
        audience=audience,
        disclosures=found.counts,
        commercial=found.commercial,
        commercial_posts=tuple(found.labelled),
        undisclosed_posts=tuple(found.suspects[:top]),
        pod=member,
        safety=safety,
    )
