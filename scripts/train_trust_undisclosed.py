"""Train the shipped undisclosed-sponsorship model (weak labels from the disclosure rules).

    .venv/bin/python scripts/train_trust_undisclosed.py

Needs ../shared/data. Writes ``src/grassroots/trust/models/undisclosed.json`` and prints the grouped
cross-validated AUC on the weak labels, the demo-world AUC and the affiliate-sentence share.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.trust.undisclosed import (  # noqa: E402
    affiliate_sentences_above_half,
    cross_validated_auc,
    demo_world_auc,
    weak_corpus,
)

from grassroots.trust.undisclosed import MODEL_PATH, SponsoredLikeness, load_undisclosed_model  # noqa: E402


def main() -> None:
    texts, labels, groups = weak_corpus()
    print(f"weak corpus: {len(texts)} texts, {sum(labels)} adequately disclosed")
    print(f"grouped 5-fold CV AUC on weak labels = {cross_validated_auc(texts, labels, groups):.3f}")
    model = SponsoredLikeness().fit(texts, labels)
    MODEL_PATH.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")
    load_undisclosed_model.cache_clear()
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")
    for line in demo_world_auc():
        print(line)
    print(affiliate_sentences_above_half())


if __name__ == "__main__":
    main()
