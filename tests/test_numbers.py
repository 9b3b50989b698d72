"""Tests for analysis.numbers: counts as war reports write them, and the numbers that are not counts."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import alternation
from analysis.numbers import NUMBER, QUALIFIER, is_count_position, parse_number
from analysis.scan import candidate_starts, lower

NUMBER_RE = re.compile(NUMBER)


@pytest.mark.parametrize("text, value", [
    ("four", 4), ("Four", 4), ("1,200", 1200), ("206", 206), ("a dozen", 12), ("two dozen", 24),
    ("twenty-one", 21), ("twenty one", 21), ("eleven", 11), ("Eleven", 11), ("one hundred and fifty", 150),
    ("a hundred", 100), ("two thousand five hundred", 2500), ("1.5 million", 1_500_000), ("10,000", 10_000),
    ("a couple", 2), ("a couple of", 2), ("a pair", 2), ("a single", 1), ("seventy-seven", 77),
    ("3-4", 3), ("10–15", 10), ("at least 21", 21), ("more than 40", 40), ("about ten", 10), ("zero", 0),
    ("both", 2),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dozens", "several", "hundreds", "thousands", "tens of thousands", "a few",
                                  "scores", "", "drones", "and", "one two banana", "x1"])
def test_parse_number_states_no_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("sentence, number", [
    ("Preliminary reports suggest that four Iskander ballistic missiles were launched", "four"),
    ("provided Russia with 200 long-range artillery guns", "200"),
    ("Russia launched 206 drones, two Iskander-M/KN-23 ballistic missiles", "206"),
    ("more than C$1 billion of the aid, 1,200 shells", "1,200"),
    ("Eleven Killed in Double Strike", "Eleven"),
    ("expected to send around one hundred and fifty more", "one hundred and fifty"),
    ("a dozen drones", "a dozen"),
    ("dozens of drones", "dozens"),
])
def test_number_regex_finds_the_whole_count(sentence, number):
    assert NUMBER_RE.search(sentence).group() == number


@pytest.mark.parametrize("text", [
    "KN-23", "a 56-year-old man", "eight five-storey apartment blocks", "at 5:35 p.m.", "C$2 billion", "Su-34",
    "Kh-101", "3.5 tonnes", "per cent", "a Ukrainian drone", "an attack", "one-third",
])
def test_number_regex_skips_parts_of_other_tokens(text):
    found = [m.group() for m in NUMBER_RE.finditer(text)]
    assert not any(f in ("56", "five", "5", "35", "2", "23", "34", "101", "3", "a", "an", "one") for f in found), found


def test_number_regex_has_no_unnamed_groups():
    assert re.compile(NUMBER).groups == 0
    assert re.compile(QUALIFIER).groups == 0


def test_qualifier_matches_lower_bound_words():
    q = re.compile(QUALIFIER)
    for words in ("at least", "more than", "over", "about", "around", "up to", "nearly"):
        assert q.fullmatch(words)


@pytest.mark.parametrize("text, number, ok", [
    ("Ukraine’s June 1 drone operation", "1", False),
    ("in 2022 drones were launched", "2022", False),
    ("a man aged 56 was killed", "56", False),
    ("reactor unit No. 3 is running", "3", False),
    ("Russia launched 206 drones", "206", True),
    ("In 2022, 400 drones were launched", "400", True),
    ("Russia launched 2000 drones", "2000", True),
])
def test_is_count_position(text, number, ok):
    start = text.index(number)
    assert is_count_position(text, start, start + len(number)) is ok


def test_alternation_prefers_longer_phrases():
    rx = re.compile(alternation(["Iskander", "Iskander-M", "drone", "drones", "air defence"]))
    assert rx.match("Iskander-M missiles").group() == "Iskander-M"
    assert rx.match("drones").group() == "drones"
    assert rx.match("air  defence").group() == "air  defence"
    assert re.compile(alternation([])).search("anything") is None


def test_candidate_starts_walks_back_over_phrase_words():
    low = lower("Russia sent 48 Shahed drones")
    anchor = low.index("shahed")
    assert candidate_starts(low, anchor, 0, frozenset()) == [low.index("48")]  # digits always start a phrase
    text = "shot down 87 of the drones"
    starts = candidate_starts(text, text.index("drones"), 0, frozenset(), frozenset({"of", "the"}))
    assert starts == [text.index("87")]
    assert candidate_starts("drones, two", 8, 0, frozenset({"drones"})) == []  # a comma ends the walk


def test_lower_keeps_offsets():
    text = "İstanbul drones"
    assert len(lower(text)) == len(text)
    assert lower(text).endswith("drones")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(
    ["one", "hundred", "and", "twenty", "-", "a", "dozen", "1,200", "3", ",", " ", "thousand", "of", "at least",
     "dozens", "0", "9" * 30, "1.5", "million"])), max_size=8))
def test_parse_number_never_raises(parts):
    text = " ".join(parts)
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group())
        assert value is None or (isinstance(value, int) and value >= 0)
