"""Tests for analysis.dates / analysis.times: real sentences from the gold articles, resolved against
their publication dates (tests/gold/catalog.csv), plus the traps that must not become dates or times."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.dates import DateMention, best_date, find_dates, in_quote
from analysis.times import TimeMention, find_times, to_utc

GOLD = Path(__file__).parent / "gold"
D = dt.date.fromisoformat
PUBLISHED = {r["file"]: D(r["published"]) for r in csv.DictReader((GOLD / "catalog.csv").open(encoding="utf-8"))}


def sentences(text: str) -> list[str]:
    return [s for para in text.splitlines() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", para) if s.strip()]


def gold_sentence(file: str, words: str) -> str:
    """The sentence of a gold article that contains ``words``."""
    found = [s for s in sentences((GOLD / file).read_text(encoding="utf-8")) if words in s]
    assert len(found) == 1, (file, words, found)
    return found[0]


def dates(text: str, anchor: str, context: str | None = None) -> list[tuple[str, str | None, str, str]]:
    return [(m.text, m.date and m.date.isoformat(), m.precision, m.kind)
            for m in find_dates(text, D(anchor), D(context) if context else None)]


def best(text: str, anchor: str, context: str | None = None) -> DateMention | None:
    return best_date(find_dates(text, D(anchor), D(context) if context else None))


# --- the gold articles: every gold date that the sentence's own words give -------------------------------

GOLD_DATES = [
    # (article, words identifying the sentence, gold event id, expected date, expected date_text)
    ("000_52c535ecba3a03e2.txt", "On the morning of February 12", "kyiv-strike", "2025-02-12",
     "On the morning of February 12"),
    ("000_52c535ecba3a03e2.txt", "Saratov oil refinery", "saratov-refinery", "2025-02-11", "On February 11"),
    ("000_52c535ecba3a03e2.txt", "trading territory", "zelensky-territory", "2025-02-11", "On February 11"),
    ("000_52c535ecba3a03e2.txt", "Pentagon chief", "us-no-troops", "2025-02-11", "on February 11"),
    ("A1_kharkiv-combined-strike.txt", "(June 7, 2025)", "kharkiv-overnight-strike", "2025-06-07", "June 7, 2025"),
    ("A1_kharkiv-combined-strike.txt", "at about 3 a.m. on Saturday", "kharkiv-overnight-strike", "2025-06-07",
     "on Saturday"),
    ("A1_kharkiv-combined-strike.txt", "Nationwide, Russia launched 206", "ua-air-defence-overnight", "2025-06-07",
     "overnight"),
    ("A1_kharkiv-combined-strike.txt", "come under fire on Thursday", "kharkiv-thursday-strike", "2025-06-05",
     "on Thursday"),
    ("A1_kharkiv-combined-strike.txt", "Russian shelling overnight", "kherson-shelling", "2025-06-07", "overnight"),
    ("A1_kharkiv-combined-strike.txt", "June 1 drone operation", "ua-airfield-drone-operation", "2025-06-01",
     "June 1"),
    ("A2_independence-day-live.txt", "57 Ukrainian drones", "ru-ad-57-drones-saturday", "2025-08-23",
     "on Saturday evening"),
    ("A3_march-roundup.txt", "On Friday, Russia fired 67 missiles", "ru-energy-barrage", "2025-03-07", "On Friday"),
    ("A3_march-roundup.txt", "On Friday evening, two Iskander-M", "dobropillia-double-strike", "2025-03-07",
     "On Friday evening"),
    ("A3_march-roundup.txt", "On March 3", "us-aid-pause", "2025-03-03", "On March 3"),
    ("A3_march-roundup.txt", "On Monday, Zelensky flew to Jeddah", "zelensky-jeddah-visit", "2025-03-10",
     "On Monday"),
    ("A3_march-roundup.txt", "Tuesday's talks", "jeddah-talks-scheduled", "2025-03-11", "Tuesday's"),
]


@pytest.mark.parametrize("file,words,event_id,expected,date_text", GOLD_DATES, ids=[f"{g[2]}:{g[4]}" for g in GOLD_DATES])
def test_gold_event_dates(file, words, event_id, expected, date_text):
    gold = json.loads((GOLD / file.replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
    gold_dates = {e["id"]: e.get("date") for e in gold["events"] + gold["optional"]}
    assert gold_dates[event_id] == expected          # the table above agrees with the gold file
    chosen = best_date(find_dates(gold_sentence(file, words), PUBLISHED[file]))
    assert chosen is not None
    assert (chosen.date.isoformat(), chosen.text, chosen.precision) == (expected, date_text, "day")


def test_live_blog_header_date():
    header = (GOLD / "A2_independence-day-live.txt").read_text(encoding="utf-8").splitlines()[1]
    assert dates(header, "2025-08-24") == [("Sunday, 24 August 2025", "2025-08-24", "day", "absolute")]


@pytest.mark.parametrize("file,words", [
    ("A3_march-roundup.txt", "148 KN-23"),                 # gold: date null ("… 150 more this year" is a plan)
    ("A2_independence-day-live.txt", "June's G7 summit"),  # gold: the announcement is the entry's date, not June
    ("000_52c535ecba3a03e2.txt", "200 long-range artillery guns"),
    ("000_52c535ecba3a03e2.txt", "In recent months"),
    ("A2_independence-day-live.txt", "held since 2022"),
    ("A1_kharkiv-combined-strike.txt", "At about 5:35 p.m."),   # the date comes from the story, not the words
])
def test_gold_sentences_without_a_usable_date(file, words):
    assert best_date(find_dates(gold_sentence(file, words), PUBLISHED[file])) is None


@pytest.mark.parametrize("file", sorted(PUBLISHED))
def test_offsets_over_whole_gold_articles(file):
    text = (GOLD / file).read_text(encoding="utf-8")
    found = find_dates(text, PUBLISHED[file])
    assert found and [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert text[m.start:m.end] == m.text
    for t in find_times(text):
        assert text[t.start:t.end] == t.text


def test_gold_times():
    expect = {"000_52c535ecba3a03e2.txt": [("around 4:30 a.m. local time", "04:30", None)],
              "A1_kharkiv-combined-strike.txt": [("at about 3 a.m.", "03:00", None), ("At about 5:35 p.m.", "17:35", None)]}
    for file, want in expect.items():
        got = [(t.text, t.time, t.timezone) for t in find_times((GOLD / file).read_text(encoding="utf-8")) if not t.stamp]
        assert got == want
    live = (GOLD / "A2_independence-day-live.txt").read_text(encoding="utf-8")
    times = find_times(live)
    assert [t.time for t in times if t.stamp] == ["00:40", "03:15", "07:30", "09:05", "10:50", "11:20", "12:40",
                                                  "15:10", "18:30"]
    assert [(t.text, t.time, t.timezone) for t in times if not t.stamp] == [
        ("17:00", "17:00", "Europe/Moscow"), ("23:30 Moscow time", "23:30", "Europe/Moscow"),
        ("at 00:26 local time", "00:26", None)]
    assert [t.text for t in times if t.stamp][4] == "Updated 10:50"


# --- absolute dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,expected,date_text", [
    ("On February 11, President Volodymyr Zelensky made a significant statement", "2025-02-12", "2025-02-11",
     "On February 11"),
    ("On the morning of February 12, Russia launched a missile attack", "2025-02-12", "2025-02-12",
     "On the morning of February 12"),
    ("Feb. 12 was quiet.", "2025-02-13", "2025-02-12", "Feb. 12"),
    ("It happened on 12 February 2025.", "2025-03-01", "2025-02-12", "on 12 February 2025"),
    ("Talks opened in Istanbul on 16 May.", "2025-05-20", "2025-05-16", "on 16 May"),
    ("Moscow has vowed to retaliate for Ukraine’s June 1 drone operation against airfields", "2025-06-07",
     "2025-06-01", "June 1"),
    ("KHARKIV, Ukraine (June 7, 2025) — Russian forces struck Kharkiv overnight", "2025-06-07", "2025-06-07",
     "June 7, 2025"),
    ("Sunday, 24 August 2025 · live updates", "2025-08-24", "2025-08-24", "Sunday, 24 August 2025"),
    ("On March 3, the White House confirmed a halt", "2025-03-10", "2025-03-03", "On March 3"),
    ("The report is dated 2025-02-12.", "2025-02-20", "2025-02-12", "2025-02-12"),
    ("December 30 was the coldest day.", "2025-01-02", "2024-12-30", "December 30"),   # > 7 days ahead: last year
    ("on the 12th of May", "2025-06-01", "2025-05-12", "on the 12th of May"),
    ("on Sept. 3rd", "2025-09-10", "2025-09-03", "on Sept. 3rd"),
    ("fighting on 7-8 June", "2025-06-10", "2025-06-07", "on 7-8 June"),
    ("On Monday, March 3, troops left", "2025-03-10", "2025-03-03", "On Monday, March 3"),
    ("in the early hours of Saturday", "2025-03-10", "2025-03-08", "in the early hours of Saturday"),
])
def test_absolute_and_weekday_dates(text, anchor, expected, date_text):
    m = best(text, anchor)
    assert (m.date.isoformat(), m.text, m.precision) == (expected, date_text, "day")
    assert text[m.start:m.end] == m.text


def test_year_inference_with_a_future_cue():
    # more than a week ahead, but the clause says it is to come: keep the anchor's year
    assert dates("Talks will be held on January 20.", "2025-01-02")[0][1] == "2025-01-20"
    # "will" + a date half a year back: next year's
    assert dates("The summit will open on January 5.", "2025-12-20")[0][1] == "2026-01-05"
    assert find_dates("Talks will be held on January 20.", D("2025-01-02"))[0].future


def test_invalid_calendar_dates_are_skipped():
    assert dates("on February 30 and on 2025-13-01 and on 31 April", "2025-05-01") == []
    assert dates("on February 29", "2024-03-01")[0][1] == "2024-02-29"


# --- weekdays -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,expected,future", [
    ("The assault began at about 3 a.m. on Saturday", "2025-06-07", "2025-06-07", False),   # same day
    ("The city had already come under fire on Thursday", "2025-06-07", "2025-06-05", False),
    ("On Friday, Russia fired 67 missiles", "2025-03-10", "2025-03-07", False),
    ("On Friday evening, two Iskander-M ballistic missiles slammed into Dobropillia", "2025-03-10", "2025-03-07", False),
    ("On Monday, Zelensky flew to Jeddah", "2025-03-10", "2025-03-10", False),
    ("air defences brought down 57 Ukrainian drones on Saturday evening", "2025-08-24", "2025-08-23", False),
    ("He will not join Tuesday's talks himself", "2025-03-10", "2025-03-11", True),
    ("Delegations are expected to meet on Thursday.", "2025-03-10", "2025-03-13", True),
    ("The delegations met last Monday.", "2025-03-10", "2025-03-03", False),
    ("They meet again next Monday.", "2025-03-10", "2025-03-17", True),
])
def test_weekdays(text, anchor, expected, future):
    m = best(text, anchor)
    assert (m.date.isoformat(), m.kind, m.future) == (expected, "weekday", future)


def test_future_cue_stays_in_its_clause():
    # the cue is in the next sentence: Thursday stays in the past
    assert dates("Kharkiv was hit on Thursday. Officials will count the damage.", "2025-06-07")[0][1] == "2025-06-05"
    # ...and in another clause after a colon
    assert dates("It was hit on Thursday: officials will count the damage.", "2025-06-07")[0][1] == "2025-06-05"


# --- relative expressions -----------------------------------------------------------------------------

@pytest.mark.parametrize("phrase,expected,precision,kind", [
    ("yesterday", "2025-03-09", "day", "relative"),
    ("yesterday morning", "2025-03-09", "day", "relative"),
    ("overnight", "2025-03-10", "day", "overnight"),
    ("last night", "2025-03-09", "day", "relative"),
    ("today", "2025-03-10", "day", "relative"),
    ("this morning", "2025-03-10", "day", "relative"),
    ("earlier today", "2025-03-10", "day", "relative"),
    ("tonight", "2025-03-10", "day", "relative"),
    ("a week ago", "2025-03-03", "week", "relative"),
    ("last week", "2025-03-03", "week", "relative"),
    ("earlier this week", "2025-03-10", "week", "relative"),
    ("last month", "2025-02-01", "month", "relative"),
    ("in June", "2024-06-01", "month", "absolute"),       # June 2025 would be months ahead: last June
    ("this year", "2025-01-01", "year", "relative"),
    ("in 2024", "2024-01-01", "year", "absolute"),
    ("since 2022", "2022-01-01", "year", "vague"),
    ("a day earlier", "2025-03-09", "day", "context"),
    ("the previous day", "2025-03-09", "day", "context"),
    ("three days ago", "2025-03-07", "day", "relative"),
    ("two months ago", "2025-01-01", "month", "relative"),
    ("in recent months", None, "unknown", "relative"),
])
def test_relative_expressions(phrase, expected, precision, kind):
    assert dates(f"It happened {phrase}.", "2025-03-10") == [(phrase, expected, precision, kind)]


def test_relative_expressions_are_case_insensitive_at_sentence_start():
    assert dates("Last week Zelensky offered a truce in the sky and at sea.", "2025-03-10") == [
        ("Last week", "2025-03-03", "week", "relative")]


def test_month_mentions():
    assert dates("military aid Ottawa pledged at June's G7 summit", "2025-08-24") == [
        ("June's", "2025-06-01", "month", "absolute")]
    assert dates("in May 2024, last May, this June, next March, in early June, mid-2024", "2025-03-10") == [
        ("in May 2024", "2024-05-01", "month", "absolute"), ("last May", "2024-05-01", "month", "absolute"),
        ("this June", "2025-06-01", "month", "absolute"), ("next March", "2026-03-01", "month", "absolute"),
        ("in early June", "2024-06-01", "month", "absolute"), ("mid-2024", "2024-01-01", "year", "absolute")]



def test_a_month_of_that_year_takes_the_year_named_before():
    text = "The town was occupied in February 2022 and freed in September of that year, when the offensive swept through."
    assert dates(text, "2024-05-14") == [("in February 2022", "2022-02-01", "month", "absolute"),
                                         ("in September", "2022-09-01", "month", "absolute")]
    # no year named before: the latest September, as for any month
    assert dates("It was freed in September of that year.", "2024-05-14") == [("in September", "2023-09-01", "month", "absolute")]

def test_context_relative_expressions_use_the_story_date():
    text = "Kyiv was hit again a day earlier, and the next day, two days later, that night"
    assert [d for _, d, _, _ in dates(text, "2025-03-10", context="2025-03-01")] == [
        "2025-02-28", "2025-03-02", "2025-03-03", "2025-03-01"]
    assert dates("the day before.", "2025-03-10", "2025-03-05") == [("the day before", "2025-03-04", "day", "context")]
    # "the day before" + a happening is relative to that happening: not a date
    assert dates("the day before the talks", "2025-03-10") == []


def test_vague_offsets_have_no_date():
    got = dates("On March 3, the White House confirmed a halt, days after his heated Oval Office meeting.", "2025-03-10")
    assert got == [("On March 3", "2025-03-03", "day", "absolute"), ("days after", None, "unknown", "vague")]
    assert dates("several days ago", "2025-03-10") == [("several days ago", None, "unknown", "vague")]


@pytest.mark.parametrize("text", [
    "A baby about six weeks old and a 14-year-old girl were among the injured",
    "the drone raid went on for more than three hours",
    "more than 40 explosions shook the city within an hour and a half",
    "reactor unit No. 3 is now running at half its capacity",
    "At about 5:35 p.m., four guided bombs fell",
    "more than C$1 billion of the C$2 billion in military aid",
    "warned that people may still be trapped under the debris",
    "May I ask? Protesters march on. The March of the Living",
    "Russia sent 48 Shahed drones, two missiles and four guided bombs",
    "a force of 2000 troops, 146 prisoners of war, a 3-1 win, Mondays and Fridays",
    "KN-23 missiles, G7 leaders, Iskander-M",
])
def test_not_dates(text):
    assert find_dates(text, D("2025-06-07")) == []


# --- best_date ----------------------------------------------------------------------------------------

def test_best_date_prefers_explicit_day_over_overnight():
    text = ("On Friday, Russia fired 67 missiles and 194 attack drones at Ukraine in an overnight assault aimed "
            "mainly at power and gas production facilities, the Ukrainian air force said.")
    found = find_dates(text, D("2025-03-10"))
    assert [m.kind for m in found] == ["weekday", "overnight"]
    assert best_date(found).text == "On Friday" and best_date(found).date == D("2025-03-07")


def test_best_date_returns_none_for_possessive_month_and_future_month():
    """Documented choice: no day-precision mention, only "June's" (a possessive modifier naming another
    happening) and "next month" (a future period) → None, so the caller uses the entry's/article's date."""
    text = ("Canadian Prime Minister Mark Carney, in Kyiv on his first official visit, announces that more than "
            "C$1 billion of the C$2 billion in military aid Ottawa pledged at June's G7 summit will go on drones, "
            "ammunition and armoured vehicles for Ukraine, with deliveries due next month.")
    found = find_dates(text, D("2025-08-24"))
    assert [(m.text, m.precision, m.future) for m in found] == [("June's", "month", False), ("next month", "month", True)]
    assert best_date(found) is None


def test_best_date_keeps_a_plain_month_and_ties_go_to_the_earliest():
    assert best("Russia has intensified attacks since June and in July", "2025-08-24").text == "in July"
    assert best("on Saturday and on Sunday", "2025-08-24").text == "on Saturday"
    assert best("yesterday, on Saturday", "2025-08-24").text == "on Saturday"   # explicit over relative
    assert best_date([]) is None


# --- times --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Explosions were first reported around 4:30 a.m. local time", [("around 4:30 a.m. local time", "04:30", None)]),
    ("The assault began at about 3 a.m. on Saturday", [("at about 3 a.m.", "03:00", None)]),
    ("At about 5:35 p.m., four guided bombs fell", [("At about 5:35 p.m.", "17:35", None)]),
    ("a drone downed near the station at 00:26 local time", [("at 00:26 local time", "00:26", None)]),
    ("between 17:00 and 23:30 Moscow time", [("17:00", "17:00", "Europe/Moscow"),
                                              ("23:30 Moscow time", "23:30", "Europe/Moscow")]),
    ("around 3 a.m. Moscow time", [("around 3 a.m. Moscow time", "03:00", "Europe/Moscow")]),
    ("at noon, and again just after midnight", [("at noon", "12:00", None), ("just after midnight", "00:00", None)]),
    ("at 12 a.m. and 12 p.m.", [("at 12 a.m.", "00:00", None), ("12 p.m.", "12:00", None)]),
    ("at 5.30pm", [("at 5.30pm", "17:30", None)]),
    ("at 10:00 Kyiv time (0700 GMT)", [("at 10:00 Kyiv time", "10:00", "Europe/Kyiv"), ("0700 GMT", "07:00", "UTC")]),
    ("from 9:00 until 10:15 (EEST)", [("from 9:00", "09:00", "Etc/GMT-3"), ("until 10:15 (EEST)", "10:15", "Etc/GMT-3")]),
])
def test_times(text, expected):
    got = find_times(text)
    assert [(t.text, t.time, t.timezone) for t in got] == expected
    assert not any(t.stamp for t in got)


@pytest.mark.parametrize("text,stamp_text,time_", [
    ("00:40 — Russia’s Defence Ministry says its air defences brought down 57 drones", "00:40", "00:40"),
    ("Updated 10:50 — Drozdenko now says firefighters have put out the Ust-Luga fire.", "Updated 10:50", "10:50"),
    ("Live updates\n07:30 - Blasts in Syzran", "07:30", "07:30"),
])
def test_live_blog_stamps(text, stamp_text, time_):
    first = find_times(text)[0]
    assert (first.text, first.time, first.stamp) == (stamp_text, time_, True)


def test_time_in_the_middle_of_a_paragraph_is_not_a_stamp():
    assert [t.stamp for t in find_times("00:40 — drones were downed between 17:00 and 23:30.")] == [True, False, False]


@pytest.mark.parametrize("text", [
    "more than C$1.5 billion", "a 3-1 win", "146 prisoners of war", "unit No. 3", "a 2:1 ratio", "at 24:10",
    "the year 2025", "13 p.m.", "I am here", "KN-23", "in the afternoon",
])
def test_not_times(text):
    assert find_times(text) == []


def test_to_utc_is_dst_correct():
    assert to_utc(D("2025-02-12"), "04:30", "Europe/Kyiv") == dt.datetime(2025, 2, 12, 2, 30, tzinfo=dt.timezone.utc)
    assert to_utc(D("2025-08-24"), "00:26", "Europe/Kyiv") == dt.datetime(2025, 8, 23, 21, 26, tzinfo=dt.timezone.utc)
    for day in ("2025-01-15", "2025-07-15"):   # Moscow: UTC+3 all year
        assert to_utc(D(day), "03:00", "Europe/Moscow").hour == 0
    assert to_utc(D("2025-08-24"), "17:00", "Europe/Moscow").utcoffset() == dt.timedelta(0)
    with pytest.raises(ValueError):
        to_utc(D("2025-08-24"), "24:00", "Europe/Kyiv")


# --- properties ---------------------------------------------------------------------------------------

VOCAB = ["January", "Feb.", "March", "May", "June", "Sept", "December", "Monday", "Tuesday's", "Saturday", "Sunday,",
         "on", "On", "the", "of", "last", "next", "this", "week", "month", "year", "day", "days", "ago", "earlier",
         "later", "before", "after", "yesterday", "overnight", "today", "since", "in", "mid-", "early", "a", "two",
         "the morning of", "12", "1st", "2025", "2000s", "2025-02-12", "4:30", "a.m.", "p.m.", "noon", "midnight",
         "17:00", "23:30", "Moscow time", "local time", "(EEST)", "—", "Updated", "\n", ",", ".", "-", "’s", "will",
         " ", "0230", "GMT", "29", "31", "February 29", "9999", "00:60", "ſ", "İ", "K"]
texts = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(VOCAB)), max_size=40).map(" ".join) | \
    st.lists(st.one_of(st.text(max_size=3), st.sampled_from(VOCAB)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, anchor=st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)),
       context=st.none() | st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)))
def test_find_dates_never_raises_and_offsets_hold(text, anchor, context):
    found = find_dates(text, anchor, context)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert isinstance(m, DateMention) and text[m.start:m.end] == m.text and m.text
        assert m.precision in {"day", "week", "month", "year", "unknown"}
        assert m.kind in {"absolute", "weekday", "relative", "overnight", "context", "vague"}
        assert (m.date is None) == (m.precision == "unknown")
        assert m.date is None or isinstance(m.date, dt.date)
    chosen = best_date(found)
    assert chosen is None or (chosen in found and chosen.date is not None)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_find_times_never_raises_and_times_are_valid(text):
    found = find_times(text)
    for t in found:
        assert isinstance(t, TimeMention) and text[t.start:t.end] == t.text
        assert re.fullmatch(r"\d\d:\d\d", t.time) and int(t.time[:2]) <= 23 and int(t.time[3:]) <= 59
        assert t.timezone is None or to_utc(dt.date(2025, 6, 1), t.time, t.timezone).tzinfo is dt.timezone.utc


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_arbitrary_unicode_never_raises(text):
    find_dates(text, dt.date(2025, 1, 1))
    find_times(text)


def test_edge_anchors_do_not_overflow():
    for anchor in (dt.date.min, dt.date.max):
        find_dates("tomorrow, yesterday, next week, on Friday, December 31, next year, last month, a week later",
                   anchor, anchor)


def test_accepts_datetime_anchor():
    assert find_dates("on Saturday", dt.datetime(2025, 6, 8, 12, 0))[0].date == D("2025-06-07")



def test_decades_and_tomorrow():
    assert dates("a practice common since the 2000s", "2025-03-10") == [("the 2000s", "2000-01-01", "year", "vague")]
    assert find_dates("tomorrow", D("2025-03-10"))[0].future


def test_docstring_examples():
    import doctest

    import analysis.dates
    import analysis.times
    for module in (analysis.dates, analysis.times):
        assert doctest.testmod(module).failed == 0


def test_a_quote_counts_yesterday_from_its_own_day():
    """"…yesterday," said on Wednesday: the day before Wednesday, not before publication."""
    text = "“Drones hit the depot yesterday,” the governor said on Wednesday."
    got = {m.text: m.date for m in find_dates(text, dt.date(2025, 6, 7))}
    assert got["yesterday"] == dt.date(2025, 6, 3)
    assert got["on Wednesday"] == dt.date(2025, 6, 4)


def test_a_quote_made_on_an_unknown_day_has_no_date():
    """Said "last week": which day the quoted "yesterday" was is unknown, so null, not publication's."""
    text = "\"They shelled the bridge yesterday,\" the mayor told reporters last week."
    got = {m.text: m.date for m in find_dates(text, dt.date(2025, 6, 7))}
    assert got["yesterday"] is None


