"""Build src/detente/actors/data/countries.yaml from mledoze/countries (ODbL) plus hand-kept extras.

    python scripts/build_countries.py [--shared ../shared/data]

Names, alternative spellings, English demonyms and capitals come from mledoze/countries
(../shared/data/leaders/mledoze_countries.json, ODbL 1.0: attribution in NOTICE.md); the abbreviations,
plural demonyms and seats of power in EXTRA below are hand-kept.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "src/detente/actors/data/countries.yaml"

# Hand-kept: abbreviations, seats of power used as metonyms (-> GOV unless noted), plural demonyms.
EXTRA = {
    "USA": {"names": ["U.S.", "US", "U.S.A.", "USA", "America", "the United States", "United States of America",
                      "the States"],
            "metonyms": ["Washington", "the White House", "White House", "the Pentagon:MIL", "Pentagon:MIL",
                         "the State Department", "State Department", "Foggy Bottom", "Capitol Hill:LEG",
                         "Congress:LEG", "the Oval Office"],
            "demonyms": ["American", "Americans", "U.S.", "US"]},
    "GBR": {"names": ["U.K.", "UK", "Britain", "Great Britain", "the United Kingdom", "England"],
            "metonyms": ["London", "Downing Street", "Whitehall", "Number 10", "the Foreign Office"],
            "demonyms": ["British", "Briton", "Britons", "the British"]},
    "RUS": {"names": ["Russian Federation", "Russia", "Chechnya"],
            "metonyms": ["Moscow", "the Kremlin", "Kremlin"], "demonyms": ["Russians"]},
    "CHN": {"names": ["PRC", "P.R.C.", "People's Republic of China", "mainland China"],
            "metonyms": ["Beijing", "Peking", "Zhongnanhai"], "demonyms": ["Chinese"]},
    "PRK": {"names": ["DPRK", "D.P.R.K.", "N. Korea", "North Korea", "the Hermit Kingdom"], "metonyms": ["Pyongyang"],
            "demonyms": ["North Koreans"]},
    "KOR": {"names": ["ROK", "R.O.K.", "S. Korea", "South Korea", "Republic of Korea"],
            "metonyms": ["Seoul", "the Blue House", "Blue House"], "demonyms": ["South Koreans"]},
    "JPN": {"metonyms": ["Tokyo"], "demonyms": ["Japanese"]},
    "IRN": {"names": ["Islamic Republic of Iran", "Islamic Republic", "Persia"], "metonyms": ["Tehran", "Teheran"],
            "demonyms": ["Iranians"]},
    "ISR": {"names": ["the Jewish state"], "metonyms": ["Jerusalem", "the Knesset:LEG", "Knesset:LEG"], "demonyms": ["Israelis"]},
    "BIH": {"names": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"], "demonyms": ["Bosnian", "Bosnians"]},
    "SRB": {"demonyms": ["Serb", "Serbs", "Serbians"], "metonyms": ["Belgrade"]},
    "HRV": {"demonyms": ["Croat", "Croats", "Croatians"], "metonyms": ["Zagreb"]},
    "SDN": {"names": ["Darfur"], "metonyms": ["Khartoum"], "demonyms": ["Sudanese"]},
    "PHL": {"metonyms": ["Manila"], "demonyms": ["Filipinos"]},
    "PSE": {"names": ["Palestine", "Palestinian Authority", "Palestinian territories", "West Bank", "Gaza",
                      "Gaza Strip"], "metonyms": ["Ramallah"], "demonyms": ["Palestinians"]},
    "FRA": {"metonyms": ["Paris", "the Elysee", "Elysee", "the Élysée", "Élysée", "the Quai d'Orsay"],
            "demonyms": ["French", "the French"]},
    "DEU": {"metonyms": ["Berlin", "Bonn"], "demonyms": ["Germans"]},
    "TUR": {"names": ["Turkey", "Türkiye", "Turkiye"], "metonyms": ["Ankara"], "demonyms": ["Turks"]},
    "SYR": {"metonyms": ["Damascus"], "demonyms": ["Syrians"]},
    "IRQ": {"metonyms": ["Baghdad"], "demonyms": ["Iraqis"]},
    "AFG": {"metonyms": ["Kabul"], "demonyms": ["Afghans"]},
    "UKR": {"metonyms": ["Kiev", "Kyiv"], "demonyms": ["Ukrainians"]},
    "SAU": {"names": ["Saudi", "KSA", "the Kingdom"], "metonyms": ["Riyadh"], "demonyms": ["Saudis", "Saudi"]},
    "EGY": {"metonyms": ["Cairo"], "demonyms": ["Egyptians"]},
    "VEN": {"metonyms": ["Caracas", "Miraflores"], "demonyms": ["Venezuelans"]},
    "CUB": {"metonyms": ["Havana"], "demonyms": ["Cubans"]},
    "IND": {"metonyms": ["New Delhi", "Delhi"], "demonyms": ["Indians"]},
    "PAK": {"metonyms": ["Islamabad"], "demonyms": ["Pakistanis"]},
    "ARE": {"names": ["UAE", "U.A.E.", "the Emirates"], "metonyms": ["Abu Dhabi"], "demonyms": ["Emiratis"]},
    "QAT": {"metonyms": ["Doha"], "demonyms": ["Qataris"]},
    "TWN": {"names": ["Taiwan", "Republic of China", "ROC"], "metonyms": ["Taipei"], "demonyms": ["Taiwanese"]},
    "VNM": {"names": ["Vietnam", "Viet Nam"], "metonyms": ["Hanoi"], "demonyms": ["Vietnamese"]},
    "LBY": {"metonyms": ["Tripoli"], "demonyms": ["Libyans"]},
    "LBN": {"metonyms": ["Beirut"], "demonyms": ["Lebanese"]},
    "JOR": {"metonyms": ["Amman"], "demonyms": ["Jordanians"]},
    "YEM": {"metonyms": ["Sanaa"], "demonyms": ["Yemenis"]},
    "CAN": {"metonyms": ["Ottawa"], "demonyms": ["Canadians"]},
    "MEX": {"metonyms": ["Mexico City"], "demonyms": ["Mexicans"]},
    "BRA": {"metonyms": ["Brasilia", "Brasília"], "demonyms": ["Brazilians"]},
    "AUS": {"metonyms": ["Canberra"], "demonyms": ["Australians"]},
    "ITA": {"metonyms": ["Rome"], "demonyms": ["Italians"]},
    "ESP": {"metonyms": ["Madrid"], "demonyms": ["Spaniards", "Spanish"]},
    "POL": {"metonyms": ["Warsaw"], "demonyms": ["Poles"]},
    "GEO": {"metonyms": ["Tbilisi"], "demonyms": ["Georgians"]},
    "BLR": {"metonyms": ["Minsk"], "demonyms": ["Belarusians"]},
    "MMR": {"names": ["Burma"], "metonyms": ["Naypyidaw", "Rangoon"], "demonyms": ["Burmese"]},
    "COD": {"names": ["DR Congo", "DRC", "D.R. Congo"], "metonyms": ["Kinshasa"]},
    "CIV": {"names": ["Ivory Coast"]},
    "CZE": {"names": ["Czech Republic", "Czechia"]},
    "NLD": {"names": ["Holland", "the Netherlands"], "metonyms": ["The Hague"], "demonyms": ["Dutch"]},
    "VAT": {"names": ["Holy See", "the Vatican", "Vatican"]},
}
# Demonyms that are also common words or that mislead inside other names are not added.
SKIP_DEMONYMS = {"Guinean", "Congolese", "Georgian"}
# A demonym mledoze gives to several territories belongs to the state news means by it.
DEMONYM_OWNER = {"French": "FRA", "American": "USA", "Americans": "USA", "Dutch": "NLD", "Indian": "IND",
                 "Indians": "IND", "Norwegian": "NOR", "Norwegians": "NOR", "Frenches": "FRA"}


def plural(d: str) -> list[str]:
    if d.endswith(("ese", "ish", "ch", "ss", "i")):
        return []
    return [d + "s"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared/data"))
    a = ap.parse_args()
    src = json.loads((Path(a.shared) / "leaders/mledoze_countries.json").read_text(encoding="utf-8"))
    out = []
    for c in sorted(src, key=lambda c: c["cca3"]):
        code = c["cca3"]
        if code == "UNK":  # Kosovo: CAMEO uses XKX? keep the ISO user-assigned code
            code = "XKX"
        names = [c["name"]["common"], c["name"]["official"]]
        names += [s for s in c.get("altSpellings", []) if len(s) > 3 and s.isascii() and "," not in s]
        dem = set()
        for v in (c.get("demonyms", {}).get("eng") or {}).values():
            for d in (x.strip() for x in (v or "").replace(" or ", ",").split(",")):
                if d and d not in SKIP_DEMONYMS and DEMONYM_OWNER.get(d, code) == code:
                    dem.add(d)
                    dem.update(p for p in plural(d) if DEMONYM_OWNER.get(p, code) == code)
        extra = EXTRA.get(code, {})
        names += extra.get("names", [])
        dem.update(extra.get("demonyms", []))
        caps = [x for x in c.get("capital", []) if x]
        mets = list(dict.fromkeys(caps + extra.get("metonyms", [])))
        seen = set()
        names = [n for n in names if not (n.lower() in seen or seen.add(n.lower()))]
        out.append({"code": code, "name": c["name"]["common"], "names": names,
                    "demonyms": sorted(dem), "metonyms": mets,
                    "source": "mledoze/countries 5e9f370 (ODbL 1.0); abbreviations and seats of power hand-kept"})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("# Generated by scripts/build_countries.py: edit EXTRA there, or add a custom actors file.\n"
                   + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"wrote {len(out)} countries to {OUT}")


if __name__ == "__main__":
    main()
