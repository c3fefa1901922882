from __future__ import annotations

import json

import numpy as np
import pytest

from grassroots.listen.sentiment import (
    LABELS,
    BlendedSentiment,
    FastSentiment,
    brand_for_name,
    find_target,
    leak_free_splits,
    load_scorer,
    normalise_for_dedup,
    score_texts,
)
from grassroots.listen.sentiment.corpus import read_semeval_bd
from grassroots.listen.sentiment.evaluate import macro_recall, topic_macro_recall
from grassroots.listen.sentiment.score import MODELS_DIR, TargetPolicy, target_policy

from ..conftest import shared_file


class KeywordSentiment:
    """Tiny fake scorer: 'good' → positive, 'bad' → negative, else neutral."""

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            low = text.lower()
            rows.append(
                [0.8, 0.1, 0.1] if "bad" in low else [0.1, 0.1, 0.8] if "good" in low else [0.2, 0.6, 0.2]
            )
        return np.array(rows)


def _macro_recall(truth: list[str], pred: list[str]) -> float:
    return macro_recall(truth, pred)


@pytest.fixture(scope="module")
def splits():  # type: ignore[no-untyped-def]
    a_dir = shared_file("text/semeval-twitter-sentiment/A/twitter-2016test-A.tsv").parent
    return leak_free_splits(a_dir, shared_file("text/tweeteval/sentiment/val_text.txt").parent)


def test_training_data_has_no_val_or_held_out_tweet(splits) -> None:  # type: ignore[no-untyped-def]
    val_keys = {normalise_for_dedup(r.text) for r in splits.val}
    held_keys = {normalise_for_dedup(r.text) for r in splits.held_out}
    train_keys = {normalise_for_dedup(r.text) for r in (*splits.train, *splits.dev)}
    assert len(splits.val) == 2000 and splits.removed_as_val_overlap > 1000
    assert not train_keys & val_keys
    assert not train_keys & held_keys
    assert not {r.id for r in splits.train} & {r.id for r in splits.dev}


def test_committed_fast_model_reproduces_its_recorded_val_score(splits) -> None:  # type: ignore[no-untyped-def]
    recorded = json.loads((MODELS_DIR / "sentiment_fast.json").read_text())
    model = FastSentiment.load(MODELS_DIR / "sentiment_fast.npz")
    score = _macro_recall([r.label for r in splits.val], model.predict([r.text for r in splits.val]))
    assert score == pytest.approx(recorded["val_macro_recall"], abs=0.002)


def test_committed_accurate_model_reproduces_its_recorded_val_score(splits) -> None:  # type: ignore[no-untyped-def]
    recorded = json.loads((MODELS_DIR / "sentiment_accurate.json").read_text())
    model = load_scorer("accurate")
    pred = [LABELS[k] for k in model.predict_proba([r.text for r in splits.val]).argmax(axis=1)]
    assert _macro_recall([r.label for r in splits.val], pred) == pytest.approx(
        recorded["val_macro_recall"], abs=0.001
    )


def test_fast_model_follows_the_estimator_contract_and_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "i love this",
        "i hate this",
        "this is a phone",
        "love love it",
        "hate it so much",
        "a phone is here",
    ]
    labels = ["positive", "negative", "neutral", "positive", "negative", "neutral"]
    model = FastSentiment(n_features=2**12, C=10.0)
    assert not hasattr(model, "coef_")
    assert model.fit(texts, labels) is model
    probs = model.predict_proba(["love it", "hate it"])
    assert probs.shape == (2, 3) and np.allclose(probs.sum(axis=1), 1.0)
    assert model.predict(["love it", "hate it"]) == ["positive", "negative"]
    model.save(tmp_path / "m.npz")
    again = FastSentiment.load(tmp_path / "m.npz")
    assert np.allclose(again.predict_proba(["love it"]), probs[:1], atol=1e-2)


