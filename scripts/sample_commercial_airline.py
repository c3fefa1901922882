"""List the airline tweets to hand-label for the commercial / disclosure rules (one id per tweet).

    cd scripts && ../.venv/bin/python sample_commercial_airline.py OUT.tsv [AIRLINE_CSV]

Reads ``../shared/data/text/us-airline-tweets-dev.csv`` (the development file; the other airlines are
kept aside) and keeps every tweet whose text has a word the old paid / gifted rules reacted to, or
a near miss of one: codes (code-share, booking, confirmation, locator, promo), promotions and
vouchers, ``#pr`` / Puerto Rico / San Juan / ``(PR)``, partners, gifts, "thanks for sending",
``#thanks``, free / complimentary and paid. Each id gets the first matching stratum. Ids only; the
labels in ``labels/commercial-airline.tsv`` were added by hand, before any rule was changed.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "text" / "us-airline-tweets-dev.csv"

#: stratum -> the words that put a tweet in it (checked in this order)
STRATA = (
    ("sending", r"thanks?(?: you)? (?:\w+ )?for (?:sending|gifting|the free|the complimentary)"),
    ("tags", r"#(?:sp|spon|thanks|pr)\b|\(pr\)"),
    ("codeshare", r"code.?share"),
    ("code", r"\bcode"),
    ("confirm", r"confirmation|conf\b|record locator|booking (?:ref|number|code)|\bPNR\b"),
    ("promo", r"promo|coupon|voucher|discount"),
    ("pr_place", r"puerto|#sju|san juan"),
    ("partner", r"partner|sponsor|ambassador|affiliat|commission|collab"),
    ("gift", r"gift"),
    ("free", r"\bfree\b|complimentary"),
    ("paid", r"\bpaid\b"),
)


def candidates(path: Path = DATA) -> list[tuple[str, str]]:
    """``(airline:<tweet_id>, stratum)`` for every matching tweet, first occurrence of an id only."""
    out, seen = [], set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = f"airline:{row['tweet_id']}"
            stratum = next((name for name, rx in STRATA if re.search(rx, row["text"], re.I)), None)
            if stratum and key not in seen:
                seen.add(key)
                out.append((key, stratum))
    return out


if __name__ == "__main__":
    rows = candidates(Path(sys.argv[2]) if len(sys.argv) > 2 else DATA)
    Path(sys.argv[1]).write_text("".join(f"{k}\t{s}\n" for k, s in rows), encoding="utf-8")
    print(f"{len(rows)} tweets", file=sys.stderr)
