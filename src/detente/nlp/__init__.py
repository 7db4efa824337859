"""NLP: loading the spaCy pipeline, splitting long texts, telling English from other languages.

The names below are imported on first use (PEP 562), so that a process that only reads these modules' constants
(the command line's options, the Dask client) does not import spaCy: about a second of start-up.
"""
from __future__ import annotations

from importlib import import_module

# imported here, not on first use: importing the submodule ``chunks`` would otherwise leave the module, not the
# function, under this name
from .chunks import chunks

_WHERE = {"load_nlp": "load", "MODEL": "load", "accepted_language": "language", "is_english": "language"}

__all__ = ["load_nlp", "MODEL", "accepted_language", "is_english", "chunks"]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
