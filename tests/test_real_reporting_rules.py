"""Rules learned from the real-shaped development sets tests/real/dev3 … dev8 (issue #7). Sentences are
written for these tests, in the shapes those reports take. Most cases are rows of three tables: the trigger
kinds a sentence opens (``TRIGGERS``, read from the data file ``cases/real_triggers.yaml``), the one event row a
short article makes (``ONE_ROW``, ``cases/real_rows.yaml``) and the rows of one category it makes (``ROWS``,
``cases/real_multi_rows.yaml``); each case's id names the rule it holds.
Cases that need more than one row or a lower layer follow them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from analysis.dates import find_dates
from analysis.facts import _own_date
from analysis.places import gazetteer
from test_consolidate import events_of
from test_real_triggers import kinds

CASES = Path(__file__).parent / "cases" / "real_triggers.yaml"
CASE_KEYS = {"id", "text", "kinds"}


def _trigger_case(n: int, case: object):
    """One case of ``cases/real_triggers.yaml`` as a pytest param, after checking its keys and kinds: a typo
    in the data file fails with the case and the fix named, not as a silent skip."""
    if not isinstance(case, dict) or set(case) != CASE_KEYS:
        raise ValueError(f"{CASES}: case {n + 1} must have exactly the keys {sorted(CASE_KEYS)}, has {case!r}")
    if not isinstance(case["text"], str) or not case["text"].strip():
        raise ValueError(f"{CASES}: case {case['id']!r} needs a sentence in 'text'")
    expected = []
    for kind in case["kinds"]:
        category, _, name = str(kind).partition("/")
        if not name:
            raise ValueError(f"{CASES}: case {case['id']!r}: kind {kind!r} must read category/kind, e.g. attack/capture")
        expected.append((category, name))
    return pytest.param(case["text"], expected, id=str(case["id"]))


def _load_cases(path: Path, make) -> list:
    """Every case of a data file as a pytest param, each checked by ``make(n, case)``; ids must be unique."""
    params = [make(n, c) for n, c in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])]
    ids = [p.id for p in params]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: ids used twice: {sorted({i for i in ids if ids.count(i) > 1})} — give each case "
                         f"its own id")
    return params


TRIGGERS = _load_cases(CASES, _trigger_case)


@pytest.mark.parametrize("text, expected", TRIGGERS)
def test_real_reporting_triggers(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("case, fix", [
    ({"id": "x", "text": "Drones hit Odesa."}, "exactly the keys"),
    ({"id": "x", "text": " ", "kinds": []}, "needs a sentence"),
    ({"id": "x", "text": "Drones hit Odesa.", "kinds": ["strike"]}, "category/kind"),
])
def test_a_malformed_trigger_case_is_refused_with_its_fix(case, fix):
    with pytest.raises(ValueError, match=fix):
        _trigger_case(0, case)


ROW_CASES = Path(__file__).parent / "cases" / "real_rows.yaml"
ROW_KEYS = {"id", "text", "published", "category", "expected"}


def _article(path: Path, n: int, case: object, keys: set) -> tuple:
    """(text, published, timezone, category) of an article case after checking its keys and its publication day:
    a typo in the data file fails naming the case and the fix, not as a silent skip."""
    if not isinstance(case, dict) or not keys <= set(case) <= keys | {"timezone"}:
        raise ValueError(f"{path}: case {n + 1} must have the keys {sorted(keys)} (and may have 'timezone'), "
                         f"has {sorted(case) if isinstance(case, dict) else case!r}")
    try:
        dt.date.fromisoformat(str(case["published"]))
    except ValueError:
        raise ValueError(f"{path}: case {case['id']!r}: 'published' must be a date, YYYY-MM-DD") from None
    return case["text"], str(case["published"]), case.get("timezone", "Europe/Kyiv"), case["category"]


def _row_case(n: int, case: object):
    """One case of ``cases/real_rows.yaml`` as a pytest param: an article and the columns of its one row."""
    article = _article(ROW_CASES, n, case, ROW_KEYS)
    if not isinstance(case["expected"], dict) or not case["expected"]:
        raise ValueError(f"{ROW_CASES}: case {case['id']!r}: 'expected' must map columns to values")
    return pytest.param(*article, case["expected"], id=str(case["id"]))


ONE_ROW = _load_cases(ROW_CASES, _row_case)


@pytest.mark.parametrize("case, fix", [
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack"}, "must have the keys"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack", "expected": {}},
     "map columns"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "20 May", "category": "attack",
      "expected": {"actor1": "Russia"}}, "YYYY-MM-DD"),
])
def test_a_malformed_row_case_is_refused_with_its_fix(case, fix):
    with pytest.raises(ValueError, match=fix):
        _row_case(0, case)


@pytest.mark.parametrize("case, fix", [
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack", "columns": []},
     "must have the keys"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack", "columns": [],
      "rows": []}, "list column names"),
    ({"id": "x", "text": "Drones hit Odesa.", "published": "2024-05-20", "category": "attack",
      "columns": ["actor1", "location"], "rows": [["Russia"]]}, "lists of 2 values"),
])
def test_a_malformed_several_row_case_is_refused_with_its_fix(case, fix):
    with pytest.raises(ValueError, match=fix):
        _multi_case(0, case)


def _value(row: dict, column: str):
    value = row[column]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("text, published, timezone, category, expected", ONE_ROW)
def test_one_sentence_makes_one_row_of_its_category(text, published, timezone, category, expected):
    """The article is a title line and the sentence; exactly one row of ``category`` comes out."""
    (row,) = events_of("Title\n" + text + "\n", published, timezone, category=category)
    assert {column: _value(row, column) for column in expected} == expected


# -- cases of several rows, of whole short articles, and of the layers below ----------------------------

# Sentences that make several rows, or one row among others, of one category (``cases/real_multi_rows.yaml``): each
# case gives the columns compared and every row's values, sorted.
MULTI_CASES = Path(__file__).parent / "cases" / "real_multi_rows.yaml"
MULTI_KEYS = {"id", "text", "published", "category", "columns", "rows"}


def _multi_case(n: int, case: object):
    """One case of ``cases/real_multi_rows.yaml`` as a pytest param: an article, the columns compared and every
    row of its category, each with one value per column."""
    article = _article(MULTI_CASES, n, case, MULTI_KEYS)
    columns, rows = case["columns"], case["rows"]
    if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
        raise ValueError(f"{MULTI_CASES}: case {case['id']!r}: 'columns' must list column names")
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == len(columns) for r in rows):
        raise ValueError(f"{MULTI_CASES}: case {case['id']!r}: 'rows' must be lists of {len(columns)} values, one a "
                         f"column")
    return pytest.param(*article, tuple(columns), [tuple(r) for r in rows], id=str(case["id"]))


ROWS = _load_cases(MULTI_CASES, _multi_case)


@pytest.mark.parametrize("text, published, timezone, category, columns, expected", ROWS)
def test_a_sentence_makes_these_rows_of_its_category(text, published, timezone, category, columns, expected):
    rows = events_of(f"Story\n{text}\n", published, timezone, category=category)
    assert sorted(tuple(_value(r, c) for c in columns) for r in rows) == expected


def test_a_night_told_as_a_span_of_two_days_is_dated_by_its_morning():
    """TASS relays the defence ministry's window "between 11:20 p.m. on July 30 and 4:00 a.m. on July 31";
    the regional breakdowns that follow keep that day."""
    text = ("Air defences down 32 drones\n"
            "MOSCOW, July 31. /TASS/. On-duty air defences intercepted and destroyed 32 Ukrainian fixed-wing unmanned "
            "aerial vehicles over Russian regions between 11:20 p.m. Moscow time on July 30 and 4:00 a.m. Moscow time "
            "on July 31, the Russian Defence Ministry said. "
            "According to the ministry, eleven drones were downed over the Volgograd Region and seven over the "
            "Republic of Crimea.\n")
    rows = events_of(text, "2025-07-31", "Europe/Moscow", category="air_defense")
    assert {str(r["event_date"])[:10] for r in rows} == {"2025-07-31"}
    total = next(r for r in rows if r["weapon_count"] == 32)
    assert (total["actor1"], total["actor2"], total["weapon"]) == ("Russia", "Ukraine", "drone")


@pytest.mark.parametrize("text, day", [
    ("The envoys met in Geneva between March 3 and March 6 and agreed on a prisoner exchange.", "2025-03-03"),
    ("Drones attacked the region from the evening of March 5 to the morning of March 6, the governor said.", "2025-03-06"),
    ("The strike on March 5 came a day before the talks of March 6.", "2025-03-05"),
    ("Russia struck Ukraine's grid overnight on March 4 to 5, the air force said.", "2025-03-05"),
    ("On the night of 4-5 March, drones attacked the port, officials said.", "2025-03-05"),
    ("On the night of March 4-5, at about 10 p.m., air defences destroyed nine rockets.", "2025-03-04"),
    ("Talks ran on 4-5 March in Riyadh.", "2025-03-04"),
])
def test_only_a_span_of_two_consecutive_days_is_a_night(text, day):
    own = _own_date(find_dates(text, dt.date(2025, 3, 7), None), text)
    assert own.date.isoformat() == day


def test_a_possessive_day_after_over_or_after_names_the_cause_not_the_happening():
    text = "The Czech foreign minister said he had summoned Russia's ambassador over Monday's strikes on Ukraine."
    assert _own_date(find_dates(text, dt.date(2024, 7, 9), None), text) is None
    kept = "Monday's strike killed 27 people in the capital, officials said."
    assert _own_date(find_dates(kept, dt.date(2024, 7, 9), None), kept).date == dt.date(2024, 7, 8)


@pytest.mark.parametrize("sentence, expected", [
    ("Russian forces seized the villages of Yampil, Stavky and Novoselivka in the Donetsk region, the ministry said.",
     [("Yampil", "Donetsk Oblast"), ("Stavky", "Donetsk Oblast")]),
    # a name after a comma is no village unless the chunk before it was one taken on its cue
    ("Officials in Kyiv, Stavky said, were worried.", [("Kyiv", "Kyiv")]),
    # a small town after "in", "on" or "at"
    ("Roughly 50 more were hurt in the attack on Chaplyne in the Dnipropetrovsk region.",
     [("Chaplyne", "Dnipropetrovsk Oblast")]),
])
def test_village_names_the_gazetteer_takes_only_on_a_cue(sentence, expected):
    found = [(m.text, m.admin1) for m in gazetteer().find(sentence)]
    assert found[:len(expected)] == expected


def test_each_live_blog_entry_starts_from_the_publication_day():
    """Entries under stamp headings are posts of their own, newest first: "Putin flew in on Monday night"
    in one entry does not date the strike the next entry reports."""
    text = ("Russia-Ukraine war live\n\n2.47pm BST\n\nUkraine criticises Mongolia\n\n"
            "Ukraine's foreign ministry has condemned Mongolia for not detaining Vladimir Putin, who flew into "
            "Ulaanbaatar on Monday night.\n\n12.38pm BST\n\nToll rises\n\n"
            "Two ballistic missiles hit a military institute in Poltava, killing 41 people, the governor said.\n")
    (row,) = events_of(text, "2024-09-03", category="attack")
    assert str(row["event_date"])[:10] == "2024-09-03"


def test_a_day_named_after_the_past_day_dates_the_report_under_a_dated_heading():
    text = ("Kherson\nSunday, 22 September 2024\n\nRussian forces hit 17 towns and villages in Kherson Oblast with "
            "artillery, drones and air strikes over the past day, 21 September, injuring five civilians.\n")
    (row,) = events_of(text, "2024-09-22", category="attack")
    assert (str(row["event_date"])[:10], row["injuries"]) == ("2024-09-21", 5)


def test_a_labelled_background_line_reports_no_happening():
    text = ("Kherson\nBackground: Kherson and the villages along the Dnipro have been shelled every day since "
            "Ukrainian forces liberated the city in November 2022.\n")
    assert events_of(text, "2024-09-22") == []


def test_a_count_before_a_compass_word_is_a_regions_breakdown():
    text = ("Drones\nThe ministry said air defences destroyed six drones. The breakdown put three of them over the "
            "western Voronezh region, and one over the Ryazan region.\n")
    rows = events_of(text, "2024-05-01", "Europe/Moscow", category="air_defense")
    assert ("Voronezh Oblast", 3) in [(r["location"], r["weapon_count"]) for r in rows]


def test_of_n_launched_air_defences_destroyed_m_gives_both_figures():
    text = ("Lviv\nAt least four people were killed overnight when Russian cruise missiles struck an apartment building "
            "in Lviv. Of the ten Kalibr cruise missiles launched from ships in the Black Sea at the Lviv region, air "
            "defences destroyed seven, according to Ukraine's air force.\n")
    rows = {r["category"]: r for r in events_of(text, "2023-07-06")}
    assert (rows["attack"]["weapon"], rows["attack"]["weapon_count"]) == ("Kalibr cruise missile", 10)
    assert (rows["air_defense"]["actor1"], rows["air_defense"]["weapon_count"]) == ("Ukraine", 7)


def test_harm_in_another_region_after_a_national_total_is_an_attack_of_its_own():
    text = ("Drones\nRussia sent 35 drones against six Ukrainian regions overnight, and 29 were destroyed, the air "
            "force said. A warehouse in the Vinnytsia region was damaged and two people were wounded, the governor "
            "said.\n")
    rows = events_of(text, "2024-06-12", category="attack")
    assert ("Vinnytsia Oblast", 2) in [(r["location"], r["injuries"]) for r in rows]


def test_a_backers_possessive_is_the_recipient_and_arms_go_to_the_side_backed():
    rows = events_of("Aid\nUkraine's Western backers pledged more air defence systems on Tuesday.\n", "2025-07-22",
                     category="military_support")
    assert all(r["actor1"] != "Ukraine" for r in rows)
    rows = events_of("Aid\nSpain offered 30 million euros, under the Czech-led scheme, for ammunition for Ukraine's "
                     "army.\n", "2025-07-22", category="military_support")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("Spain", "Ukraine")]


def test_the_nights_barrage_is_no_count_of_a_regions_blow_and_its_interceptions_stay_national():
    text = ("Grid\nRussian forces hit energy sites in the Odesa region, the governor said.\n"
            "The air force said Russia launched 140 drones during the night and that 120 of them were shot down.\n")
    rows = events_of(text, "2025-10-20")
    odesa = [r for r in rows if r["location"] == "Odesa Oblast"]
    assert [r["weapon_count"] for r in odesa] == [None]
    downed = [r for r in rows if r["category"] == "air_defense"]
    assert [(r["weapon_count"], r["location"], str(r["event_date"])) for r in downed] == [(120, None, "2025-10-20")]


def test_a_town_a_village_lies_beside_is_not_where_it_happened():
    text = ("Front\nRussian troops captured Yampil, which lies to the east of Sloviansk, the ministry said.\n")
    rows = events_of(text, "2025-11-21", category="attack")
    assert all(r["location"] != "Sloviansk" for r in rows)


def test_the_title_the_text_gives_names_whose_official_a_person_is():
    from analysis.actors import find_actors
    people = [a for a in find_actors("Dutch Prime Minister Mark Rutte said on Sunday that jets would follow.")
              if a.kind == "person"]
    assert [a.actor for a in people] == ["Netherlands"]


def test_a_dateline_that_is_the_acting_sides_own_seat_places_its_decision():
    text = ("Sanctions\nBrussels, May 20 (dpa) - EU ministers on Tuesday adopted a 17th sanctions package against "
            "Russia, diplomats said.\nKYIV (Reuters) - The EU's foreign policy chief said on Tuesday that more "
            "sanctions would follow.\n")
    rows = events_of(text, "2025-05-20", category="diplomacy")
    assert [r["location"] for r in rows if r["sentence"].startswith("Brussels")] == ["Brussels"]
    assert all(r["location"] != "Kyiv" for r in rows)


def test_he_is_the_official_who_acted_or_spoke_last():
    text = ("Poltava\nZelenskiy said on Telegram that he had ordered a full investigation into the strike on Poltava. "
            "He once again urged allies to send more air defence systems.\n")
    rows = events_of(text, "2024-09-03", category="diplomacy")
    assert rows and all(r["actor1"] == "Ukraine" for r in rows)


def test_a_live_blog_recap_of_a_strike_with_the_same_toll_is_the_same_strike():
    text = ("Live\n\nPosted at 18:41 - Death toll rises\n\nPresident Zelensky says twenty-two people are dead after a "
            "Russian rocket strike on a railway station. Roughly 50 more were hurt in the attack on Chaplyne.\n\n"
            "Posted at 21:05 - To recap\n\nTo recap: a rocket attack on a railway station in Chaplyne, in the "
            "Dnipropetrovsk region, has killed 22 people according to Zelensky.\n")
    rows = events_of(text, "2022-08-24", "Europe/London", category="attack")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Chaplyne", 22)]


def test_talks_told_before_open_no_row_of_their_own():
    """"took part in the talks": talks the article has told, or takes as known, are no new happening."""
    rows = events_of("Ministers gather\nUkraine's allies met at Ramstein air base on Monday to discuss air defence.\n\n"
                     "The meeting opened hours after a Russian bombardment. Delegations from 52 countries took part "
                     "in the talks, the ministry said.\n", "2025-07-21", category="diplomacy")
    assert len(rows) == 1
    assert [e["category"] for e in events_of("Talks\nPeace talks between the two delegations began in Istanbul "
                                             "on Monday.\n", "2025-06-03")] == ["diplomacy"]


@pytest.mark.parametrize("text", [
    "The Kupiansk and Izium districts are within range of Russian artillery, and the Russian military strikes "
    "settlements there every day.",
    "The industrial city in central Ukraine, where the president was born, is hit regularly.",
    "Border areas of western Russia have been hit by shelling and drones on a regular basis.",
    "The two sides last swapped 115 prisoners each in August, also with Emirati mediation.",
    "The far west of the country, well away from the front, is hit far less often than the east.",
])
def test_what_happens_as_a_rule_is_background(text):
    assert events_of("Background\n" + text + "\n", "2024-08-01") == []


def test_each_day_in_a_plea_is_no_background():
    rows = events_of("Strike\nA Russian missile hit a hospital in Poltava on Tuesday, killing 51 people. Each day of "
                     "delay in sending air defence costs lives, the president said.\n", "2024-09-03", category="attack")
    assert [r["location"] for r in rows] == ["Poltava"]


@pytest.mark.parametrize("text", [
    "Both sides agreed to work out steps to stop strikes on energy facilities.",
    "Russia could use the holiday as a pretext for more strikes, officials fear.",
    "The new measures aim to make it harder to get around sanctions the EU already has in place.",
    "Analysts say the elderly tankers are Moscow's way of evading the international sanctions on its oil.",
    "The announcement came as the president was in Hiroshima for the G7 summit.",
])
def test_blows_and_measures_halted_feared_or_already_in_place_open_nothing(text):
    from analysis.categories import find_triggers

    assert not [t for t in find_triggers(text) if t.category in ("attack", "diplomacy") and t.opens]



def test_only_a_side_at_war_strikes():
    """An envoy, a donor or a buyer named in a sentence about a strike comments on it or is hurt by it."""
    text = ("Ports\nThe US ambassador, Bridget Brink, said she was horrified by the strike on the port of Izmail.\n"
            "The strikes destroyed 40,000 tonnes of grain that was bound for China and Israel, the minister said.\n")
    rows = events_of(text, "2023-08-02", category="attack")
    assert rows and {r["actor1"] for r in rows} <= {"Russia"}


def test_an_unnamed_striker_is_the_enemy_of_the_outlets_side():
    """"The number killed in the strike on the hypermarket": in a Kyiv outlet, not a Ukrainian blow."""
    rows = events_of("Kharkiv\nThe number of people killed in the strike on the hypermarket has risen to at least "
                     "four, with 38 injured, the governor said.\n", "2024-05-25", category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_an_air_force_naming_the_missile_did_not_fire_it():
    """"…said it was a Kh-22": a copula names what struck; "…said it had shot down" is a self-report."""
    rows = events_of("Dnipro\nUkraine's air force said it was a Kh-22, a heavy anti-ship missile fired from a "
                     "Tu-22M3 bomber, and that Ukrainian air defences have no means of shooting that type down.\n",
                     "2023-01-16", category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_what_was_reported_on_a_day_happened_by_that_day():
    """Monday's paper: "the ministry said on Friday that its forces had taken the town" — Friday, not Monday."""
    rows = events_of("Soledar\nKYIV, Jan 16 (Reuters) -Rescuers searched the rubble in Dnipro on Monday.\n"
                     "Russia's Defence Ministry said on Friday that its forces had taken full control of "
                     "Soledar after weeks of assaults.\n", "2023-01-16", category="attack")
    rows = [r for r in rows if r["location"] == "Soledar"]
    assert [str(r["event_date"])[:10] for r in rows] == ["2023-01-13"]
    rows = events_of("Night\nThe ministry said on Sunday that on Saturday evening its forces had struck Kharkiv.\n",
                     "2023-01-16", category="attack")
    assert [str(r["event_date"])[:10] for r in rows] == ["2023-01-14"]


