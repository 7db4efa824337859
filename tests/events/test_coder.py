"""The rule coder on sentences written for these tests: predicate forms, modality, attribution, compounds."""
from __future__ import annotations

import pytest

from tests.conftest import SEED


def pairs(events, modality="asserted"):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.cameo_root)
            for e in events if modality is None or e.modality == modality}


def test_seed_sentence(code):
    evs = code(SEED)
    assert ("USA", "PRK", "02") in pairs(evs)
    rej = next(e for e in evs if e.cameo_root == "12")
    assert (rej.source.code, rej.target.code) == ("PRKGOV", "USAGOV")
    assert rej.attribution.outlet == "The Wall Street Journal"
    assert rej.attribution.speaker.country == "USA"
    assert rej.rule.endswith("verb.reject.decline")


@pytest.mark.parametrize("text,want", [
    ("Iran rejected the EU offer on Monday.", ("IRN", "EUR", "12")),                     # verb
    ("Turkey condemned Syria over the shelling.", ("TUR", "SYR", "11")),                        # verb
    ("Venezuela lashed out at Colombia on Friday.", ("VEN", "COL", "11")),                      # phrasal verb
    ("Russian troops pulled out of Georgia last week.", ("RUS", "GEO", "08")),                  # phrasal verb
    ("Qatar broke off relations with Egypt.", ("QAT", "EGY", "16")),                            # phrasal verb
    ("The European Union imposed sanctions on Belarus.", ("EUR", "BLR", "16")),                 # light verb
    ("India held talks with Pakistan in Islamabad.", ("IND", "PAK", "04")),                     # light verb
    ("North Korea carried out a nuclear test.", ("PRK", None, "15")),                           # light verb
    ("Japan lodged a protest with China.", ("JPN", "CHN", "11")),                               # light verb
    ("Two French journalists were detained by Iranian police.", ("IRN", "FRA", "17")),          # passive
    ("Egypt accused Israel of violating the truce.", ("EGY", "ISR", "11")),                     # accuse X of Y
])
def test_predicate_forms(code, text, want):
    assert want in pairs(code(text))


def test_accuse_x_of_y_is_one_accusation(code):
    evs = code("Egypt accused Israel of bombing Gaza.")
    roots = sorted(e.cameo_root for e in evs if e.modality == "asserted")
    assert roots == ["11"]


def test_nominal_event(code):
    evs = code("North Korea's missile launch drew condemnation from Japan.")
    assert ("PRK", None, "15") in pairs(evs)


def test_meeting_between(code):
    got = pairs(code("A meeting between Russia and Ukraine took place in Minsk."))
    assert ("RUS", "UKR", "04") in got and ("UKR", "RUS", "04") in got


@pytest.mark.parametrize("text,modality", [
    ("Iran did not reject the offer.", "negated"),
    ("Iran never rejected the offer.", "negated"),
    ("Iran could reject the offer.", "hypothetical"),
    ("If Iran rejects the offer, talks will end.", "hypothetical"),
    ("Iran plans to reject the offer.", "intended"),
    ("Iran will reject the offer.", "intended"),
    ("Iran must reject the offer, hardliners said.", "demanded"),
    ("Officials feared that Iran would reject the offer.", "hypothetical"),
    ("Officials were convinced that Iran rejected the offer.", "believed"),
    ("Iran rejected the offer.", "asserted"),
])
def test_modality(code, text, modality):
    evs = [e for e in code(text) if e.cameo_root == "12"]
    assert evs and evs[0].modality == modality


def test_must_not_clauses_are_not_asserted(code):
    for text in ("A war on the peninsula must be avoided at all costs.",
                 "Both sides should pledge to refrain from any strike.",
                 "Iranian officials feared that Washington was preparing an invasion of Iran."):
        assert not [e for e in code(text) if e.modality == "asserted" and e.cameo_root in ("18", "19", "20")], text


def test_stated_intention_is_a_threat(code):
    evs = code("Washington said on Wednesday it would impose fresh sanctions on Moscow.")
    assert ("USA", "RUS", "13") in pairs(evs)
    assert ("USA", "RUS", "16") not in pairs(evs)  # the sanctions themselves are not yet imposed


