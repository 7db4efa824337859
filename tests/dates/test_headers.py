"""Header dates, outlets and datelines of plain-text articles."""
from datetime import date

import pytest

from detente.ingest.headers import find_header


@pytest.mark.parametrize("text,published,outlet,place", [
    ("Tuesday, March 3, 2020\n\nTroops moved.", date(2020, 3, 3), None, None),
    ("Global Research, June 14, 2019\nText.", date(2019, 6, 14), "Global Research", None),
    ("The Brookings Institution 2 May 2018\nText.", date(2018, 5, 2), "The Brookings Institution", None),
    ("By John Smith | March 3, 2020\nText.", date(2020, 3, 3), None, None),
    ("WASHINGTON (AP) \u2014 The talks.", None, "Associated Press", "Washington"),
    ("GENEVA (Reuters) - The talks.", None, "Reuters", "Geneva"),
    ("SEOUL, May 29 (Reuters) - The talks.", None, "Reuters", "Seoul"),
    ("TEHRAN, Iran \u2014 The talks.", None, None, "Tehran, Iran"),
    ("PALM BEACH, Fla. (Reuters) - The talks.", None, "Reuters", "Palm Beach, Fla."),
    ("(CNN) \u2014 The talks.", None, "CNN", None),
    ("FILE - In this photo, troops.", None, None, None),
    ("At Ground Zero, September 11, 2001. (Reuters photo: Peter Morgan)\nText.", None, None, None),
    ("At 8:46 a.m. on Sept. 11, 2001, America was changed forever.\nText.", None, None, None),
    ("The talks on March 3, 2020 collapsed after a long night in which nobody agreed on anything at all.",
     None, None, None),
])
def test_headers(text, published, outlet, place):
    h = find_header(text)
    assert (h.published, h.outlet, h.dateline_place) == (published, outlet, place)
