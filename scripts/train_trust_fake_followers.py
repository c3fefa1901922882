"""Train the shipped fake-follower model and print the figures its data card records.

Run from the repository root (needs ../shared/data):

    .venv/bin/python scripts/train_trust_fake_followers.py

Writes ``src/grassroots/trust/models/fake_followers.json``; prints 5-fold cross-validation in each
data set, cross-data-set transfer, and the shipped model's scores on its own training data (the
figure ``tests/trust/test_fake_model.py`` checks).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trust import data  # noqa: E402
from bench.trust.fake_followers import evaluate_all  # noqa: E402

from grassroots.trust.fake_followers import MODEL_PATH, FakeFollowerClassifier  # noqa: E402


def main() -> None:
    srf_p, srf_y = data.srf()
    ins_p, ins_y = data.instafake()
    model = FakeFollowerClassifier().fit(srf_p + ins_p, srf_y + ins_y)
    MODEL_PATH.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")
    for line in evaluate_all():
        print(line)


if __name__ == "__main__":
    main()