def test_after_clause_stays_asserted(code):
    evs = code("Pyongyang vowed revenge after the UN imposed new sanctions on North Korea.")
    assert ("UNO", "PRK", "16") in pairs(evs)


@pytest.mark.parametrize("text,speaker,outlet", [
    ("China criticized Japan, according to the Xinhua news agency.", None, "Xinhua"),
    ("Russia condemned the strike, state news agency TASS said.", "RUS", "TASS"),
    ("Iran rejected the offer, Iranian officials told Reuters.", "IRN", "Reuters"),
])
def test_attribution(code, text, speaker, outlet):
    ev = next(e for e in code(text) if e.modality == "asserted")
    assert ev.attribution is not None and ev.attribution.outlet == outlet
    if speaker:
        assert ev.attribution.speaker.country == speaker


def test_compound_actors(code):
    got = pairs(code("South Korea and the United States condemned the launch by North Korea."))
    assert ("KOR", "PRK", "11") in got and ("USA", "PRK", "11") in got


def test_pronoun_refers_to_previous_subject(code):
    evs = code("China's foreign ministry spoke on Monday. It urged North Korea to show restraint.")
    assert ("CHN", "PRK", "02") in pairs(evs)


def test_speech_act_evaluation(code):
    evs = code("Japan said the launch by North Korea was intolerable.")
    assert ("JPN", "PRK", "11") in pairs(evs)


def test_every_event_explains_itself(code):
    for e in code(SEED):
        assert e.rule.startswith("detente.rules.v1:") and e.trigger and e.sentence in SEED
        assert SEED[e.span[0]:e.span[1]] == e.sentence


def test_negative_subject_and_future_report_are_not_asserted(code):
    evs = code("No country condemned the launch by North Korea.")
    assert not [e for e in evs if e.modality == "asserted" and e.cameo_root == "11"]
    evs = code("Iran's leaders will probably say they reject the offer, the president said.")
    assert not [e for e in evs if e.modality == "asserted" and e.cameo_root == "12"]


def test_surname_refers_back_to_a_named_person(code):
    evs = code("South Korean President Moon Jae-in arrived in Berlin. Moon urged North Korea to talk.",
               published="2018-02-10")
    assert ("KOR", "PRK", "02") in pairs(evs)


@pytest.mark.parametrize("text,want", [
    # a verb the parser hangs on the reported clause is still the speaker's
    ("Peru's envoy said that force should not be used against Chile and called for a halt to the deployment "
     "of Bolivian troops.", ("PER", "BOL", "10")),
    # received acts: the source follows "from", the target is the subject's author
    ("Canada's decision won praise from other nations, including Norway and Finland.", ("NOR", "CAN", "05")),
    ("The Egyptian move drew sharp criticism from Sudan.", ("SDN", "EGY", "11")),
    # blame in reported speech is an accusation
    ("Kenya said Somalia was behind the raid.", ("KEN", "SOM", "11")),
    # "X's decision to re-impose sanctions": the possessor acts
    ("Sweden's decision to impose sanctions on Belarus angered Minsk.", ("SWE", "BLR", "16")),
    # "followed Y in imposing": the subject acts
    ("Norway has followed Sweden in imposing a new round of sanctions on Belarus.", ("NOR", "BLR", "16")),
    # a nominal event with a named author
    ("Turkey's offensive against Kurdish militias in Syria went on.", ("TUR", None, "19")),
])
def test_more_predicate_forms(code, text, want):
    got = pairs(code(text))
    assert want in got or (want[1] is None and any(g[0] == want[0] and g[2] == want[2] for g in got)), got


def test_stated_sanctions_are_a_threat(code):
    evs = code("Chile said Peru would propose new sanctions on Bolivia in coming days.")
    assert ("PER", "BOL", "13") in pairs(evs)


def test_quote_keeps_its_reporting_clause(code):
    evs = code("\u201cPeru has shown great disrespect for its neighbour!\u201d the Chilean foreign minister wrote.")
    assert ("CHL", "PER", "11") in pairs(evs)