def test_brand_scoring_reads_only_the_clause_around_the_mention() -> None:
    text = "The show was good. But @TicketCo was really bad at handling my refunds"
    (with_brand,) = score_texts([text], scorer=KeywordSentiment(), brand="TicketCo")
    assert with_brand.label == "negative" and with_brand.target_found
    assert text[with_brand.evidence_start : with_brand.evidence_end] == with_brand.evidence_text
    assert "TicketCo" in with_brand.evidence_text and "show" not in with_brand.evidence_text
    (whole,) = score_texts(["good day"], scorer=KeywordSentiment(), brand="TicketCo")
    assert not whole.target_found and whole.evidence_text == "good day" and whole.label == "positive"


def test_empty_texts_stay_in_place_as_neutral_with_a_warning() -> None:
    results = score_texts(["good", "", "bad"], scorer=KeywordSentiment())
    assert [r.label for r in results] == ["positive", "neutral", "negative"]
    assert results[1].warnings and not results[0].warnings
    assert all(r.target_found for r in results)


def test_find_target_handles_hashtags_handles_and_absence() -> None:
    brand = brand_for_name("Acme")
    for text in ("#acme rocks", "thanks @ACME", "ACME delivered"):
        span = find_target(text, brand)
        assert span is not None and "acme" in text[span.mention_start : span.mention_end].lower()
    assert find_target("acmeville is a town", brand) is None


class UniformSentiment:
    """Tiny fake scorer: every text one third each."""

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return np.full((len(texts), 3), 1 / 3)


def test_blend_weights_are_honoured() -> None:
    blend = BlendedSentiment(KeywordSentiment(), UniformSentiment(), weight=0.3)
    got = blend.fit().predict_proba(["bad", "good", "meh"])
    expected = 0.3 * KeywordSentiment().predict_proba(["bad", "good", "meh"]) + 0.7 / 3
    assert np.allclose(got, expected)
    assert np.allclose(got[0], [0.3 * 0.8 + 0.7 / 3, 0.3 * 0.1 + 0.7 / 3, 0.3 * 0.1 + 0.7 / 3])
    assert blend.predict(["bad", "good", "meh"]) == ["negative", "positive", "neutral"]
    assert blend.predict_proba([]).shape == (0, 3)


def test_context_weight_mixes_the_whole_post_into_the_window() -> None:
    text = "The show was good. But @TicketCo was really slow at sending refunds"
    window_only = TargetPolicy(min_words=4, context_weight=0.0)
    (alone,) = score_texts([text], scorer=KeywordSentiment(), brand="TicketCo", policy=window_only)
    assert alone.label == "neutral" and "show" not in alone.evidence_text
    mixed = TargetPolicy(min_words=4, context_weight=0.5)
    (both,) = score_texts([text], scorer=KeywordSentiment(), brand="TicketCo", policy=mixed)
    assert both.evidence_text == alone.evidence_text  # the evidence stays the window
    assert both.probabilities == {"negative": 0.15, "neutral": 0.35, "positive": 0.5}
    (short,) = score_texts(["love it"], scorer=KeywordSentiment(), brand="TicketCo", policy=mixed)
    assert not short.target_found and short.probabilities["neutral"] == 0.6  # no mention: scored whole once


def test_accurate_scores_do_not_depend_on_the_other_texts_in_the_file(splits) -> None:  # type: ignore[no-untyped-def]
    texts = [r.text for r in splits.val[:300]]
    scorer = load_scorer("accurate")
    together = scorer.predict_proba(texts)
    reversed_order = scorer.predict_proba(texts[::-1])[::-1]
    alone = np.array([scorer.predict_proba([t])[0] for t in texts[:20]])
    assert np.array_equal(together, reversed_order) and np.array_equal(together[:20], alone)


def test_committed_target_policy_reproduces_its_recorded_bd_devtest_score() -> None:
    recorded = json.loads((MODELS_DIR / "sentiment_target.json").read_text())
    assert target_policy() == TargetPolicy(**recorded["chosen"])
    rows = read_semeval_bd(shared_file("text/semeval-twitter-sentiment/BD/twitter-2016devtest-BD.tsv"))
    score = topic_macro_recall(rows, load_scorer("accurate"))
    assert score == pytest.approx(recorded["devtest_macro_recall"], abs=0.001)
