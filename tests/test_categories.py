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
    assert codes("interception")["event_type"] is None


def test_effects_and_scope():
    assert effect_of("The attack triggered fires across several districts, including Podilskyi.") == "fire"
    assert effect_of("The incident in the Podilskyi district claimed at least one life.") == "fatality"
    assert is_nationwide("Nationwide, Russia launched 206 drones overnight.")
    assert not is_nationwide("Russia launched 48 drones at Kharkiv.")