@pytest.mark.parametrize("text,want", [
    ("Bolivia will not negotiate with Chile over the border.", ("BOL", "CHL", "12")),
    ("Peru did not sign the agreement with Ecuador.", ("PER", "ECU", "12")),
])
def test_refusal_from_own_negation(code, text, want):
    evs = code(text)
    assert want in pairs(evs)
    assert not any(e.cameo_root in ("04", "05") for e in evs if e.modality == "asserted")


def test_negated_test_is_no_refusal(code):
    assert not [e for e in code("Chile has not tested a missile.") if e.cameo_root == "12"]


def test_unresolved_object_is_kept_as_target(code):
    evs = code("The Peruvian parliament rejected the Quillabamba council decision.")
    rej = [e for e in evs if e.cameo_root == "12"]
    assert rej and rej[0].target is not None and rej[0].target.code is None
    assert "decision" in rej[0].target.text


def test_warning_of_a_fact_is_criticism_not_threat(code):
    fact = pairs(code("Chile warned that the Peruvian strikes dealt a blow to relations between the two countries."))
    assert any(p[0] == "CHL" and p[2] == "11" for p in fact)
    threat = pairs(code("Chile warned Peru that it would respond to any attack."))
    assert ("CHL", "PER", "13") in threat


def test_bare_role_phrase_takes_the_datelines_state(code):
    evs = code("LIMA (Reuters) - State media on Sunday lambasted Chile for its naval exercises.")
    assert any(e.source and e.source.code == "PERMED" and e.target and e.target.country == "CHL"
               for e in evs), [(e.source, e.target) for e in evs]


def test_reported_obligation_is_the_speakers_demand(code):
    evs = code("A senior Chilean minister said that Bolivia must hand over the suspects.")
    assert ("CHL", "BOL", "10") in pairs(evs)


def test_violence_with_no_named_author_has_no_source(code):
    evs = [e for e in code("Three Chilean soldiers were killed by a roadside bomb near the border.")
           if e.modality == "asserted" and e.cameo_root in ("18", "19", "20")]
    assert evs and evs[0].source is None and evs[0].target.country == "CHL"


def test_wounding_and_firefights(code):
    assert ("PER", "CHL", "19") in pairs(code("Peruvian troops wounded two Chilean soldiers on Monday."))
    assert ("PER", "CHL", "19") in pairs(code("Peruvian troops engaged Chilean soldiers in a firefight."))


def test_a_leaders_plain_statement_about_the_other_party(code):
    evs = code("Peruvian President Alan Garcia said Chile's naval exercises ended on Monday.", "2008-05-01")
    assert any(e.cameo == "010" and e.source.country == "PER" for e in evs)
    # a country's statement is an event too, about the party its content names
    evs = [e for e in code("Peru said Chile's naval exercises ended on Monday.") if e.cameo == "010"]
    assert [(e.source.country, e.target.country) for e in evs] == [("PER", "CHL")]
    # with no other party named, the statement has no target (never the article's other actor, guessed)
    evs = code("Chile held naval exercises on Sunday. Peru said nothing had changed.")
    assert [(e.source.country, e.target) for e in evs if e.cameo == "010"] == [("PER", None)]


def test_participant_of_nominal_talks(code):
    evs = code("Speaking after a week of talks with Ecuador in Lima, Peru's foreign minister told reporters "
               "that progress had been made.")
    assert ("PER", "ECU", "04") in pairs(evs)


def test_for_clause_names_who_is_asked(code):
    # the parser makes "for" the mark of "Chile to return": Chile is who is asked
    evs = code("Bolivia is looking for Chile to return the disputed territory, a senior official said.")
    assert ("BOL", "CHL", "10") in pairs(evs)


def test_letter_goes_to_its_addressee(code):
    evs = code("Peru's envoy delivered a letter from Peruvian President Alan Garcia to Ecuador on Monday.",
               "2008-05-01")
    assert ("PER", "ECU", "04") in pairs(evs)
    assert ("PER", "PER", "04") not in pairs(evs)


def test_ceremony_host_does_its_act(code):
    evs = code("Brazilian Foreign Minister Celso Amorim presided over a ceremony reopening the Brazilian embassy "
               "in Caracas.", "2009-05-01")
    assert ("BRA", "VEN", "05") in pairs(evs)


