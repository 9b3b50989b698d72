"""Rules learned from the real-shaped development sets tests/real/dev3 and dev4 (issue #7). Each test
feeds sentences written for it, in the shapes those reports take, through the whole article pipeline."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.categories import classify
from analysis.dates import find_dates
from analysis.facts import _own_date
from analysis.places import gazetteer
from test_consolidate import events_of


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
])
def test_only_a_span_of_two_consecutive_days_is_a_night(text, day):
    own = _own_date(find_dates(text, dt.date(2025, 3, 7), None), text)
    assert own.date.isoformat() == day


def test_drones_of_one_side_downed_near_a_front_line_place_were_downed_by_the_other():
    """"18 Ukrainian drones were destroyed near Golaya Pristan": the village lies in a Ukrainian region
    held by Russia; the side whose drones fell is the attacker, whoever holds the map."""
    text = ("Briefing\nIn addition, 18 Ukrainian unmanned aerial vehicles were destroyed near Hola Prystan in the "
            "Kherson Region, the spokesman said.\n")
    (row,) = events_of(text, "2023-05-14", "Europe/Moscow", category="air_defense")
    assert (row["actor1"], row["actor2"], row["weapon_count"]) == ("Russia", "Ukraine", 18)


def test_a_list_of_villages_after_a_capture_verb_names_each_village():
    found = gazetteer().find("Russian forces seized the villages of Yampil, Stavky and Novoselivka in the "
                             "Donetsk region, the ministry said.")
    assert [(m.text, m.admin1) for m in found][:2] == [("Yampil", "Donetsk Oblast"), ("Stavky", "Donetsk Oblast")]


def test_a_list_continues_only_from_a_village_taken_on_its_cue():
    """A name after a comma is no village unless the chunk before it was one: "Kyiv, Stavky" is no list
    of villages opened by a cue."""
    found = gazetteer().find("Officials in Kyiv, Stavky said, were worried.")
    assert [m.text for m in found] == ["Kyiv"]


@pytest.mark.parametrize("text, kinds", [
    ("Russia's defence ministry says its troops have taken the village of Yasnobrodivka in eastern Ukraine.",
     [("attack", "capture")]),
    ("Moscow said its forces took the town of Vuhledar after two years of fighting.", [("attack", "capture")]),
    ("The first round of talks took place in the town of Bucha in March.", [("diplomacy", "talks")]),
])
def test_took_and_taken_are_a_capture_only_with_a_settlement_after_them(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


def test_a_possessive_day_after_over_or_after_names_the_cause_not_the_happening():
    text = "The Czech foreign minister said he had summoned Russia's ambassador over Monday's strikes on Ukraine."
    assert _own_date(find_dates(text, dt.date(2024, 7, 9), None), text) is None
    kept = "Monday's strike killed 27 people in the capital, officials said."
    assert _own_date(find_dates(kept, dt.date(2024, 7, 9), None), kept).date == dt.date(2024, 7, 8)


def test_a_passive_statement_is_made_by_the_side_after_by():
    text = ("Kremlin\nMOSCOW, February 14. /TASS/. Reports in Western media that the United States received an offer "
            "from Russian President Vladimir Putin to freeze the conflict have been rejected by Kremlin Spokesman "
            "Dmitry Peskov.\n")
    (row,) = events_of(text, "2024-02-14", "Europe/Moscow", category="diplomacy")
    assert row["actor1"] == "Russia"


def test_the_country_a_measure_is_aimed_at_is_not_where_it_was_taken():
    text = ("Sanctions\nThe EU's foreign ministers on Monday formally adopted a 15th sanctions package against Russia, "
            "officials said.\n")
    (row,) = events_of(text, "2024-12-16", category="diplomacy")
    assert (row["actor1"], row["actor2"], row["location"]) == ("European Union", "Russia", None)


def test_a_raid_in_a_day_after_clause_with_a_long_noun_phrase_is_dated_a_day_earlier():
    text = ("Kyiv\nSearch crews were still digging through a wrecked apartment block in Kyiv on Wednesday, a day after "
            "one of Russia's heaviest combined drone and missile raids on the capital, officials said.\n")
    (row,) = events_of(text, "2025-06-18", category="attack")
    assert (str(row["event_date"])[:10], row["location"]) == ("2025-06-17", "Kyiv")


@pytest.mark.parametrize("text, kinds", [
    ("A drone tore through the structure and brought down dozens of flats, the mayor said.", []),
    ("Air defences brought down 20 drones over the region overnight.", [("air_defense", "interception")]),
])
def test_brought_down_is_an_interception_only_of_what_flies(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


def test_drones_downed_over_several_regions_of_a_country_are_placed_at_the_country():
    text = ("Drones\nRussian news agencies reported that 147 Ukrainian drones had been shot down over nine Russian "
            "regions during the night.\n")
    (row,) = events_of(text, "2025-06-17", "Europe/Moscow", category="air_defense")
    assert (row["actor1"], row["location"], row["weapon_count"]) == ("Russia", "Russia", 147)


def test_the_side_that_speaks_with_an_aside_is_no_agent_and_the_weapons_side_is():
    text = ("Donetsk\nRussia, for its part, said Ukrainian missiles had hit a district of occupied Donetsk on Tuesday, "
            "with at least 10 people hurt.\n")
    (row,) = events_of(text, "2025-06-18", category="attack")
    assert (row["actor1"], row["actor2"], row["injuries"]) == ("Ukraine", "Russia", 10)


def test_a_leader_of_the_side_hit_reports_the_strike_and_did_not_strike():
    text = ("Poltava\nVolodymyr Zelenskiy has given the first death toll from the strike on Poltava, saying 41 people "
            "had been killed.\n")
    (row,) = events_of(text, "2024-09-03", category="attack")
    assert (row["actor1"], row["actor2"], row["location"]) == ("Russia", "Ukraine", "Poltava")


def test_a_side_with_a_lower_case_title_before_said_speaks():
    text = ("Poltava\nIn a statement on Telegram, the Ukrainian president said two ballistic missiles had hit an "
            "educational institution in Poltava.\n")
    (row,) = events_of(text, "2024-09-03", category="attack")
    assert (row["actor1"], row["weapon_count"]) == ("Russia", 2)


def test_a_place_measured_from_is_not_where():
    text = ("Poltava\nReports are coming in of a Russian ballistic missile attack about 340km east of Kyiv, on the "
            "central city of Poltava.\n")
    (row,) = events_of(text, "2024-09-03", category="attack")
    assert row["location"] == "Poltava"


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


def test_a_drone_that_drops_an_explosive_device_strikes():
    text = "Kherson\nAt about 08:00 this morning, a Russian drone dropped an explosive device on a civilian in Kherson.\n"
    (row,) = events_of(text, "2024-09-22", category="attack")
    assert (row["actor1"], row["location"], row["time_local"]) == ("Russia", "Kherson", "08:00")


def test_a_labelled_background_line_reports_no_happening():
    text = ("Kherson\nBackground: Kherson and the villages along the Dnipro have been shelled every day since "
            "Ukrainian forces liberated the city in November 2022.\n")
    assert events_of(text, "2024-09-22") == []


@pytest.mark.parametrize("text, kinds", [
    ("Gerasimov said Russian forces had captured Kupiansk; Ukraine said this was untrue.",
     [("attack", "capture"), ("diplomacy", "statement")]),
    ("Zelenskyy said he had accepted Kishida's invitation and will take part in the summit by video link.",
     [("diplomacy", "statement")]),
    ("The official said the government would weigh additional steps.", [("diplomacy", "statement")]),
    ("Bucharest accused Moscow of breaching Romanian airspace after a Russian drone strayed over the border.",
     [("other", "airspace_violation")]),
])
def test_rebuttals_acceptances_measures_weighed_and_airspace_breaches(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


def test_an_airspace_breach_is_by_the_side_whose_drone_strayed_in_and_at_the_country_breached():
    text = ("Romania\nBucharest has accused Moscow of breaching Romanian airspace after a Russian attack drone strayed "
            "over the border from Ukraine on Saturday evening.\n")
    (row,) = events_of(text, "2025-09-15", "Europe/Bucharest", category="other")
    assert (row["actor1"], row["actor2"], row["location"], row["event_type"]) == \
        ("Russia", "Romania", "Romania", "Strategic developments")


def test_the_country_of_a_summoned_envoy_is_summoned_by_the_host():
    text = "Romania\nOn Sunday, the foreign ministry summoned Russia's ambassador to Bucharest, Vladimir Lipaev.\n"
    (row,) = events_of(text, "2025-09-15", category="diplomacy")
    assert (row["actor1"], row["actor2"]) == ("Romania", "Russia")


def test_a_rebuttal_in_a_clause_of_its_own_is_by_the_side_that_clause_names():
    text = ("Kupiansk\nOn Thursday, Valery Gerasimov, who heads Russia's General Staff, said Russian forces had "
            "captured Kupiansk; Ukraine said this was untrue.\n")
    (row,) = events_of(text, "2025-11-21", category="diplomacy")
    assert (row["actor1"], row["actor2"]) == ("Ukraine", "Russia")


def test_units_pulled_out_of_a_town_is_a_withdrawal_that_the_advancing_side_wins():
    text = ("Vuhledar\nUkraine's military said on Oct. 2 that it had pulled its units out of Vuhledar, a hilltop town "
            "in Donetsk Oblast.\n")
    (row,) = events_of(text, "2024-10-02", category="attack")
    assert (row["actor1"], row["actor2"], row["location"]) == ("Russia", "Ukraine", "Vuhledar")


def test_clashes_a_side_tallies_along_the_front_line_are_country_wide_and_by_its_opponent():
    text = ("Front\nThe General Staff of Ukraine's Armed Forces said in its morning update that 155 combat clashes "
            "had taken place along the front line over the past day.\n")
    (row,) = events_of(text, "2024-10-02", category="attack")
    assert (row["actor1"], row["actor2"], row["location"]) == ("Russia", "Ukraine", "Ukraine")


@pytest.mark.parametrize("text, giver", [
    ("In an interview broadcast on Sunday, Putin said the arms shipments Washington has promised so far changed "
     "nothing.", "United States"),
    ("Germany said it would send 14 Leopard tanks to Ukraine.", "Germany"),
    ("On Sunday, US officials said President Joe Biden had authorised Ukraine to use ATACMS missiles.", "United States"),
])
def test_a_warring_side_that_speaks_of_a_third_partys_aid_is_not_the_giver(text, giver):
    (row,) = events_of("Aid\n" + text + "\n", "2022-06-06", category="military_support")
    assert row["actor1"] == giver


def test_a_sentence_that_only_breaks_the_total_down_opens_one_event_per_region():
    text = ("Drones\nMOSCOW, July 31. /TASS/. The ministry said air defense units on duty had shot down 32 Ukrainian "
            "fixed-wing drones over Russian regions overnight. Of these, the Volgograd Region accounted for eleven, "
            "the Republic of Crimea for seven, the Belgorod and Voronezh Regions for five apiece and the Tambov and "
            "Rostov Regions for two apiece, according to the ministry.\n")
    rows = events_of(text, "2025-07-31", "Europe/Moscow", category="air_defense")
    assert sorted((r["location"], r["weapon_count"]) for r in rows) == [
        ("Belgorod Oblast", 5), ("Crimea", 7), ("Rostov Oblast", 2), ("Russia", 32), ("Tambov Oblast", 2),
        ("Volgograd Oblast", 11), ("Voronezh Oblast", 5)]


def test_a_count_before_a_compass_word_is_a_regions_breakdown():
    text = ("Drones\nThe ministry said air defences destroyed six drones. The breakdown put three of them over the "
            "western Voronezh region, and one over the Ryazan region.\n")
    rows = events_of(text, "2024-05-01", "Europe/Moscow", category="air_defense")
    assert ("Voronezh Oblast", 3) in [(r["location"], r["weapon_count"]) for r in rows]


def test_leaders_of_countries_far_from_the_war_act_for_them():
    text = "Talks\nKishida held talks with Zelenskyy in Kyiv on Tuesday.\n"
    (row,) = events_of(text, "2023-03-21", category="diplomacy")
    assert (row["actor1"], row["actor2"]) == ("Japan", "Ukraine")


def test_of_n_launched_air_defences_destroyed_m_gives_both_figures():
    text = ("Lviv\nAt least four people were killed overnight when Russian cruise missiles struck an apartment building "
            "in Lviv. Of the ten Kalibr cruise missiles launched from ships in the Black Sea at the Lviv region, air "
            "defences destroyed seven, according to Ukraine's air force.\n")
    rows = {r["category"]: r for r in events_of(text, "2023-07-06")}
    assert (rows["attack"]["weapon"], rows["attack"]["weapon_count"]) == ("Kalibr cruise missile", 10)
    assert (rows["air_defense"]["actor1"], rows["air_defense"]["weapon_count"]) == ("Ukraine", 7)


@pytest.mark.parametrize("text, kinds", [
    ("On Friday, Ukraine's General Staff reported 62 Russian attacks in the areas surrounding Pokrovsk.",
     [("attack", "clash")]),
    ("Russia launched two missile attacks on Kharkiv.", [("attack", "strike")]),
    ("Sirens have rung out across the capital once more.", [("air_defense", "alert")]),
])
def test_tallies_of_assaults_and_sirens(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


def test_he_is_the_official_who_acted_or_spoke_last():
    text = ("Poltava\nZelenskiy said on Telegram that he had ordered a full investigation into the strike on Poltava. "
            "He once again urged allies to send more air defence systems.\n")
    rows = events_of(text, "2024-09-03", category="diplomacy")
    assert rows and all(r["actor1"] == "Ukraine" for r in rows)


def test_the_body_told_of_a_strike_only_listens():
    text = ("UN\nPresident Zelensky has told the UN Security Council by video link that the strike on the station in "
            "Chaplyne killed 22 people.\n")
    (row,) = events_of(text, "2022-08-24", category="attack")
    assert row["actor1"] == "Russia" and row["fatalities"] == 22


def test_no_reports_of_strikes_is_no_strike():
    assert classify("There have been no reports of strikes on the city so far.") == []


def test_a_small_town_after_in_on_or_at_is_a_place():
    found = gazetteer().find("Roughly 50 more were hurt in the attack on Chaplyne in the Dnipropetrovsk region.")
    assert [(m.text, m.admin1) for m in found][0] == ("Chaplyne", "Dnipropetrovsk Oblast")


def test_a_live_blog_recap_of_a_strike_with_the_same_toll_is_the_same_strike():
    text = ("Live\n\nPosted at 18:41 - Death toll rises\n\nPresident Zelensky says twenty-two people are dead after a "
            "Russian rocket strike on a railway station. Roughly 50 more were hurt in the attack on Chaplyne.\n\nPosted at 21:05 - To recap\n\nTo recap: a rocket attack on a "
            "railway station in Chaplyne, in the Dnipropetrovsk region, has killed 22 people according to Zelensky.\n")
    rows = events_of(text, "2022-08-24", "Europe/London", category="attack")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Chaplyne", 22)]


def test_children_returned_home_are_a_humanitarian_return():
    text = ("Children\nFour children have been returned to their families in Ukraine through Qatari mediation, the "
            "newspaper reported on Monday.\n")
    (row,) = events_of(text, "2023-10-16", category="humanitarian")
    assert row["actor1"] == "Qatar"


@pytest.mark.parametrize("text, category", [
    ("North Korea had sent over 1,000 containers of munitions and military equipment to Russia for its war.",
     "military_support"),
    ("Russia sent 50 drones against Kyiv overnight, the air force said.", "attack"),
])
def test_weapons_sent_to_a_country_are_a_delivery_and_sent_against_a_city_a_strike(text, category):
    (row,) = events_of("Arms\n" + text + "\n", "2023-10-14")
    assert row["category"] == category


@pytest.mark.parametrize("text, kinds", [
    ("Kishida said Tokyo will put $30 million into a NATO trust fund to help Ukraine obtain nonlethal equipment.",
     [("military_support", "aid")]),
    ("Kishida said Japan will extend fresh grant aid worth $470 million for the energy sector.",
     [("humanitarian", "relief")]),
    ("The company put $30 million into a new factory.", []),
])
def test_money_pledged_is_aid_or_relief_by_what_it_is_for(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


@pytest.mark.parametrize("text, kinds", [
    ("Russia's Defense Ministry announced on Monday that its forces had \"fully liberated\" Kurakhove.",
     [("attack", "capture")]),
    ("A convoy of six trucks had reached the town of Toretsk on 31 January, loaded with drinking water.",
     [("humanitarian", "relief")]),
    ("Two United Nations inter-agency convoys have brought relief supplies to front-line communities.",
     [("humanitarian", "relief")]),
])
def test_liberated_towns_and_aid_convoys(text, kinds):
    assert [(t.category, t.kind) for t in classify(text)] == kinds


def test_servicemen_who_came_home_from_captivity_were_released():
    text = "Swap\nAnother 277 Ukrainian servicemen have come home from Russian captivity, Zelensky said on Saturday.\n"
    (row,) = events_of(text, "2025-04-19", category="humanitarian")
    assert (row["actor1"], row["actor2"]) == ("Ukraine", "Russia")


def test_a_sides_arsenals_hit_are_a_target_not_an_attacker():
    text = ("Arsenals\nUkraine's general staff says its forces hit two Russian military arsenals overnight, one close "
            "to the town of Tikhoretsk in the Krasnodar region.\n")
    (row,) = events_of(text, "2024-09-21", category="attack")
    assert (row["actor1"], row["actor2"]) == ("Ukraine", "Russia")


def test_an_agencys_spokesperson_speaking_in_geneva_reports_the_agencys_convoy_where_it_went():
    text = ("Convoys\nSpeaking to journalists in Geneva, OCHA spokesperson Jens Laerke said a convoy of six trucks had "
            "reached the town of Toretsk on 31 January, loaded with drinking water.\n")
    (row,) = events_of(text, "2023-02-03", category="humanitarian")
    assert (row["actor1"], row["location"]) == ("United Nations", "Toretsk")