def test_the_country_where_a_blow_fell_did_not_strike_it():
    rows = events_of("Refinery\nA blaze broke out at a refinery in Ryazan Oblast in western Russia after a drone "
                     "attack early on March 13, Governor Pavel Malkov said.\n", "2024-03-13", category="attack")
    assert [(r["actor1"], r["location"]) for r in rows] == [("Ukraine", "Ryazan Oblast")]


def test_in_a_passive_the_side_named_before_the_blow_was_hit():
    rows = events_of("Strike\nFacilities of Ukraine's military-industrial complex were hit on Saturday in a group "
                     "strike by the Russian Armed Forces, the Russian Defense Ministry reported.\n", "2024-01-13",
                     category="attack")
    assert [r["actor1"] for r in rows] == ["Russia"]


def test_a_day_that_closes_the_blows_place_phrase_dates_it():
    rows = events_of("Refineries\nMOSCOW, March 13 (Reuters) -A Ukrainian drone attack set a refinery ablaze in the "
                     "Ryazan region early on Wednesday, the regional governor said.\nA drone struck a processing unit "
                     "at Lukoil's NORSI refinery in Kstovo, in the Nizhny Novgorod region, on Tuesday.\n",
                     "2024-03-13", category="attack")
    assert [str(r["event_date"])[:10] for r in rows if r["location"] == "Kstovo"] == ["2024-03-12"]


