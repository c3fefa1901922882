"""The context rules on the hand-labelled real cases (labels/ambiguity*.tsv; texts in ../shared/data)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_file


@pytest.mark.shared_data
def test_rules_beat_naive_matching_on_the_held_out_labels() -> None:
    shared_file("text/semeval-twitter-sentiment")
    from bench.mentions.ambiguity import evaluate
    from bench.mentions.ambiguity_pool import HELDOUT_LABELS

    result = evaluate(HELDOUT_LABELS)
    precision, recall, accuracy = result["rules"]
    naive_precision, _, naive_accuracy = result["naive match"]
    assert precision >= 0.8 and recall >= 0.9
    assert precision > naive_precision + 0.3 and accuracy > naive_accuracy + 0.3