def test_signing_a_roadmap_is_an_agreement(code):
    evs = code("Argentina said it had signed a roadmap with the Chilean government.")
    assert ("ARG", "CHL", "05") in pairs(evs)


def test_the_government_in_a_state_agency_report(code):
    evs = code("Washington expanded its sanctions on Monday. In a statement carried by the official KCNA news "
               "agency, the government said the move was a flagrant provocation.")
    said = [e for e in evs if e.cameo_root == "11" and e.modality == "asserted"]
    assert said and said[0].source.country == "PRK", [(e.source, e.target, e.cameo) for e in evs]


def test_definite_act_refers_to_the_earlier_event(code):
    evs = code("Peru and Ecuador reached an agreement on the border on Sunday. "
               "The Brazilian government welcomed the agreement on Monday.")
    assert any(e.source.country == "BRA" and e.target and e.target.country in ("PER", "ECU")
               and e.cameo_root == "05" for e in evs if e.source), [(e.source, e.target, e.cameo) for e in evs]
    evs = code("Peru launched missile strikes against Ecuador on Sunday. "
               "The missile strikes hit an air base in southern Ecuador.")
    hit = [e for e in evs if e.trigger.startswith("hit")]
    assert hit and hit[0].source.country == "PER" and hit[0].target.country == "ECU"
    evs = code("Brazil imposed sanctions on Peru on Sunday. Peru said the sanctions were a flagrant violation.")
    assert ("PER", "BRA", "11") in pairs(evs)


def test_the_two_countries_are_the_latest_pair(code):
    evs = code("Peru's foreign minister met his Chilean counterpart in Lima on Monday. "
               "He said Peru's president opened the door to restoring a hotline between the two countries, weeks "
               "after the Bolivian crisis.",
               "2009-05-01")
    assert ("PER", "CHL", "03") in pairs(evs), [(e.source, e.target, e.cameo) for e in evs]


def test_their_meeting_is_between_the_pair_named_before(code):
    evs = code("Peruvian President Alan Garcia says he and Chilean President Michelle Bachelet are friends, but "
               "their meeting on Wednesday failed to resolve the dispute.", "2008-05-01")
    assert {("PER", "CHL", "04"), ("CHL", "PER", "04")} <= pairs(evs)


def test_people_tied_to_a_leader_are_of_his_country(code):
    evs = code("The Brazilian government took aim at Venezuelan President Hugo Chavez's associates by imposing "
               "sanctions on officials and companies tied to him.", "2009-05-01")
    assert ("BRA", "VEN", "16") in pairs(evs), [(e.source, e.target, e.cameo) for e in evs]


@pytest.mark.parametrize("text", [
    "Peruvian President Alan Garcia told reporters that if Chile does anything at all, it will pay a price.",
    "Peruvian President Alan Garcia said Chile would face grave consequences if it crossed the border.",
])
def test_consequences_promised_are_the_speakers_threat(code, text):
    evs = code(text, "2008-05-01")
    assert ("PER", "CHL", "13") in pairs(evs), [(e.source, e.target, e.cameo, e.modality) for e in evs]
    # the one who "will pay" does nothing
    assert not [e for e in evs if e.source and e.source.country == "CHL" and e.modality == "asserted"]


def test_warning_by_a_leader_is_his_threat(code):
    evs = code("Chile dismissed on Thursday warnings by Peruvian President Alan Garcia that it would face fire "
               "and fury if it crossed the border.", "2008-05-01")
    assert ("PER", "CHL", "13") in pairs(evs), [(e.source, e.target, e.cameo, e.modality) for e in evs]


def test_past_consequences_are_no_threat(code):
    evs = code("Peruvian President Alan Garcia said Chile faced grave consequences last year.", "2008-05-01")
    assert not [e for e in evs if e.cameo_root == "13"]


def test_agreement_with_no_partner_is_with_the_side_that_reports_it(code):
    evs = code("Bolivian President Evo Morales has agreed to halt the border patrols, Chile's foreign minister "
               "Alejandro Foxley said.", "2008-05-01")
    assert ("BOL", "CHL", "03") in pairs(evs), [(e.source, e.target, e.cameo) for e in evs]


