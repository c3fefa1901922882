"""Brand attribution on the real SXSW tweets (../shared/data; skipped on a fresh clone)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_file


@pytest.mark.shared_data
def test_configured_brands_attribute_sxsw_targets() -> None:
    path = shared_file("text/sxsw-brand-emotion.csv")
    from bench.mentions import sxsw

    stats = sxsw.evaluate(path)
    assert stats["with_target"] > 3000
    assert stats["accuracy"] >= 0.95 and stats["recall"] >= 0.95
    assert stats["accuracy"] > stats["bare_accuracy"] + 0.2