def test_a_regional_governor_speaks_for_the_city_the_story_named_in_his_region():
    text = ("Strikes\nKYIV, Aug 27 (Reuters) -Russia launched missiles at Ukraine overnight, destroying a hotel in the "
            "central city of Kryvyi Rih, officials said.\n\nTwo people were killed and five wounded when a missile "
            "struck the hotel shortly after midnight, Dnipropetrovsk regional governor Serhiy Lysak said.\n")
    rows = events_of(text, "2024-08-27", category="attack")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Kryvyi Rih", 2)]


def test_a_capital_that_seats_a_ministry_is_not_where_its_forces_struck():
    rows = events_of("Energy\nIn Moscow, the Defense Ministry said its forces had launched a massive strike on "
                     "critical energy infrastructure serving Ukraine's defense industry.\n", "2024-08-26",
                     category="attack")
    assert rows and all(r["location"] != "Moscow" for r in rows)
    rows = events_of("Kherson\nOfficials in Kherson said two people were killed by shelling.\n", "2024-08-26",
                     category="attack")
    assert [r["location"] for r in rows] == ["Kherson"]


def test_a_village_listed_beside_known_towns_is_a_place():
    from analysis.unlisted import unlisted
    text = "In the Kramatorsk district, Russian fire struck Lyman, Illinivka, Druzhkivka and Kostiantynivka."
    assert [m.place for m in unlisted(text, gazetteer().find(text))] == ["Illinivka"]
    text = "Flights at the Sheremetyevo, Vnukovo and Domodedovo airports were halted."
    assert "Sheremetyevo" not in [m.place for m in unlisted(text, gazetteer().find(text))]