def test_arrangement_established_by_two_leaders(code):
    evs = code("The new arrangement established by Peru's President Alan Garcia and Chile's President Michelle "
               "Bachelet leaves some issues open.", "2008-05-01")
    assert {("PER", "CHL", "05"), ("CHL", "PER", "05")} <= pairs(evs)


def test_cooperation_only_on_a_condition_is_a_demand(code):
    evs = code("Peru will only sign an agreement with Chile if the tariffs are lifted.")
    assert ("PER", "CHL", "10") in pairs(evs)
    assert ("PER", "CHL", "10") not in pairs(code("Peru will sign an agreement with Chile if the tariffs are lifted."))


def test_the_two_sides_of_this_sentences_meeting(code):
    evs = code("Peru's foreign minister met Chile's foreign minister in Lima on Monday and the two sides agreed "
               "to reopen the border.", "2009-05-01")
    assert ("PER", "CHL", "03") in pairs(evs) or ("CHL", "PER", "03") in pairs(evs), \
        [(e.source, e.target, e.cameo) for e in evs]
    evs = code("Bolivia imposed tariffs on Chile on Sunday. Peru's foreign minister met Chile's foreign minister "
               "in Lima on Monday and the two sides agreed to reopen the border.", "2009-05-01")
    agreed = [e for e in evs if e.trigger == "agreed"]
    assert agreed and not [e for e in agreed if "BOL" in (e.source.country, e.target and e.target.country)]


def test_a_claimed_attack_is_believed_and_an_accusation(code):
    evs = code("Peru claimed that Chilean troops had attacked Bolivia.")
    att = [e for e in evs if e.cameo_root == "19"]
    assert att and all(e.modality == "believed" for e in att)
    assert ("PER", "CHL", "11") in pairs(evs)


def test_telling_of_an_attack_on_oneself_accuses_its_author(code):
    assert ("PER", "CHL", "11") in pairs(code("Peru said Chilean troops shelled its border posts on Monday."))
    # telling of an attack on a third party is no accusation
    assert ("PER", "CHL", "11") not in pairs(code("Peru said Chilean troops shelled Bolivian border posts."))


def test_an_accident_is_no_author(code):
    evs = code("Five Peruvian soldiers were killed by the Chilean Airlines crash in the Andes.")
    assert not [e for e in evs if e.source and e.source.country == "CHL"]


def test_a_killing_that_follows_an_attack_is_the_same_event(code):
    evs = [e for e in code("Chilean troops shelled a Peruvian border town overnight, killing at least eight people.")
           if e.modality == "asserted"]
    assert [e.cameo_root for e in evs] == ["19"], [(e.cameo, e.trigger) for e in evs]


@pytest.mark.parametrize("text,want", [
    # cooperation by conjoined sources with no other party: each with the other
    ("Peru and Ecuador are upgrading diplomatic ties.", {("PER", "ECU", "05"), ("ECU", "PER", "05")}),
    # refusing a request answers whoever made it
    ("Chile's president on Tuesday refused a request from Peru's prime minister to reopen the case.",
     {("CHL", "PER", "12")}),
    # what one withdraws from is acted upon
    ("The UN chief withdrew peacekeepers from Haiti.", {("UNO", "HTI", "16")}),
])
def test_parties_of_cooperation_requests_and_withdrawals(code, text, want):
    assert want <= pairs(code(text, "2009-05-01"))


def test_unnamed_people_of_a_place_are_its_civilians(code):
    evs = code("A Peruvian military airstrike has killed a worker for a telecom company in Ecuador.")
    assert any(e.target and e.target.code == "ECUCVL" and e.source.country == "PER" for e in evs), \
        [(e.source, e.target, e.cameo) for e in evs]


def test_dateline_with_a_double_hyphen_is_no_actor(code):
    evs = code("QUITO, Ecuador -- A Peruvian military airstrike has killed two soldiers in Ecuador.")
    assert all(e.source is None or "QUITO" not in (e.source.text or "") for e in evs)
    assert any(e.source and e.source.country == "PER" for e in evs)


