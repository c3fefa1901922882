"""Intent and out-of-scope detection: logistic regression over MiniLM sentence embeddings.

Trained on CLINC150 (Larson et al., "An Evaluation Dataset for Intent Classification and
Out-of-Scope Prediction", EMNLP 2019): 150 generic-domain intents plus an ``oos`` class, with a
confidence threshold below which a message is out of scope. The labels are CLINC150's own. The
weights ship in ``models/intent.npz`` (151 x 384 + biases), the threshold and the recorded scores
in ``models/intent.json``; ``scripts/train_engage_intent.py`` makes both and
``docs/assistant.md`` is the model card.

>>> model = IntentModel(classes=("greeting", "oos"), weights=np.eye(2, 384, dtype=np.float32),
...                     bias=np.zeros(2, dtype=np.float32), threshold=0.6)
>>> [(p.intent, p.out_of_scope) for p in model.classify_vectors(np.eye(2, 384, dtype=np.float32))]
[('greeting', False), ('oos', True)]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grassroots.engage.embedding import embed_texts
from grassroots.errors import InvalidInput

__all__ = ["INTENT_CARD", "INTENT_WEIGHTS", "OUT_OF_SCOPE", "IntentModel", "IntentPrediction", "intent_model"]

MODELS = Path(__file__).with_name("models")
INTENT_WEIGHTS = MODELS / "intent.npz"
INTENT_CARD = MODELS / "intent.json"
OUT_OF_SCOPE = "oos"


@dataclass(frozen=True)
class IntentPrediction:
    """The most likely intent, its probability, and whether the message is out of scope."""

    intent: str
    confidence: float
    out_of_scope: bool


@dataclass(frozen=True)
class IntentModel:
    """Softmax over ``classes`` of ``vectors @ weights.T + bias``; out of scope below ``threshold``."""

    classes: tuple[str, ...]
    weights: NDArray[np.float32]
    bias: NDArray[np.float32]
    threshold: float
    recorded: dict[str, Any] | None = None

    def probabilities(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """One row of class probabilities per vector."""
        logits = vectors.astype(np.float64) @ self.weights.T.astype(np.float64) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

    def classify_vectors(self, vectors: NDArray[np.float32]) -> list[IntentPrediction]:
        """Predictions for embedded messages (the ``oos`` class or a low confidence is out of scope)."""
        proba = self.probabilities(vectors)
        out = []
        for row in proba:
            top = int(row.argmax())
            intent, confidence = self.classes[top], float(row[top])
            out.append(
                IntentPrediction(intent, confidence, intent == OUT_OF_SCOPE or confidence < self.threshold)
            )
        return out

    def classify(self, texts: Sequence[str]) -> list[IntentPrediction]:
        """Predictions for messages, one per text."""
        return self.classify_vectors(embed_texts(texts))

    def save(self, weights: Path = INTENT_WEIGHTS, card: Path = INTENT_CARD) -> None:
        """Write the weights (float32 ``.npz``) and the classes, threshold and recorded scores (JSON)."""
        np.savez_compressed(
            weights, weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32)
        )
        body = {"classes": list(self.classes), "threshold": self.threshold, "recorded": self.recorded or {}}
        card.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, weights: Path = INTENT_WEIGHTS, card: Path = INTENT_CARD) -> IntentModel:
        """Read a saved model; a mismatch between the two files is an :class:`InvalidInput`."""
        body = json.loads(card.read_text(encoding="utf-8"))
        with np.load(weights) as arrays:
            w, b = np.asarray(arrays["weights"]), np.asarray(arrays["bias"])
        classes = tuple(str(c) for c in body["classes"])
        if w.shape[0] != len(classes) or b.shape != (len(classes),):
            raise InvalidInput(f"{weights}: {w.shape[0]} weight rows for {len(classes)} classes in {card}")
        return cls(classes, w, b, float(body["threshold"]), dict(body.get("recorded", {})))


@cache
def intent_model() -> IntentModel:
    """The shipped intent model (loaded once per process)."""
    return IntentModel.load()
