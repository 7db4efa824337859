"""Tell English from other languages, offline and without a model.

Two tests on the first few thousand characters: the writing system (Cyrillic, Arabic, Chinese ...
letters are not English), then function words of English against those of French, Spanish,
German, Italian, Portuguese and Dutch. Short texts are given the benefit of the doubt, because
an English headline ("Iran rejects US offer") has no function words at all.
"""
from __future__ import annotations

import re
import unicodedata

_EN = set("the of and to in is that for on with as was by it at from said be are has have not an its this which "
          "or but were will had their after been who would also they he she his her we over into about than up "
          "amid against could more says told when while there".split())
# Distinctive function words of other languages (words that are also common English words left out;
# "a" is left out of English too, being as common in Spanish, Portuguese and Italian).
_OTHER = {
    "French": set("le la les de des du et est une dans pour que qui sur pas au aux avec par cette sont été il elle "
                  "ont ses leur selon mais ou plus lors contre après".split()),
    "Spanish": set("el la los las de del y en que por con para una es se su sus al como más pero sobre fue ha han "
                   "este esta lo según tras entre desde".split()),
    "German": set("der die das und ist nicht sich mit den dem des ein eine einer zu auf für von im auch als wird "
                  "wurde werden nach bei aus sie hat haben sind einen gegen".split()),
    "Italian": set("il lo gli della delle degli di che è per una non sono con dal alla nel nella anche più come "
                   "ha ma si questo dei del".split()),
    "Portuguese": set("o os de da dos das em que não uma com para por é foi são ao mais como seu sua pelo pela "
                      "também".split()),
    "Dutch": set("de het een en van dat zijn met voor niet aan er maar om ook als bij dit werd worden wordt heeft "
                 "naar".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPTS = {"CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


def _latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN").split()[0]
    return _SCRIPTS.get(name, name.title())


def is_english(text: str, *, sample: int = 4000) -> tuple[bool, str]:
    """(True, "") for English text (or too little text to tell); (False, reason) otherwise."""
    s = text[:sample]
    letters = [ch for ch in s if ch.isalpha()]
    foreign = [ch for ch in letters if not _latin(ch)]
    if len(foreign) >= 4 and len(foreign) > len(letters) // 2:
        scripts: dict[str, int] = {}
        for ch in foreign:
            k = _script(ch)
            scripts[k] = scripts.get(k, 0) + 1
        top = max(scripts, key=scripts.get)
        return False, (f"not English: {top} script ({len(foreign) * 100 // len(letters)}% of the letters "
                       f"are not Latin)")
    words = _WORD.findall(s)
    if len(words) < 3:
        return True, ""
    caps = sum(1 for ch in letters if ch.isupper()) > 0.7 * len(letters)
    # In ordinary text, short all-capital words are acronyms (UN, SE, DE), not function words.
    low = [w.lower() for w in words if caps or not (w.isupper() and len(w) <= 4)]
    en = sum(1 for w in low if w in _EN)
    lang, hits = max(((name, sum(1 for w in low if w in fw)) for name, fw in _OTHER.items()), key=lambda x: x[1])
    if hits >= 3 and hits >= 2 * en + 2:
        return False, (f"not English: looks like {lang} ({hits} of {len(words)} words are {lang} function "
                       f"words, {en} English)")
    if len(words) >= 20 and en / len(words) < 0.05:
        return False, f"not English: only {en} of {len(words)} words are English function words"
    return True, ""
