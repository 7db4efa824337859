"""Hypothesis helpers shared by the robustness tests: example counts and checks on reader output."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from detente.errors import InputError
from detente.model import Article

# Examples per property: modest in the normal suite, ten times more in the slow run.
FAST, SLOW = 30, 300


def sizes(fast: int = FAST, slow: int = SLOW):
    """Parametrize a property over the normal-suite and the slow-run example counts."""
    return pytest.mark.parametrize("examples", [fast, pytest.param(slow, marks=pytest.mark.slow)])


TRIED: dict[str, int] = {}


def run(examples: int, test) -> int:
    """Run a Hypothesis test function with ``examples`` examples and no deadline; returns how many ran."""
    inner, count = test.hypothesis.inner_test, [0]

    def counted(*a, **kw):
        count[0] += 1
        return inner(*a, **kw)

    test.hypothesis.inner_test = counted
    settings(max_examples=examples, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                    HealthCheck.filter_too_much])(test)()
    name = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
    TRIED[name] = count[0]
    print(f"{name}: {count[0]} examples")
    return count[0]


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
