"""Loaders for the labelled real data sets in ../shared/data that the trust benchmarks use.

Profiles go through the same reader as ``grassroots trust fake-followers`` (so the column mapping
is exercised on real files); labels are read from the columns the reader ignores.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from grassroots.trust.profiles import Profile, read_profiles

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
FAKE_DIR = SHARED / "fake-followers"
TWIBOT = SHARED / "disclosure" / "twibot20-sample-timelines.json"


def srf(directory: Path = FAKE_DIR) -> tuple[list[Profile], list[int]]:
    """SRF 2017 Instagram followers: 975 profiles, label 1 = fake (``rating`` TRUE)."""
    path = directory / "srf-instagram-labelled.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        labels = [int(row["rating"].strip().upper() == "TRUE") for row in csv.DictReader(handle)]
    return read_profiles(path), labels


def instafake(directory: Path = FAKE_DIR) -> tuple[list[Profile], list[int]]:
    """InstaFake (Akyon & Kalfaoglu 2019): 200 fake + 994 real, label ``isFake``."""
    profiles: list[Profile] = []
    labels: list[int] = []
    for name in ("instafake-fake.json", "instafake-real.json"):
        path = directory / name
        profiles += read_profiles(path)
        labels += [int(item["isFake"]) for item in json.loads(path.read_text(encoding="utf-8"))]
    return profiles, labels


CRESCI = FAKE_DIR / "cresci2015-twitter-dev.csv"
#: cresci-2015 groups: humans (#TheFakeProject, #elezioni2013) and fakes bought from three vendors.
CRESCI_LABELS = {"TFP": 0, "E13": 0, "INT": 1, "FSF": 1, "TWT": 1}


def cresci_dev(path: Path = CRESCI) -> tuple[list[Profile], list[int], list[dict[str, str]]]:
    """cresci-2015 Twitter development file: 469 TFP humans (0) and 779 INT vendor fakes (1).

    Any file of the same columns works (``dataset`` one of :data:`CRESCI_LABELS`), e.g. a held-out one.

    Also returns the raw rows (for the Twitter-only features of the benchmark: default profile,
    URL, account age). Labels come from the ``dataset`` column, which the reader ignores.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labels = [CRESCI_LABELS[row["dataset"]] for row in rows]
    return read_profiles(path), labels, rows


def twibot_profiles(path: Path = TWIBOT) -> list[tuple[Profile, bool]]:
    """The 100 TwiBot-20 sample users as profiles with their ``verified`` flag (no bot labels)."""
    from grassroots.rules import parse_bool
    from grassroots.trust.profiles import profile_from_mapping

    users = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for number, user in enumerate(users, start=1):
        profile = profile_from_mapping(user["profile"], path=str(path), line=number, number=number)
        out.append((profile, bool(parse_bool(user["profile"].get("verified"), field="verified"))))
    return out


def twibot_tweets(path: Path = TWIBOT) -> list[tuple[str, str]]:
    """``(user ID, tweet text)`` for every tweet of the TwiBot-20 sample timelines."""
    users = json.loads(path.read_text(encoding="utf-8"))
    return [(str(u["ID"]), t.strip()) for u in users for t in (u["tweet"] or [])]


def descriptions(name: str) -> list[tuple[str, str]]:
    """``(video or pin id, full description)``: the sentences of one description file, joined."""
    path = SHARED / "disclosure" / f"{name}-description-sentences.csv"
    grouped: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["id"], []).append(row["sentence"].strip())
    return [(key, "\n".join(sentences)) for key, sentences in grouped.items()]


def description_sentences(name: str) -> list[str]:
    """Every sentence of ``{name}-description-sentences.csv``, in file order."""
    path = SHARED / "disclosure" / f"{name}-description-sentences.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["sentence"].strip() for row in csv.DictReader(handle)]