def test_consulted_party_before_the_topic_and_no_target_in_manner(code):
    assert ("PER", "CHL", "04") in pairs(code("Peru's president discussed Bolivia with Chile's president on Monday.",
                                              "2009-05-01"))
    evs = code("Peruvian troops carried out air strikes against Ecuador, with the approval of Chile.")
    assert ("PER", "ECU", "19") in pairs(evs) and ("PER", "CHL", "19") not in pairs(evs)


def test_someone_asked_a_question_makes_no_appeal(code):
    evs = code("Peru's defense minister, asked what a war with Chile might look like, warned on Sunday it would "
               "be terrible.", "2009-05-01")
    assert not [e for e in evs if e.cameo_root == "02"]
    assert ("PER", "CHL", "02") in pairs(code("Peru asked Chile to return the fishermen."))


def test_announced_act_nouns_and_quantities(code):
    # who announces an act does it
    assert ("PER", "BOL", "16") in pairs(code("Peru announced a suspension of aid to Bolivia."))
    # "dozens of" is a quantity: the artifacts are what is returned
    assert any(e.rule.endswith("return_property") for e in code("Peru returned dozens of artifacts to Bolivia."))


def test_in_case_is_hypothetical(code):
    evs = code("Chile keeps sanctions in reserve in case Peru launches a full military incursion into Bolivia.")
    assert all(e.modality != "asserted" for e in evs if e.cameo_root == "19")


def test_the_accusations_refer_to_the_earlier_accusation(code):
    evs = code("Peru accused Chile of spying on Monday. Chile rejected the accusations on Tuesday.")
    assert ("CHL", "PER", "12") in pairs(evs), [(e.source, e.target, e.cameo) for e in evs]


def test_what_another_must_do_is_a_demand_even_without_a_pattern(code):
    assert ("PER", "CHL", "10") in pairs(code("Peru says Chile must end its patrols near the border."))
    assert not [e for e in code("Peru said it must defend its border.") if e.cameo_root == "10"]
    assert not [e for e in code("A war on the border must be avoided at all costs, Peruvian officials said.")
                if e.cameo_root == "10"]


def test_an_arrest_with_no_author_is_by_the_place(code):
    evs = code("The journalist Juan Perez was arrested on Monday in Bolivia.")
    assert any(e.source and e.source.country == "BOL" and e.cameo_root == "17" for e in evs)


def test_provided_that_is_a_condition_and_avoiding_disaster_no_criticism(code):
    evs = code("Peru told Chile the door should remain open to dialogue, provided Bolivia agreed to abandon its "
               "claims.")
    assert not [e for e in evs if e.source and e.source.country == "BOL" and e.modality == "asserted"]
    evs = code("Peru has said any punitive actions targeting Bolivia must avoid bringing disaster to the country.")
    assert not [e for e in evs if e.cameo_root == "11"]


def test_a_list_parsed_as_apposition_meets_pairwise(code):
    got = pairs(code("The UK, France, and Germany met yesterday."))
    assert {("GBR", "FRA", "04"), ("FRA", "DEU", "04"), ("DEU", "GBR", "04")} <= got
    # an apposition that describes the same person is no list
    got = pairs(code("Yukiya Amano, the chief of the IAEA and a Japanese diplomat, met Iranian officials.",
                     "2015-06-01"))
    assert not [p for p in got if "JPN" in p[:2]]


def test_people_who_protest_demonstrate_and_a_conjoined_passive_keeps_its_agent(code):
    evs = code("Opponents of the Peruvian government protested yesterday in Lima.")
    assert any(e.cameo == "141" for e in evs), [(e.cameo, e.rule) for e in evs]
    assert any(e.cameo == "114" for e in code("Peru protested on Monday."))
    # a passive conjunct ("... and they were released by X") keeps its own agent
    evs = code("Peru jailed the fishermen and they were released yesterday by Chilean President Michelle Bachelet.",
               "2008-05-01")
    rel = [e for e in evs if e.trigger.startswith("released")]
    assert rel and rel[0].source.country == "CHL", [(e.source, e.target, e.trigger) for e in evs]


