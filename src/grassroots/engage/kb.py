"""The brand's knowledge base: Markdown files it provides, split into passages the assistant quotes.

A knowledge-base file (``docs/formats.md`` "Assistant knowledge base") is UTF-8 Markdown:

- line 1: ``# TITLE`` (the document's title);
- optionally ``kind: faq`` (or ``product``, ``terms``) on the next non-empty line (default ``faq``);
- then sections, each ``## HEADING`` followed by its text: one section is one passage. In an FAQ the
  heading is the question; in a product catalogue it is the product's name.

``grassroots assistant kb add FILE`` checks a file and copies it into ``DATA_DIR/assistant/kb/``
(adding a file of the same name again replaces it). Retrieval embeds each passage twice (its heading,
and heading + text) with the shipped sentence model and scores a question by the better cosine.

>>> doc = parse_document("# Help\\nkind: faq\\n## How long is delivery?\\nTwo days.\\n", name="help.md")
>>> [(p.title, p.heading, p.text) for p in doc.passages]
[('Help', 'How long is delivery?', 'Two days.')]
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray

from grassroots.engage.embedding import embed_texts
from grassroots.errors import InvalidInput, InvalidRecord, NotFound

__all__ = [
    "KB_KINDS",
    "Document",
    "KbKind",
    "KnowledgeBase",
    "Passage",
    "add_document",
    "kb_dir",
    "load_knowledge_base",
    "parse_document",
    "remove_document",
]

KbKind = Literal["faq", "product", "terms"]
KB_KINDS: tuple[str, ...] = get_args(KbKind)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.md$")


@dataclass(frozen=True)
class Passage:
    """One section of a knowledge-base document."""

    document: str
    title: str
    kind: str
    heading: str
    text: str
    line: int


@dataclass(frozen=True)
class Document:
    """A parsed knowledge-base file."""

    name: str
    title: str
    kind: str
    passages: tuple[Passage, ...]


def _fail(name: str, line: int, field: str, problem: str) -> InvalidRecord:
    return InvalidRecord(name, line, field, problem)


def parse_document(text: str, *, name: str) -> Document:
    """Parse a knowledge-base file's text; errors name ``NAME:LINE: field: problem``."""
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# ") or not lines[0][2:].strip():
        raise _fail(name, 1, "title", "expected '# TITLE' on the first line")
    title, kind, start = lines[0][2:].strip(), "faq", 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].lower().startswith("kind:"):
        kind = lines[start].split(":", 1)[1].strip().lower()
        if kind not in KB_KINDS:
            raise _fail(name, start + 1, "kind", f"{kind!r}: expected one of {', '.join(KB_KINDS)}")
        start += 1
    passages: list[Passage] = []
    heading, at = "", 0
    body: list[str] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.startswith("## "):
            if heading:
                passages.append(_passage(name, title, kind, heading, body, at))
            heading, body, at = line[3:].strip(), [], number
            if not heading:
                raise _fail(name, number, "section", "empty heading")
        elif line.strip() and not heading:
            raise _fail(name, number, "section", "text before the first '## HEADING'")
        else:
            body.append(line)
    if heading:
        passages.append(_passage(name, title, kind, heading, body, at))
    if not passages:
        raise _fail(name, len(lines), "section", "no '## HEADING' sections")
    return Document(name, title, kind, tuple(passages))


def _passage(name: str, title: str, kind: str, heading: str, body: list[str], line: int) -> Passage:
    text = " ".join(" ".join(body).split())
    if not text:
        raise _fail(name, line, "section", f"{heading!r} has no text")
    return Passage(name, title, kind, heading, text, line)


def kb_dir(data_dir: Path) -> Path:
    """Where the knowledge-base files live: ``DATA_DIR/assistant/kb``."""
    return data_dir / "assistant" / "kb"


def add_document(data_dir: Path, source: Path) -> Document:
    """Check ``source`` and copy it into the knowledge base (written aside, then renamed)."""
    if not _NAME.match(source.name):
        raise InvalidInput(f"{source}: file name must be letters, digits, '.', '_' or '-' and end in .md")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{source}: cannot read: {exc}") from exc
    document = parse_document(text, name=str(source))
    folder = kb_dir(data_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = folder / f".{source.name}.partial"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, folder / source.name)
    return Document(source.name, document.title, document.kind, document.passages)


def remove_document(data_dir: Path, name: str) -> None:
    """Remove one file from the knowledge base."""
    path = kb_dir(data_dir) / name
    if not _NAME.match(name) or not path.is_file():
        raise NotFound(f"name={name!r}: no such knowledge-base file in {kb_dir(data_dir)}")
    path.unlink()


@dataclass(frozen=True)
class KnowledgeBase:
    """Passages with their embeddings (heading and heading + text, unit length)."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    heading_vectors: NDArray[np.float32]
    passage_vectors: NDArray[np.float32]

    @classmethod
    def build(cls, documents: Sequence[Document]) -> KnowledgeBase:
        """Embed every passage of ``documents``."""
        passages = tuple(p for d in documents for p in d.passages)
        headings = embed_texts([p.heading for p in passages])
        full = embed_texts([f"{p.heading}. {p.text}" for p in passages])
        return cls(tuple(documents), passages, headings, full)

    def search(self, vector: NDArray[np.float32], *, top: int = 3) -> list[tuple[Passage, float]]:
        """The ``top`` passages for a unit-length question vector, best first, with their cosine."""
        if not self.passages:
            return []
        scores = np.maximum(self.heading_vectors @ vector, self.passage_vectors @ vector)
        order = np.argsort(-scores, kind="stable")[:top]
        return [(self.passages[i], float(scores[i])) for i in order]

    def products(self) -> list[str]:
        """Product names: the headings of ``product`` documents."""
        return [p.heading for p in self.passages if p.kind == "product"]


def load_knowledge_base(data_dir: Path) -> KnowledgeBase:
    """Parse every file of the knowledge base and embed it (vectors cached in ``assistant/kb-index.npz``)."""
    folder = kb_dir(data_dir)
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    documents = [parse_document(f.read_text(encoding="utf-8"), name=f.name) for f in files]
    passages = [p for d in documents for p in d.passages]
    digest = hashlib.sha256("\x00".join(f"{p.heading}\x01{p.text}" for p in passages).encode()).hexdigest()
    cache = data_dir / "assistant" / "kb-index.npz"
    if cache.is_file():
        with np.load(cache) as kept:
            if str(kept["digest"]) == digest:
                return KnowledgeBase(tuple(documents), tuple(passages), kept["headings"], kept["full"])
    kb = KnowledgeBase.build(documents)
    if passages:
        partial = cache.with_name("kb-index.partial.npz")
        np.savez(partial, digest=np.array(digest), headings=kb.heading_vectors, full=kb.passage_vectors)
        os.replace(partial, cache)
    return kb
