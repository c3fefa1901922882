"""Engagement and conversation per account: how much an audience responds, how steadily, about what.

For every account with posts: the engagement rate per post (likes + comments + shares over
followers, or over views where the platform counts views), its percentile among accounts of the
same follower tier (tiers and reference rates are sourced configuration in
``engagement_tiers.yaml``: Markerly 2016, HypeAuditor 2023), how often the account talks about the
brand and its category (brand + competitors + category words), how consistently it posts over the
weeks observed, and how many reply conversations its posts started.

>>> import pyarrow as pa
>>> posts = pa.table({"platform": ["ig"] * 2, "id": ["1", "2"], "author": ["a", "a"],
...     "text": ["Love @acme", "lunch"], "created_at": [None, None], "like_count": [40, 10],
...     "comment_count": [5, 0], "share_count": [5, 0], "view_count": [None, None]})
>>> accounts = pa.table({"platform": ["ig"], "id": ["a"], "handle": ["ann"], "followers": [1000]})
>>> p = account_engagement(posts, accounts, brand=Brand.from_name("Acme"))[0]
>>> (p.tier, p.mean_rate, p.brand_posts, p.reference_rate)
('nano', 0.03, 1, 0.0422)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.listen.brands import Brand
from grassroots.listen.mentions import find_mentions

__all__ = ["EngagementProfile", "Tier", "account_engagement", "load_tiers", "profiles_table", "tier_for"]


@dataclass(frozen=True)
class Tier:
    """A follower tier: accounts with at least ``min_followers``; ``reference_rate`` may be unknown."""

    name: str
    min_followers: int
    reference_rate: float | None
    source: str


@lru_cache(maxsize=8)
def load_tiers(system: str | None = None) -> tuple[Tier, ...]:
    """The tiers of one sourced system (default from the file: ``markerly_2016``).

    ``system`` is a system of the packaged ``engagement_tiers.yaml`` or the path of a YAML file
    of the same shape (``default:`` and ``systems:``), e.g. one with rates from a report you hold;
    such a file is validated and errors name its line and field.
    """
    if system and (system.endswith((".yaml", ".yml")) or Path(system).is_file()):
        return _tiers_from_file(Path(system))
    text = resources.files(__package__).joinpath("engagement_tiers.yaml").read_text("utf-8")
    return _parse_tiers(text, "engagement_tiers.yaml", system)


def _tiers_from_file(path: Path) -> tuple[Tier, ...]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot read the tier file: {exc}") from exc
    return _parse_tiers(text, str(path), None)


def _parse_tiers(text: str, where: str, system: str | None) -> tuple[Tier, ...]:
    """Validate a tier file (line numbers from the YAML nodes) and return one system's tiers."""
    import yaml

    try:  # compose for line numbers; safe_load refuses tags such as !!python/object (ConstructorError)
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvalidRecord(where, mark.line + 1 if mark else None, None, f"not YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("systems"), dict) or not data["systems"]:
        raise InvalidRecord(where, 1, "systems", "expected a mapping of tier systems")
    name = system or data.get("default") or next(iter(data["systems"]))
    if name not in data["systems"]:
        raise InvalidInput(f"tier system {name!r}: known systems in {where} are {', '.join(data['systems'])}")
    assert isinstance(root, yaml.MappingNode)
    systems_node = next(v for k, v in root.value if k.value == "systems")
    rows_node = next(v for k, v in systems_node.value if k.value == name)
    rows = data["systems"][name]
    if not isinstance(rows, list) or not rows:
        raise InvalidRecord(where, rows_node.start_mark.line + 1, name, "expected a list of tiers")
    tiers: list[Tier] = []
    for row, node in zip(rows, rows_node.value, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(row, dict):
            raise InvalidRecord(where, line, name, "expected {name, min, reference_rate}")
        if not isinstance(row.get("name"), str) or not row["name"]:
            raise InvalidRecord(where, line, "name", "required, a text")
        low = row.get("min")
        if not isinstance(low, int) or isinstance(low, bool) or low < 0:
            raise InvalidRecord(where, line, "min", f"expected a whole number of followers >= 0, got {low!r}")
        if tiers and low <= tiers[-1].min_followers:
            raise InvalidRecord(where, line, "min", f"tiers must rise: {low} after {tiers[-1].min_followers}")
        rate = row.get("reference_rate")
        ok_rate = isinstance(rate, (int, float)) and not isinstance(rate, bool) and 0 < rate < 1
        if rate is not None and not ok_rate:
            raise InvalidRecord(
                where, line, "reference_rate", f"expected a share in (0, 1) or null, got {rate!r}"
            )
        tiers.append(Tier(row["name"], low, None if rate is None else float(rate), name))
    if tiers[0].min_followers != 0:
        raise InvalidRecord(where, rows_node.start_mark.line + 1, "min", "the first tier must start at 0")
    return tuple(tiers)


def tier_for(followers: int, tiers: Sequence[Tier]) -> Tier:
    """The tier of an account with ``followers`` followers.

    >>> tier_for(45_000, load_tiers()).name, tier_for(45_000, load_tiers("hypeauditor_2023")).name
    ('micro', 'micro')
    """
    chosen = tiers[0]
    for tier in tiers:
        if followers >= tier.min_followers:
            chosen = tier
    return chosen


@dataclass(frozen=True)
class EngagementProfile:
    """One account's engagement and conversation numbers (rates are shares, not percent)."""

    platform: str
    account_id: str
    handle: str | None
    followers: int
    tier: str
    posts: int
    mean_rate: float
    median_rate: float
    tier_percentile: float
    reference_rate: float | None
    rate_vs_reference: float | None
    brand: str
    brand_posts: int
    brand_share: float
    category_posts: int
    category_share: float
    active_weeks: int
    weeks_observed: int
    consistency: float
    brand_weeks: int
    conversations_started: int


def _col(table: pa.Table, name: str, default: Any = None) -> list[Any]:
    return table.column(name).to_pylist() if name in table.column_names else [default] * table.num_rows


def _week(ts: datetime | str | None) -> int | None:
    """Week number (proleptic ordinal // 7) of a timestamp or ISO-8601 string."""
    if ts is None:
        return None
    when = ts if isinstance(ts, datetime) else datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return when.toordinal() // 7


def _replied_posts(posts: pa.Table, comments: pa.Table | None) -> set[str]:
    """Ids of posts that someone other than their author replied to or commented on."""
    author = dict(zip(_col(posts, "id"), _col(posts, "author"), strict=True))
    replied: set[str] = set()
    for reply_to, who in zip(_col(posts, "reply_to_id"), _col(posts, "author"), strict=True):
        if reply_to is not None and author.get(reply_to) not in (None, who):
            replied.add(reply_to)
    if comments is not None:
        for post_id, who in zip(_col(comments, "post_id"), _col(comments, "author"), strict=True):
            if author.get(post_id) not in (None, who):
                replied.add(post_id)
    return replied


@dataclass
class _Acc:
    rates: list[float]
    weeks: set[int]
    brand_weeks: set[int]
    brand: int = 0
    category: int = 0
    conversations: int = 0


def _post_rate(likes: Any, comments: Any, shares: Any, views: Any, followers: int) -> float:
    interactions = (likes or 0) + (comments or 0) + (shares or 0)
    denominator = views if views else followers
    return interactions / denominator if denominator else 0.0


def _accumulate(
    posts: pa.Table, followers: dict[str, int], brand: Brand, others: Sequence[Brand], replied: set[str]
) -> dict[str, _Acc]:
    accs: dict[str, _Acc] = defaultdict(lambda: _Acc([], set(), set()))
    cols = [_col(posts, c) for c in ("id", "author", "text", "created_at", "reply_to_id")]
    counts = [_col(posts, c) for c in ("like_count", "comment_count", "share_count", "view_count")]
    for i, (pid, author, text, created, reply_to) in enumerate(zip(*cols, strict=True)):
        acc = accs[author]
        likes, n_comments, shares, views = (c[i] for c in counts)
        acc.rates.append(_post_rate(likes, n_comments, shares, views, followers.get(author, 0)))
        week = _week(created)
        if week is not None:
            acc.weeks.add(week)
        about = bool(text) and bool(find_mentions(text, brand))
        if about:
            acc.brand += 1
            if week is not None:
                acc.brand_weeks.add(week)
        if about or (text and any(find_mentions(text, b) for b in others)):
            acc.category += 1
        if reply_to is None and pid in replied:
            acc.conversations += 1
    return accs


def _percentiles(values: list[float], groups: list[str]) -> list[float]:
    """Percentile (0-100, midrank) of each value among the values of its group."""
    out = [0.0] * len(values)
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_group[g].append(i)
    for idx in by_group.values():
        vals = np.array([values[i] for i in idx])
        for i, v in zip(idx, vals, strict=True):
            below, equal = np.sum(vals < v), np.sum(vals == v)
            out[i] = round(float(100.0 * (below + 0.5 * equal) / len(vals)), 2)
    return out


def account_engagement(
    posts: pa.Table,
    accounts: pa.Table,
    *,
    brand: Brand,
    comments: pa.Table | None = None,
    category_terms: Sequence[str] = (),
    tier_system: str | None = None,
) -> list[EngagementProfile]:
    """Engagement profile of every account that posted, ordered by platform and account id.

    ``posts``/``accounts``/``comments`` have the lake's columns. Category mentions are posts naming
    the brand, one of its ``competitors`` or any of ``category_terms`` ("skincare", "serum").
    """
    tiers = load_tiers(tier_system)
    followers = {
        a: int(f or 0) for a, f in zip(_col(accounts, "id"), _col(accounts, "followers"), strict=True)
    }
    handles = dict(zip(_col(accounts, "id"), _col(accounts, "handle"), strict=True))
    platform = dict(zip(_col(accounts, "id"), _col(accounts, "platform"), strict=True))
    others = [Brand.from_name(c) for c in brand.competitors]
    others += [Brand(name=t, aliases=(), hashtags=(t.replace(" ", ""),)) for t in category_terms]
    accs = _accumulate(posts, followers, brand, others, _replied_posts(posts, comments))
    all_weeks = {w for a in accs.values() for w in a.weeks}
    span = (max(all_weeks) - min(all_weeks) + 1) if all_weeks else 0
    ids = sorted(accs, key=lambda a: (platform.get(a) or "", a))
    means = [float(np.mean(accs[a].rates)) for a in ids]
    tier_of = [tier_for(followers.get(a, 0), tiers) for a in ids]
    pct = _percentiles(means, [t.name for t in tier_of])
    ctx = {
        "platform": platform,
        "handles": handles,
        "followers": followers,
        "span": span,
        "brand": brand.name,
    }
    return [
        _profile(a, accs[a], mean, tier, p, ctx)
        for a, mean, tier, p in zip(ids, means, tier_of, pct, strict=True)
    ]


def _profile(
    account: str, acc: _Acc, mean: float, tier: Tier, pct: float, ctx: dict[str, Any]
) -> EngagementProfile:
    n, ref, span = len(acc.rates), tier.reference_rate, ctx["span"]
    return EngagementProfile(
        platform=ctx["platform"].get(account) or "",
        account_id=account,
        handle=ctx["handles"].get(account),
        followers=ctx["followers"].get(account, 0),
        tier=tier.name,
        posts=n,
        mean_rate=round(mean, 6),
        median_rate=round(float(np.median(acc.rates)), 6),
        tier_percentile=pct,
        reference_rate=ref,
        rate_vs_reference=round(mean / ref, 4) if ref else None,
        brand=ctx["brand"],
        brand_posts=acc.brand,
        brand_share=round(acc.brand / n, 4),
        category_posts=acc.category,
        category_share=round(acc.category / n, 4),
        active_weeks=len(acc.weeks),
        weeks_observed=span,
        consistency=round(len(acc.weeks) / span, 4) if span else 0.0,
        brand_weeks=len(acc.brand_weeks),
        conversations_started=acc.conversations,
    )


def profiles_table(profiles: Sequence[EngagementProfile]) -> pa.Table:
    """The profiles as an Arrow table (one column per field) for the lake or Parquet."""
    columns: dict[str, list[Any]] = {f.name: [] for f in fields(EngagementProfile)}
    for p in profiles:
        for f in fields(EngagementProfile):
            value = getattr(p, f.name)
            columns[f.name].append(None if isinstance(value, float) and math.isnan(value) else value)
    return pa.table(columns)
