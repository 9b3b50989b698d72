"""Category triggers on real sentences: the deciding trigger, interceptions that also hit, effects."""
import pytest

from analysis.categories import classify, codes, effect_of, is_nationwide


def cats(text):
    return [t.category for t in classify(text)]


@pytest.mark.parametrize("text,expected", [
    ("On the morning of February 12, Russia launched a missile attack on the Ukrainian capital, Kyiv.", ["attack"]),
    ("Mayor Klitschko confirmed that air defenses are actively engaged in Kyiv to counter the threat.", ["air_defense"]),
    ("On February 11, President Volodymyr Zelensky made a significant statement regarding potential peace talks with Russia.", ["diplomacy"]),
    ("North Korea is reported to have provided Russia with 200 long-range artillery guns.", ["military_support"]),
    ("Prisoner swap: Russia and Ukraine have exchanged 146 prisoners of war each in a deal mediated by the United Arab Emirates.", ["humanitarian"]),
    ("On March 3, the White House confirmed that President Donald Trump had ordered a halt to all US military assistance for Ukraine.", ["military_support"]),
    ("Moscow has vowed to retaliate for Ukraine’s June 1 drone operation against airfields housing Russia's long-range bombers.", ["attack"]),
    ("Air defence units shot down 87 of the drones, while electronic warfare knocked out another 80.", ["air_defense"]),
    ("The international community has called for restraint and a de-escalation of hostilities.", ["diplomacy"]),
    ("This development adds another layer of complexity to the conflict.", []),
    # a trigger word followed straight by a name
    ("US Secretary of State Antony Blinken made an unannounced trip to Kyiv on Thursday and met Zelensky.", ["diplomacy"]),
    ("On Thursday President Volodymyr Zelensky announced that Ukrainian troops had liberated Balakliia.", ["attack"]),
    ("In Warsaw, President Volodymyr Zelensky and Polish Prime Minister Donald Tusk sign a bilateral security agreement.", ["diplomacy"]),
    ("At the United Nations, the General Assembly voted on Thursday to suspend Russia from the Human Rights Council.", ["diplomacy"]),
    ("Russia pulled out of the U.N.-brokered Black Sea Grain Initiative on Monday.", ["diplomacy"]),
    ("Slovakia's Prime Minister Eduard Heger announced that his country had given its S-300 air defence system to Ukraine.", ["military_support"]),
    ("A powerful explosion tore through the Crimean Bridge across the Kerch Strait on Saturday.", ["attack"]),
    ("Patients are being moved from Okhmatdyt to other hospitals in the city.", ["humanitarian"]),
    # denials, plans and possibilities are no happening
    ("Russia's Defence Ministry denied carrying out the strike, calling it a provocation.", []),
    ("Under the deal Poland will examine whether it can shoot down Russian missiles over Ukraine.", []),
])
def test_deciding_category(text, expected):
    assert cats(text) == expected


def test_interception_that_still_hit_is_also_an_attack():
    text = ("The Kursk nuclear power plant says a Ukrainian drone downed by air defences near the station at 00:26 "
            "local time blew up as it came down, damaging an auxiliary transformer.")
    assert cats(text) == ["air_defense", "attack"]


def test_codes_follow_acled_and_cameo():
    assert codes("strike")["event_type"] == "Explosions/Remote violence"
    assert codes("aid")["cameo_code"] == "072"
    # issue #7: ACLED codes an interception as a disrupted use of weapons (was null before)
    assert codes("interception")["event_type"] == "Strategic developments"


def test_effects_and_scope():
    assert effect_of("The attack triggered fires across several districts, including Podilskyi.") == "fire"
    assert effect_of("The incident in the Podilskyi district claimed at least one life.") == "fatality"
    assert is_nationwide("Nationwide, Russia launched 206 drones overnight.")
    assert not is_nationwide("Russia launched 48 drones at Kharkiv.")


def test_weapons_aimed_at_the_country_are_nationwide():
    assert is_nationwide("The air force said Russia had launched 40 drones and two missiles at the country overnight.")
    assert not is_nationwide("Russia fired missiles at the country's second city on Friday.")


def test_a_deal_and_a_pledge_in_one_sentence_are_two_frames():
    text = ("The prime minister signed a ten-year security agreement with Moldova's neighbour on Friday and said "
            "military assistance for Kyiv would rise to 3 billion euros next year.")
    assert [(t.category, t.kind) for t in classify(text)] == [("diplomacy", "agreement"), ("military_support", "aid")]
    hoped = ("The two capitals signed a long-awaited agreement on Wednesday, a step that may help keep "
             "military assistance flowing.")
    assert [t.category for t in classify(hoped)] == ["diplomacy"]
