"""Hypothesis helpers shared by the robustness tests: example counts and checks on reader output."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from detente.errors import InputError
from detente.model import Article

# Examples per property: modest in the normal suite, ten times more in the slow run.
FAST, SLOW = 30, 300


def sizes(fast: int = FAST, slow: int = SLOW):
    """Parametrize a property over the normal-suite and the slow-run example counts."""
    return pytest.mark.parametrize("examples", [fast, pytest.param(slow, marks=pytest.mark.slow)])


def run(examples: int, test) -> None:
    """Run a Hypothesis test function with ``examples`` examples and no deadline."""
    settings(max_examples=examples, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                    HealthCheck.filter_too_much])(test)()


def check_items(items: list, path: str) -> tuple[list[Article], list[InputError]]:
    """Every item is an Article with text, or an InputError naming ``path`` and a reason."""
    arts, errs = [], []
    for it in items:
        if isinstance(it, InputError):
            assert it.path == path and it.reason and str(it).startswith(path), str(it)
            errs.append(it)
        else:
            assert isinstance(it, Article), it
            assert isinstance(it.text, str) and it.text.strip() and "\x00" not in it.text
            assert isinstance(it.id, str)
            arts.append(it)
    return arts, errs
