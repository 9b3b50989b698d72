"""Villages the gazetteer lacks, taken only where the text calls them villages (``analysis.unlisted``)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.places import gazetteer
from analysis.unlisted import unlisted
from test_consolidate import events_of


def names(text: str) -> list[tuple[str, str | None]]:
    found = gazetteer().find(text)
    return [(m.place, m.country) for m in unlisted(text, found)]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Moscow says its forces have taken the village of Yasnobrodivka in eastern Ukraine.",
                 [("Yasnobrodivka", "Ukraine")], id="village-of"),
    pytest.param("In Horiane, Russian troops dropped an aerial bomb that killed a woman of 38.",
                 [("Horiane", None)], id="slot-in-name-comma"),
    pytest.param("An airstrike on Pidseredne damaged a private home and a farm building.",
                 [("Pidseredne", None)], id="slot-strike-on"),
    pytest.param('"Goncharovka in the Sudzhansky district came under fire today," the governor wrote.',
                 [("Goncharovka", None)], id="slot-name-in-the-district"),
    pytest.param("The ministry said the three villages now held by Moscow were Maslyakivka and Yasnobrodivka.",
                 [("Maslyakivka", None), ("Yasnobrodivka", None)], id="toponyms-where-villages-are-spoken-of"),
    pytest.param("Separately, the Kirovske military airfield in occupied Crimea was hit by drones.",
                 [("Kirovske", "Ukraine")], id="a-site-named-after-its-village"),
    pytest.param("Later the same day, at Skrydstrup air base in southern Denmark, the prime minister spoke.",
                 [("Skrydstrup", "Denmark")], id="a-base-named-after-its-place"),
    pytest.param("The ministry said its Battlegroup East units had freed Zolotoverkhivka within two days.",
                 [("Zolotoverkhivka", None)], id="a-place-freed"),
    pytest.param("A Thursday statement from the ministry claimed the capture of Kozachykhivka.",
                 [("Kozachykhivka", None)], id="the-capture-of-a-place"),
    pytest.param("Moscow said it had freed Ukrainian prisoners held by Wagner.", [], id="freed-captives-are-no-place"),
    pytest.param("Drones hit the Russian air base overnight.", [], id="a-side-names-no-base"),
    pytest.param("In Syrskyi's view, the villages are holding.", [], id="a-possessive-is-no-village"),
    pytest.param("Russian troops attacked Kovalenko's unit near the town.", [], id="a-surname-is-no-village"),
    pytest.param("In Brief, the strikes hit Telegram channels.", [], id="words-not-shaped-like-places"),
    pytest.param("Commander Oleksandr Syrskyi visited the village.", [], id="a-person-is-no-village"),
    pytest.param("Overnight shelling hit Horiane, a village in the Kharkiv region, the governor said.",
                 [("Horiane", "Ukraine")], id="a-village-in-after-the-name"),
    pytest.param("The ministry listed the villages of Pidseredne, Novoosynove and Stara Hrushivka.",
                 [("Pidseredne", None), ("Novoosynove", None), ("Stara Hrushivka", None)], id="a-list-the-cue-opens"),
    pytest.param("The town of Kharkiv was shelled.", [], id="a-known-city-is-the-gazetteers"),
    pytest.param("Residents of the village said Russian troops had left.", [], id="no-name-no-place"),
    pytest.param("The settlement of Russian troops in the area worried locals.", [], id="a-side-is-no-village"),
    pytest.param("The town of March is quiet.", [], id="a-month-is-no-village"),
])
def test_a_village_is_a_place_only_on_the_texts_own_word(text, expected):
    assert names(text) == expected


def test_an_unlisted_village_places_its_event_without_coordinates():
    rows = events_of("Front\nRussian shelling hit Horiane, a village in the Kharkiv region, killing a man.\n",
                     "2024-08-01", category="attack")
    assert [(r["location"], r["latitude"]) for r in rows] == [("Horiane", None)]


def test_a_village_placed_once_is_a_place_in_later_sentences():
    rows = events_of("Front\nRussian shelling hit Horiane, a village in the Kharkiv region, on Monday.\n\n"
                     "On Tuesday, two drones struck a shop in Horiane and killed a man.\n",
                     "2024-08-01", category="attack")
    assert {r["location"] for r in rows} == {"Horiane"}


def test_a_namesake_village_lies_in_the_region_the_article_named():
    """Many villages are called Shevchenkove; the article is about Kharkiv region, so is this one."""
    rows = events_of("Front\nRussian attacks on Kharkiv region left two people dead, the governor said.\n\n"
                     "In Shevchenkove, an airstrike hit a private home and wounded a man aged 55.\n",
                     "2024-08-01", category="attack")
    assert ("Shevchenkove", "Kharkiv Oblast") in {(r["location"], r["admin1"]) for r in rows}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["village of ", "Town ", ", a village in ", "the villages of ", " and ", ", ", "Zh",
                                 "Ab’", "-", "Oo", "x", " ", "\n", "March", "Russian", "Kyiv"]), max_size=20))
def test_hostile_text_gives_mentions_that_point_at_their_own_words(parts):
    text = "".join(parts)
    for m in unlisted(text, []):
        assert text[m.start:m.end] == m.name and m.latitude is None


def test_a_village_an_advance_heads_towards_is_a_place():
    """"…attacked toward Novoprokopivka, south of Robotyne": a toponym-shaped name after "toward" is placed."""
    got = [m.place for m in unlisted("Milbloggers claimed that Ukrainian forces attacked toward Novoprokopivka.", [])]
    assert got == ["Novoprokopivka"]

