"""Train the shipped fake-follower model and print the figures its data card records.

Run from the repository root (needs ../shared/data):

    .venv/bin/python scripts/train_trust_fake_followers.py

Writes ``src/grassroots/trust/models/fake_followers.json``: two forests, both trained on the pooled
Instagram sets only (SRF + InstaFake): ``instagram`` on all features, ``twitter`` on the features that
transfer across platforms. The Twitter development file is never used for fitting. Prints the
shipped models' scores on their training data and on the Twitter development file (the figures
``tests/trust/test_fake_model.py`` checks); ``python -m bench.trust`` prints the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trust import data  # noqa: E402
from bench.trust.fake_platforms import recorded_line  # noqa: E402

from grassroots.trust.fake_followers import (  # noqa: E402
    MODEL_PATH,
    PLATFORM_FEATURES,
    FakeFollowerClassifier,
    save_models,
)


def main() -> None:
    srf_p, srf_y = data.srf()
    ins_p, ins_y = data.instafake()
    models = {
        name: FakeFollowerClassifier(features=features).fit(srf_p + ins_p, srf_y + ins_y)
        for name, features in PLATFORM_FEATURES.items()
    }
    save_models(models)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")
    print(recorded_line())


if __name__ == "__main__":
    main()
