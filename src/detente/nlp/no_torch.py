"""Start-up: keep thinc from importing torch for a pipeline that never uses it.

spaCy's en_core_web_sm runs on thinc's numpy ops, but thinc imports torch whenever it is installed (to offer
PyTorch layers): with torch 2.13 (the `train` extra) that is 0.8 s of every start-up and 0.3 s of every exit
(`import spacy`: 1.25 s with it, 0.42 s without; measured in session 11). ``hide_from_thinc()`` makes that one
import fail, as if torch were not installed; torch itself stays importable by anything else, then or later.

It is for a process that will only load the shipped model (the command line, a Dask worker coding with the
default settings): a pipeline with PyTorch layers (a transformer model) needs thinc's torch and must not call it.
"""
from __future__ import annotations

import sys


class _TorchHiddenFromThinc:
    """A meta path finder: ``import torch`` fails while ``thinc.compat`` is being imported, and only then."""

    def find_spec(self, name, path=None, target=None):
        compat = sys.modules.get("thinc.compat")
        if name == "torch" and compat is not None and not hasattr(compat, "has_torch"):
            raise ModuleNotFoundError("torch is hidden from thinc: the spaCy pipeline needs none", name="torch")
        return None


def hide_from_thinc() -> bool:
    """Hide torch from thinc's import; False when it is too late (thinc is imported) or not needed (torch is)."""
    if "thinc.compat" in sys.modules or "torch" in sys.modules:
        return False
    if not any(isinstance(f, _TorchHiddenFromThinc) for f in sys.meta_path):
        sys.meta_path.insert(0, _TorchHiddenFromThinc())
    return True
