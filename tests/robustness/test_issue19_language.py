"""Issue 19, item 7: English is no longer refused as "not English" (lists of names with titles, quotes,
tweets, gold sentences); other languages still are; ``--lang any`` / DETENTE_LANG=any codes everything."""
from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys

import pytest

from detente.errors import ConfigError
from detente.ingest.readers import make_article
from detente.nlp.language import LANG_ENV, accepted_language, is_english

from ..conftest import needs_shared
from .test_language import FOREIGN

# Refused by the hand-written check before (a few function words, many names): from the allsides set and the
# ConfliBERT gold.
ENGLISH = [
    "Serbian armed forces Tuesday let free six French medical social workers held captive inside a UN armored "
    "personnel carrier since Friday, a UN spokesman said.",
    "President Barack Obama, British Prime Minister David Cameron, French President Francois Hollande, Russian "
    "President Vladimir Putin and German Chancellor Angela Merkel",
    "McMaster, economic adviser Gary Cohn, White House counsel Don McGahn, deputy national security adviser Dina "
    "Powell and communications director Hope Hicks.",
    "Neither House Speaker John Boehner (R-Ohio) nor Senate Minority Leader Mitch McConnell (R-Ky.) reacted "
    "publicly to Obama's announcement.",
    "John McCain, R-Ariz.; Robert Menendez, D-N.J.; Mark Kirk, R-Ill.; Charles Schumer, D-N.Y.; Lindsey Graham, "
    "R-S.C.; Ben Cardin, D-Md.; Marco Rubio, R-Fla.",
    "\u201cOur target implies a 3% appreciation through year-end 2019, implying a 24% fully year-gain,\u201d David "
    "Kostin, Goldman\u2019s chief equity analyst wrote in a note.",
    "#Breaking David Cameron officially tenders resignation as prime minister, Buckingham Palace announces "
    "pic.twitter.com/DLkHGPr1nY \u2014 Press Association (@PA) July 13, 2016",
    "Chief Justice John Roberts \u2013 considered the court\u2019s ideological center since Justice Kennedy retired "
    "\u2013 asked a similar question during Wednesday\u2019s argument.",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_few_function_words_kept(text):
    assert is_english(text) == (True, "")


@pytest.mark.parametrize("lang", ["French", "Spanish", "German", "Italian", "Portuguese", "Dutch"])
def test_a_paragraph_in_another_language_refused_with_its_name(lang):
    ok, why = is_english(FOREIGN[lang] + " " + FOREIGN[lang])
    assert not ok and why.startswith(f"not English: looks like {lang} (language identification: {lang} ")


def test_whole_article_judged_not_one_sentence():
    """An English article quoting a sentence in French is English."""
    art = " ".join(ENGLISH[:4]) + " \u00ab Il ne s\u2019agit que de r\u00e9gionales, mais une victoire serait " \
                                   "in\u00e9dite \u00bb, said the party's leader."
    assert is_english(art)[0]
    assert not is_english(FOREIGN["French"])[0]


def _plv() -> list[str]:
    with open(needs_shared("ZeroShotPLOVER_PLV", "PLV_train.tsv"), encoding="utf-8", newline="") as f:
        return list({r["sentence_id"]: r["sentence"] for r in csv.DictReader(f, delimiter="\t")}.values())


def _conflibert(split: str) -> list[str]:
    lines = needs_shared("ConfliBERT_cameo", f"cameo_class__{split}.tsv").read_text(encoding="utf-8").splitlines()
    return [ln.rsplit("\t", 1)[0].strip() for ln in lines if ln.strip()]


def _dev() -> list[str]:
    with open(needs_shared("dev_articles", "articles.jsonl"), encoding="utf-8") as f:
        return [json.loads(ln)["text"] for ln in f if ln.strip()]


@pytest.mark.parametrize("load", [_plv, lambda: _conflibert("test"), lambda: _conflibert("train"), _dev],
                         ids=["plv", "conflibert-test", "conflibert-train", "dev-articles"])
def test_no_gold_english_refused(load):
    texts = load()
    refused = [t[:100] for t in texts if not is_english(t)[0]]
    assert len(texts) > 30 and refused == []


def test_spanish_paragraphs_refused():
    texts = []
    for name in ("spanish_protest_plover_validation.xml", "spanish_fight_reduced_181227v2_validation.xml",
                 "spanish_validation_1018_noaccent.xml"):
        raw = needs_shared("UniversalPetrarch", name).read_text(encoding="utf-8")
        texts += [" ".join(t.split()) for t in re.findall(r"<Text>\s*(.*?)\s*</Text>", raw, re.S)]
    paras = random.Random(19).sample(sorted({t for t in texts if len(t.split()) >= 15}), 200)
    refused = sum(1 for t in paras if not is_english(t)[0])
    assert refused / len(paras) > 0.95, refused


def test_the_setting(monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    assert accepted_language() == "en"
    monkeypatch.setenv(LANG_ENV, " ANY ")
    assert accepted_language() == "any"
    with pytest.raises(ConfigError, match="use en or any"):
        accepted_language("fr")


def test_lang_any_codes_a_non_english_article(coder, monkeypatch):
    art = make_article(id="de1", text=FOREIGN["German"], path="de1.txt")
    errors = []
    monkeypatch.setenv(LANG_ENV, "any")
    assert [c.article.id for c in coder.code_articles([art], on_error=lambda e, a: errors.append(e))] == ["de1"]
    monkeypatch.setenv(LANG_ENV, "en")
    assert list(coder.code_articles([art], on_error=lambda e, a: errors.append(e))) == []
    assert len(errors) == 1 and "German" in str(errors[0])


def test_cli_lang_option(tmp_path, monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    es = tmp_path / "es.txt"
    es.write_text(FOREIGN["Spanish"] + "\n", encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True)

    r = run("code", str(es), "--lang", "any", "-f", "jsonl")
    assert r.returncode == 0 and "not English" not in r.stderr, r.stderr
    r = run("code", str(es), "--lang", "fr")
    assert r.returncode == 2 and "--lang" in r.stderr
    r = run("ingest", str(es), "--lang", "any", "--db", str(tmp_path / "x.duckdb"), "-q")
    assert r.returncode == 0 and "stored 1 new articles" in r.stderr, r.stderr
