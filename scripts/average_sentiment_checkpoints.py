"""Average fine-tuned MiniLM sentiment checkpoints (uniform weight averaging of state dicts).

Floating-point tensors are averaged with equal weights; integer buffers are taken from the first
checkpoint. The shipped model averages two checkpoints of one run family (the best steps of the
second and third fine-tuning stages); the average was chosen on dev macro recall only (see
``listen/models/sentiment_minilm_int8.md``). Export with ``scripts/export_sentiment_onnx.py OUT``.

Command::

    .venv/bin/python scripts/average_sentiment_checkpoints.py /tmp/sentD/B+CB.pt \\
        /tmp/sentB2/ft/best.pt /tmp/sentC/ft/best.pt
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch


def main() -> int:
    out, paths = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    states = [torch.load(p, map_location="cpu") for p in paths]
    averaged = {
        name: sum((1 / len(states)) * s[name] for s in states) if tensor.is_floating_point() else tensor
        for name, tensor in states[0].items()
    }
    torch.save(averaged, out)
    sys.stdout.write(f"{out}: mean of {len(states)} checkpoints\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
