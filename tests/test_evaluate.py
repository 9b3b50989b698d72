"""The scorer (CONTRACT §6) on small tables: which extracted row a gold event matches, which attributes
count as right, and how recall and precision follow. Each case is one gold event against rows shaped
like the events table."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluate import score_article

COLUMNS = ("category", "event_date", "actor1", "actor2", "location", "city", "admin1", "weapon", "weapon_count",
           "fatalities", "time_local", "sentence")


def rows(*items: dict) -> pd.DataFrame:
    """Event rows with every scored column; dates as the table has them (datetime64)."""
    frame = pd.DataFrame([{c: item.get(c) for c in COLUMNS} for item in items], columns=list(COLUMNS))
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["sentence"] = frame["sentence"].fillna("A sentence.")
    return frame


NO_PLACES = pd.DataFrame(columns=["name", "place", "latitude", "longitude"])
KYIV_STRIKE = {"category": "attack", "event_date": "2025-02-12", "actor1": "Russia", "actor2": "Ukraine",
               "location": "Podilskyi", "city": "Kyiv", "admin1": "Kyiv", "weapon": "Iskander ballistic missile",
               "weapon_count": 4, "fatalities": 1, "time_local": "04:30"}

MATCHING = [
    # (gold event, row, matches?)  -- what makes a row the gold event's
    ({"category": "attack", "date": "2025-02-12", "actor1": "Russia", "place": "Kyiv"}, KYIV_STRIKE, True),
    ({"category": "attack", "actor1": "Russia", "place": "Kiev"}, KYIV_STRIKE, True),              # place alias
    ({"category": "attack", "actor1": "Russia", "place": "Podilskyi"}, KYIV_STRIKE, True),         # district column
    ({"category": "air_defense", "actor1": "Russia"}, KYIV_STRIKE, False),                         # category
    ({"category": "attack", "date": "2025-02-11"}, KYIV_STRIKE, False),                            # another day
    ({"category": "attack", "date": "2025-02-12"}, {**KYIV_STRIKE, "event_date": None}, False),    # undated row
    ({"category": "attack", "actor1": "Ukraine"}, KYIV_STRIKE, False),                             # other side
    ({"category": "attack", "place": "Kharkiv"}, KYIV_STRIKE, False),                              # other city
    ({"category": "military_support", "actor1": "US"},
     {"category": "military_support", "actor1": "United States"}, True),                           # actor alias
    ({"category": "air_defense", "place": "Ryazan region"},
     {"category": "air_defense", "location": "Ryazan Oblast", "admin1": "Ryazan Oblast"}, True),   # region as written
]


@pytest.mark.parametrize("gold, row, expected", MATCHING)
def test_a_gold_event_matches_a_row_by_category_date_actor_and_place(gold, row, expected):
    score = score_article({"events": [gold]}, rows(row), NO_PLACES, "a")
    assert score.found == int(expected)


ATTRIBUTES = [
    # (attribute, gold value, row value, right?)
    ("weapon", "iskander", "Iskander ballistic missile", True),      # a lower-case substring
    ("weapon", "kinzhal", "Iskander ballistic missile", False),
    ("weapon_count", 4, 4, True),
    ("weapon_count", 40, 4, False),
    ("fatalities", 1, 1, True),
    ("fatalities", 2, None, False),                                  # not stated by the row
    ("time_local", "04:30", "04:30", True),
    ("time_local", "4:30", "04:30", False),
    ("actor2", "Ukraine", "Ukraine", True),
]


@pytest.mark.parametrize("name, expected, got, right", ATTRIBUTES)
def test_attributes_are_scored_on_matched_events(name, expected, got, right):
    gold = {"category": "attack", "actor1": "Russia", name: expected}
    score = score_article({"events": [gold]}, rows({**KYIV_STRIKE, name: got}), NO_PLACES, "a")
    assert (score.found, score.attributes, score.attributes_correct) == (1, 1, int(right))


def test_a_happening_split_in_two_rows_costs_precision_not_recall():
    gold = {"events": [{"category": "attack", "actor1": "Russia", "place": "Kyiv"}]}
    score = score_article(gold, rows(KYIV_STRIKE, KYIV_STRIKE), NO_PLACES, "a")
    assert (score.recall, score.precision) == (1.0, 0.5)


def test_optional_events_excuse_a_row_but_do_not_count_for_recall():
    debris = {"category": "humanitarian", "event_date": "2025-02-12", "actor1": "Ukraine", "city": "Kyiv"}
    gold = {"events": [{"category": "attack", "actor1": "Russia"}],
            "optional": [{"category": "humanitarian", "place": "Kyiv"}]}
    score = score_article(gold, rows(KYIV_STRIKE, debris), NO_PLACES, "a")
    assert (score.gold, score.found, score.rows, score.rows_matched) == (1, 1, 2, 2)


def test_two_similar_golds_are_matched_to_their_best_rows_not_crosswise():
    kharkiv = {**KYIV_STRIKE, "location": "Kharkiv", "city": "Kharkiv", "admin1": "Kharkiv Oblast",
               "weapon": "Shahed drone", "weapon_count": 20}
    golds = {"events": [{"category": "attack", "actor1": "Russia", "weapon": "shahed", "weapon_count": 20},
                        {"category": "attack", "actor1": "Russia", "weapon": "iskander", "weapon_count": 4}]}
    score = score_article(golds, rows(KYIV_STRIKE, kharkiv), NO_PLACES, "a")
    assert (score.found, score.attributes, score.attributes_correct) == (2, 4, 4)


def test_a_maximum_matching_still_pairs_each_gold_with_the_row_that_agrees_best():
    """Matching as many golds as possible may push a gold off the row that states its figures (another
    gold wanted that row and could as well have taken a third one): the figures must still be scored on
    the row that states them."""
    total = {"category": "air_defense", "event_date": "2023-05-25", "actor1": "Ukraine", "actor2": "Russia",
             "location": "Kyiv", "city": "Kyiv", "admin1": "Kyiv", "weapon": "Shahed-136 drone", "weapon_count": 36}
    bare = {**total, "weapon": None, "weapon_count": None}
    shaheds = {**total, "weapon_count": 5}
    golds = {"events": [
        {"category": "air_defense", "date": "2023-05-25", "actor1": "Ukraine", "weapon": "shahed", "weapon_count": 36},
        {"category": "air_defense", "date": "2023-05-25", "actor1": "Ukraine", "weapon": "shahed"}]}
    score = score_article(golds, rows(total, bare, shaheds), NO_PLACES, "a")
    assert (score.found, score.attributes, score.attributes_correct) == (2, 3, 3)


def test_a_core_event_whose_rows_tie_leaves_the_row_an_optional_event_needs():
    """A national total annotated without its count ties with the row of a regional breakdown, which the
    gold keeps as optional: the total takes its own row and the breakdown's row is no false row."""
    breakdown = {"category": "attack", "event_date": "2024-03-02", "actor1": "Russia", "actor2": "Ukraine",
                 "location": "Odesa Oblast", "city": None, "admin1": "Odesa Oblast", "weapon": "Shahed drone",
                 "weapon_count": 8}
    national = {**breakdown, "location": "Ukraine", "admin1": None, "weapon_count": 17}
    golds = {"events": [{"category": "attack", "date": "2024-03-02", "actor1": "Russia", "actor2": "Ukraine"}],
             "optional": [{"category": "attack", "date": "2024-03-02", "actor1": "Russia", "place": "Odesa Oblast",
                           "weapon_count": 8}]}
    score = score_article(golds, rows(breakdown, national), NO_PLACES, "a")
    assert (score.found, score.rows_matched, score.unmatched_rows) == (1, 2, [])
