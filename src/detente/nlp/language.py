"""Tell English from other languages, offline: the writing system first, then a language identifier.

Two tests on the article (its whole text, or windows from its start and middle when it is long):

1. the writing system: when most letters are Cyrillic, Arabic, Chinese ... the article is not English;
2. py3langid (a naive Bayes model over byte n-grams, 140 languages, shipped in the package): the article is
   refused only when the model puts less than ``REFUSE_BELOW`` of its probability on English. The model's
   probabilities are tempered by the text's length, so a short text ("Iran rejects US offer", a list of
   names) spreads them over all languages and is kept: short texts get the benefit of the doubt.

Nigerian Pidgin (English-based; English lists of foreign names land there) and "no linguistic content"
(numbers, codes) count as English. Measured in ``bench/language_id.py``.

``DETENTE_LANG=any`` (``--lang any`` on the command line) switches the check off.
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

from ..errors import ConfigError

#: probability on English (with ``_ENGLISH_LIKE``) below which an article is refused. A uniform spread over
#: the model's languages gives 0.021 to the three labels, so 0.002 needs clear evidence of another language.
REFUSE_BELOW = 0.002
#: characters looked at: the whole article up to this size, else a window from its start and one from its middle
SAMPLE = 20_000
LANG_ENV = "DETENTE_LANG"
LANG_CHOICES = ("en", "any")

_ENGLISH_LIKE = ("en", "pcm", "zxx")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_SCRIPTS = {"CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


def accepted_language(value: str | None = None) -> str:
    """The language setting: ``value``, else ``$DETENTE_LANG``, else "en"; "any" switches the check off."""
    v = (value if value is not None else os.environ.get(LANG_ENV, "")).strip().lower() or "en"
    if v not in LANG_CHOICES:
        raise ConfigError(f"unknown language setting {v!r} ({LANG_ENV} or --lang): use "
                          + " or ".join(LANG_CHOICES))
    return v


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with probabilities (loaded once, about 2 s)."""
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import _to_array

    # py3langid's own loader unpacks the model into a temporary file: on a full disk (or a
    # file-size limit) that fails before a single article is coded, so unpack it in memory.
    with lzma.open(MODEL_DIR / MODEL_FILE) as src:
        raw = io.BytesIO(src.read())
    with np.load(raw, allow_pickle=False) as data:
        return LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _to_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]))


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """English name of an ISO 639 code ("es" -> "Spanish"); the code itself when unknown."""
    import pycountry

    lang = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    return lang.name if lang is not None else code


def _latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN").split()[0]
    return _SCRIPTS.get(name, name.title())


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    half = size // 2
    mid = len(text) // 2
    return text[:half] + "\n" + text[mid:mid + half]


def guess_language(text: str) -> list[tuple[str, float]]:
    """(ISO 639 code, probability) for every language of the model, most likely first."""
    return _identifier().rank(text)


def is_english(text: str, *, sample: int = SAMPLE) -> tuple[bool, str]:
    """(True, "") for English text (or too little text to tell); (False, reason) otherwise."""
    s = _sample(text, sample)
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
    if len(_WORD.findall(s)) < 3:
        return True, ""
    ranked = guess_language(s)
    english = sum(p for code, p in ranked if code in _ENGLISH_LIKE)
    if english >= REFUSE_BELOW:
        return True, ""
    code, p = next((c, p) for c, p in ranked if c not in _ENGLISH_LIKE)
    return False, (f"not English: looks like {language_name(code)} (language identification: "
                   f"{language_name(code)} {p:.2f}, English {english:.4f})")
