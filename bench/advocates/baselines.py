"""The two baselines of the advocate benchmark, over the accounts that mention the brand."""

from __future__ import annotations

import pyarrow as pa

from grassroots.listen import Brand
from grassroots.listen.advocates import SentimentFn, _brand_posts


def baselines(
    posts: pa.Table, accounts: pa.Table, brand: Brand, sentiment: SentimentFn
) -> tuple[list[str], list[str]]:
    """(most positive mentions, most followers): account ids, best first."""
    by_author = _brand_posts(posts, brand)
    authors = sorted(by_author)
    flat = [(a, p["evidence"]) for a in authors for p in by_author[a]]
    pol = sentiment([e for _, e in flat])
    positives: dict[str, int] = dict.fromkeys(authors, 0)
    for (a, _), s in zip(flat, pol, strict=True):
        positives[a] += s > 0.05
    followers = dict(
        zip(accounts.column("id").to_pylist(), accounts.column("followers").to_pylist(), strict=True)
    )
    most_positive = sorted(authors, key=lambda a: (-positives[a], a))
    most_followers = sorted(authors, key=lambda a: (-(followers.get(a) or 0), a))
    return most_positive, most_followers
