"""The leak-free sentiment corpus: SemEval 2013–2016 tweets minus everything in TweetEval's val.

TweetEval's 2,000 sentiment val tweets were drawn from the SemEval 2013–2016 files, so a model trained
on those files as they are would be graded on tweets it has seen. :func:`leak_free_splits` drops every
training tweet whose :func:`normalise_for_dedup` text occurs in val (and in the held-out later year),
and carves a seeded dev split out of what remains so models are selected without ever looking at val.

Reference: Barbieri et al., "TweetEval", Findings of EMNLP 2020; Rosenthal et al., SemEval 2017 Task 4.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from pathlib import Path

from grassroots.errors import InvalidRecord, SourceError

__all__ = [
    "HELD_OUT_FILE",
    "LABELS",
    "LabelledText",
    "SentimentSplits",
    "leak_free_splits",
    "normalise_for_dedup",
    "read_semeval_a",
    "read_semeval_bd",
    "read_tweeteval_val",
]

#: Class order used everywhere (probability columns, label ids): TweetEval's own order.
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
#: The latest SemEval year's test file, kept out of training as the "later held-out year".
HELD_OUT_FILE = "twitter-2016test-A.tsv"

_MENTION = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_PUNCT_SPACE = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LabelledText:
    """One labelled text: ``label`` is one of :data:`LABELS`; ``topic`` is set for targeted data."""

    id: str
    text: str
    label: str
    topic: str = ""
    source: str = ""


@dataclass(frozen=True)
class SentimentSplits:
    """Leak-free train / dev split plus the two evaluation sets, and what was removed to get there."""

    train: tuple[LabelledText, ...]
    dev: tuple[LabelledText, ...]
    val: tuple[LabelledText, ...]
    held_out: tuple[LabelledText, ...]
    removed_as_val_overlap: int
    removed_as_held_out_overlap: int


def normalise_for_dedup(text: str) -> str:
    """Normalise a tweet for overlap checks: lower-case, @mentions → ``@user``, URLs removed,
    HTML entities decoded, runs of whitespace and punctuation collapsed to one space.

    >>> normalise_for_dedup('"Loving the new @Apple iPad!!!  http://t.co/x &amp; more"')
    'loving the new user ipad more'
    """
    text = html.unescape(text).lower()
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" @user ", text)
    return _PUNCT_SPACE.sub(" ", text).strip()


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _checked_label(path: Path, number: int, label: str) -> str:
    if label not in LABELS:
        raise InvalidRecord(str(path), number, "label", f"expected one of {LABELS}, got {label!r}")
    return label


def _read_semeval(path: Path, *, topic: bool) -> list[LabelledText]:
    """``id<TAB>[topic<TAB>]label<TAB>text`` lines; lines with too few fields are skipped."""
    at = 2 if topic else 1  # column of the label
    rows: list[LabelledText] = []
    for number, line in enumerate(_read_lines(path), start=1):
        parts = line.split("\t")
        if len(parts) < at + 2:
            continue
        label = _checked_label(path, number, parts[at].strip())
        text = _strip_quotes("\t".join(parts[at + 1 :]))
        about = parts[1].strip() if topic else ""
        rows.append(LabelledText(parts[0].strip(), text, label, topic=about, source=path.name))
    return rows


def read_semeval_a(path: Path) -> list[LabelledText]:
    """Read a SemEval Task A file (``id<TAB>label<TAB>text``); blank lines are skipped."""
    return _read_semeval(path, topic=False)


def read_semeval_bd(path: Path) -> list[LabelledText]:
    """Read a SemEval Task BD file (``id<TAB>topic<TAB>label<TAB>text``; labels positive/negative)."""
    return _read_semeval(path, topic=True)


def read_tweeteval_val(directory: Path) -> list[LabelledText]:
    """Read TweetEval sentiment val (``val_text.txt`` + ``val_labels.txt``, labels 0/1/2)."""
    texts = _read_lines(directory / "val_text.txt")
    labels = _read_lines(directory / "val_labels.txt")
    if len(texts) != len(labels):
        raise SourceError(f"{directory}: {len(texts)} texts but {len(labels)} labels")
    rows = []
    for number, (text, raw) in enumerate(zip(texts, labels, strict=True), start=1):
        if raw.strip() not in {"0", "1", "2"}:
            raise InvalidRecord(str(directory / "val_labels.txt"), number, "label", f"got {raw!r}")
        rows.append(LabelledText(f"val-{number}", text.strip(), LABELS[int(raw)], source="tweeteval-val"))
    return rows


def leak_free_splits(
    semeval_a_dir: Path, tweeteval_dir: Path, *, dev_fraction: float = 0.1, seed: int = 0
) -> SentimentSplits:
    """Build the splits every sentiment model here is trained and judged on.

    Training pool: every SemEval Task A file except :data:`HELD_OUT_FILE` and the tiny sarcasm
    file, minus tweets whose normalised text occurs in TweetEval val or in the held-out year,
    de-duplicated. ``dev`` is a seeded ``dev_fraction`` of that pool, for model selection.
    """
    val = read_tweeteval_val(tweeteval_dir)
    held_out = read_semeval_a(semeval_a_dir / HELD_OUT_FILE)
    val_keys = {normalise_for_dedup(row.text) for row in val}
    held_keys = {normalise_for_dedup(row.text) for row in held_out}
    files = sorted(p for p in semeval_a_dir.glob("*-A.tsv") if p.name not in {HELD_OUT_FILE})
    files = [p for p in files if "sarcasm" not in p.name]
    if not files:
        raise SourceError(f"{semeval_a_dir}: no SemEval Task A training files (*-A.tsv)")
    pool: dict[str, LabelledText] = {}
    removed_val = removed_held = 0
    for path in files:
        for row in read_semeval_a(path):
            key = normalise_for_dedup(row.text)
            if key in val_keys:
                removed_val += 1
            elif key in held_keys:
                removed_held += 1
            else:
                pool.setdefault(key, row)
    rows = sorted(pool.values(), key=lambda r: (r.source, r.id))
    random.Random(seed).shuffle(rows)
    n_dev = round(len(rows) * dev_fraction)
    return SentimentSplits(
        train=tuple(rows[n_dev:]),
        dev=tuple(rows[:n_dev]),
        val=tuple(val),
        held_out=tuple(held_out),
        removed_as_val_overlap=removed_val,
        removed_as_held_out_overlap=removed_held,
    )
