"""Fixtures: the sample store (built once) and a TestClient over it."""
from __future__ import annotations

import pytest

from .helpers import build_store


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("api-store"))


@pytest.fixture(scope="session")
def client(sample_db):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.config import Settings

    with TestClient(create_app(Settings(db=str(sample_db), token=None))) as c:
        yield c
