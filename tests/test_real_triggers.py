"""Triggers for real reporting (issue #7): the ground war, people and bodies coming home, measures taken
beyond talks, and the ACLED codes of each kind. Sentences are written for these tests."""
import pytest

from analysis.categories import classify, codes


def kinds(text):
    return [(t.category, t.kind) for t in classify(text)]


@pytest.mark.parametrize("text,expected", [
    # places taken, lost and taken back
    ("Moscow said its units had seized the small village of Hlyboke after a week of fighting.", [("attack", "capture")]),
    ("The regional capital fell to Russian troops late on Tuesday, officials in Kyiv conceded.", [("attack", "capture")]),
    ("Commanders said the brigade captured another three settlements east of the river.", [("attack", "capture")]),
    ("Kyiv says its forces recaptured Pravdyne on the southern front on Sunday.", [("attack", "recapture")]),
    ("The defence ministry said troops had regained control of 6 settlements in the border district.", [("attack", "recapture")]),
    # fighting on the ground without a change of hands
    ("Defenders fought off four assaults near the village overnight, the general staff said.", [("attack", "clash")]),
    ("Russian units are advancing on Kostiantynivka from the south, a military analyst said.", [("attack", "clash")]),
    ("Footage shows infantry moved into northern Selydove on Friday.", [("attack", "clash")]),
    # no capture: prisoners taken, a moment caught on film, an aim
    ("Five fighters captured while defending the plant were among those released.", []),
    ("A resident's phone managed to capture the moment the roof collapsed.", []),
    # people and bodies coming home
    ("Kyiv secured the release of 90 servicemen from Russian captivity on Friday.", [("humanitarian", "prisoner_exchange")]),
    ("The bodies of 250 fallen soldiers have been returned to Ukraine, the coordination centre said.", [("humanitarian", "prisoner_exchange")]),
    # measures taken, not talks
    ("The bloc adopted a new package of sanctions aimed at Russian banks on Monday.", [("diplomacy", "sanctions")]),
    ("Canada said it would close its airspace to all Russian aircraft from midnight.", [("diplomacy", "sanctions")]),
    ("In a televised speech the president warned the West that Moscow would respond.", [("diplomacy", "statement")]),
    # power and water: restored or cut by the operator on their own; with the strike named, the strike
    ("Heating and water have been restored in most of Kharkiv, the city council said on Thursday.", [("humanitarian", "utilities")]),
    ("The grid operator imposed rolling blackouts in six regions to keep the system stable.", [("humanitarian", "utilities")]),
    ("Some 40,000 homes were left without power after a drone hit a substation near Sumy.", [("attack", "strike")]),
    # strategic developments ACLED codes
    ("Police have detained more than 300 people at rallies in several cities, a rights group said.", [("other", "arrests")]),
    ("The president ordered a partial mobilisation of reservists on Wednesday.", [("other", "mobilisation")]),
    ("Flights at two airports in the capital were temporarily suspended overnight.", [("other", "restriction")]),
])
def test_real_reporting_triggers(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("kind,event_type,sub_event_type", [
    ("interception", "Strategic developments", "Disrupted weapons use"),
    ("capture", "Battles", "Armed clash"),
    ("recapture", "Battles", "Government regains territory"),
    ("clash", "Battles", "Armed clash"),
    ("prisoner_exchange", "Strategic developments", "Agreement"),
    ("arrests", "Strategic developments", "Arrests"),
    ("mobilisation", "Strategic developments", "Change to group/activity"),
    ("alert", None, None),
    ("utilities", None, None),
    ("evacuation", None, None),
])
def test_acled_codes_of_each_kind(kind, event_type, sub_event_type):
    assert (codes(kind)["event_type"], codes(kind)["sub_event_type"]) == (event_type, sub_event_type)


def test_power_cut_after_a_strike_only_supports_it():
    """A city left without power is the strike's damage (CONTRACT §7): the trigger does not open an event."""
    (trigger,) = classify("Thousands of homes in the district were left without power and heating.")
    assert (trigger.kind, trigger.opens) == ("utilities", False)


def test_request_to_partners_is_an_appeal():
    assert kinds("The foreign minister asked partners for permission to strike deeper.") == [("diplomacy", "appeal")]
