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
    pytest.param("Moscow says its forces have taken the village of Zhuravka in eastern Ukraine.",
                 [("Zhuravka", "Ukraine")], id="village-of"),
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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["village of ", "Town ", ", a village in ", "the villages of ", " and ", ", ", "Zh",
                                 "Ab’", "-", "Oo", "x", " ", "\n", "March", "Russian", "Kyiv"]), max_size=20))
def test_hostile_text_gives_mentions_that_point_at_their_own_words(parts):
    text = "".join(parts)
    for m in unlisted(text, []):
        assert text[m.start:m.end] == m.name and m.latitude is None
