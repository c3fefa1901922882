"""Run every mention benchmark: SXSW attribution, SemEval BD topic recall, ambiguity P/R.

``.venv/bin/python -m bench.mentions``
"""

from __future__ import annotations

import time

from bench.mentions import ambiguity, semeval_bd, sxsw
from bench.mentions.ambiguity_pool import HELDOUT_LABELS, LABELS


def main() -> None:
    """Print every figure with the peer measured in the same run."""
    started = time.perf_counter()
    s = sxsw.evaluate()
    print(f"SXSW rows with a target ({int(s['with_target'])}):")
    print(f"  configured brands: accuracy {s['accuracy']:.3f}  recall {s['recall']:.3f}")
    print(f"  bare names (peer): accuracy {s['bare_accuracy']:.3f}  recall {s['bare_recall']:.3f}")
    share = s["attributed_without"]
    print(f"SXSW rows without a target ({int(s['without_target'])}): share attributed {share:.3f}")
    rows = sxsw.read_sxsw()
    brands = sxsw.brands()
    t0 = time.perf_counter()
    for text, _ in rows:
        sxsw.attribute(text, brands)
    rate = len(rows) / (time.perf_counter() - t0)
    print(f"speed: {rate:,.0f} posts/s checked for 2 configured brands (1 process, shared 2-core machine)")
    for name, (n, ours, sub) in semeval_bd.evaluate().items():
        print(f"SemEval BD {name} ({n} tweets): topic recall ours {ours:.3f}, substring peer {sub:.3f}")
    for title, path in (
        ("ambiguity, development labels", LABELS),
        ("ambiguity, held-out labels", HELDOUT_LABELS),
    ):
        result = ambiguity.evaluate(path)
        n, pos, _ = result.pop("n")
        print(f"{title} ({int(n)} cases, {int(pos)} company):")
        for name, (p, r, a) in result.items():
            print(f"  {name:12s} precision {p:.3f}  recall {r:.3f}  accuracy {a:.3f}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
