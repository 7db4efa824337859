"""The learned event-type classifier: shipped weights load offline, predict, and retrain reproducibly."""
from __future__ import annotations

import pytest

from detente.events import learned
from detente.events.learned import corpora, features, labels
from detente.events.learned.classifier import EventTypeClassifier
from detente.events.learned.train import fit


@pytest.fixture(scope="module")
def clf():
    c = learned.load()
    assert c is not None, "shipped weights did not load"
    return c


def test_load_offline(clf, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert set(clf.labels) <= set(labels.TYPE_LABELS)
    assert set(clf.heads) == {"sentence", "pair", "penta"}


def test_predict_batch(clf):
    out = clf.predict(["Rebels killed twelve soldiers in an ambush near the border.",
                       "The two ministers held talks in Geneva on Monday."])
    assert [lab for lab, _ in out] == ["ASSAULT", "CONSULT"]
    assert all(0.0 <= p <= 1.0 for _, p in out)
    assert clf.predict([]) == []


def test_predict_pairs_and_penta(clf):
    s = "Pyongyang rejected the proposal by Seoul."
    (label, p), = clf.predict_pairs([(s, (0, 9), (35, 40))])
    assert label == "REJECT" and p > 0.2
    (penta, _), = clf.predict_penta(["Police arrested forty protesters in the capital."])
    assert penta == 4


def test_mark_and_pair_view():
    s = "Pyongyang rejected the proposal by Seoul."
    marked = features.mark(s, (0, 9), (35, 40))
    assert marked == "<s>Pyongyang</s> rejected the proposal by <t>Seoul</t>."
    view = features.pair_view(marked)
    assert view.startswith("ORDER_ST B_rejected B_the B_proposal B_by")


def test_label_maps():
    assert set(labels.TYPE_TO_ROOT) == set(labels.PLOVER_TYPES)
    assert all(labels.ROOT_TO_TYPE[r] == t for t, r in labels.TYPE_TO_ROOT.items())
    assert [labels.root_to_penta(r) for r in ("01", "04", "07", "12", "19")] == [0, 1, 2, 3, 4]


def test_drop_leaks_by_normalised_text():
    ex = [corpora.Example("Iran  rejected the deal!", "REJECT", 3, "x"),
          corpora.Example("Iran rejected the deal.", "REJECT", 3, "x"),
          corpora.Example("Troops shelled the town.", "ASSAULT", 4, "x")]
    kept, leaks = corpora.drop_leaks(ex, {corpora.normalise("Troops shelled the town")})
    assert leaks == 1 and [e.text for e in kept] == ["Iran  rejected the deal!"]


TINY = [("Rebels attacked an army post, killing two soldiers.", "ASSAULT", 4),
        ("Insurgents shelled the city overnight.", "ASSAULT", 4),
        ("Gunmen attacked a police convoy.", "ASSAULT", 4),
        ("The ministers agreed to resume trade talks.", "AGREE", 1),
        ("Both sides agreed to a ceasefire deal.", "AGREE", 1),
        ("The government agreed to cooperate with the inquiry.", "AGREE", 1),
        ("The president rejected the proposal.", "REJECT", 3),
        ("Rebels rejected the peace plan.", "REJECT", 3),
        ("Parliament rejected the budget proposal.", "REJECT", 3)]


def _tiny():
    out = []
    for text, t, p in TINY:
        first = text.split()[0] + " " + text.split()[1]
        marked = f"<s>{first}</s>" + text[len(first):].replace(".", "") + " <t>them</t>."
        out.append(corpora.Example(text, t, p, "tiny", marked))
    return out


def test_tiny_training_is_reproducible():
    a = EventTypeClassifier(fit(_tiny(), seed=3, min_df=1))
    b = EventTypeClassifier(fit(_tiny(), seed=3, min_df=1))
    probe = ["Militants attacked a checkpoint.", "The cabinet rejected the plan."]
    assert a.predict(probe) == b.predict(probe)
    assert [lab for lab, _ in a.predict(probe)] == ["ASSAULT", "REJECT"]
    assert a.predict_marked(["<s>Militants</s> attacked <t>a checkpoint</t>."])[0][0] == "ASSAULT"
    assert a.predict_penta(probe)[0][0] == 4