def test_the_district_of_a_leading_in_clause_holds_the_towns_hit():
    rows = events_of("Donetsk region\nIn the Bakhmut district, Siversk and Serebrianka came under attack, and 18 "
                     "houses were damaged there.\n", "2025-04-02", category="attack")
    assert rows and rows[0]["location"] == "Siversk"


def test_a_strike_on_a_list_of_sites_in_several_places_is_one_event_per_place():
    rows = events_of("Refineries\nAccording to the outlet, the refineries targeted were in Ryazan, in Kstovo in Nizhny "
                     "Novgorod Oblast, and in Kirishi in Leningrad Oblast.\n", "2024-03-13", category="attack")
    assert [r["location"] for r in rows] == ["Ryazan", "Kstovo", "Kirishi"]
    rows = events_of("Drones\nUkrainian drones struck targets in the Moscow and Kursk regions and at the Dyagilevo "
                     "military airfield in the Ryazan region, an official claimed.\n", "2025-03-11", category="attack")
    assert [r["location"] for r in rows] == ["Moscow Oblast", "Kursk Oblast", "Dyagilevo"]


def test_blows_told_after_a_lede_that_dates_the_raid_apart_are_that_nights():
    text = ("Kyiv\nSearch crews were still digging through a wrecked block in Kyiv on Wednesday, a day after one of "
            "Russia's heaviest drone and missile raids on the capital.\n\nTwo more people were killed in the southern "
            "port city of Odesa, local authorities said.\n")
    rows = events_of(text, "2025-06-18", category="attack")
    assert [(r["location"], str(r["event_date"])[:10]) for r in rows] == [("Kyiv", "2025-06-17"), ("Odesa", "2025-06-17")]


