"""Engagement pods: groups of accounts that comment on each other's posts within minutes, generically.

A pod shows as reciprocity plus speed: A comments on B's posts and B on A's, each time soon after
posting, mostly with generic or emoji-only words. We link two accounts when each left at least
``min_mutual`` *pod-like* comments (within ``window_minutes`` of the post, generic) on the other's
posts, take connected groups of at least ``min_size`` accounts as pods, and report for each member
the share of its comments that came from its pod.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from grassroots.trust.audience import is_generic_comment
from grassroots.trust.export_files import ExportData

__all__ = ["Pod", "PodMember", "find_pods"]


@dataclass(frozen=True)
class PodMember:
    """One flagged account: its pod, how much of its comment engagement the pod supplies, and why."""

    account_id: str
    pod: int
    pod_comment_share: float
    evidence: str


@dataclass(frozen=True)
class Pod:
    """A group of accounts engaging with each other like a pod."""

    pod: int
    members: tuple[PodMember, ...]


def _when(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _pod_like_counts(data: ExportData, window_minutes: float) -> dict[tuple[str, str], int]:
    """(commenter, author) -> number of fast, generic comments by commenter on author's posts."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for author, posts in data.posts.items():
        for post in posts:
            posted = _when(post.get("created_at"))
            for comment in data.comments.get(str(post["id"]), []):
                commenter = str(comment["author"])
                at = _when(comment.get("created_at"))
                if commenter == author or posted is None or at is None:
                    continue
                minutes = (at - posted).total_seconds() / 60
                if 0 <= minutes <= window_minutes and is_generic_comment(str(comment.get("text") or "")):
                    counts[(commenter, author)] += 1
    return counts


def _components(edges: dict[str, set[str]]) -> list[list[str]]:
    seen: set[str] = set()
    groups = []
    for start in sorted(edges):
        if start in seen:
            continue
        stack, group = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            group.append(node)
            for nxt in edges[node] - seen:
                seen.add(nxt)
                stack.append(nxt)
        groups.append(sorted(group))
    return groups


def find_pods(
    data: ExportData, *, window_minutes: float = 30, min_mutual: int = 2, min_size: int = 3
) -> list[Pod]:
    """Pods in the export, largest first; members carry their pod comment share and evidence."""
    counts = _pod_like_counts(data, window_minutes)
    edges: dict[str, set[str]] = defaultdict(set)
    for (a, b), n in counts.items():
        if n >= min_mutual and counts.get((b, a), 0) >= min_mutual:
            edges[a].add(b)
            edges[b].add(a)
    groups = [g for g in _components(edges) if len(g) >= min_size]
    pods = []
    for number, group in enumerate(sorted(groups, key=len, reverse=True)):
        members = set(group)
        out = []
        for account in group:
            received = [
                str(c["author"])
                for p in data.posts.get(account, [])
                for c in data.comments.get(str(p["id"]), [])
            ]
            from_pod = sum(a in members for a in received)
            fast = sum(counts.get((m, account), 0) for m in members)
            share = from_pod / len(received) if received else 0.0
            evidence = (
                f"{from_pod} of {len(received)} comments from {len(members) - 1} pod peers; "
                f"{fast} of them generic and within {window_minutes:g} min; "
                f"reciprocal with {len(edges[account])}"
            )
            out.append(PodMember(account, number, round(share, 3), evidence))
        pods.append(Pod(number, tuple(out)))
    return pods
