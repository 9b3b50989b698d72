"""Who states a happening (``claimed_by``, CONTRACT §8), on sentences shaped like wire, local and Russian
reports, and on hostile text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.claims import REPORTING, claimed_by


@pytest.mark.parametrize("sentence, side, expected", [
    ("Ukraine's air force said it had destroyed 14 of the 17 Shahed drones launched overnight.", "Ukraine", "Ukrainian Air Force"),
    ("Air defences destroyed 20 drones over the Bryansk and Kursk regions, the Russian Defence Ministry said on Telegram.",
     "Ukraine", "Russian Defence Ministry"),
    ("According to the General Staff, Russian forces launched 35 assaults near Pokrovsk.", "Ukraine", "Ukrainian General Staff"),
    ("Two women were wounded when a drone hit a car, Belgorod region Governor Vyacheslav Gladkov wrote on Telegram.",
     "Russia", "Governor of Belgorod Oblast"),
    ("Nine people were killed, said the governor of Kharkiv region, Oleh Syniehubov.", "Ukraine", "Governor of Kharkiv Oblast"),
    ("Kharkiv Mayor Ihor Terekhov said the blast had damaged a school.", "Ukraine", "Mayor of Kharkiv"),
    ("Kremlin spokesman Dmitry Peskov told reporters the talks would not resume.", "Ukraine", "Kremlin"),
    ("The State Emergency Service said 61 people had been injured.", "Ukraine", "Ukrainian Emergency Service"),
])
def test_the_body_that_speaks_is_named_canonically(sentence, side, expected):
    assert claimed_by(sentence, side) == expected


@pytest.mark.parametrize("sentence", [
    "A Russian missile hit a five-storey building in Dnipro on Tuesday, killing two people.",
    "The strike damaged the region's military-industrial complex, officials said.",          # a modifier, not a body
    "Sunak said British military support for Ukraine would rise to 2.5 billion pounds.",      # the body is no speaker
    "Gladkov reported that the Ukrainian armed forces had shelled the village of Urazovo.",    # the army is the actor
])
def test_a_sentence_with_no_speaking_body_is_the_outlets_own_reporting(sentence):
    assert claimed_by(sentence, "Ukraine") == REPORTING


def test_a_governor_named_without_a_place_holds_the_events_place():
    event = {"geo_precision": "city", "location": "Belgorod", "city": "Belgorod", "admin1": "Belgorod Oblast"}
    assert claimed_by("The toll has risen to 24, the regional governor said on Sunday.", "Russia", event) \
        == "Governor of Belgorod Oblast"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(["said", "governor", "the", "of", "Kharkiv", "air force", "’s", "according to",
                                   "mayor", ",", ".", "\n", "Ministry", "ministry"]), max_size=60).map(" ".join))
def test_hostile_text_always_gives_a_claimant(text):
    who = claimed_by(text, "Ukraine", {"geo_precision": None, "location": None})
    assert isinstance(who, str) and who