def test_the_launch_a_relative_clause_tells_is_the_attack():
    rows = events_of("T\n\nUkrainian defenders brought down 62 of the 145 drones that Russia sent against Ukraine "
                     "overnight on Sunday, November 10, the Ukrainian Air Force said on Telegram.\n", "2024-11-10")
    assert sorted((r["category"], r["actor1"], r["weapon_count"]) for r in rows) == \
        [("air_defense", "Ukraine", 62), ("attack", "Russia", 145)]


def test_anti_aircraft_troops_that_repelled_the_attack_intercepted_it():
    from test_real_triggers import kinds
    assert kinds("The Air Force's anti-aircraft missile troops and aviation repelled the attack together with EW "
                 "units.") == [("air_defense", "interception")]


def test_every_site_of_a_launch_list_is_no_place_of_the_blow():
    from analysis.facts import _real_places
    text = ("The Air Force tracked 145 drones launched from Primorsko-Akhtarsk, Oryol and Bryansk in Russia and from "
            "Cape Chauda in temporarily occupied Crimea.")
    assert [p.place for p in _real_places(text, gazetteer().find(text), set())] == []


def test_relief_with_no_place_of_its_own_is_where_the_story_stands():
    text = ("Donetsk region\nRussian forces fired on towns and villages of the Donetsk region 14 times over the past day, "
            "the governor said.\n\nOver the same period, 140 people, 28 of them children, were evacuated from the "
            "front line.\n")
    rows = events_of(text, "2025-04-02", category="humanitarian")
    assert [r["location"] for r in rows] == ["Donetsk Oblast"]


