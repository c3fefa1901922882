"""Next-product recommenders: the estimator contract, reasons, and the planted preferences they recover."""

from __future__ import annotations

import pytest

from grassroots.demo_world.preferences import plant_preferences
from grassroots.engage import ItemItemRecommender, PopularityRecommender

HISTORIES = [["a", "b"], ["a", "b", "e"], ["c", "d"], ["c", "d", "e"], ["a", "c"]]


@pytest.mark.parametrize("make", [ItemItemRecommender, PopularityRecommender])
def test_estimator_contract(make: type) -> None:
    model = make()
    assert not [k for k in vars(model) if k.endswith("_")]
    assert model.fit(HISTORIES) is model
    first = [(r.item, r.score) for r in model.recommend(["a"], k=3)]
    assert first == [(r.item, r.score) for r in model.recommend(["a"], k=3)]
    assert "a" not in [r.item for r in model.recommend(["a"], k=10)]  # never offers what they have


def test_item_item_gives_its_reason() -> None:
    top = ItemItemRecommender().fit(HISTORIES).recommend(["d"], k=1)[0]
    assert top.item == "c" and top.because == ("d",)


def test_item_item_beats_popularity_on_planted_preferences() -> None:
    world = plant_preferences(people=400, seed=11)
    train = [h[:-1] for h in world.histories.values()]
    held = [h[-1] for h in world.histories.values()]

    def recall(model: ItemItemRecommender | PopularityRecommender) -> float:
        model.fit(train)
        return sum(
            i in [r.item for r in model.recommend(h, k=10)] for i, h in zip(held, train, strict=True)
        ) / len(held)

    assert recall(ItemItemRecommender()) > recall(PopularityRecommender()) + 0.05
