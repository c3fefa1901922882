"""The assistant on the demo brand's knowledge base and its question set (written before the assistant).

Answer accuracy: answerable questions answered (no hand-over) with the expected section as the first
source. False-answer rate: unanswerable questions answered instead of handed over. The peer is TF-IDF
cosine retrieval over the same passages, at the threshold that is best FOR IT on this very question set
(an oracle: an upper bound of that baseline); ours runs with its threshold fixed before the set was run.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

QUESTIONS = Path(__file__).with_name("questions.jsonl")


def load_questions() -> list[tuple[str, str | None]]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["question"], r["expect"]) for r in rows]


def _kb() -> Any:
    from grassroots.demo_world import knowledge_base_files
    from grassroots.engage import KnowledgeBase, parse_document

    docs = [parse_document(text, name=name) for name, text in knowledge_base_files().items()]
    return KnowledgeBase.build(docs)


def score(predicted: list[str | None], expected: list[str | None]) -> dict[str, float]:
    """Answer accuracy, wrong-answer rate (answerable) and false-answer rate (unanswerable)."""
    answerable = [(p, e) for p, e in zip(predicted, expected, strict=True) if e is not None]
    unanswerable = [p for p, e in zip(predicted, expected, strict=True) if e is None]
    return {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "accuracy": sum(p == e for p, e in answerable) / max(len(answerable), 1),
        "wrong_answer": sum(p is not None and p != e for p, e in answerable) / max(len(answerable), 1),
        "false_answer": sum(p is not None for p in unanswerable) / max(len(unanswerable), 1),
    }


def assistant_run() -> tuple[dict[str, float], list[float]]:
    """Our assistant (built-in answers, listen's fast sentiment): scores and per-message seconds."""
    from grassroots.engage import answer_message, intent_model
    from grassroots.listen import load_scorer, score_texts

    kb, model, scorer = _kb(), intent_model(), load_scorer("fast")
    questions = load_questions()
    answer_message("warm up", kb=kb, model=model, sentiment=lambda _: "neutral", brand="Lumenleaf")
    predicted: list[str | None] = []
    seconds = []
    for text, _ in questions:
        started = time.perf_counter()
        reply = answer_message(
            text,
            kb=kb,
            model=model,
            brand="Lumenleaf",
            sentiment=lambda t: score_texts([t], scorer=scorer)[0].label,
        )
        seconds.append(time.perf_counter() - started)
        top = reply.sources[0] if reply.sources and not reply.handover else None
        predicted.append(f"{top.document}#{top.section}" if top else None)
    return score(predicted, [e for _, e in questions]), seconds


def tfidf_oracle() -> dict[str, float]:
    """TF-IDF cosine retrieval at its best threshold on the question set itself."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    kb = _kb()
    keys = [f"{p.document}#{p.heading}" for p in kb.passages]
    vec = TfidfVectorizer(sublinear_tf=True).fit([f"{p.heading} {p.text}" for p in kb.passages])
    docs = vec.transform([f"{p.heading} {p.text}" for p in kb.passages])
    questions = load_questions()
    sims = (vec.transform([q for q, _ in questions]) @ docs.T).toarray()
    best: dict[str, float] | None = None
    for th in np.arange(0.0, 0.61, 0.02):
        predicted = [keys[int(row.argmax())] if row.max() >= th else None for row in sims]
        got = {**score(predicted, [e for _, e in questions]), "threshold": round(float(th), 2)}
        if best is None or got["accuracy"] - got["false_answer"] > best["accuracy"] - best["false_answer"]:
            best = got
    assert best is not None
    return best


def latency(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th-percentile milliseconds."""
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000