def test_a_breakdown_over_annexed_crimea_is_a_breakdown():
    rows = events_of("T\nThe Defense Ministry said its forces had destroyed 13 Ukrainian drones over the Volgograd region "
                     "during the night, as well as five over the Rostov region and another five over annexed Crimea.\n",
                     "2025-08-19", category="air_defense")
    assert [(r["location"], r["weapon_count"]) for r in rows] == \
        [("Volgograd Oblast", 13), ("Rostov Oblast", 5), ("Crimea", 5)]


def test_arms_are_given_to_the_sides_at_war_not_by_them():
    rows = events_of("Swap\nThe freed servicemen will be delivered by military transport aircraft to Moscow for "
                     "treatment, the ministry said.\n", "2024-01-03", category="military_support")
    assert rows == []
    rows = events_of("Aid\nGermany will send Ukraine five more Patriot systems, the ministry said.\n", "2025-08-01",
                     category="military_support")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("Germany", "Ukraine")]


def test_an_ongoing_flow_of_arms_with_no_giver_named_is_no_pledge():
    rows = events_of("Bakhmut\nUkraine's Western partners continue to deliver main battle tanks.\n", "2023-03-08",
                     category="military_support")
    assert rows == []


def test_a_leader_who_passes_judgement_on_a_strike_did_not_strike():
    rows = events_of("Kharkiv\nZelenskiy calls strike on Epicentr DIY store 'yet more Russian insanity'.\n", "2024-05-25",
                     category="attack")
    assert rows and all(r["actor1"] == "Russia" for r in rows)


def test_a_second_blow_in_a_clause_of_its_own_is_an_event_of_its_own():
    rows = events_of("Refineries\nA drone struck a processing unit at Lukoil's NORSI refinery in Kstovo, in the Nizhny "
                     "Novgorod region, on Tuesday, and an oil depot in the Oryol region caught fire after another "
                     "drone attack.\n", "2024-03-13", category="attack")
    assert [(r["location"], str(r["event_date"])[:10]) for r in rows] == \
        [("Kstovo", "2024-03-12"), ("Oryol Oblast", "2024-03-12")]
    rows = events_of("Kharkiv\nRussian missiles struck Kharkiv overnight, and the governor of the Kharkiv region said two "
                     "people were killed.\n", "2024-03-13", category="attack")
    assert [r["location"] for r in rows] == ["Kharkiv"]


def test_bloggers_who_post_images_of_a_blow_tell_of_it():
    rows = events_of("Kursk\nAlso on Wednesday, Russian military bloggers posted images of British-made Storm Shadow "
                     "missile fragments in the Kursk region, and Western media reported that Ukraine had fired the "
                     "missiles at a command post there.\n", "2024-11-20", category="attack")
    assert rows and all(r["actor1"] == "Ukraine" for r in rows)


def test_a_dateline_with_an_abbreviated_month_and_a_medium_are_no_places():
    from analysis.facts import DATELINE_PLACE, _real_places
    assert DATELINE_PLACE.match("KYIV, Aug. 12, 2024 — Ukraine's army chief said on Monday that his troops advanced.")
    text = "According to the Telegram channel Baza, cars caught fire at a car park in Kashira."
    assert "Baza" not in [p.name for p in _real_places(text, gazetteer().find(text), set())]


