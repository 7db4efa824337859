"""Non-English articles are detected with a reason; English ones, headlines included, are not."""
from __future__ import annotations

import csv
import gzip
import json
import re

import pytest

from detente.errors import NotEnglishError
from detente.ingest.readers import make_article
from detente.nlp.language import is_english

from ..conftest import needs_shared

FOREIGN = {
    "French": "Le président français a rencontré jeudi son homologue allemand à Berlin pour discuter de la "
              "crise en Ukraine, selon un communiqué de l'Élysée publié dans la soirée.",
    "Spanish": "El gobierno de Colombia rechazó este sábado la propuesta de los rebeldes y pidió a la comunidad "
               "internacional que apoye el proceso de paz en el país.",
    "German": "Die Bundesregierung hat am Montag die Sanktionen gegen Russland verlängert, wie ein Sprecher des "
              "Auswärtigen Amtes in Berlin mitteilte.",
    "Italian": "Il ministro degli esteri ha detto che il governo non accetterà la proposta della Commissione e che "
               "la decisione sarà presa nelle prossime settimane.",
    "Portuguese": "O presidente do Brasil disse nesta segunda-feira que o governo não vai aceitar a proposta dos "
                  "Estados Unidos para a região.",
    "Dutch": "De Nederlandse regering heeft maandag besloten dat er voorlopig geen nieuwe maatregelen komen, "
             "maar de minister wil wel met de oppositie praten.",
    "Cyrillic": "Министр иностранных дел России заявил в понедельник, что Москва не примет предложение Вашингтона.",
    "Chinese": "中国外交部发言人周一表示，北京坚决反对美国对台湾的军售，并呼吁华盛顿停止干涉中国内政。",
    "Arabic": "قال وزير الخارجية الإيراني يوم الاثنين إن طهران ترفض الاقتراح الأمريكي بشأن البرنامج النووي.",
    "Korean": "한국 정부는 월요일 북한의 미사일 발사를 강력히 규탄하고 유엔 안보리 소집을 요청했다.",
    "Greek": "Ο πρωθυπουργός της Ελλάδας δήλωσε τη Δευτέρα ότι η κυβέρνηση απορρίπτει την πρόταση της Τουρκίας.",
}

ENGLISH = [
    "Iran rejects US offer",
    "Pyongyang declined the proposal.",
    "UN condemns attack",
    "Von der Leyen and Macron meet in Paris",
    "Le Pen loses French election",
    "La Paz protests turn violent",
    "Merkel, Putin hold talks",
    "IRAN, IRAQ SIGN BORDER DEAL",
    "North Korea fires missile; Japan, South Korea protest; US calls for UN Security Council meeting",
    "Russia warns NATO over Baltic drills as Poland, Lithuania seek more troops from allies amid tension",
    "Xi Jinping (习近平) met Vladimir Putin in Moscow on Tuesday and the two leaders signed an agreement.",
    "The Iraqi prime minister said in Baghdad that the government would not negotiate with the militants.",
    "GENEVA (Reuters) - Iran and the United States met on Tuesday in a bid to end the standoff.",
    "Los Angeles police arrested the suspect, according to El País and Le Monde.",
]


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_foreign_rejected_with_reason(lang):
    ok, why = is_english(FOREIGN[lang])
    assert not ok and why.startswith("not English")
    expected = {"Cyrillic": "Cyrillic", "Arabic": "Arabic", "Chinese": "Chinese", "Korean": "Korean",
                "Greek": "Greek"}.get(lang, lang)
    assert expected in why


@pytest.mark.parametrize("text", ENGLISH)
def test_english_headlines_and_sentences_kept(text):
    assert is_english(text) == (True, "")


@pytest.mark.parametrize("text", ["", "   ", "Iran", "12 34 56", "!!!", "\x00\x01"])
def test_too_short_to_tell_is_kept(text):
    assert is_english(text)[0]


def test_coder_skips_non_english_with_reason(coder):
    art = make_article(id="es1", text=FOREIGN["Spanish"], path="es1.txt")
    errors = []
    assert list(coder.code_articles([art], on_error=lambda e, a: errors.append(e))) == []
    (e,) = errors
    assert isinstance(e, NotEnglishError) and "es1.txt" in str(e) and "Spanish" in str(e)


def test_spanish_corpus_rejected():
    texts = []
    for name in ("spanish_protest_plover_validation.xml", "spanish_fight_reduced_181227v2_validation.xml"):
        raw = needs_shared("UniversalPetrarch", name).read_text(encoding="utf-8")
        texts += [t.strip() for t in re.findall(r"<Text>\s*(.*?)\s*</Text>", raw, re.S)]
    long = [t for t in texts if len(t.split()) >= 15]
    rejected = sum(1 for t in long if not is_english(t)[0])
    assert len(long) > 500 and rejected / len(long) > 0.97, f"{rejected}/{len(long)}"


def test_english_corpora_kept():
    texts = []
    with gzip.open(needs_shared("allsides_international_news.jsonl.gz"), "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= 1500:
                break
            rec = json.loads(line)
            texts += [rec.get("title") or "", rec.get("content_original") or ""]
    with open(needs_shared("wikinews", "wikinews_2019.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            texts += [row["title"], row["text"]]
    texts = [t for t in texts if t.strip()]
    wrong = [t[:80] for t in texts if not is_english(t)[0]]
    assert len(texts) > 3000 and len(wrong) <= len(texts) // 1000, wrong[:10]


def test_non_english_record_in_a_batch_file_named(coder):
    arts = [make_article(id=i, text=t, path="feed.jsonl") for i, t in
            (("r1", "Iran rejected the proposal by Iraq."), ("r2", FOREIGN["German"]))]
    errors = []
    coded = list(coder.code_articles(arts, on_error=lambda e, a: errors.append(e)))
    assert [c.article.id for c in coded] == ["r1"]
    (e,) = errors
    assert str(e).startswith("feed.jsonl: article r2: not English") and "German" in str(e)