@pytest.mark.parametrize("text", [
    "\"They shelled the bridge yesterday,\" the mayor said.",          # said on the news day
    "Russian forces shelled the bridge yesterday, the mayor said on Wednesday.",   # not quoted
])
def test_yesterday_outside_a_dated_quote_counts_from_publication(text):
    got = {m.text: m.date for m in find_dates(text, dt.date(2025, 6, 7))}
    assert got["yesterday"] == dt.date(2025, 6, 6)


def test_in_quote_tells_a_speakers_words_from_the_reporters():
    text = '"Yesterday we decided," the minister said on Tuesday.'
    assert in_quote(text, 1, 10)
    assert not in_quote(text, text.index("on Tuesday"), len(text) - 1)


def test_a_proposed_meeting_lies_ahead():
    """"proposed holding a meeting between June 20 and June 30" [2025-06-02]: this June, not last year's."""
    from analysis.dates import find_dates
    got = find_dates("Kyiv had proposed holding a meeting of the leaders between June 20 and June 30.", dt.date(2025, 6, 2))
    assert got and got[0].date == dt.date(2025, 6, 20) and got[0].future


def test_a_weekday_before_a_past_verb_is_not_future():
    """"The minister on Tuesday confirmed that Germany will supply…": the promise in the clause after the verb
    does not move the day of the confirmation forward (published on that Tuesday, or the day after)."""
    text = "The defence minister on Tuesday confirmed that Germany will supply anti-aircraft guns."
    for published, day in (("2022-04-26", dt.date(2022, 4, 26)), ("2022-04-27", dt.date(2022, 4, 26))):
        (m,) = find_dates(text, dt.date.fromisoformat(published))
        assert (m.date, m.future) == (day, False)
    (m,) = find_dates("Germany will supply the guns on Tuesday.", dt.date(2022, 4, 27))
    assert m.future and m.date == dt.date(2022, 5, 3)


def test_a_weekday_right_after_a_speech_verb_is_past_even_in_a_clause_that_promises():
    # "…will negotiate only after …, Kuleba said on Thursday" [Fri 2023-08-11]: said on the Thursday before
    text = "Ukraine will negotiate with Russia only after Russian forces withdraw, Kuleba said on Thursday."
    (m,) = [d for d in find_dates(text, dt.date(2023, 8, 11)) if "Thursday" in d.text]
    assert m.date == dt.date(2023, 8, 10) and not m.future