def test_the_side_whose_air_defences_downed_the_drones_defended():
    for text in ("Russian air defense systems intercepted and destroyed 58 Ukrainian drones over six regions "
                 "overnight, the Russian Defense Ministry reported.",
                 "Over the past 24 hours, air defence systems brought down three guided aerial bombs and 57 "
                 "Ukrainian drones, the ministry said."):
        rows = events_of("T\n" + text + "\n", "2024-03-13", "Europe/Moscow", category="air_defense")
        assert [(r["actor1"], r["actor2"]) for r in rows] == [("Russia", "Ukraine")], text


def test_the_capital_is_the_capital_not_the_city_named_last():
    text = ("Live\n\nPosted at 09:10 - Dnipro\n\nA missile hit an industrial site in Dnipro, the governor said.\n\n"
            "Posted at 09:40 - Sirens\n\nSirens have rung out across the capital once more, sending people back "
            "into shelters.\n")
    rows = events_of(text, "2022-08-24", category="air_defense")
    assert [r["location"] for r in rows] == ["Kyiv"]


def test_a_town_that_came_under_bombardment_is_a_blow_of_its_own():
    """"came under bombardment/shelling" opens a strike, even after another blow of the story."""
    text = ("Front\nUkrainian troops repelled 30 attacks in the Pokrovsk sector on Saturday, Kyiv said.\n\n"
            "Kostiantynivka, a town north of Horlivka, came under bombardment from Russian aircraft the same day. "
            "Prosecutors put the number of wounded at four.\n")
    rows = events_of(text, "2024-07-27", category="attack")
    assert ("Russia", "Kostiantynivka", 4) in [(r["actor1"], r["location"], r["injuries"]) for r in rows]


def test_an_interview_is_dated_by_its_day_not_by_background_told_after_it():
    """A diplomat's interview, then paragraphs later talks that "were due in November 2022": the month of
    the background does not date the interview."""
    text = ("Interview\nWashington's policy has brought Moscow to the edge of an open clash, Sergei Ryabkov, deputy "
            "foreign minister, believes. He set out this view in an interview with RIA Novosti.\n\n"
            "Talks on resuming inspections were due in November 2022 but were called off.\n")
    rows = events_of(text, "2023-01-30", "Europe/Moscow", category="diplomacy")
    assert [(r["actor1"], r["event_date"].isoformat()) for r in rows] == [("Russia", "2023-01-30")]


def test_new_york_is_the_city_not_york():
    """"told reporters at UN headquarters in New York": the American city, not York in England."""
    found = gazetteer().find("The UN spokesman told reporters at headquarters in New York on Friday.")
    assert [(p.place, p.country) for p in found] == [("New York City", "United States")]


@pytest.mark.parametrize("text, published, expected", [
    # The lead's Friday holds the story; a bill "signed into law on Wednesday" told in one section does not
    # date the pledges listed under the next heading, which are the day's news.
    pytest.param("Allies add pledges\nThe defence secretary on Friday announced a new $2 billion package for Ukraine.\n"
                 "The money\nIt is part of the aid bill the president signed into law on Wednesday.\n"
                 "Other allies step up\nNorway said it would send more artillery shells to Ukraine.\n",
                 "2024-04-26", ("Norway", "2024-04-26"), id="a-background-day-does-not-date-the-next-sections-news"),
    # "…ended a tour on Sunday with pledges of F-16s", then a heading, then the pledge told without a day: the
    # lead's Sunday, not the Monday paper.
    pytest.param("Jets pledged\nZelensky ended his tour of northern Europe on Sunday with pledges of F-16 fighter jets.\n"
                 "Jets for Ukraine\nAt Skrydstrup air base, Prime Minister Mette Frederiksen said Denmark would give "
                 "Ukraine 19 F-16s.\n", "2023-08-21", ("Denmark", "2023-08-20"), id="the-leads-day-holds-under-the-next-heading"),
])
def test_the_day_a_pledge_under_a_heading_stands_in(text, published, expected):
    rows = events_of(text, published, category="military_support")
    assert expected in [(r["actor1"], r["event_date"].isoformat()) for r in rows]


def test_a_meeting_placed_only_in_a_country_is_at_the_datelines_city():
    """"BARI, Italy (Kyodo) --": a signing on a summit's sidelines that the sentence places only in
    Italy happened in the dateline's city."""
    text = ("Accord signed\nBARI, Italy (Kyodo) -- Japan signed a security accord with Ukraine in Italy on Thursday, "
            "on the sidelines of the summit.\n")
    rows = events_of(text, "2024-06-13", "Europe/Rome", category="diplomacy")
    assert [r["location"] for r in rows] == ["Bari"]


def test_damage_in_another_place_of_a_strike_story_is_a_blow_of_that_wave():
    """"Power sites in four regions were the focus of the attack …. In Zaporizhzhia district an energy
    facility was damaged.": the damage is the wave's blow there, not damage reported on its own."""
    text = ("Strikes\nRussian missiles struck energy sites in the Kharkiv region overnight, officials said.\n\n"
            "In Zaporizhzhia district an energy facility was damaged.\n")
    rows = events_of(text, "2024-04-11")
    assert ("attack", "Zaporizhzhia") in [(r["category"], r["location"]) for r in rows]


