"""The codebook's examples are coded as the page says (root-level codes where sub-codes may move)."""
import pytest

import detente

# (sentence, source, target, CAMEO prefix, modality) as docs/codebook.md states them; article of 2016-02-21.
CASES = [
    ("Japan urged North Korea to return to talks.", "JPN", "PRK", "02", "asserted"),
    ("North Korea did not reject the proposal.", "PRK", None, "12", "negated"),
    ("North Korea said it would strike Seoul if the drills went ahead.", "PRK", "KORGOV", "19", "hypothetical"),
    ("South Korea plans to impose sanctions on North Korea.", "KOR", "PRK", "163", "intended"),
    ("South Korea plans to impose sanctions on North Korea.", "KOR", "PRK", "1312", "asserted"),
    ("The United States must impose sanctions on Iran, Israel said.", "USA", "IRN", "163", "demanded"),
    ("Iranian officials believed that Washington had attacked Syria.", "USAGOV", "SYR", "19", "believed"),
    ("North Korea accused the United States of plotting an invasion.", "PRK", "USA", "112", "asserted"),
    ("China condemned the missile launch by North Korea.", "CHN", "PRK", "111", "asserted"),
    ("China condemned the missile launch by North Korea.", "PRK", None, "15", "asserted"),
    ("North Korea threatened to strike Seoul if the drills went ahead.", "PRK", "KORGOV", "13", "asserted"),
    ("Russia pledged to support China.", "RUS", "CHN", "030", "asserted"),
    ("Russia pledged to support China.", "RUS", "CHN", "051", "intended"),
    ("Russia pledged to support China.", "RUS", "CHN", "032", "asserted"),
    ("North Korea rejected the proposal on Monday, Yonhap reported.", "PRK", None, "12", "asserted"),
]


def _code(actor):
    return (actor or {}).get("code")


@pytest.mark.parametrize("sentence,source,target,cameo,modality", CASES)
def test_codebook_example(sentence, source, target, cameo, modality):
    got = [e.to_dict() for e in detente.code_text(sentence, "2016-02-21", all_modalities=True)]
    assert any(_code(d["source"]) == source and (target is None or _code(d["target"]) == target)
               and d["cameo"].startswith(cameo) and d["modality"] == modality for d in got), got


def test_dates_examples():
    d = [e.to_dict() for e in detente.code_text("North Korea tested a nuclear device in 2006.", "2016-02-15")]
    assert any(x["date"] == "2006" and x["date_basis"] == "explicit" for x in d), d
    yon = [e.to_dict() for e in detente.code_text("North Korea rejected the proposal on Monday, Yonhap reported.",
                                                   "2016-02-21")]
    assert any(x["date"] == "2016-02-15" and x["date_basis"] == "relative"
               and (x["attribution"] or {}).get("text") == "Yonhap reported" for x in yon), yon
