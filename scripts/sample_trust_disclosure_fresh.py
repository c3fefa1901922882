"""Draw a third, FRESH disclosure sample to measure the v2 rules out of sample (issue 4).

    cd scripts && ../.venv/bin/python sample_trust_disclosure_fresh.py OUT.tsv

Same strata as the held-out sample, seed 777, excluding every id in both earlier label files:
80 + 15 YouTube and 40 + 5 Pinterest sentences (keyword / cluster), 10 random tweets. Labelled by hand
into ``labels/disclosure-fresh.tsv`` before the rules were run on it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sample_trust_disclosure_heldout import main

if __name__ == "__main__":
    main(
        Path(sys.argv[1]),
        seed=777,
        exclude=("disclosure.tsv", "disclosure-heldout.tsv"),
        sizes=(80, 15, 40, 5, 10),
    )