MEMBER_LIST = """Six allies to fund air defence for Ukraine

Ukraine and six European states signed a letter on Tuesday that commits them to supply air defence systems to Ukraine over the next two years, the defence ministry in Kyiv said.

The document was drawn up during a meeting of defence ministers in Brussels.

Its signatories are the Netherlands, Belgium, Portugal, Spain, Ireland and Austria, a spokesman said.
"""


def test_a_groups_pledge_is_one_row_per_member_a_later_sentence_lists():
    """"Ukraine and six European states signed …" names no donor; the signatories two sentences on do, and the
    group's size ties them to it. Each row also cites the sentence that names its donor."""
    rows = events_of(MEMBER_LIST, "2024-03-13", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Austria", "Belgium", "Ireland", "Netherlands", "Portugal", "Spain"]
    assert {r["actor2"] for r in rows} == {"Ukraine"} and {str(r["event_date"])[:10] for r in rows} == {"2024-03-12"}


def test_a_list_of_another_size_is_not_the_groups():
    """A later list of four names does not belong to a group of six: no donor is known, and no row is made."""
    text = MEMBER_LIST.replace("the Netherlands, Belgium, Portugal, Spain, Ireland and Austria",
                               "the Netherlands, Belgium, Portugal and Spain")
    assert events_of(text, "2024-03-13", "Europe/Kyiv", category="military_support") == []


SECTIONED = """Ukraine updates: grid hit again

Over half a million homes have no heating, officials said on Sunday.

Kyiv reports gains in Zaporizhzhia region
Ukrainian troops are advancing south, the general staff said, claiming at least three villages the Russians had abandoned.
"""


def test_ground_gained_under_a_heading_that_names_a_region_is_placed_there():
    """A ground-war sentence that names no place of its own happened where its section's heading says
    (CONTRACT §7: the headline's rule, applied to a section's heading); "are advancing" is an advance."""
    rows = events_of(SECTIONED, "2023-06-18", "Europe/Kyiv", category="attack")
    assert [(r["actor1"], r["location"]) for r in rows] == [("Ukraine", "Zaporizhzhia Oblast")]


def test_a_groups_members_after_a_dash_are_its_donors():
    """"Six European states signed …" and, later, "the so-called Western Six — the Netherlands, Belgium, …": a
    dash opens the group's member list as "its signatories are" does."""
    text = MEMBER_LIST.replace("Its signatories are the Netherlands, Belgium, Portugal, Spain, Ireland and Austria, a "
                               "spokesman said.", "The so-called Western Six — the Netherlands, Belgium, Portugal, "
                               "Spain, Ireland and Austria — met again in the evening.")
    rows = events_of(text, "2024-03-13", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Austria", "Belgium", "Ireland", "Netherlands", "Portugal", "Spain"]


COALITION = """Finland joins a six-nation coalition to train Ukrainian pilots

Finland is among six NATO members that on Tuesday formed a coalition to teach Ukrainian pilots how to fly and service F-16 fighters.

Photo: A. Photographer/Agency

The coalition was set up on the sidelines of the alliance's summit.

Besides Finland, the signatories of the joint declaration are Belgium, Estonia, Ireland, Latvia and Spain.
"""


def test_a_coalition_one_member_is_among_is_one_row_per_member():
    """"Finland is among six NATO members that formed a coalition to teach Ukrainian pilots": Finland is one of the
    group, not its only giver; "Besides Finland, the signatories of the joint declaration are …" lists the rest,
    and a picture's credit line between them opens no section of its own."""
    rows = events_of(COALITION, "2023-07-11", "Europe/Kyiv", category="military_support")
    assert sorted(r["actor1"] for r in rows) == ["Belgium", "Estonia", "Finland", "Ireland", "Latvia", "Spain"]


BREAKDOWN_AFTER = """Drones downed over Russian regions overnight

MOSCOW, June 3. In the course of the night, 25 drones launched by Ukraine were downed above Russian regions, the Defence Ministry said.

The Voronezh Region accounted for the largest number, 12, followed by the Kursk Region with eight. Adygea and the Tula Region saw two apiece, while a single drone was destroyed above the Oryol Region.
"""


def test_a_breakdown_told_after_the_totals_sentence_is_one_row_per_region():
    """"The Voronezh Region accounted for the largest number, 12, followed by the Kursk Region with eight. Adygea and
    the Tula Region saw two apiece, while a single drone was destroyed above …": each region with its own count."""
    rows = events_of(BREAKDOWN_AFTER, "2025-06-03", "Europe/Moscow", category="air_defense")
    counts = sorted((r["location"], r["weapon_count"]) for r in rows if r["location"])
    assert counts == [("Adygea", 2), ("Kursk Oblast", 8), ("Oryol Oblast", 1), ("Tula Oblast", 2), ("Voronezh Oblast", 12)]


def test_the_two_oblasts_a_headline_named_are_one_blow_each():
    """"…struck facilities in the two oblasts": the two regions the headline named, one event each."""
    rows = events_of("Russians hit power sites in Sumy and Poltava oblasts overnight\nRussian forces struck facilities "
                     "of the grid operator in the two oblasts overnight into 26 July, cutting power to some homes.\n",
                     "2024-07-26", "Europe/Kyiv", category="attack")
    assert sorted(r["location"] for r in rows if "two oblasts" in r["sentence"]) == ["Poltava Oblast", "Sumy Oblast"]

