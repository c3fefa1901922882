"""Draw the round-2 FRESH disclosure sample (issue 10, part 4), stratified, with population weights.

    PYTHONPATH=src .venv/bin/python scripts/sample_trust_disclosure_round2.py OUT.tsv STRATA.tsv

Population: every TwiBot-20 tweet and YouTube / Pinterest description sentence (same id scheme as
``sample_trust_disclosure.py``) that no earlier label file covers: its id is in none of
``labels/disclosure*.tsv`` AND its text (case and spaces folded) is the text of none of them, so no
sentence our rules were written or checked against comes back under another id.

Strata: source (twibot / youtube / pinterest) x the verdict of the rules as committed when the sample
was drawn (adequate / ambiguous / none); ``none`` is split by a payment-word pattern (:data:`PAY`:
commission, earn, paid, sponsor, affiliate, associate, "support the channel", ...) into ``none-pay`` and
``none-other``. Sizes (:data:`SIZES`) favour the strata where adequate disclosures live; each item's
weight is population / sample size of its stratum, so weighted figures estimate the whole population.

Split: ``dev`` / ``confirm`` by a salted hash of the id (70 / 30, :data:`SALT`), fixed before labelling.
OUT (``id, stratum, weight, split, text``) is for the person labelling only: never commit it. STRATA
(``stratum, population, sample, weight``) is committed as ``labels/disclosure-round2-strata.tsv``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys
from pathlib import Path

from grassroots.rules import detect_disclosure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "disclosure"
SEED = 20261202
SALT = "disclosure-round2"
EARLIER = ("disclosure.tsv", "disclosure-heldout.tsv", "disclosure-fresh.tsv")
PAY = re.compile(
    r"commis|\bearn|compensat|\bpaid\b|\bpay|profit|proceeds|kickback|percentage|"
    r"small (?:fee|amount|portion|cut)|no (?:extra|additional) (?:cost|charge)|at no cost|helps? support|"
    r"support (?:the|this|my|our) (?:channel|blog|site)|sponsor|\bad\b|#ad\b|advertis|free of charge|"
    r"sent (?:me|to me|us)|provided (?:by|to me)|gifted|received|affiliat|associate",
    re.IGNORECASE,
)
#: items drawn per stratum; ``None`` = every item (a census)
SIZES: dict[str, int | None] = {
    "tw-adequate": None,
    "tw-ambiguous": None,
    "tw-none-pay": 50,
    "tw-none-other": 25,
    "you-adequate": None,
    "you-ambiguous": None,
    "you-none-pay": 150,
    "you-none-other": 25,
    "pin-adequate": None,
    "pin-ambiguous": 80,
    "pin-none-pay": None,
    "pin-none-other": 25,
}


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _items() -> list[tuple[str, str]]:
    out = []
    users = json.loads((DATA / "twibot20-sample-timelines.json").read_text(encoding="utf-8"))
    for user in users:
        out += [(f"twibot:{user['ID']}:{i}", " ".join(t.split())) for i, t in enumerate(user["tweet"] or [])]
    for name in ("youtube", "pinterest"):
        with (DATA / f"{name}-description-sentences.csv").open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            out += [(f"{name}:{n}", " ".join(r["sentence"].split())) for n, r in enumerate(rows, start=1)]
    return out


def _earlier_ids() -> set[str]:
    seen: set[str] = set()
    for name in EARLIER:
        lines = (ROOT / "labels" / name).read_text(encoding="utf-8").splitlines()
        seen |= {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    return seen


def stratum(item_id: str, text: str) -> str:
    """The stratum of one item under the rules in the working tree."""
    source = item_id.split(":")[0][:3].replace("twi", "tw")
    verdict = detect_disclosure(text).disclosure
    if verdict == "none":
        verdict = "none-pay" if PAY.search(text) else "none-other"
    return f"{source}-{verdict}"


def split(item_id: str) -> str:
    """``dev`` (70 %) or ``confirm`` (30 %), from a salted hash of the id."""
    digest = hashlib.sha256(f"{SALT}:{item_id}".encode()).digest()
    return "dev" if int.from_bytes(digest[:4], "big") % 100 < 70 else "confirm"


def main(out: Path, strata_out: Path) -> None:
    items = _items()
    seen = _earlier_ids()
    seen_text = {_fold(t) for i, t in items if i in seen}
    population: dict[str, list[tuple[str, str]]] = {name: [] for name in SIZES}
    for item_id, text in items:
        if text and item_id not in seen and _fold(text) not in seen_text:
            population[stratum(item_id, text)].append((item_id, text))
    rng = random.Random(SEED)
    with out.open("w", encoding="utf-8") as handle, strata_out.open("w", encoding="utf-8") as table:
        table.write("stratum\tpopulation\tsample\tweight\n")
        for name, size in SIZES.items():
            pool = population[name]
            drawn = pool if size is None or size >= len(pool) else rng.sample(pool, size)
            weight = len(pool) / max(1, len(drawn))
            table.write(f"{name}\t{len(pool)}\t{len(drawn)}\t{weight:.4f}\n")
            for item_id, text in drawn:
                handle.write(f"{item_id}\t{name}\t{weight:.4f}\t{split(item_id)}\t{text}\n")
    print(f"sample -> {out}; strata -> {strata_out}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