def test_supplies_after_with_and_us_agencies(code):
    evs = code("Peru has provided the Bolivian army with aircraft, vehicles, weapons, and other equipment.")
    assert ("PER", "BOL", "07") in pairs(evs)
    evs = code("ICE returned the stolen paintings to Germany on Monday.")
    assert ("USA", "DEU", "08") in pairs(evs)


def test_a_guessed_target_makes_no_pair_and_both_sides_is_no_demand(code):
    text = ("Peru and Chile held talks in Lima on Monday. Peruvian Foreign Minister Jose Garcia Belaunde met Chilean "
            "envoy Juan Perez and the two sides agreed to seek tougher measures at the United Nations.")
    agreed = [e for e in code(text, "2008-05-01") if e.trigger == "agreed"]
    assert agreed and {(e.source.country, e.target.country) for e in agreed} <= {("PER", "CHL"), ("CHL", "PER")}
    evs = code("Washington called for talks with Pyongyang. A war must be avoided at all costs, US officials said, "
               "and both sides should pledge to refrain from any strike.")
    assert not [e for e in evs if e.cameo_root == "10"], [(e.source, e.target, e.cameo) for e in evs]


@pytest.mark.parametrize("text,want", [
    ("Peru and Chile failed to reach agreement on a free-trade deal.", ("PER", "CHL", "12")),
    ("Two inspectors of the UN agency have been expelled from Bolivia.", ("BOL", "UNO", "16")),
    ("The Peruvian president gave his Chilean counterpart a stern warning to stop the patrols.", ("PER", "CHL", "13")),
    ("Bolivia refuted Chile's claims on Monday.", ("BOL", "CHL", "12")),
])
def test_failures_expulsions_warnings_refutations(code, text, want):
    assert want in pairs(code(text, "2009-05-01"))


def test_conjoined_parties_of_whom_one_is_known(code):
    evs = code("Peru and the Andean Development Forum signed an agreement on trade on Thursday.")
    got = [e for e in evs if e.cameo_root == "05" and e.source and e.source.country == "PER"]
    assert got and got[0].target is not None and "Forum" in got[0].target.text


def test_joining_leaders_for_talks(code):
    evs = code("The Peruvian president will join Chilean President Michelle Bachelet and Bolivian President Evo Morales "
               "for three-way talks over dinner.", "2008-05-01")
    assert {("PER", "CHL", "03"), ("PER", "BOL", "03")} <= pairs(evs)


def test_announced_money_is_aid(code):
    evs = code("On Monday, the Peruvian government announced nearly $33 million in additional assistance to Bolivia.")
    assert ("PER", "BOL", "07") in pairs(evs)


def test_drills_without_partner_show_force_and_attacks_hit_where_they_happen(code):
    evs = code("Peru is conducting military exercises near the border.")
    assert any(e.cameo == "150" for e in evs), [(e.cameo, e.rule) for e in evs]
    assert ("PER", "CHL", "06") in pairs(code("Peru is conducting joint exercises with Chile."))
    evs = code("Shining Path rebels have launched many attacks during their campaign in southern Peru.")
    assert any(e.cameo_root == "19" and e.target and e.target.country == "PER" for e in evs), \
        [(e.source, e.target, e.cameo) for e in evs]


def test_an_act_dated_after_publication_is_intended_not_asserted(code):
    # "next week" and a later month are after the article was written: the trip has not happened yet
    evs = code("Clinton said that Obama's trip to the G-8 summit next week would provide an opportunity.",
               published="2013-06-14")
    trip = [e for e in evs if e.trigger == "trip" and e.date.startswith("2013-06-17")]
    assert trip and all(e.modality == "intended" for e in trip)
    assert "dated after publication (next week)" in str(trip[0].extra["trace"]["modality"])
    # the intention it states is stated by the time of writing, not next week
    stated = [e for e in evs if e.rule.endswith("+stated_intent")]
    assert all(e.date <= "2013-06-14" for e in stated)
    # a day of the past stays asserted
    evs = code("North Korea launched a missile on Sunday.", published="2013-06-14")
    assert [e.modality for e in evs] == ["asserted"]
